import pytest
from django.utils import translation
from django.views.defaults import server_error

from home.models import HomePage
from tests.utils import find_tags, hreflang_alternates, html_lang

pytestmark = pytest.mark.django_db

URLS = {"kk": "/", "ru": "/ru/", "en": "/en/"}
TITLES = {
    "kk": "Алматы облыстық филиалы",
    "ru": "Алматинский областной филиал",
    "en": "Almaty regional branch",
}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_home_page_renders_in_its_language(client, language):
    response = client.get(URLS[language])

    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == language
    assert f"<h1>{TITLES[language]}</h1>" in html


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_home_page_lists_every_translation_as_alternate(client, language):
    html = client.get(URLS[language]).content.decode()

    assert hreflang_alternates(html) == {
        "kk": "http://testserver/",
        "ru": "http://testserver/ru/",
        "en": "http://testserver/en/",
        "x-default": "http://testserver/",
    }


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_language_switcher_links_to_the_other_translations(client, language):
    html = client.get(URLS[language]).content.decode()

    links = {a["hreflang"]: a["href"] for a in find_tags(html, "a") if "hreflang" in a}
    expected = {code: url for code, url in URLS.items() if code != language}
    assert links == expected
    assert f'<span aria-current="true" lang="{language}">' in html


def test_switcher_shows_a_language_without_translation_without_a_link(client):
    HomePage.objects.get(locale__language_code="en").unpublish()

    html = client.get("/ru/").content.decode()

    links = {a["hreflang"] for a in find_tags(html, "a") if "hreflang" in a}
    assert links == {"kk"}
    assert "en" not in hreflang_alternates(html)
    assert 'class="language-switcher__missing" lang="en"' in html


def test_home_page_has_skip_link_landmarks_and_own_stylesheet(client):
    html = client.get("/").content.decode()

    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html


def test_kazakh_is_served_without_prefix_whatever_the_browser_prefers(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru,en;q=0.8")

    assert response.status_code == 200
    assert html_lang(response.content.decode()) == "kk"


@pytest.mark.parametrize(
    ("url", "lang", "text"),
    [
        ("/no-such-page/", "kk", "Бет табылмады"),
        ("/ru/no-such-page/", "ru", "Страница не найдена"),
        ("/en/no-such-page/", "en", "Page not found"),
    ],
)
def test_404_page_is_translated(client, url, lang, text):
    response = client.get(url)

    assert response.status_code == 404
    html = response.content.decode()
    assert html_lang(html) == lang
    assert f"<h1>{text}</h1>" in html


@pytest.mark.parametrize(
    ("lang", "text"),
    [("kk", "Сервер қатесі"), ("ru", "Ошибка сервера"), ("en", "Server error")],
)
def test_500_page_is_translated(rf, lang, text):
    with translation.override(lang):
        response = server_error(rf.get("/"))

    assert response.status_code == 500
    html = response.content.decode()
    assert html_lang(html) == lang
    assert f"<h1>{text}</h1>" in html


def test_home_page_query_count_is_small(client, django_assert_max_num_queries):
    # The frame alone (the front page's blocks have their own budget: test_front_page.py).
    HomePage.objects.filter(locale__language_code="ru").update(body=[])
    client.get("/ru/")  # warm the site-root cache
    # Routing (site, locale, page, restrictions), the switcher's translations, the brand link.
    with django_assert_max_num_queries(10):
        client.get("/ru/")


@pytest.mark.parametrize(
    ("url", "news", "statistics", "statistics_title"),
    [
        ("/", "/news/", "/statistics/", "Статистика"),
        ("/ru/", "/ru/news/", "/ru/statistics/", "Статистика"),
        ("/en/", "/en/news/", "/en/statistics/", "Statistics"),
    ],
)
def test_header_links_to_the_news_and_statistics_of_its_language(
    client, url, news, statistics, statistics_title
):
    html = client.get(url).content.decode()

    nav = html[html.index('<nav class="site-nav"'):html.index("</nav>")]
    links = {a["href"] for a in find_tags(nav, "a")}
    assert {news, statistics} <= links
    assert f'<a href="{statistics}">{statistics_title}</a>' in nav
