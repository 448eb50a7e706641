"""The one way events are imported, for the command and the admin page alike.

:func:`preview` reads and checks a file for a user and stores what saving it would do (an
:class:`~engagement.models.EventImport` in status *previewed*); :func:`confirm` saves exactly
that stored plan, all rows in one transaction, or nothing. A file with any failing row stores
no plan: nothing can be confirmed until it is fixed.
"""

import hashlib
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.permissions import policy_registry

from engagement.models import Event, EventImport, ImportStatus

from .reading import FileRefused, read_file
from .saving import Plan, PlanOutdated, make_plan, save_plan
from .validation import CheckedRow, RowChecker, RowError

logger = logging.getLogger(__name__)


class ImportRefused(Exception):
    """Confirming is not possible; ``message`` is the translated reason."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class Preview:
    """What a file would do: counts, errors (``RowError``) and, without errors, the plan."""

    file_name: str
    file_hash: str
    rows_read: int = 0
    errors: list = field(default_factory=list)
    plan: Plan | None = None
    record: EventImport | None = None
    refused: str = ""

    @property
    def failing_rows(self):
        return len({error.row for error in self.errors if error.row > 1})

    @property
    def valid_rows(self):
        return self.rows_read - self.failing_rows

    @property
    def ok(self):
        return not self.refused and not self.errors and self.plan is not None


def file_hash(data):
    return hashlib.sha256(data).hexdigest()


def can_import(user):
    """Whether ``user`` may import events (they may add events; rows are scope-checked)."""
    return policy_registry.get_by_type(Event).user_has_permission(user, "add")


def check_file(name, data, user, progress=None):
    """Read and check the file: a :class:`Preview` (nothing is stored or saved).

    ``progress(done, total)`` is called as rows are checked.
    """
    progress = progress or (lambda done, total: None)
    preview = Preview(file_name=name[:255], file_hash=file_hash(data))
    try:
        sheet = read_file(name, data)
    except FileRefused as error:
        preview.refused = str(error.message)
        return preview
    preview.rows_read = len(sheet.rows)
    preview.errors = [RowError(row, column, str(message)) for row, column, message in sheet.errors]
    if any(error.row == 1 for error in preview.errors):
        # Rows read under wrong headings would only repeat "required" for every row.
        return preview
    checker = RowChecker(user)
    checked = []
    for index, (number, cells) in enumerate(sheet.rows, 1):
        result = checker.check(number, cells)
        if isinstance(result, CheckedRow):
            checked.append(result)
        else:
            preview.errors.extend(result)
        if index % 500 == 0:
            progress(index, len(sheet.rows))
    progress(len(sheet.rows), len(sheet.rows))
    if not preview.errors:
        preview.plan = make_plan(checked)
    return preview


def preview(name, data, user, store=True, progress=None):
    """:func:`check_file`, and for a file without errors the stored preview to confirm."""
    result = check_file(name, data, user, progress=progress)
    if result.ok and store:
        result.record = EventImport.objects.create(
            user=user, file_name=result.file_name, file_hash=result.file_hash,
            rows=result.rows_read, plan=result.plan.to_json(),
        )
    return result


def confirm(record, user, expected_hash, progress=None):
    """Save the stored preview ``record`` for ``user``; the record, completed.

    ``progress(count)`` is called with the number of events written, batch by batch.

    ``expected_hash`` is the hash the confirming person saw: a different one (another file was
    previewed in between) is refused, like a preview already saved or someone else's.

    Raises:
        ImportRefused: with the reason; nothing is saved.
    """
    with transaction.atomic():
        record = EventImport.objects.select_for_update().get(pk=record.pk)
        if record.user_id != getattr(user, "pk", None):
            raise ImportRefused(_("This preview belongs to another user."))
        if record.status != ImportStatus.PREVIEWED or record.plan is None:
            raise ImportRefused(_("This file has already been imported."))
        if record.file_hash != expected_hash:
            raise ImportRefused(_("The file changed after the preview: upload it again and "
                                  "check the new preview."))
        plan = Plan.from_json(record.plan)
        # Without a user (the command run by whoever runs the site) new events are live.
        publish = user is None or policy_registry.get_by_type(Event).user_has_permission(
            user, "publish")
        try:
            created, updated = save_plan(plan, record, user, publish, progress=progress)
        except PlanOutdated as error:
            raise ImportRefused(_("Some of the events were edited after the preview: upload "
                                  "the file again and check the new preview.")) from error
        record.status = ImportStatus.SAVED
        record.saved_at = timezone.now()
        record.created, record.updated, record.unchanged = created, updated, plan.unchanged
        record.plan = None
        record.save()
    logger.info("Import %s of %s by %s: %s created, %s updated, %s unchanged", record.pk,
                record.file_name, user, created, updated, plan.unchanged)
    return record
