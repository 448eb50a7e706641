"""RSS feeds per locale and the multilingual sitemap."""

import xml.etree.ElementTree as ET

import pytest

from tests.home.news_factories import make_article
from tests.utils import find_tags

pytestmark = pytest.mark.django_db

XHTML = "{http://www.w3.org/1999/xhtml}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def feed_items(response):
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


@pytest.mark.parametrize(
    ("url", "first_title", "index_url"),
    [
        ("/feed/", "Жастар ауылдарды көгалдандыруға атсалысты", "/news/"),
        ("/ru/feed/", "Молодёжь приняла участие в озеленении сёл", "/ru/news/"),
        ("/en/feed/", "Young volunteers help to green the villages", "/en/news/"),
    ],
)
def test_each_language_has_its_own_feed(client, url, first_title, index_url):
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel, items = feed_items(response)
    assert channel.findtext("link") == f"http://testserver{index_url}"
    assert len(items) == 5
    assert items[0].findtext("title") == first_title
    assert items[0].findtext("link").startswith(f"http://testserver{index_url}")
    assert items[0].findtext("pubDate").startswith("Sat, 23 Apr 2022")


@pytest.mark.parametrize(
    ("url", "topics"),
    [
        ("/feed/", ["Жол картасы", "Конференция"]),
        ("/ru/feed/", ["Дорожная карта", "Конференция"]),
        ("/en/feed/", ["Conference", "Road map"]),
    ],
)
def test_feed_items_carry_lead_and_topics_in_the_feeds_language(client, url, topics):
    _channel, items = feed_items(client.get(url))
    report = next(item for item in items if "xxviii-reporting" in item.findtext("link"))

    assert report.findtext("description")
    assert [category.text for category in report.findall("category")] == topics


def test_feed_queries_do_not_grow_with_the_number_of_topics(
    client, django_assert_max_num_queries
):
    from tests.home.news_factories import make_topic

    client.get("/feed/")
    with django_assert_max_num_queries(50) as before:
        client.get("/feed/")
    for number in range(5):
        topic = make_topic(f"feed-topic-{number}", f"Тақырып {number}", ru=f"Тема {number}")
        make_article(title=f"Feed {number}", slug=f"feed-{number}", topics=[topic, topic])
    with django_assert_max_num_queries(50) as after:
        response = client.get("/feed/")

    assert len(after.captured_queries) == len(before.captured_queries)
    assert "<category>Тақырып 4</category>" in response.content.decode()


def test_feed_leaves_out_drafts(client):
    make_article(title="Unpublished draft", publish=False)

    assert b"Unpublished draft" not in client.get("/feed/").content


@pytest.mark.parametrize(("url", "feed"), [("/", "/feed/"), ("/ru/", "/ru/feed/"),
                                           ("/en/news/", "/en/feed/")])
def test_every_page_links_its_languages_feed_in_the_head(client, url, feed):
    html = client.get(url).content.decode()

    links = [link for link in find_tags(html, "link") if link.get("type") == "application/rss+xml"]
    assert [link["href"] for link in links] == [feed]


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def test_sitemap_lists_every_locale_with_hreflang_alternates(client):
    entries = sitemap_entries(client)

    report = "news/xxviii-reporting-election-conference/"
    expected = {
        "kk": f"http://testserver/{report}",
        "ru": f"http://testserver/ru/{report}",
        "en": f"http://testserver/en/{report}",
        "x-default": f"http://testserver/{report}",
    }
    for code in ("kk", "ru", "en"):
        assert entries[expected[code]] == expected
    assert entries["http://testserver/ru/"]["en"] == "http://testserver/en/"
    assert entries["http://testserver/ru/events/"]["kk"] == "http://testserver/events/"
    assert entries["http://testserver/en/contacts/"]["ru"] == "http://testserver/ru/contacts/"
    # home, news index, five articles, the statistics, the events and the contacts page, and
    # the calendar's project index and project pages (one per active party project), in three
    # languages
    from engagement.models import Project

    projects = Project.objects.party().filter(locale__language_code="kk", active=True).count()
    # ... and the news index's list of each of the ten demo topics
    assert len(entries) == 3 * (10 + 1 + projects + 10)
    assert entries["http://testserver/ru/events/projects/"]["en"] == (
        "http://testserver/en/events/projects/"
    )


def test_sitemap_lists_each_topics_news_in_every_language_paired_by_slug(client):
    from tests.home.news_factories import make_topic, news_index

    entries = sitemap_entries(client)

    veterans = {code: f"http://testserver{prefix}news/?topic=ardagerler"
                for code, prefix in (("kk", "/"), ("ru", "/ru/"), ("en", "/en/"))}
    assert entries[veterans["ru"]] == {**veterans, "x-default": veterans["kk"]}
    # A topic only the Russian news have is listed alone, not paired with another topic.
    topic = make_topic("only-russian", "Тек орысша", ru="Только по-русски")
    make_article(index=news_index("ru"), title="Только", slug="tolko", topics=[topic])
    entries = sitemap_entries(client)
    assert entries["http://testserver/ru/news/?topic=only-russian"] == {}
    assert entries[veterans["en"]] == {**veterans, "x-default": veterans["kk"]}


def test_sitemap_leaves_out_drafts_and_lists_untranslated_pages_alone(client):
    make_article(title="Draft", slug="a-draft", publish=False)
    make_article(title="Kazakh only", slug="kazakh-only")

    entries = sitemap_entries(client)

    assert "http://testserver/news/a-draft/" not in entries
    assert entries["http://testserver/news/kazakh-only/"] == {}


def test_sitemap_queries_do_not_grow_with_the_pages(client, django_assert_max_num_queries):
    client.get("/sitemap.xml")
    with django_assert_max_num_queries(100) as before:
        client.get("/sitemap.xml")
    for number in range(10):
        make_article(title=f"More {number}", slug=f"more-{number}")
    client.get("/sitemap.xml")
    with django_assert_max_num_queries(100) as after:
        client.get("/sitemap.xml")

    assert len(after.captured_queries) == len(before.captured_queries)
