"""The front page: the demo's blocks show real data in kk, ru and en, read well when empty, and
cost the same number of queries however many events, articles and projects there are."""

import datetime
import io

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Locale

from engagement.models import Event, EventCalendarPage, Project
from engagement.public.events import public_events, wrap
from engagement.stats import StatsQuery, get_statistics
from home.blocks import CallToActionBlock
from home.models import HomePage, NewsIndexPage, NewsPage
from tests.engagement.helpers import district, make_event, project
from tests.utils import html_lang

pytestmark = pytest.mark.django_db

URLS = {"kk": "/", "ru": "/ru/", "en": "/en/"}
HEADINGS = {
    "kk": ("Жақын арадағы іс-шаралар", "Соңғы жаңалықтар", "Біздің нәтижелер", "Біздің жобалар",
           "Бізге қосылыңыз"),
    "ru": ("Ближайшие мероприятия", "Последние новости", "Наши результаты", "Наши проекты",
           "Присоединяйтесь"),
    "en": ("Next events", "Latest news", "Our results", "Our projects", "Join us"),
}


def block_html(html, block_type):
    """The HTML of the front page's first block of ``block_type``."""
    start = html.index(f"front-page__block--{block_type}")
    end = html.find('<div class="front-page__block ', start + 1)
    return html[start:end if end > 0 else len(html)]


def next_events(language, count=4):
    locale = Locale.objects.get(language_code=language)
    rows = public_events().filter(end__gte=timezone.now()).order_by("start", "pk")[:count]
    return wrap(rows, locale)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_front_page_blocks_show_real_data_in_the_pages_language(client, language):
    response = client.get(URLS[language])

    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == language
    for heading in HEADINGS[language]:
        assert f">{heading}</h2>" in html

    events = block_html(html, "upcoming_events")
    expected = next_events(language)
    assert len(expected) == 4
    for event in expected:
        assert escape(event.title) in events
    calendar = EventCalendarPage.objects.get(locale__language_code=language)
    assert f'href="{calendar.url}{expected[0].short_id}-' in events

    news = block_html(html, "latest_news")
    articles = list(NewsPage.objects.live().filter(locale__language_code=language)
                    .order_by("-date", "-pk")[:3])
    for article in articles:
        assert f'<a href="{article.url}">{escape(article.title)}</a>' in news
    assert news.count('type="image/avif"><source') == 3  # every article has its picture

    figures = block_html(html, "live_figures")
    total = get_statistics(StatsQuery()).total
    with translation.override(language):
        assert f'<dd data-total="participants">{intcomma(total.participants)}</dd>' in figures
        assert f'<dd data-total="events">{intcomma(total.events)}</dd>' in figures

    projects = block_html(html, "projects")
    for row in Project.objects.filter(locale__language_code="kk", active=True):
        assert f'href="{calendar.url}projects/{row.slug}/"' in projects

    action = block_html(html, "call_to_action")
    assert f'<a class="front-cta__link" href="{calendar.url}">' in action


def test_front_page_shows_an_untranslated_event_in_its_language_with_lang(client):
    own = project("front-page-test", name="Алдыңғы бет")
    make_event(own, district("talgar-district"), title="Аударылмаған кездесу",
               start=timezone.now() + datetime.timedelta(minutes=30))

    html = block_html(client.get("/en/").content.decode(), "upcoming_events")

    title = html.index("Аударылмаған кездесу")
    card = html[html.rfind("<article", 0, title):title]
    assert 'lang="kk"' in card
    assert "Not translated yet" in html[title:html.index("</article>", title)]


def test_empty_blocks_read_well(client):
    Event.objects.update(live=False)
    NewsPage.objects.filter(locale__language_code="ru").update(live=False)
    Project.objects.update(active=False)

    html = client.get("/ru/").content.decode()

    assert "Сейчас мероприятий не запланировано. Прошедшие мероприятия есть в календаре." in (
        block_html(html, "upcoming_events"))
    assert "Новостей пока нет." in block_html(html, "latest_news")
    assert "Проектов пока нет." in block_html(html, "projects")


def test_blocks_render_nothing_without_a_calendar_page(client):
    EventCalendarPage.objects.update(live=False)

    html = client.get("/ru/").content.decode()

    assert "Ближайшие мероприятия" not in html
    assert "Наши проекты" not in html
    assert "Последние новости" in html


