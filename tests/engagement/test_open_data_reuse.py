"""Open data readable by people and programs: UTF-8 JSON with its charset, CORS on every
public answer (refusals included), the licence in every response and on the statistics page,
and the page's open-data links carrying its filters."""

import csv
import io
import re

import pytest

from .helpers import almaty
from .stats_helpers import fresh_project, held_event

pytestmark = pytest.mark.django_db

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "spdx": "CC-BY-4.0",
    "url": CC_BY,
}
# Every public open-data answer: the three documents and a refusal of each.
ANSWERS = [
    ("/ru/open-data/statistics.json", {}, 200),
    ("/ru/open-data/statistics.csv", {}, 200),
    ("/ru/open-data/events.json", {}, 200),
    ("/open-data/statistics.json", {"year": "20x1"}, 400),
    ("/open-data/statistics.csv", {"project": "no-such"}, 400),
    ("/en/open-data/events.json", {"page": "999"}, 400),
]


@pytest.mark.parametrize(("path", "params", "status"), ANSWERS)
def test_every_answer_may_be_read_by_any_site_and_names_the_licence(client, path, params,
                                                                    status):
    response = client.get(path, params)

    assert response.status_code == status
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Link"] == f'<{CC_BY}>; rel="license"'
    # Scripts of another site may read the Link header too.
    assert response["Access-Control-Expose-Headers"] == "Link"


@pytest.mark.parametrize(("path", "params", "status"),
                         [answer for answer in ANSWERS if ".json" in answer[0]])
def test_json_is_utf8_text_with_its_charset_and_a_licence_object(client, path, params, status):
    response = client.get(path, params)

    assert response["Content-Type"] == "application/json; charset=utf-8"
    text = response.content.decode("utf-8")
    assert "\\u" not in text
    assert response.json()["licence"] == LICENCE


def test_kazakh_and_russian_names_are_written_as_letters(client):
    project_ = fresh_project()
    project_.name = "Ардагерлерді ардақтайық"
    project_.save()
    held_event(project_, 10, "talgar-district", start=almaty(2022, 3, 1))

    kazakh = client.get("/open-data/statistics.json", {"project": project_.slug}).content
    russian = client.get("/ru/open-data/events.json", {"project": project_.slug}).content

    assert "Ардагерлерді ардақтайық".encode() in kazakh
    assert "Талғар ауданы".encode() in kazakh
    assert "Талгарский район".encode() in russian
    assert b"\\u04" not in kazakh + russian


def test_the_csv_starts_with_its_column_names_and_no_comment(client):
    response = client.get("/open-data/statistics.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows[0][0] == "dimension" and rows[1][0] == "total"
    assert not any(row and row[0].startswith("#") for row in rows)


def test_a_host_may_name_another_licence(client, settings):
    settings.ENGAGEMENT_OPEN_DATA_LICENCE = {
        "name": "Open Data Commons Open Database License (ODbL)",
        "url": "https://opendatacommons.org/licenses/odbl/1-0/",
    }

    response = client.get("/en/open-data/statistics.json")
    page = client.get("/en/statistics/").content.decode()

    assert response.json()["licence"] == {
        "name": "Open Data Commons Open Database License (ODbL)", "spdx": "",
        "url": "https://opendatacommons.org/licenses/odbl/1-0/",
    }
    assert response["Link"] == '<https://opendatacommons.org/licenses/odbl/1-0/>; rel="license"'
    assert ('Licence: <a href="https://opendatacommons.org/licenses/odbl/1-0/" rel="license">'
            "Open Data Commons Open Database License (ODbL)</a>.</p>") in page
    # What CC BY allows is not said of another licence.
    assert "as long as you name the source" not in page


def test_the_ical_feed_may_be_read_by_any_site(client):
    response = client.get("/events/ical/")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_admins_statistics_are_not_open_to_other_sites(admin_client):
    response = admin_client.get("/admin/engagement/statistics.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/statistics/", "Лицензия: <a href=\"{url}\" rel=\"license\" lang=\"en\">{name}</a>. "
                         "Деректерді көшіруге, таратуға және өңдеуге, оның ішінде коммерциялық "
                         "мақсатта пайдалануға болады, тек дереккөзін көрсету керек."),
        ("/ru/statistics/", "Лицензия: <a href=\"{url}\" rel=\"license\" lang=\"en\">{name}</a>. "
                            "Данные можно копировать, распространять и перерабатывать, в том "
                            "числе в коммерческих целях, при условии указания источника."),
        ("/en/statistics/", "Licence: <a href=\"{url}\" rel=\"license\" lang=\"en\">{name}</a>. "
                            "You may copy, share and adapt the data, also commercially, as long "
                            "as you name the source."),
    ],
)
def test_the_statistics_page_names_the_licence_in_its_language(client, url, text):
    html = client.get(url).content.decode()

    section = html[html.index('id="stats-open-data"'):]
    assert text.format(url=CC_BY, name=LICENCE["name"]) in section


def open_data_hrefs(html):
    section = html[html.index('id="stats-open-data"'):]
    return re.findall(r'href="(/en/open-data/[^"]*)"', section)


def test_the_open_data_links_carry_the_pages_filters(client):
    first, second = fresh_project(), fresh_project()
    held_event(first, 10, start=almaty(2022, 3, 1))
    held_event(second, 5, "kegen-district", start=almaty(2022, 4, 1))
    filters = {"project": [first.slug, second.slug], "district": "kegen-district",
               "year": "2022"}

    html = client.get("/en/statistics/", {**filters, "utm_source": "x"}).content.decode()

    query = (f"?project={first.slug}&amp;project={second.slug}&amp;district=kegen-district"
             "&amp;year=2022")
    assert open_data_hrefs(html) == [
        f"/en/open-data/{name}{query}"
        for name in ("statistics.json", "statistics.csv", "events.json")
    ]
    # The link gives the page's figures.
    data = client.get(f"/en/open-data/statistics.json{query.replace('&amp;', '&')}").json()
    assert data["totals"]["participants"] == 5
    assert data["filters"]["project"] == [first.slug, second.slug]


def test_a_refused_filter_is_left_out_of_the_links_as_out_of_the_pages_figures(client):
    html = client.get(
        "/en/statistics/", {"project": ["no-such"], "year": "2022", "district": "nowhere"}
    ).content.decode()

    assert "There is no project “no-such”." in html
    assert open_data_hrefs(html)[0] == "/en/open-data/statistics.json?year=2022"


def test_an_unfiltered_page_links_the_whole_data(client):
    html = client.get("/en/statistics/").content.decode()

    assert 'href="/en/open-data/statistics.json"' in html
    assert 'href="/en/open-data/events.json"' in html
