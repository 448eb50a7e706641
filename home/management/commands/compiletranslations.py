from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = (
        "Compile the project's .po files into .mo files with polib, so that a fresh machine "
        "needs no GNU gettext tools (Django's compilemessages needs msgfmt)."
    )

    # A developer reads the console: English, whatever LANGUAGE_CODE says (kk).
    @no_translations
    def handle(self, *args, **options):
        base = Path(settings.BASE_DIR)
        po_files = sorted(
            path
            for path in base.glob("**/locale/*/LC_MESSAGES/*.po")
            if not {".venv", "node_modules"} & set(path.relative_to(base).parts)
        )
        if not po_files:
            raise CommandError(_("No .po files found under %(base)s.") % {"base": base})
        for po_path in po_files:
            catalogue = polib.pofile(str(po_path))
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            catalogue.save_as_mofile(str(mo_path))
            if options["verbosity"] >= 2:
                self.stdout.write(f"{po_path.relative_to(base)}: {catalogue.percent_translated()}%")
        self.stdout.write(
            _("Compiled translations: %(count)d catalogues.") % {"count": len(po_files)}
        )
