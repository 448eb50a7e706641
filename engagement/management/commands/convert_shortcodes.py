from django.core.management.base import BaseCommand, no_translations
from django.db import transaction
from django.utils.translation import gettext as _
from tqdm import tqdm

from engagement.legacy.rewrite import ShortcodeRewriter


class Command(BaseCommand):
    help = (
        "Convert WordPress shortcodes left in the rich text of existing pages: galleries become "
        "gallery blocks, other shortcodes keep their inner content. Each changed page gets a "
        "new revision, published if the page was live without pending changes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change, save nothing"
        )
        parser.add_argument(
            "--source",
            help="the WordPress site whose attachment ids the shortcodes use, as the import "
            "recorded it (e.g. old.example.kz); needed only when several sites were imported",
        )

    # A developer reads the console: English, whatever LANGUAGE_CODE says (kk).
    @no_translations
    def handle(self, *args, **options):
        rewriter = ShortcodeRewriter(dry_run=options["dry_run"], source=options["source"])
        verbosity = options["verbosity"]
        pages = tqdm(
            rewriter.pages(), disable=verbosity < 1, file=self.stderr._out, desc=_("Pages"),
            unit=_("page"),
        )
        for page in pages:
            with transaction.atomic():
                count = rewriter.rewrite_page(page)
            if count and verbosity >= 2:
                self.stdout.write(
                    _("Page %(id)s “%(title)s”: %(count)s paragraphs rewritten")
                    % {"id": page.pk, "title": page.title, "count": count}
                )
        if verbosity >= 1:
            for line in rewriter.summary_lines():
                self.stdout.write(line)
            if options["dry_run"]:
                self.stdout.write(_("Dry run: nothing was saved."))