def _image(name):
    from PIL import Image as PillowImage

    data = io.BytesIO()
    PillowImage.new("RGB", (64, 36), "#0b3d91").save(data, "JPEG")
    return get_image_model().objects.create(
        title=name, file=ImageFile(io.BytesIO(data.getvalue()), name=f"{name}.jpg")
    )


def _count(client, path):
    client.get(path)  # creates missing renditions, fills per-process caches
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def test_front_page_queries_do_not_grow_with_events_news_and_projects(
    client, django_assert_max_num_queries
):
    own = project("front-page-count", name="Санақ")
    # An uncommitted event change from the start, so both counts bypass the statistics cache.
    make_event(own, district("talgar-district"),
               start=timezone.now() - datetime.timedelta(days=400))
    before = _count(client, "/ru/")

    for number in range(15):
        make_event(own, district("karasay-district"), title=f"Санақ {number}",
                   start=timezone.now() + datetime.timedelta(hours=number + 1))
    index = NewsIndexPage.objects.get(locale__language_code="ru")
    for number in range(4):
        # Half with a hero image, half with an image in the body, as the demo's articles.
        picture = _image(f"fresh-{number}")
        fields = {"hero_image": picture} if number % 2 else {"body": [
            ("image", {"image": picture, "alt_text": "Сурет", "decorative": False,
                       "caption": ""}),
        ]}
        index.add_child(instance=NewsPage(
            title=f"Свежая новость {number}", slug=f"fresh-{number}",
            locale=index.locale, date=timezone.localdate(), **fields,
        ))
    for number in range(3):
        project(f"extra-project-{number}", name=f"Қосымша {number}")
    after = _count(client, "/ru/")

    assert after == before
    html = client.get("/ru/").content.decode()
    assert "Свежая новость 3" in html and "Санақ 0" in html and "Қосымша 2" in html
    # 37 with the statistics cache bypassed (the uncommitted change above); issue 15 wants
    # at most 12.
    with django_assert_max_num_queries(37):
        client.get("/ru/")


def test_call_to_action_needs_a_page_or_an_address():
    block = CallToActionBlock()
    value = block.to_python({"heading": "Қатысыңыз", "link_label": "Іс-шаралар"})

    with pytest.raises(ValidationError):
        block.clean(value)


def test_call_to_action_links_the_chosen_page_in_the_readers_language(rf):
    block = CallToActionBlock()
    calendar = EventCalendarPage.objects.get(locale__language_code="kk")
    value = block.to_python({"heading": "Қатысыңыз", "link_label": "Іс-шаралар",
                             "page": calendar.pk})

    with translation.override("ru"):
        html = block.render(value)

    assert 'href="/ru/events/"' in html


def test_demo_arranges_the_front_page_blocks():
    home = HomePage.objects.get(locale__language_code="kk")

    assert [block.block_type for block in home.body] == [
        "upcoming_events", "latest_news", "live_figures", "projects", "call_to_action",
    ]


def test_editors_arrange_the_front_page_in_the_page_editor(admin_client):
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    home = HomePage.objects.get(locale__language_code="kk")
    edit_url = f"/admin/pages/{home.pk}/edit/"
    form = admin_client.get(edit_url)
    assert form.status_code == 200
    assert "upcoming_events" in form.content.decode()

    data = nested_form_data({
        "title": home.title, "slug": home.slug, "intro": home.intro,
        "body": streamfield([
            ("paragraph", rich_text("<p>Филиал жаңалықтары</p>")),
            ("upcoming_events", {"heading": "Осы аптада", "count": "2"}),
            ("call_to_action", {"heading": "Жазылыңыз", "text": "", "link_label": "Жазылу",
                                "page": "", "url": "https://example.com/join"}),
        ]),
        "comments": inline_formset([]),
        "action-publish": "publish",
    })
    response = admin_client.post(edit_url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    html = admin_client.get("/").content.decode()
    assert "Филиал жаңалықтары</p></div>" in html
    assert ">Осы аптада</h2>" in html
    assert html.count('<article class="eg-event-card') == 2
    assert '<a class="front-cta__link" href="https://example.com/join">Жазылу</a>' in html
