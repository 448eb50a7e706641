"""Honest reference data: state programmes are not party projects, the 2022 transfer to the
Zhetysu region and the renaming of Kapshagay to Konaev are data, rural districts carry KATO
codes, and the demo's planned events are relative to today."""

import datetime
import importlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale

from engagement.models import (
    Event,
    Place,
    PlaceKind,
    PlaceRenaming,
    PlaceTransfer,
    Project,
    ProjectKind,
)
from engagement.services.places import load_places
from engagement.services.seeding import PLANNED_PREFIX, SEED_PREFIX, EngagementSeeder
from engagement.stats import StatsQuery, get_region_statistics, get_statistics

from .forms import event_url
from .helpers import almaty, district, make_event, make_user, project
from .public.helpers import PAGES, event_path
from .stats_helpers import fresh_project, held_event

pytestmark = pytest.mark.django_db

ZHETYSU_DAY = datetime.date(2022, 6, 8)
PROGRAMME_NAME = "«Нұрлы жер» мемлекеттік бағдарламасы"


def programme(slug="nurly-zher-test"):
    """A state programme, as an earlier seed made one from the glossary."""
    return Project.objects.create(
        slug=slug, name=PROGRAMME_NAME, kind=ProjectKind.STATE_PROGRAMME,
        locale=Locale.objects.get(language_code="kk"),
    )


def region(slug):
    return Place.objects.get(slug=slug, locale__language_code="kk")


def seed(*args):
    output = StringIO()
    call_command("seed_engagement", *args, "--no-progress", stdout=output)
    return output.getvalue()


# --- state programmes are not party projects ----------------------------------------------


def test_the_seed_makes_only_the_four_party_projects():
    slugs = set(Project.objects.values_list("slug", flat=True))

    assert {"kedergisiz-keleshek", "ardagerlerdi-ardaqtaiyq", "baqytty-otbasy",
            "jastar-otanga"} <= slugs
    assert not slugs & {"enbek", "nurly-zher", "7-20-25", "business-road-map",
                        "simple-things-economy"}
    assert not Event.objects.filter(project__kind=ProjectKind.STATE_PROGRAMME).exists()


def test_a_programme_is_neither_listed_nor_its_event_shown_in_the_calendar(client):
    event = make_event(programme(), title="Бағдарлама туралы кездесу",
                       start=timezone.now() + datetime.timedelta(days=3), live=True)

    html = client.get(PAGES["kk"]).content.decode()

    assert "«Кедергісіз келешек»" in html  # the party's projects are in the filter
    assert PROGRAMME_NAME not in html and "nurly-zher-test" not in html
    assert "Бағдарлама туралы кездесу" not in html
    assert client.get(event_path(event)).status_code == 404


def test_the_event_form_does_not_offer_a_programme(client):
    programme()
    client.force_login(make_user(superuser=True))

    html = client.get(event_url("add")).content.decode()

    assert "«Кедергісіз келешек»" in html
    assert PROGRAMME_NAME not in html


def test_statistics_and_open_data_leave_programmes_out(client):
    party = fresh_project()
    held_event(party, 40, start=almaty(2019, 5, 10), title="Партия кездесуі")
    state = programme()
    held_event(state, 900, start=almaty(2019, 5, 11), title="Бағдарлама кездесуі")
    query = StatsQuery(projects=frozenset({party.pk, state.pk}),
                       first_day=datetime.date(2019, 1, 1), last_day=datetime.date(2019, 12, 31))

    statistics = get_statistics(query)

    assert (statistics.total.events, statistics.total.participants) == (1, 40)
    assert list(statistics.by_project) == [party.pk]
    data = client.get("/en/open-data/statistics.json", {"year": 2019}).json()
    assert [row["slug"] for row in data["by_project"]] == [party.slug]
    assert data["totals"]["participants"] == 40
    events = client.get("/en/open-data/events.json", {"year": 2019}).json()
    assert [row["title"] for row in events["results"]] == ["Партия кездесуі"]
    response = client.get("/en/open-data/events.json", {"project": "nurly-zher-test"})
    assert response.status_code == 400


def migration():
    return importlib.import_module("engagement.migrations.0011_honest_reference_data")


def test_the_migration_makes_old_programme_rows_programmes_and_moves_only_seeded_events():
    # An earlier seed took the glossary's programmes for projects.
    old = Project.objects.create(slug="enbek", name="«Еңбек» мемлекеттік бағдарламасы",
                                 locale=Locale.objects.get(language_code="kk"))
    seeded = make_event(old, source_key=f"{SEED_PREFIX}99001", live=True)
    typed = make_event(old, title="Еңбек бағдарламасы бойынша кеңес", live=True)

    migration().programmes_are_not_projects(Event, Project)

    old.refresh_from_db()
    seeded.refresh_from_db()
    typed.refresh_from_db()
    assert old.kind == ProjectKind.STATE_PROGRAMME
    assert seeded.project.kind == ProjectKind.PARTY_PROJECT
    assert seeded.project.slug in {"kedergisiz-keleshek", "ardagerlerdi-ardaqtaiyq",
                                   "baqytty-otbasy", "jastar-otanga"}
    assert typed.project == old  # what people entered is left for an editor


