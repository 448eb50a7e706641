"""Full-scale demo data: projects, places, organisers and events with exact headcount totals.

Used by ``manage.py seed_engagement`` (and, with small numbers, by the host's demo loader).
Events are written with ``bulk_create`` and indexed for search and the reference index in
bulk: no revision or log entry is made per event (a seeded event is live and gets its first
revision when somebody edits it). Seeded rows carry ``source_key = "seed:<n>"`` and seeded
organisers a ``seed-organiser-`` user name, so that ``reset()`` removes exactly them.
"""

import datetime
import logging
import random
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q, Sum
from django.db.models.signals import post_delete
from django.utils import timezone
from django.utils.text import capfirst
from tqdm import tqdm
from wagtail.models import Locale, ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from engagement import conf
from engagement.models import (
    DISTRICT_KINDS,
    Accessibility,
    CountKind,
    Event,
    EventFormat,
    OrganiserScope,
    Place,
    PlaceKind,
    PlaceRenaming,
    PlaceTransfer,
    Project,
)
from engagement.stats.summary import deferred as deferred_statistics

from .headcounts import SeedError, split_breakdown, split_total
from .places import RegionOnDay, load_places, read_tsv

logger = logging.getLogger(__name__)

SEED_PREFIX = "seed:"
#: Planned events in the coming months (relative to the day of the run), so that the public
#: calendar is never empty; kept apart from the ``seed:`` events, whose totals are exact.
PLANNED_PREFIX = "seed-planned:"
#: Only the party's own projects hold the planned events (never a state programme).
PARTY_PROJECTS = ("kedergisiz-keleshek", "ardagerlerdi-ardaqtaiyq", "baqytty-otbasy",
                  "jastar-otanga")
ORGANISER_PREFIX = "seed-organiser-"
FIRST_DAY = datetime.date(2021, 1, 1)
LAST_DAY = datetime.date(2025, 12, 31)
BATCH_SIZE = 500

PROJECT_COLOURS = [
    "#0b3d91", "#b5121b", "#1b7f3b", "#c77700", "#5a2d82", "#00707a", "#8a5a00", "#a0185e",
    "#2f4f4f",
]
AUDIENCES = {
    "kedergisiz-keleshek": ("мүмкіндігі шектеулі адамдар", "люди с инвалидностью",
                            "people with disabilities"),
    "ardagerlerdi-ardaqtaiyq": ("ардагерлер", "ветераны", "veterans"),
    "baqytty-otbasy": ("отбасылар", "семьи", "families"),
    "jastar-otanga": ("жастар", "молодёжь", "young people"),
}
DEFAULT_AUDIENCE = ("облыс тұрғындары", "жители области", "residents of the region")

# Kazakh titles of the kinds of event a branch organises; each seeded title names its place.
EVENT_KINDS = [
    "Тұрғындармен кездесу", "Дөңгелек үстел", "Қайырымдылық акциясы", "Семинар",
    "Ашық есік күні", "Спорттық жарыс", "Ардагерлерді құттықтау", "Жастар форумы",
    "Сенбілік", "Кеңес беру күні", "Отбасылық фестиваль", "Мерекелік концерт",
]
CANCELLATION_REASONS = [
    "Ауа райына байланысты кейінге қалдырылды.",
    "Санитарлық шектеулерге байланысты өткізілмеді.",
    "Ұйымдастырушылардың өтінішімен тоқтатылды.",
]


def settlements_by_district(language_code):
    """``{district pk: [settlements]}``: each district's centre and the villages of its rural
    districts (canonical rows, in slug order, one query)."""
    places = list(Place.objects.filter(
        locale__language_code=language_code,
        kind__in=(PlaceKind.RURAL_DISTRICT, PlaceKind.SETTLEMENT),
    ).order_by("slug"))
    parents = {place.pk: place.parent_id for place in places}
    result = {}
    for place in places:
        if place.kind != PlaceKind.SETTLEMENT:
            continue
        district_id = place.parent_id
        if district_id in parents:  # inside a rural district
            district_id = parents[district_id]
        result.setdefault(district_id, []).append(place)
    return result


