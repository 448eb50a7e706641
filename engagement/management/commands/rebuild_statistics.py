"""manage.py rebuild_statistics: recompute the monthly summary of counted events.

Signal receivers keep the summary right on every save and delete; run this after writing
events without signals (raw SQL, ``QuerySet.update``, a restore), or with ``--check`` to see
whether anything drifted.
"""

from django.core.management.base import BaseCommand, CommandError, no_translations

from engagement.stats import summary


class Command(BaseCommand):
    help = "Recompute the statistics summary from the events (or compare it with --check)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true",
            help="Only compare the summary with the events; exit with status 1 if they differ.",
        )

    # A developer reads the console: English, whatever LANGUAGE_CODE says (kk).
    @no_translations
    def handle(self, *args, **options):
        if options["check"]:
            differences = summary.differences()
            for key, (stored, expected) in sorted(differences.items(), key=str):
                self.stdout.write(f"{key}: stored {stored}, expected {expected}")
            if differences:
                raise CommandError(f"{len(differences)} monthly totals differ from the events.")
            self.stdout.write("The statistics summary matches the events.")
            return
        cells = summary.rebuild()
        self.stdout.write(f"Rebuilt {cells} monthly totals.")
