"""From checked rows to events: what each row would do (:class:`Plan`) and doing it.

A plan compares each row with the event that has its key (``Event.source_key``): no event,
*create*; the same values, *unchanged*; other values, *update* (a new revision). The plan is
JSON, stored with the preview, and confirming saves that plan, after checking that none of the
events it would update has changed since (its latest revision is the one the preview saw).

Saving is one transaction, in bulk: events with ``bulk_create``/``bulk_update``, one revision
and one log entry per created or updated event naming the import, the search index and
reference index after, the statistics rebuilt once (as the seed does: per-event signals would
make 20,000 rows take minutes).
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Locale, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from engagement.models import Event, EventLogEntry
from engagement.stats.summary import deferred as deferred_statistics

from .validation import FIELDS

IMPORT_ACTION = "engagement.import"
BATCH = 500
_DATETIMES = ("start", "end")


class PlanOutdated(Exception):
    """An event the plan would update has changed since the preview."""


@dataclass
class Plan:
    """``create``: values of new events; ``update``: ``(event pk, revision pk, values)``;
    ``unchanged``: how many rows match their event already. Values are JSON-ready."""

    create: list = field(default_factory=list)
    update: list = field(default_factory=list)
    unchanged: int = 0
    #: ``(row number, title, outcome)`` for the preview's table.
    outcomes: list = field(default_factory=list)

    def to_json(self):
        return {"create": self.create, "update": self.update, "unchanged": self.unchanged}

    @classmethod
    def from_json(cls, data):
        return cls(create=data["create"], update=[tuple(item) for item in data["update"]],
                   unchanged=data["unchanged"])


def _to_json(values):
    return {name: value.isoformat() if name in _DATETIMES else value
            for name, value in values.items()}


def _from_json(values):
    return {name: datetime.datetime.fromisoformat(value) if name in _DATETIMES else value
            for name, value in values.items()}


def _same(event, values):
    return all(getattr(event, name) == values[name] for name in FIELDS)


def make_plan(rows):
    """The :class:`Plan` of ``rows`` (:class:`~.validation.CheckedRow`), one query per 500."""
    existing = {}
    keys = [row.key for row in rows]
    for start in range(0, len(keys), BATCH):
        for event in Event.objects.filter(
            source_key__in=keys[start:start + BATCH], locale=Locale.get_default()
        ).only("pk", "source_key", "latest_revision_id", *(
            name for name in FIELDS if not name.endswith("_id")
        ), "project_id", "district_id", "settlement_id"):
            existing[event.source_key] = event
    plan = Plan()
    for row in rows:
        event = existing.get(row.key)
        values = {**row.values, "source_key": row.key}
        if event is None:
            plan.create.append(_to_json(values))
            plan.outcomes.append((row.row, row.values["title"], "create"))
        elif _same(event, row.values):
            plan.unchanged += 1
            plan.outcomes.append((row.row, row.values["title"], "unchanged"))
        else:
            plan.update.append((event.pk, event.latest_revision_id, _to_json(values)))
            plan.outcomes.append((row.row, row.values["title"], "update"))
    return plan


def save_plan(plan, record, user, publish, progress=None):
    """Save ``plan`` for the :class:`~engagement.models.EventImport` ``record``.

    Created events are live when ``publish`` (the user may publish), else drafts. Returns
    ``(created, updated)``. Raises :class:`PlanOutdated` (nothing saved) when an event to
    update has a newer revision than the preview saw.
    """
    progress = progress or (lambda count: None)
    if not plan.create and not plan.update:
        # Nothing to write: skip the statistics rebuild, a full pass over every event.
        return 0, 0
    now = timezone.now()
    default = Locale.get_default()
    with deferred_statistics(), disable_reference_index_auto_update(), transaction.atomic():
        to_update = {}
        ids = [pk for pk, _revision, _values in plan.update]
        for start in range(0, len(ids), BATCH):
            for event in Event.objects.select_for_update().filter(pk__in=ids[start:start + BATCH]):
                to_update[event.pk] = event
        changed = []
        for pk, revision_id, values in plan.update:
            event = to_update.get(pk)
            if event is None or event.latest_revision_id != revision_id:
                raise PlanOutdated(pk)
            for name, value in _from_json(values).items():
                setattr(event, name, value)
            changed.append(event)
        created = []
        for values in plan.create:
            created.append(Event(
                **_from_json(values), locale=default, translation_key=uuid.uuid4(),
                organiser=user, live=publish, has_unpublished_changes=not publish,
                first_published_at=now if publish else None,
                last_published_at=now if publish else None,
            ))
        for start in range(0, len(created), BATCH):
            Event.objects.bulk_create(created[start:start + BATCH])
            progress(len(created[start:start + BATCH]))
        if created and created[0].pk is None:  # a database that returns no ids
            by_key = dict(Event.objects.filter(
                source_key__in=[event.source_key for event in created], locale=default
            ).values_list("source_key", "pk"))
            for event in created:
                event.pk = event.id = by_key[event.source_key]
        for start in range(0, len(changed), BATCH):
            Event.objects.bulk_update(changed[start:start + BATCH], [*FIELDS, "source_key"])
            progress(len(changed[start:start + BATCH]))
        _revisions(created, record, user, now)
        _revisions(changed, record, user, now)
        _index(created + changed)
    return len(created), len(changed)


def _revisions(events, record, user, now):
    """One revision and one log entry naming the import per event; the events point at it
    (a live event's live revision too: an update of a live event is live at once)."""
    if not events:
        return
    content_type = ContentType.objects.get_for_model(Event)
    data = {"import": record.pk, "file_name": record.file_name}
    for start in range(0, len(events), BATCH):
        batch = events[start:start + BATCH]
        revisions = Revision.objects.bulk_create([
            Revision(content_type=content_type, base_content_type=content_type,
                     object_id=str(event.pk), created_at=now, user=user,
                     object_str=str(event), content=event.serializable_data())
            for event in batch
        ])
        if revisions and revisions[0].pk is None:
            revisions = list(Revision.objects.filter(
                base_content_type=content_type, object_id__in=[str(e.pk) for e in batch],
                created_at=now,
            ).order_by("pk"))
        for event, revision in zip(batch, revisions, strict=True):
            event.latest_revision = revision
            if event.live:
                event.live_revision = revision
        # One UPDATE with a subquery: bulk_update's CASE over 500 rows costs far more.
        newest = Revision.objects.filter(
            base_content_type=content_type,
            object_id=Cast(OuterRef("pk"), output_field=models.CharField()),
        ).order_by("-pk").values("pk")[:1]
        in_batch = Event.objects.filter(pk__in=[event.pk for event in batch])
        in_batch.update(latest_revision=Subquery(newest))
        in_batch.filter(live=True).update(live_revision=F("latest_revision"))
        EventLogEntry.objects.bulk_create([
            EventLogEntry(
                content_type=content_type, label=str(event)[:255], action=IMPORT_ACTION,
                data=data, timestamp=now, user=user, revision=revision,
                object_id=str(event.pk), content_changed=True,
            )
            for event, revision in zip(batch, revisions, strict=True)
        ])


def _index(events):
    """Search and reference index of the saved events, in bulk.

    Wagtail's ``ReferenceIndex.create_or_update_for_object`` costs two queries per event (most
    of a 20,000-row import); here the old rows of the batch go in one delete and the new ones
    in one insert, with the references Wagtail itself extracts.
    """
    backends = list(get_search_backends())
    content_type = ContentType.objects.get_for_model(Event)
    for start in range(0, len(events), BATCH):
        batch = events[start:start + BATCH]
        for backend in backends:
            backend.add_bulk(Event, batch)
        ReferenceIndex.objects.filter(
            base_content_type=content_type, object_id__in=[str(event.pk) for event in batch]
        ).delete()
        ReferenceIndex.objects.bulk_create([
            ReferenceIndex(
                content_type=content_type, base_content_type=content_type,
                object_id=str(event.pk), to_content_type_id=to_content_type_id,
                to_object_id=to_object_id, model_path=model_path, content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for event in batch
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(event)
            )
        ])
