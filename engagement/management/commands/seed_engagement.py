"""manage.py seed_engagement: projects, places, organisers and events at full scale."""

from argparse import ArgumentTypeError

from django.core.management.base import BaseCommand, CommandError, no_translations
from django.utils.formats import number_format

from engagement.services.seeding import EngagementSeeder, SeedError


def count(value):
    """A whole number, 0 or more (argparse prints the message of a refusal)."""
    try:
        number = int(value)
    except ValueError as error:
        raise ArgumentTypeError(f"{value!r} is not a whole number") from error
    if number < 0:
        raise ArgumentTypeError(f"{value!r} is negative")
    return number


class Command(BaseCommand):
    help = (
        "Create the party projects, the places, organisers and events spread over 2021-2025 "
        "whose headcounts add up exactly to --participants. Run again with --reset to replace "
        "the seeded events and organisers (projects and places are kept)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=count, default=3000)
        parser.add_argument("--participants", type=count, default=1_200_000)
        parser.add_argument("--organisers", type=count, default=12)
        parser.add_argument("--random-seed", type=int, default=None,
                            help="Make the same data on every run.")
        parser.add_argument("--reset", action="store_true",
                            help="Delete earlier seeded events and organisers first.")
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing if seeded events already exist.")
        parser.add_argument("--no-progress", action="store_true",
                            help="No progress bar (the summary is still printed).")

    # A developer reads the console: English, whatever LANGUAGE_CODE says (kk).
    @no_translations
    def handle(self, *args, **options):
        seeder = EngagementSeeder(
            random_seed=options["random_seed"],
            progress=options["verbosity"] > 0 and not options["no_progress"],
        )
        try:
            result = seeder.run(
                events=options["events"], participants=options["participants"],
                organisers=options["organisers"], reset=options["reset"],
                if_empty=options["if_empty"],
            )
        except SeedError as error:
            raise CommandError(str(error)) from error
        if result.skipped:
            if options["verbosity"] > 1:
                self.stdout.write("Seeded events already exist; nothing to do.")
            return
        if options["verbosity"] > 0:
            self.stdout.write(self.summary(result))

    @staticmethod
    def summary(result):
        def number(value):
            return number_format(value, force_grouping=True)

        lines = []
        if result.removed:
            lines.append(
                f"Removed {number(result.removed['events'])} seeded events and "
                f"{number(result.removed['organisers'])} organisers"
            )
        lines += [
            f"Places created: {number(result.places)}",
            f"Projects created: {number(result.projects)}",
            f"Organisers created: {number(result.organisers)}",
            f"Events: {number(result.events)} (held {number(result.held)}, "
            f"planned {number(result.planned)}, cancelled {number(result.cancelled)})",
            f"Participants: {number(result.participants)}",
            f"Time: {result.seconds:.1f} s",
        ]
        return "\n".join(lines)
