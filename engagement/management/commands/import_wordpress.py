import warnings
from pathlib import Path

from bs4 import MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.utils.translation import gettext as _
from tqdm import tqdm
from wagtail.models import Page

from engagement.legacy.importer import WordPressImporter
from engagement.legacy.wxr import WXRError, parse_wxr


class Command(BaseCommand):
    help = (
        "Import the posts of a WordPress export (WXR) as pages, their attachments as images, "
        "galleries in shortcodes as gallery blocks, and their old addresses as redirects. "
        "Running it again updates what changed and creates nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="the WXR file (Tools → Export in WordPress)")
        parser.add_argument(
            "--uploads", required=True,
            help="a copy of the site's wp-content/uploads folder; files are never downloaded",
        )
        parser.add_argument(
            "--parent", help="id of the page to import under (default: each locale's news index)"
        )
        parser.add_argument(
            "--locale", default="auto",
            help="auto (from WPML/Polylang or the text) or a language code, e.g. kk, ru, en",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="do everything, then save nothing"
        )
        parser.add_argument("--report", help="write a JSON report of every post to this file")
        parser.add_argument(
            "--category-map", default="",
            help="categories that become party projects: category-slug=project-slug, comma "
                 "separated (other categories become tags)",
        )

    # A developer reads the console: English, whatever LANGUAGE_CODE says (kk).
    @no_translations
    def handle(self, *args, **options):
        # Whatever a parser thinks of a post's HTML (a body that is only a URL, XHTML) is in the
        # report already; its warnings would only clutter the console.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)
            warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)
            return self._handle(**options)

    def _handle(self, **options):
        uploads = Path(options["uploads"])
        if not uploads.is_dir():
            raise CommandError(_("The uploads folder %(path)s does not exist.") % {
                "path": uploads
            })
        if options["report"] and not Path(options["report"]).resolve().parent.is_dir():
            raise CommandError(
                _("The folder for the report %(path)s does not exist.")
                % {"path": options["report"]}
            )
        parent = None
        if options["parent"]:
            parent_id = options["parent"]
            parent = Page.objects.filter(pk=parent_id).first() if parent_id.isdigit() else None
            if parent is None:
                raise CommandError(_("There is no page with id %(id)s.") % {"id": parent_id})
        try:
            export = parse_wxr(options["export"])
        except WXRError as error:
            raise CommandError(str(error)) from error
        verbosity = options["verbosity"]
        category_map = {}
        for pair in filter(None, (part.strip() for part in options["category_map"].split(","))):
            category, sep, project = (value.strip() for value in pair.partition("="))
            if not sep or not category or not project:
                raise CommandError(
                    _("--category-map takes category-slug=project-slug pairs, not “%(pair)s”.")
                    % {"pair": pair}
                )
            category_map[category] = project

        def progress(iterable, **kwargs):
            return tqdm(iterable, disable=verbosity < 1, file=self.stderr._out, **kwargs)

        try:
            importer = WordPressImporter(
                export, uploads, parent=parent, locale=options["locale"],
                dry_run=options["dry_run"], progress=progress, category_map=category_map,
            )
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        report = importer.run()
        if options["report"]:
            report.write(options["report"])
        if verbosity >= 1:
            for line in report.summary_lines():
                self.stdout.write(line)
            if options["report"]:
                self.stdout.write(_("Report written to %(path)s") % {"path": options["report"]})
        failed = report.totals["failed"]
        if failed:
            # A non-zero exit status, for scripts and CI: run the command again to retry them.
            raise CommandError(
                _("%(failed)d of %(posts)d posts failed; run the import again to retry them.")
                % {"failed": failed, "posts": report.totals["posts"]}
            )