def test_the_migration_moves_seeded_events_out_of_zhetysu_after_the_transfer():
    aksu = district("aksu-district")
    after = make_event(project("jastar-otanga"), aksu, title="Семинар — Ақсу ауданы",
                       start=almaty(2023, 3, 1), source_key=f"{SEED_PREFIX}99002", live=True)
    before = make_event(project("jastar-otanga"), aksu, title="Семинар — Ақсу ауданы",
                        start=almaty(2022, 3, 1), source_key=f"{SEED_PREFIX}99003", live=True)

    migration().no_seeded_events_outside_the_region(Event, Place, PlaceTransfer)

    after.refresh_from_db()
    before.refresh_from_db()
    assert after.district.region_on(datetime.date(2023, 3, 1)).slug == "almaty-region"
    assert after.title == f"Семинар — {after.district.name}"
    assert before.district == aksu


# --- the 2022 transfer to the Zhetysu region ----------------------------------------------


def test_no_seeded_event_is_in_a_zhetysu_district_after_8_june_2022():
    seed("--events", "600", "--participants", "90000", "--random-seed", "5", "--reset")
    moved = PlaceTransfer.objects.filter(place__locale__language_code="kk").values("place")
    since = almaty(2022, 6, 8, 0)
    seeded = Event.objects.filter(source_key__startswith="seed")

    assert not seeded.filter(district__in=moved, start__gte=since).exists()
    assert seeded.filter(district__in=moved, start__lt=since).count() > 50
    assert not Event.objects.filter(source_key__startswith=PLANNED_PREFIX,
                                    district__in=moved).exists()


def test_figures_count_under_the_region_of_the_events_day(client):
    party = fresh_project()
    held_event(party, 10, "aksu-district", start=almaty(2022, 6, 7, 18))  # Almaty region
    held_event(party, 20, "aksu-district", start=almaty(2022, 6, 8, 9))  # Zhetysu region
    held_event(party, 40, "talgar-district", start=almaty(2022, 6, 20))
    held_event(party, 80, "taldykorgan", start=almaty(2021, 4, 1))  # regional centre then
    almaty_region, zhetysu = region("almaty-region"), region("zhetysu-region")

    whole = get_region_statistics(StatsQuery(projects=frozenset({party.pk})))
    june = get_region_statistics(StatsQuery(
        projects=frozenset({party.pk}), first_day=datetime.date(2022, 6, 8),
        last_day=datetime.date(2022, 6, 30)))

    assert {pk: (f.events, f.participants) for pk, f in whole.items()} == {
        almaty_region.pk: (3, 130), zhetysu.pk: (1, 20),
    }
    assert {pk: (f.events, f.participants) for pk, f in june.items()} == {
        almaty_region.pk: (1, 40), zhetysu.pk: (1, 20),
    }
    data = client.get("/en/open-data/statistics.json",
                      {"project": party.slug}).json()
    assert [(row["slug"], row["events"], row["participants"]) for row in data["by_region"]] == [
        ("almaty-region", 3, 130), ("zhetysu-region", 1, 20),
    ]
    assert sum(row["participants"] for row in data["by_region"]) == data["totals"][
        "participants"]


# --- Kapshagay became Konaev on 4 May 2022 --------------------------------------------------


def test_konaev_is_named_by_todays_name_and_the_former_one_for_old_events():
    konaev = district("kapshagay")
    names = dict(Place.objects.filter(translation_key=konaev.translation_key).values_list(
        "locale__language_code", "name"))

    assert names == {"kk": "Қонаев қаласы", "ru": "город Конаев",
                     "en": "Konaev (city of regional significance)"}
    assert konaev.name_on(datetime.date(2022, 5, 3)) == "Қонаев қаласы (бұрынғы Қапшағай)"
    assert konaev.name_on(datetime.date(2022, 5, 4)) == "Қонаев қаласы"
    english = Place.objects.get(translation_key=konaev.translation_key, locale__language_code="en")
    assert english.name_on(datetime.date(2021, 1, 1)) == (
        "Konaev (city of regional significance; formerly Kapshagay)")
    assert PlaceRenaming.objects.filter(place__translation_key=konaev.translation_key).count() == 3


def test_the_event_page_and_open_data_give_the_former_name_of_an_old_event(client):
    party = fresh_project()
    konaev = district("kapshagay")
    old = make_event(party, konaev, title="Ескі кездесу", start=almaty(2021, 9, 1), live=True)
    new = make_event(party, konaev, title="Жаңа кездесу", start=almaty(2023, 9, 1), live=True)

    old_ru = client.get(event_path(old, "ru"), follow=True).content.decode()
    new_kk = client.get(event_path(new), follow=True).content.decode()
    old_kk = client.get(event_path(old), follow=True).content.decode()

    assert "город Конаев (бывш. Капшагай)" in old_ru
    assert "Қонаев қаласы (бұрынғы Қапшағай)" in old_kk
    assert "Қонаев қаласы" in new_kk and "Қапшағай" not in new_kk
    rows = client.get("/ru/open-data/events.json", {"project": party.slug}).json()["results"]
    districts = {row["title"]: row["district"] for row in rows}
    assert districts["Ескі кездесу"]["name"] == "город Конаев"
    assert districts["Ескі кездесу"]["former_name"] == "Капшагай"
    assert districts["Жаңа кездесу"]["former_name"] is None


