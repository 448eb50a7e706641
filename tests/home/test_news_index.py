"""The news index: its list, filters (topic, project, year), bad filter values and pagination."""

import datetime

import pytest

from engagement.models import Project
from tests.home.news_factories import make_article, make_image, make_topic, news_index
from tests.utils import find_tags, html_lang

pytestmark = pytest.mark.django_db

INDEX_URLS = {"kk": "/news/", "ru": "/ru/news/", "en": "/en/news/"}


def article_titles(html):
    """Titles of the listed articles, in order."""
    import re

    return re.findall(r'<h2 class="news-card__title"><a href="[^"]*">([^<]*)</a></h2>', html)


def options(html, name):
    select = html[html.index(f'name="{name}"'):]
    select = select[: select.index("</select>")]
    return [option.get("value") for option in find_tags(select, "option")]


@pytest.mark.parametrize(
    ("language", "heading", "first"),
    [
        ("kk", "Жаңалықтар", "Жастар ауылдарды көгалдандыруға атсалысты"),
        ("ru", "Новости", "Молодёжь приняла участие в озеленении сёл"),
        ("en", "News", "Young volunteers help to green the villages"),
    ],
)
def test_index_lists_the_news_of_its_language_newest_first(client, language, heading, first):
    html = client.get(INDEX_URLS[language]).content.decode()

    assert html_lang(html) == language
    assert f"<h1>{heading}</h1>" in html
    titles = article_titles(html)
    assert len(titles) == 5
    assert titles[0] == first


def test_index_offers_the_years_topics_and_projects_its_articles_use(client):
    html = client.get("/ru/news/").content.decode()

    assert options(html, "year") == ["", "2022", "2021", "2020"]
    assert options(html, "project") == [
        "", "ardagerlerdi-ardaqtaiyq", "baqytty-otbasy", "jastar-otanga", "kedergisiz-keleshek"
    ]
    # Topics in Russian, in the order of their Russian names; the slug is the Kazakh one's.
    assert options(html, "topic") == [
        "", "ardagerler", "eriktiler", "zhenis-kuni", "balalar", "zhol-kartasy", "inkluziya",
        "konferentsiya", "zhastar", "otbasy", "sport",
    ]
    assert '<option value="zhol-kartasy">Дорожная карта</option>' in html


def test_filter_by_year(client):
    html = client.get("/en/news/?year=2020").content.decode()

    assert article_titles(html) == ["Sports games for people with disabilities"]
    assert '<option value="2020" selected>2020</option>' in html


@pytest.mark.parametrize(
    ("language", "title", "name"),
    [
        ("kk", "Жеңіс күні қарсаңында ардагерлерге құрмет", "Ардагерлер"),
        ("ru", "Чествование ветеранов накануне Дня Победы", "Ветераны"),
        ("en", "Honouring veterans on the eve of Victory Day", "Veterans"),
    ],
)
def test_filter_by_topic_with_the_same_slug_in_every_language(client, language, title, name):
    html = client.get(INDEX_URLS[language], {"topic": "ardagerler"}).content.decode()

    assert article_titles(html) == [title]
    assert f'<option value="ardagerler" selected>{name}</option>' in html


def test_the_old_tag_parameter_redirects_to_the_topic(client):
    response = client.get("/ru/news/", {"tag": "ardagerler", "year": "2021"})

    assert response.status_code == 301
    assert response["Location"] == "/ru/news/?year=2021&topic=ardagerler"


def test_an_article_translated_before_its_topic_shows_the_kazakh_name(client):
    topic = make_topic("new-topic", "Жаңа тақырып")  # no Russian translation
    make_article(index=news_index("ru"), title="Статья", slug="statya", topics=[topic])

    html = client.get("/ru/news/").content.decode()

    # Named in Kazakh until it is translated, and marked so for screen readers.
    assert '<option value="new-topic" lang="kk">Жаңа тақырып</option>' in html
    html = client.get("/ru/news/", {"topic": "new-topic"}).content.decode()
    assert article_titles(html) == ["Статья"]


def test_filter_by_project_slug_in_every_language(client):
    for url in ("/news/", "/ru/news/", "/en/news/"):
        html = client.get(url, {"project": "baqytty-otbasy"}).content.decode()

        assert len(article_titles(html)) == 2  # the family day and the conference report


def test_project_filter_names_projects_in_the_readers_language(client):
    html = client.get("/en/news/").content.decode()

    assert '<option value="baqytty-otbasy">Bakytty Otbasy (“Happy Family”)</option>' in html


