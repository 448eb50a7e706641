"""Reference data as it is: state programmes are not party projects; 2022 in the seed; Konaev.

* The projects that earlier seeds made from the glossary's ``programme:`` rows («Еңбек»,
  «Нұрлы жер», «7-20-25», «Бизнестің жол картасы», «Қарапайым заттар экономикасы») become
  state programmes (``Project.kind``): no longer offered, listed or counted.
* Seeded events (generated demo data, ``source_key`` ``seed:...`` or ``seed-planned:...``)
  that an earlier seed put in a programme go to a party project, round robin, so that the
  seed's exact totals stay; seeded events in a district of the Zhetysu region after it left
  the Almaty region on 8 June 2022 go to a district still in the region, and the place in
  their title and address follows. Events that people entered keep their programme (they are
  no longer public or counted) for an editor to move: nothing they typed is rewritten.
* The monthly summary is rebuilt from the events (the rule of
  ``engagement.stats.counting.counted_events``, on the historical models).
* Rural districts, KATO codes and the renaming of Kapshagay to Konaev are loaded from
  ``engagement/data`` (``load_places``); seeded events held in Konaev after the renaming get
  its new name in their title.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db import migrations
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth

PROGRAMMES = ("business-road-map", "simple-things-economy", "enbek", "nurly-zher", "7-20-25")
SEEDED = Q(source_key__startswith="seed:") | Q(source_key__startswith="seed-planned:")
SUM_FIELDS = (
    "participants", "participants_youth", "participants_veterans", "participants_families",
    "participants_disabilities", "participants_other",
)


def _seeded_originals(Event):
    return Event.objects.filter(SEEDED).order_by("pk")


def programmes_are_not_projects(Event, Project):
    Project.objects.filter(slug__in=PROGRAMMES).update(kind="programme")
    default = settings.LANGUAGE_CODE
    party = list(Project.objects.filter(locale__language_code=default, kind="project")
                 .order_by("slug").values_list("pk", flat=True))
    if not party:
        return
    stray = _seeded_originals(Event).filter(project__kind="programme")
    for number, (pk, key) in enumerate(stray.values_list("pk", "translation_key")):
        Event.objects.filter(translation_key=key).update(project_id=party[number % len(party)])


def no_seeded_events_outside_the_region(Event, Place, PlaceTransfer):
    default = settings.LANGUAGE_CODE
    zone = zoneinfo.ZoneInfo(getattr(settings, "ENGAGEMENT_EVENT_TIME_ZONE", "Asia/Almaty"))
    transfers = list(PlaceTransfer.objects.filter(place__locale__language_code=default))
    moved = {transfer.place_id: transfer.date for transfer in transfers}
    staying = list(
        Place.objects.filter(locale__language_code=default, kind__in=("district", "city"))
        .exclude(pk__in=moved).order_by("slug")
    )
    if not moved or not staying:
        return
    number = 0
    for district_id, day in sorted(moved.items()):
        since = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
        events = _seeded_originals(Event).filter(district_id=district_id, start__gte=since)
        for event in events:
            district = staying[number % len(staying)]
            number += 1
            for row in Event.objects.filter(translation_key=event.translation_key):
                name = Place.objects.filter(
                    translation_key=district.translation_key, locale_id=row.locale_id
                ).values_list("name", flat=True).first() or district.name
                if " — " in row.title:
                    row.title = f"{row.title.rsplit(' — ', 1)[0]} — {name}"
                if row.settlement_id:
                    row.venue_address = name
                row.district_id, row.settlement_id = district.pk, None
                row.save(update_fields=["title", "venue_address", "district", "settlement"])


def seeded_titles_use_the_name_of_the_day(Event, Place):
    """Seeded events held in a renamed place after its renaming name it by today's name."""
    from engagement.services.places import place_rows

    zone = zoneinfo.ZoneInfo(getattr(settings, "ENGAGEMENT_EVENT_TIME_ZONE", "Asia/Almaty"))
    for row in place_rows():
        if not row.renaming:
            continue
        first_day, _former, old_names = row.renaming
        since = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=zone)
        keys = _seeded_originals(Event).filter(
            district__slug=row.slug, start__gte=since
        ).values("translation_key")
        for event in Event.objects.filter(translation_key__in=keys).select_related("locale"):
            code = event.locale.language_code
            old, new = old_names.get(code), row.names.get(code)
            if not old or not new:
                continue
            event.title = event.title.replace(old, new)
            event.venue_address = event.venue_address.replace(old, new)
            event.save(update_fields=["title", "venue_address"])


def rebuild_monthly_totals(Event, MonthlyTotal):
    zone = zoneinfo.ZoneInfo(getattr(settings, "ENGAGEMENT_EVENT_TIME_ZONE", "Asia/Almaty"))
    earlier = Event.objects.filter(
        translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk")
    )
    rows = (
        Event.objects.filter(live=True, cancelled=False, project__kind="project")
        .exclude(Exists(earlier))
        .annotate(month=TruncMonth("start", tzinfo=zone))
        .values("project_id", "district_id", "month", "count_kind")
        .annotate(events=Count("pk"), **{name: Sum(name, default=0) for name in SUM_FIELDS})
        .order_by()
    )
    MonthlyTotal.objects.all().delete()
    MonthlyTotal.objects.bulk_create(
        (
            MonthlyTotal(
                project_id=row["project_id"], district_id=row["district_id"],
                month=row["month"].date(), count_kind=row["count_kind"], events=row["events"],
                **{name: row[name] for name in SUM_FIELDS},
            )
            for row in rows
        ),
        batch_size=2000,
    )


def forwards(apps, schema_editor):
    from engagement.services.places import load_places

    Event = apps.get_model("engagement", "Event")
    Project = apps.get_model("engagement", "Project")
    Place = apps.get_model("engagement", "Place")
    PlaceTransfer = apps.get_model("engagement", "PlaceTransfer")
    programmes_are_not_projects(Event, Project)
    no_seeded_events_outside_the_region(Event, Place, PlaceTransfer)
    seeded_titles_use_the_name_of_the_day(Event, Place)
    rebuild_monthly_totals(Event, apps.get_model("engagement", "MonthlyTotal"))
    load_places(
        Place, PlaceTransfer, apps.get_model("wagtailcore", "Locale"),
        PlaceRenaming=apps.get_model("engagement", "PlaceRenaming"),
    )
    try:  # cached statistics from before are stale now
        from engagement.stats.cache import bump_version

        bump_version()
    except Exception:  # noqa: BLE001, S110 - no cache is fine: nothing stale can be read
        pass


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0010_project_kind_and_place_renamings"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
