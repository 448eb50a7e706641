"""manage.py import_events FILE: events from a CSV or XLSX file, all rows or none."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, no_translations
from tqdm import tqdm

from engagement.imports import service


class Command(BaseCommand):
    help = (
        "Import events from a CSV (UTF-8) or XLSX file with the columns of the template. "
        "Every row is checked first; if any fails, nothing is saved and each failing row is "
        "listed. Importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", help="Import as this user (their organiser scope "
                                           "applies and they are the organiser of new events).")
        parser.add_argument("--dry-run", action="store_true", help="Check only; save nothing.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    # A developer reads the console: English, whatever LANGUAGE_CODE says (kk).
    @no_translations
    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        user = None
        if options["user"]:
            try:
                user = get_user_model().objects.get(username=options["user"])
            except get_user_model().DoesNotExist as error:
                raise CommandError(f"No user is called {options['user']!r}.") from error
        show = options["verbosity"] > 0 and not options["no_progress"]
        with tqdm(desc="Checking rows", unit="rows", disable=not show, leave=False) as bar:

            def checked(done, total):
                bar.total = total
                bar.update(done - bar.n)

            result = service.preview(path.name, data, user, store=not options["dry_run"],
                                     progress=checked)
        if result.refused:
            raise CommandError(result.refused)
        if result.errors:
            for error in result.errors:
                column = f" [{error.column}]" if error.column else ""
                value = f" «{error.value}»" if error.value else ""
                self.stderr.write(f"row {error.row}{column}{value}: {error.message}")
            raise CommandError(
                f"{len(result.errors)} problems in {result.failing_rows} of "
                f"{result.rows_read} rows; nothing was saved."
            )
        plan = result.plan
        if options["dry_run"]:
            self.stdout.write(
                f"Rows: {result.rows_read}; would create {len(plan.create)}, update "
                f"{len(plan.update)}, leave {plan.unchanged} unchanged (dry run: nothing saved)."
            )
            return
        total = len(plan.create) + len(plan.update)
        with tqdm(total=total, desc="Saving events", unit="events", disable=not show,
                  leave=False) as bar:
            try:
                record = service.confirm(result.record, user, result.file_hash,
                                         progress=bar.update)
            except service.ImportRefused as error:
                raise CommandError(str(error.message)) from error
        if options["verbosity"] > 0:
            self.stdout.write(
                f"Import {record.pk} of {record.file_name}: rows {record.rows}, created "
                f"{record.created}, updated {record.updated}, unchanged {record.unchanged}."
            )
