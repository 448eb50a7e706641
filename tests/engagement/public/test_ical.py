"""iCal: parsed back with icalendar. Offsets on both sides of 2024-03-01, stable UIDs, growing
SEQUENCE, filters, cancellations, the 90-day window."""

import datetime
import re
import zoneinfo
from unittest import mock

import icalendar
import pytest
from django.utils import timezone

from .helpers import PAGES, almaty, event, event_path, fresh_project

pytestmark = pytest.mark.django_db
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def calendar(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(cal):
    return {str(component["summary"]): component for component in cal.walk("VEVENT")}


def feed(client, project, language="en", **params):
    return vevents(calendar(client, f"{PAGES[language]}ical/", project=project.slug, **params))


@pytest.mark.parametrize(
    ("start", "utc_hour", "offset"),
    [
        (almaty(2024, 2, 29, 10), 4, "+0600"),  # the last day of UTC+6
        (almaty(2024, 3, 1, 10), 5, "+0500"),  # the first day of UTC+5
    ],
)
def test_times_and_vtimezone_offsets_are_right_on_each_side_of_2024_03_01(
    client, start, utc_hour, offset
):
    source = event(fresh_project(), start, title="Meeting")

    cal = calendar(client, f"{event_path(source, 'en')}ical/")
    vevent = vevents(cal)["Meeting"]

    assert vevent["dtstart"].params["TZID"] == "Asia/Almaty"
    assert vevent["dtstart"].dt.astimezone(datetime.UTC).hour == utc_hour
    assert b"DTSTART;TZID=Asia/Almaty:" in cal.to_ical()
    vtimezone = cal.walk("VTIMEZONE")[0]
    assert vtimezone["tzid"] == "Asia/Almaty"
    # The zone the VTIMEZONE describes gives the right offset on that day.
    zone = vtimezone.to_tz(lookup_tzid=False)
    assert start.replace(tzinfo=None).replace(tzinfo=zone).strftime("%z") == offset


def test_the_uid_is_stable_across_edits_and_languages_and_sequence_grows(client):
    project = fresh_project()
    source = event(project, title="Meeting", last_published_at=timezone.now())

    before = feed(client, project)["Meeting"]
    source.title = "Meeting moved"
    source.start += datetime.timedelta(days=1)
    source.end += datetime.timedelta(days=1)
    source.last_published_at = timezone.now() + datetime.timedelta(seconds=5)
    source.save()
    after = feed(client, project)["Meeting moved"]
    in_russian = feed(client, project, "ru")["Meeting moved"]

    assert str(before["uid"]) == str(after["uid"]) == str(in_russian["uid"])
    assert str(source.translation_key) in str(after["uid"])
    assert int(after["sequence"]) > int(before["sequence"])


def test_publishing_a_revision_makes_sequence_grow(client):
    project = fresh_project()
    source = event(project, title="Revised")
    source.save_revision().publish()
    first = int(feed(client, project)["Revised"]["sequence"])

    source.refresh_from_db()
    source.description = "<p>New details</p>"
    later = timezone.now() + datetime.timedelta(seconds=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        source.save_revision().publish()

    assert int(feed(client, project)["Revised"]["sequence"]) > first


def test_the_feed_respects_the_filters(client):
    project = fresh_project()
    event(project, timezone.now() + datetime.timedelta(days=3), title="Talgar")
    event(project, timezone.now() + datetime.timedelta(days=4), district_slug="kegen-district",
          title="Kegen")

    assert set(feed(client, project, district="kegen-district")) == {"Kegen"}
    assert set(feed(client, project)) == {"Talgar", "Kegen"}


def test_cancelled_events_have_status_cancelled_and_a_url_back(client):
    project = fresh_project()
    source = event(project, title="Concert", cancelled=True, cancellation_reason="Rain.")

    vevent = feed(client, project)["Concert"]

    assert vevent["status"] == "CANCELLED"
    assert "Rain." in str(vevent["description"])
    assert str(vevent["url"]).endswith(event_path(source, "en")[:-1] + "-concert/")
    assert str(vevent["url"]).startswith("http://")


def test_the_feed_covers_the_last_90_days_and_everything_ahead(client):
    project = fresh_project()
    now = timezone.now()
    event(project, now - datetime.timedelta(days=200), title="Too old")
    event(project, now - datetime.timedelta(days=60), title="Recent")
    event(project, now + datetime.timedelta(days=400), title="Far ahead")
    event(project, now, title="Unpublished", live=False)

    assert set(feed(client, project)) == {"Recent", "Far ahead"}


def test_the_list_links_a_webcal_subscription_with_its_filters(client):
    project = fresh_project()
    html = client.get(PAGES["en"], {"project": project.slug}).content.decode()

    assert f'href="webcal://testserver/en/events/ical/?project={project.slug}"' in html


def test_an_unknown_filter_in_the_feed_is_ignored_not_an_error(client):
    project = fresh_project()
    event(project, title="Kept")

    assert set(feed(client, project, district="nowhere", month="13-13")) == {"Kept"}


@pytest.mark.parametrize("cancelled", [False, True])
def test_the_fast_vevent_writer_gives_the_same_bytes_as_icalendar(rf, cancelled):
    """``vevent_bytes`` writes the feed's events by hand: byte for byte what ``icalendar``
    makes of the same event, with text that needs escaping and lines that need folding."""
    from engagement.public.events import find_event
    from engagement.public.ical import build_vevent, uid_host, vevent_bytes
    from engagement.public.ids import short_id
    from engagement.stats.catalogue import Catalogue

    from .helpers import translate

    project = fresh_project()
    source = event(
        project, almaty(2027, 3, 4, 18, 30), title="Кездесу; «ауыл», жастар\\ардагерлер",
        description="<p>Бірінші жол, нүктелі; үтірлі.</p><p>" + "Ұзын сөйлем " * 12 + "</p>",
        venue_address="Абай көшесі, 12; 2-қабат", accessibility_notes="Пандус",
        settlement=None, cancelled=cancelled,
        cancellation_reason="Ауа райы, боран; кейінге қалдырылды" if cancelled else "",
        end=almaty(2027, 3, 5, 9),
    )
    translate(source, "ru", title="Встреча; «аул», молодёжь", description="")
    request = rf.get("/ru/events/ical/")
    names = Catalogue()
    for code in ("kk", "ru"):
        from wagtail.models import Locale

        public = find_event(short_id(source.translation_key),
                            Locale.objects.get(language_code=code), base_url="/ru/events/")
        url = request.build_absolute_uri(public.url)
        expected = build_vevent(public, names, url, uid_host(request)).to_ical()
        assert vevent_bytes(public, names, url, uid_host(request)) == expected
        assert b"\r\n " in expected  # a folded line was compared


@pytest.mark.django_db(False)
def test_lines_are_folded_exactly_as_icalendar_folds_them():
    """Random lines of ASCII, Cyrillic, Kazakh letters, emoji and escapes, long and short."""
    import random

    from icalendar.parser.string import _escape_char, _foldline

    from engagement.public.ical import _line

    rng = random.Random(5545)
    alphabet = "ab ,;\\^:" + "жүқәөңғұі" + "😀" + "x" * 5
    for _ in range(3000):
        value = _escape_char("".join(rng.choice(alphabet) for _ in range(rng.randrange(300))))
        assert _line("DESCRIPTION", value) == _foldline(f"DESCRIPTION:{value}").encode()


@pytest.mark.django_db(False)
def test_the_fast_plain_text_gives_what_strip_tags_and_unescape_give():
    """Random rich text (simple tags, attributes, references with and without their ``;``,
    comments, scripts, stray ``<`` and ``>``): ``plain_text`` is ``html.unescape(strip_tags(
    value)).strip()``, whether it takes its regular-expression path or not."""
    import html
    import random

    from django.utils.html import strip_tags

    from engagement.public import ical

    rng = random.Random(5545)
    pieces = [
        "<p>", "</p>", "<br/>", "<br />", '<a href="/x?a=1&amp;b=2">', "</a>", "<b>", "</b >",
        "&amp;", "&lt;", "&gt;", "&#65;", "&#x41;", "&amp", "&foo", "&", "<", ">", "жүқ",
        "Ұзын сөйлем ", " ", "\n", "<!-- c -->", "<script>x<y</script>", "<h2 class='t'>",
        '<embed embedtype="image" id="3"/>', "&nbsp;", "&#", "&#12", '<p data-x="a>b">',
        "<P>", '<a\nhref="x">', "</", "<1>", "<x y=z>", "&quot;", "\t", "<ul><li>",
        "</li></ul>", "&AMP;", "&ampx;", '<a linktype="page" id="3">',
    ]
    fast = 0
    for _ in range(5000):
        value = "".join(rng.choice(pieces) for _ in range(rng.randrange(12)))
        assert ical.plain_text(value) == html.unescape(strip_tags(value)).strip(), value
        stripped = ical._SIMPLE_TAG.sub("", value)
        fast += "<" not in stripped and not ical._LOOSE_REFERENCE.search(stripped)
    assert fast > 500  # the regular-expression path was compared, not only the fallback
    assert ical.plain_text(None) == "" and ical.plain_text("<p> a &amp; b </p>") == "a & b"


@pytest.mark.django_db(False)
def test_the_fast_escaping_and_uri_quoting_match_icalendar_and_django():
    import random

    from django.utils.encoding import iri_to_uri
    from icalendar.parser.string import _escape_char

    from engagement.public.ical import _escape, _iri_to_uri

    rng = random.Random(2445)
    alphabet = "ab -_.~/#%[]=:;$&()+,!?*@'\"<>\\^`{|}\r\n\\N" + "жүқәөңғұі" + "😀" + "x" * 5
    for _ in range(3000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randrange(60)))
        assert _escape(value) == _escape_char(value)
        assert _iri_to_uri(value) == iri_to_uri(value)


@pytest.mark.parametrize("by_id", [True, False])
def test_a_cold_feed_and_one_rebuilt_from_a_second_query_are_the_same_bytes(
        client, rf, monkeypatch, by_id):
    """Cold, the feed reads its texts with its keys; once written, a missing event's texts
    come from a second query (by id, or the feed's own query when many are missing). Each
    gives the same bytes, translations and fallbacks included."""
    from django.core.cache import cache

    from engagement.public import feed, ical

    from .helpers import translate

    if not by_id:
        monkeypatch.setattr(feed, "MISSING_BY_ID", 0)
    project = fresh_project()
    source = event(project, almaty(2027, 3, 4, 18, 30), title="Бірінші кездесу",
                   description="<p>Мәтін &amp; т.б.</p>", venue_address="Абай көшесі, 1")
    translate(source, "ru", title="Первая встреча", description="<p>Текст; ещё</p>")
    event(project, almaty(2027, 3, 5, 10), title="Тек қазақша",
          description="<p>Аударма жоқ</p>", cancelled=True, cancellation_reason="Боран")
    path = f"{PAGES['ru']}ical/"
    cache.clear()
    cold = client.get(path, {"project": project.slug}).content
    request = rf.get(path, {"project": project.slug})
    key = feed.store_key(request, ical.uid_host(request), "ru")
    store = cache.get(key)
    assert len(store["events"]) == 2  # the cold path wrote both events, as one entry
    first = next(iter(store["events"]))
    cache.clear()  # drops the whole feed; the store comes back without its first event
    cache.set(key, {**store, "events": {k: v for k, v in store["events"].items()
                                         if k != first}})
    rebuilt = client.get(path, {"project": project.slug}).content
    assert rebuilt == cold
    assert len(cache.get(key)["events"]) == 2
    assert "Первая встреча" in cold.decode() and "Текст\\; ещё" in cold.decode()
    assert "Тек қазақша" in cold.decode() and "Боран" in cold.decode()


def test_each_event_of_the_feed_is_what_icalendar_writes(client, rf):
    """The feed writes its events from plain values: each ``VEVENT`` is byte for byte
    ``build_vevent(...).to_ical()`` of the same event (translated, fallback, cancelled, with a
    settlement, text that needs escaping)."""
    from wagtail.models import Locale

    from engagement.models import Place
    from engagement.public.events import find_event
    from engagement.public.ical import build_vevent, uid_host
    from engagement.public.ids import short_id
    from engagement.stats.catalogue import Catalogue

    from .helpers import translate

    project = fresh_project()
    translated = event(project, almaty(2027, 3, 4, 18, 30), title="Кездесу; «ауыл»",
                       description="<p>Бірінші, екінші; үшінші</p>", venue_address="Абай, 1")
    translate(translated, "ru", title="Встреча, аул", venue_address="Абая, 1")
    settlement = Place.objects.filter(parent__slug="talgar-district",
                                      locale__language_code="kk").first()
    fallback = event(project, almaty(2027, 3, 5, 10), title="Тек қазақша " + "ұзын " * 20,
                     settlement=settlement, cancelled=True, cancellation_reason="Боран, қар")
    path = f"{PAGES['ru']}ical/"
    content = client.get(path, {"project": project.slug}).content
    request = rf.get(path, {"project": project.slug})
    names, ru = Catalogue(), Locale.objects.get(language_code="ru")
    for source in (translated, fallback):
        public = find_event(short_id(source.translation_key), ru, base_url=PAGES["ru"])
        expected = build_vevent(public, names, request.build_absolute_uri(public.url),
                                uid_host(request)).to_ical()
        assert expected in content
    assert content.count(b"BEGIN:VEVENT") == 2


def test_renaming_a_project_rewrites_the_feed_s_events(client):
    """The feed keeps its written events between changes; a project's new name still shows
    at once (the written events carry a fingerprint of the names)."""
    project = fresh_project()
    event(project, title="Meeting")
    assert feed(client, project, language="kk")["Meeting"]["categories"].cats == [project.name]

    project.name = "Жаңа атау"
    project.save()

    assert feed(client, project, language="kk")["Meeting"]["categories"].cats == ["Жаңа атау"]


def test_a_feed_written_before_is_rebuilt_in_two_queries_after_a_change(client):
    """After a change (the statistics version bumped) the feed reads its rows' keys (one
    query) and writes only the changed event (one query for its texts); cold, the texts come
    with the keys."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from engagement.stats.cache import _bump as bump  # what a committed change does

    project = fresh_project()
    events = [event(project, almaty(2027, 4, 1 + number, 10), title=f"E{number}",
                    last_published_at=timezone.now()) for number in range(5)]
    path = f"{PAGES['kk']}ical/"
    client.get(path, {"project": project.slug})  # written, and per-process caches filled

    def feed_queries():
        with CaptureQueriesContext(connection) as context:
            content = client.get(path, {"project": project.slug}).content
        return [query["sql"] for query in context.captured_queries], content

    bump()
    unchanged, _ = feed_queries()
    events[0].title = "E0 changed"
    events[0].last_published_at = timezone.now()
    events[0].save()
    changed, content = feed_queries()

    def of_events(queries):
        return [sql for sql in queries if re.search(r'FROM "engagement_event"(?!\w)', sql)]

    assert len(of_events(unchanged)) == 1  # the keys only: nothing to write
    assert len(of_events(changed)) == 2
    assert b"SUMMARY:E0 changed" in content


@pytest.mark.django_db(False)
def test_the_fast_slug_is_slugify_s():
    """``event_slug`` skips ``slugify``'s lazy wrapper; it gives what ``slugify`` gives, cut to
    60 characters (random Kazakh, Russian, Latin, digits, punctuation and spaces)."""
    import random

    from django.utils.text import slugify

    from engagement.public.ids import event_slug

    rng = random.Random(7)
    alphabet = "аәбғқңөұүһіАӘҒҚҢӨҰҮҺІ ёЁыЫabcXYZ09 -_—–«»,.;:!?'\"()/\\\t\n①ﬁ"
    for _ in range(3000):
        title = "".join(rng.choice(alphabet) for _ in range(rng.randrange(90)))
        assert event_slug(title) == (slugify(title, allow_unicode=True)[:60].strip("-")
                                     or "event")