# --- rural districts and settlements with KATO codes ---------------------------------------


def test_rural_districts_and_their_villages_are_loaded_with_kato_codes_in_three_languages():
    irgeli = Place.objects.get(slug="irgeli-rural-district", locale__language_code="kk")
    names = dict(Place.objects.filter(translation_key=irgeli.translation_key).values_list(
        "locale__language_code", "name"))

    assert names == {"kk": "Іргелі ауылдық округі", "ru": "Иргелинский сельский округ",
                     "en": "Irgeli rural district"}
    assert irgeli.kind == PlaceKind.RURAL_DISTRICT and irgeli.kato == "195247000"
    assert irgeli.parent == district("karasay-district")
    village = irgeli.children.get(locale=irgeli.locale)
    assert (village.name, village.kind, village.kato) == ("Іргелі ауылы", PlaceKind.SETTLEMENT, "")
    assert Place.objects.get(slug="kaskelen-town", locale__language_code="ru").kato == "195220100"
    rural = Place.objects.filter(locale__language_code="kk", kind=PlaceKind.RURAL_DISTRICT)
    assert rural.count() == 18 and not rural.filter(kato="").exists()
    # Every district staying in the Almaty region has some, except Kegen (no code found).
    assert set(rural.values_list("parent__slug", flat=True)) == {
        "balkhash-district", "enbekshikazakh-district", "zhambyl-district", "ile-district",
        "karasay-district", "raiymbek-district", "talgar-district", "uygur-district",
        "kapshagay",
    }


def test_a_code_found_later_fills_an_empty_one_and_never_overwrites_an_editors():
    irgeli = Place.objects.filter(slug="irgeli-rural-district")
    talgar = Place.objects.filter(slug="talgar-town")
    irgeli.update(kato="")
    talgar.update(kato="196200000")  # an editor's own value

    load_places(Place, PlaceTransfer, Locale, PlaceRenaming=PlaceRenaming)

    assert set(irgeli.values_list("kato", flat=True)) == {"195247000"}
    assert set(talgar.values_list("kato", flat=True)) == {"196200000"}


def test_seeded_events_are_held_in_villages_of_rural_districts():
    seeded = Event.objects.filter(source_key__startswith=SEED_PREFIX)

    assert seeded.filter(settlement__parent__kind=PlaceKind.RURAL_DISTRICT).exists()
    for event in seeded.filter(settlement__isnull=False).select_related("settlement"):
        assert event.district.contains(event.settlement)
        assert event.settlement.name in event.title


# --- running again creates nothing twice ----------------------------------------------------


def test_loading_the_demo_and_the_places_again_creates_no_duplicates():
    counts = (Event.objects.count(), Place.objects.count(), PlaceRenaming.objects.count(),
              Project.objects.count())

    assert load_places(Place, PlaceTransfer, Locale, PlaceRenaming=PlaceRenaming) == 0
    call_command("load_demo", verbosity=0)

    assert (Event.objects.count(), Place.objects.count(), PlaceRenaming.objects.count(),
            Project.objects.count()) == counts


# --- planned events relative to today -------------------------------------------------------


def test_planned_events_follow_the_day_of_the_run(monkeypatch):
    frozen = datetime.datetime(2031, 3, 10, 9, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: frozen)

    created = EngagementSeeder(random_seed=4).ensure_upcoming()

    events = list(Event.objects.filter(source_key__startswith=f"{PLANNED_PREFIX}20310310:",
                                       locale__language_code="kk"))
    assert created == len(events) == 12
    assert all(frozen < event.start < frozen + datetime.timedelta(days=90) for event in events)
    assert min(event.start for event in events).date() == datetime.date(2031, 3, 12)
    cancelled = [event for event in events if event.cancelled]
    assert len(cancelled) == 1 and cancelled[0].cancellation_reason
    assert sum(1 for event in events if event.photos) == 2
    assert any(event.accessibility_notes for event in events)
    assert any(event.settlement for event in events)
    assert all(event.district.region_on(event.start.date()).slug == "almaty-region"
               for event in events)
    # Run again the same day: enough are ahead, nothing is added.
    assert EngagementSeeder(random_seed=4).ensure_upcoming() == 0


def test_a_programme_has_no_project_page_and_is_not_on_the_front_page(client):
    programme(slug="nurly-zher-test")

    index = client.get(PAGES["kk"] + "projects/").content.decode()
    front = client.get("/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()

    assert "«Кедергісіз келешек»" in index and "«Кедергісіз келешек»" in front
    assert PROGRAMME_NAME not in index and PROGRAMME_NAME not in front
    assert "nurly-zher-test" not in sitemap
    assert client.get(PAGES["kk"] + "projects/nurly-zher-test/").status_code == 404