@dataclass
class SeedResult:
    projects: int = 0
    places: int = 0
    organisers: int = 0
    events: int = 0
    held: int = 0
    planned: int = 0
    cancelled: int = 0
    participants: int = 0
    seconds: float = 0.0
    skipped: bool = False
    removed: dict = field(default_factory=dict)
    upcoming: int = 0


@contextmanager
def _bulk_delete_signals(events):
    """Skip per-event delete handlers that the reset does in bulk instead.

    wagtail-localize cleans up each deleted event's translation data (about ten queries an
    event, whether there is any data or not) and the search index removes each entry with a
    query: 3,000 events took 30 s. When no seeded event has translation data, its handler has
    nothing to do; stale search entries are removed in one query afterwards. The handlers are
    reconnected at once; this runs only inside the seed command's reset.
    """
    from modelsearch.signal_handlers import post_delete_signal_handler
    from wagtail_localize.models import TranslatableObject, handle_translation_on_delete

    keys = events.values("translation_key")
    skipped = [post_delete_signal_handler]
    if not TranslatableObject.objects.filter(translation_key__in=keys).exists():
        skipped.append(handle_translation_on_delete)
    disconnected = [
        handler for handler in skipped if post_delete.disconnect(handler, sender=Event)
    ]
    try:
        yield
    finally:
        for handler in disconnected:
            post_delete.connect(handler, sender=Event)