def test_filters_combine(client):
    html = client.get("/news/", {"project": "baqytty-otbasy", "year": "2021"}).content.decode()
    assert len(article_titles(html)) == 2

    html = client.get("/news/", {"project": "jastar-otanga", "year": "2020"}).content.decode()
    assert article_titles(html) == []
    assert "Әзірге жаңалық жоқ." in html


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "1999"},  # a year without articles is not offered
        {"year": "99999999999999999999"},
        {"topic": "no-such-topic"},
        {"project": "no-such-project"},
        {"project": "'; DROP TABLE home_newspage; --"},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "9999"},
    ],
)
def test_unknown_filter_values_show_the_unfiltered_index(client, query):
    response = client.get("/en/news/", query)

    assert response.status_code == 200
    assert len(article_titles(response.content.decode())) == 5


def test_unknown_filter_value_is_reported_in_the_readers_language(client):
    html = client.get("/ru/news/", {"year": "abc"}).content.decode()

    assert 'role="status"' in html
    assert "Неизвестное значение «abc» для фильтра «Год»" in html


def test_unknown_value_does_not_drop_the_valid_filters(client):
    html = client.get("/en/news/", {"year": "abc", "project": "baqytty-otbasy"}).content.decode()

    assert len(article_titles(html)) == 2


def test_index_paginates_by_twelve(client):
    for number in range(20):
        make_article(title=f"Old {number:02d}", date=datetime.date(2019, 1, number + 1))

    first = client.get("/news/").content.decode()
    second = client.get("/news/", {"page": "2"}).content.decode()

    last = client.get("/news/", {"page": "3"}).content.decode()

    assert len(article_titles(first)) == 12
    assert len(article_titles(second)) == 12
    assert len(article_titles(last)) == 25 - 24
    assert '<span aria-current="page">2</span>' in second
    assert 'href="?page=1"' in second and 'rel="prev"' in second


def test_pagination_keeps_the_filters(client):
    for number in range(13):
        make_article(title=f"Old {number:02d}", date=datetime.date(2019, 1, number + 1))

    html = client.get("/news/", {"year": "2019"}).content.decode()

    assert 'href="?year=2019&amp;page=2"' in html


def test_index_shows_only_live_articles(client):
    make_article(title="A draft", publish=False)

    assert "A draft" not in client.get("/news/").content.decode()


def test_index_queries_do_not_grow_with_the_number_of_articles(
    client, django_assert_max_num_queries
):
    project = Project.objects.get(slug="baqytty-otbasy", locale__language_code="kk")
    index = news_index()
    topics = [make_topic(f"topic-{number}", f"Тақырып {number}") for number in range(7)]

    def add(count, start):
        for number in range(start, start + count):
            make_article(
                index=index, title=f"Article {number}", slug=f"article-{number}",
                date=datetime.date(2023, 1, 1) + datetime.timedelta(days=number),
                hero_image=make_image(f"Hero {number}", size=(64, 36)),
                topics=[topics[number % 7]], projects=[project],
            )

    def measure():
        client.get("/news/")
        with django_assert_max_num_queries(100) as context:
            response = client.get("/news/")
        assert response.status_code == 200
        return len(context.captured_queries)

    add(12, 0)
    with_twelve = measure()
    add(108, 12)  # newer: the first page now shows twelve other articles and images
    with_hundred_and_twenty = measure()

    assert with_hundred_and_twenty == with_twelve
    assert with_twelve <= 25


@pytest.mark.parametrize(
    ("language", "label", "empty"),
    [
        ("kk", "Тақырып", "Барлық тақырып"),
        ("ru", "Тема", "Все темы"),
        ("en", "Topic", "All topics"),
    ],
)
def test_the_topic_filter_is_labelled_in_the_readers_language(client, language, label, empty):
    html = client.get(INDEX_URLS[language]).content.decode()

    assert f'<label for="id_topic">{label}</label>' in html
    assert f'<option value="" selected>{empty}</option>' in html


def test_an_article_names_its_topics_in_the_readers_language(client):
    html = client.get("/ru/news/veterans-victory-day-2021/").content.decode()

    assert "<h2>Темы</h2>" in html
    assert '<a href="/ru/news/?topic=ardagerler">Ветераны</a>' in html
    assert '<a href="/ru/news/?topic=zhenis-kuni">День Победы</a>' in html
    assert '<meta property="article:tag" content="Ветераны">' in html


def test_the_topic_filter_is_in_kazakh_alphabetical_order(client):
    names = {"irgeli": "іргелі", "ulttyq": "ұлттық", "qazaq": "қазақ", "kezdesu": "кездесу",
             "gylym": "ғылым"}
    topics = [make_topic(f"order-{slug}", name) for slug, name in names.items()]
    make_article(news_index("kk"), title="Әліпби", topics=topics)

    html = client.get("/news/").content.decode()
    labels = [label for label in options_labels(html, "topic") if label in names.values()]

    # Code-point order would put кездесу and іргелі before ғылым.
    assert labels == ["ғылым", "кездесу", "қазақ", "ұлттық", "іргелі"]


def options_labels(html, name):
    import re

    select = html[html.index(f'name="{name}"'):]
    select = select[: select.index("</select>")]
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select)]