class EngagementSeeder:
    """Builds the data; ``log`` gets one line per step (the command prints them)."""

    def __init__(self, random_seed=None, progress=True, log=None, now=None):
        self.rng = random.Random(random_seed)
        self.progress = progress
        self.log = log or logger.info
        self.now = now or timezone.now()
        self.zone = conf.event_time_zone()

    # --- reset --------------------------------------------------------------------------------

    def seeded_events(self):
        keys = Event.objects.filter(
            Q(source_key__startswith=SEED_PREFIX) | Q(source_key__startswith=PLANNED_PREFIX)
        ).values("translation_key")
        return Event.objects.filter(translation_key__in=keys)

    def has_seed_data(self):
        return Event.objects.filter(source_key__startswith=SEED_PREFIX).exists()

    def reset(self):
        """Delete the seeded events and organisers (projects and places stay)."""
        events = self.seeded_events()
        ids = [str(pk) for pk in events.values_list("pk", flat=True)]
        with disable_reference_index_auto_update(), _bulk_delete_signals(events):
            ReferenceIndex.objects.filter(
                base_content_type=ReferenceIndex._get_base_content_type(Event), object_id__in=ids
            ).delete()
            removed_events = events.delete()[1].get("engagement.Event", 0)
        for backend in get_search_backends():
            index = backend.get_index_for_model(Event)
            if hasattr(index, "delete_stale_model_entries"):
                index.delete_stale_model_entries(Event)
        users = get_user_model().objects.filter(username__startswith=ORGANISER_PREFIX)
        removed_users = users.count()
        users.delete()
        return {"events": removed_events, "organisers": removed_users}

    # --- reference data -----------------------------------------------------------------------

    def ensure_places(self):
        return load_places(Place, PlaceTransfer, Locale, PlaceRenaming=PlaceRenaming)

    def ensure_projects(self):
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        default = locales[settings.LANGUAGE_CODE]
        existing = {(p.slug, p.locale_id): p for p in Project.objects.all()}
        created = 0
        # Only the party's projects: the glossary's ``programme:`` rows are state programmes.
        rows = [row for row in read_tsv("glossary.tsv") if row["key"].startswith("project:")]
        for index, row in enumerate(rows):
            slug = row["key"].split(":", 1)[1]
            # The glossary writes terms as in running text («программа …»); a project's name
            # stands alone (a heading, a table row) and starts with a capital.
            names = {
                "kk": capfirst(row["kk_cyrl"]),
                "ru": capfirst(row["ru"].replace("описательно: ", "")),
                "en": capfirst(row["en"]),
            }
            audience = dict(zip(("kk", "ru", "en"), AUDIENCES.get(slug, DEFAULT_AUDIENCE),
                                strict=True))
            canonical = existing.get((slug, default.pk))
            if canonical is None:
                canonical = Project.objects.create(
                    slug=slug, name=names.get(default.language_code, names["en"]),
                    audience=audience.get(default.language_code, ""),
                    colour=PROJECT_COLOURS[index % len(PROJECT_COLOURS)], locale=default,
                )
                created += 1
            for code, name in names.items():
                locale = locales.get(code)
                if locale is None or (slug, locale.pk) in existing or locale == default:
                    continue
                Project.objects.create(
                    slug=slug, name=name, audience=audience[code], colour=canonical.colour,
                    active=canonical.active, locale=locale,
                    translation_key=canonical.translation_key,
                )
                created += 1
        return created

    def ensure_organisers(self, count, projects, districts):
        """``count`` organisers in the Organisers group, each with one scope rule."""
        User = get_user_model()
        group, _created = Group.objects.get_or_create(name=conf.organisers_group_name())
        created = 0
        for number in range(1, count + 1):
            username = f"{ORGANISER_PREFIX}{number:02d}"
            user, was_created = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.com"}
            )
            if not was_created:
                continue
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(group)
            rule = OrganiserScope.objects.create(user=user, note="seed")
            # A third by district, a third by project, a third by both.
            kind = number % 3
            if kind in (0, 2):
                rule.districts.set(self.rng.sample(districts, k=min(2, len(districts))))
            if kind in (1, 2):
                rule.projects.set(self.rng.sample(projects, k=min(2, len(projects))))
            created += 1
        return created

    # --- events -------------------------------------------------------------------------------

    def random_start(self):
        span = (LAST_DAY - FIRST_DAY).days
        day = FIRST_DAY + datetime.timedelta(days=self.rng.randrange(span + 1))
        return datetime.datetime.combine(
            day, datetime.time(self.rng.randrange(9, 18), self.rng.choice((0, 30))),
            tzinfo=self.zone,
        )

    def build_events(self, count, total, projects, districts, settlements, organisers):
        """``count`` events; ``settlements`` is ``{district pk: [settlement, ...]}``.

        Each event is in a district of the home region on its day: the districts that went to
        the Zhetysu region on 8 June 2022 have events before that day only.
        """
        cap = conf.plausible_participants_max()
        default = Locale.get_default()
        region = RegionOnDay(districts)
        events = []
        for number in range(count):
            project = self.rng.choice(projects)
            start = self.random_start()
            district = self.rng.choice(region.districts_on(start.date()))
            cancelled = self.rng.random() < 0.03
            choices = settlements.get(district.pk) or [None]
            settlement = self.rng.choice(choices) if self.rng.random() < 0.6 else None
            place_name = settlement.name if settlement else district.name_on(start.date())
            event = Event(
                title=f"{self.rng.choice(EVENT_KINDS)} — {place_name}",
                project=project, district=district, settlement=settlement,
                start=start, end=start + datetime.timedelta(hours=self.rng.choice((1, 2, 3))),
                venue_address=place_name,
                format=self.rng.choices(
                    [EventFormat.IN_PERSON, EventFormat.ONLINE, EventFormat.HYBRID],
                    weights=[8, 1, 1],
                )[0],
                accessibility=self.rng.choice(list(Accessibility)),
                cancelled=cancelled,
                cancellation_reason=self.rng.choice(CANCELLATION_REASONS) if cancelled else "",
                organiser=self.pick_organiser(organisers, project, district),
                locale=default, translation_key=uuid.uuid4(),
                live=True, has_unpublished_changes=False,
                first_published_at=self.now, last_published_at=self.now,
                source_key=f"{SEED_PREFIX}{number + 1}",
            )
            events.append(event)
        held = [event for event in events if not event.cancelled and event.start <= self.now]
        for event, headcount in zip(held, split_total(total, len(held), cap, self.rng),
                                    strict=True):
            event.participants = headcount
            event.count_kind = self.rng.choices(list(CountKind), weights=[5, 3, 2])[0]
            if self.rng.random() < 0.6:
                for name, value in split_breakdown(headcount, self.rng).items():
                    setattr(event, name, value)
        return events

    @staticmethod
    def pick_organiser(organisers, project, district):
        for user, scope in organisers:
            if scope.allows(project.pk, district.pk):
                return user
        return None

    def _progress(self, iterable, total, desc):
        return tqdm(iterable, total=total, desc=desc, unit="events", disable=not self.progress,
                    leave=False)

    def save_events(self, events):
        saved = []
        batches = range(0, len(events), BATCH_SIZE)
        with self._progress(batches, len(events), "Saving events") as bar:
            for start in batches:
                batch = Event.objects.bulk_create(events[start:start + BATCH_SIZE])
                saved.extend(batch)
                bar.update(len(batch))
        if saved and saved[0].pk is None:  # databases that do not return ids from bulk inserts
            saved = list(Event.objects.filter(source_key__startswith=SEED_PREFIX))
        return saved

    def index_events(self, events):
        backends = list(get_search_backends())
        with self._progress(range(0, len(events), BATCH_SIZE), len(events), "Indexing") as bar:
            for start in range(0, len(events), BATCH_SIZE):
                batch = events[start:start + BATCH_SIZE]
                for backend in backends:
                    backend.add_bulk(Event, batch)
                with transaction.atomic():
                    for event in batch:
                        ReferenceIndex.create_or_update_for_object(event)
                bar.update(len(batch))

    # --- the whole run ------------------------------------------------------------------------

    def run(self, events=3000, participants=1_200_000, organisers=12, reset=False,
            if_empty=False):
        started = time.monotonic()
        result = SeedResult()
        if self.has_seed_data():
            if if_empty and not reset:
                # The calendar must not run dry as the days pass: top up the planned events.
                with deferred_statistics(), transaction.atomic():
                    result.upcoming = self.ensure_upcoming()
                result.skipped = True
                return result
            if not reset:
                raise SeedError(
                    "Seeded events already exist: run again with --reset to replace them."
                )
        if events < 0:
            raise SeedError("The number of events cannot be negative.")
        # Events are written in bulk, without signals: the statistics summary is rebuilt once.
        with deferred_statistics(), transaction.atomic():
            if reset:
                result.removed = self.reset()
            result.places = self.ensure_places()
            result.projects = self.ensure_projects()
            default_code = settings.LANGUAGE_CODE
            projects = list(Project.objects.party().filter(
                locale__language_code=default_code, active=True).order_by("slug"))
            districts = list(
                Place.objects.filter(locale__language_code=default_code, kind__in=DISTRICT_KINDS)
                .select_related("parent").prefetch_related("transfers__from_parent", "renamings")
                .order_by("slug")
            )
            if not projects or not districts:
                raise SeedError("There are no projects or districts to hold events in.")
            settlements = settlements_by_district(default_code)
            result.organisers = self.ensure_organisers(organisers, projects, districts)
            organiser_scopes = self.organiser_scopes()
            built = self.build_events(
                events, participants, projects, districts, settlements, organiser_scopes
            )
            saved = self.save_events(built)
            self.index_events(saved)
            result.upcoming = self.ensure_upcoming()
        seeded = Event.objects.filter(source_key__startswith=SEED_PREFIX)
        result.events = seeded.count()
        result.cancelled = seeded.filter(cancelled=True).count()
        result.planned = seeded.with_status("planned", now=self.now).count()
        result.held = result.events - result.cancelled - result.planned
        result.participants = seeded.aggregate(total=Sum("participants"))["total"] or 0
        result.seconds = time.monotonic() - started
        return result

    # --- planned events in the coming months -----------------------------------------------

    def ensure_upcoming(self, count=12, days=75, minimum=4):
        """Planned events of the party projects over the next ``days`` days, unless at least
        ``minimum`` are still to come. Some have photos, some accessibility notes, one is
        cancelled with its reason; the first three are translated into ru and en (the others
        show the public calendar's fallback to Kazakh). Returns how many events were created.
        """
        from .planned import PlannedEvents

        return PlannedEvents(self).ensure(count=count, days=days, minimum=minimum)

    def organiser_scopes(self):
        from engagement.services.scope import get_scope

        users = get_user_model().objects.filter(
            username__startswith=ORGANISER_PREFIX
        ).order_by("username")
        return [(user, get_scope(user)) for user in users]
