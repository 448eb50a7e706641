from django.core.management.base import BaseCommand, no_translations
from django.utils.translation import gettext as _

from home.demo import ADMIN_PASSWORD, ADMIN_USERNAME, DemoLoader


class Command(BaseCommand):
    help = "Create the demo site (locales, home pages in kk, ru and en, an administrator)."

    # A developer reads the console: English, whatever LANGUAGE_CODE says (kk).
    @no_translations
    def handle(self, *args, **options):
        lines = []

        def log(message):
            lines.append(message)
            if options["verbosity"] >= 1:
                self.stdout.write(f"  {message}")

        DemoLoader(log=log).run()
        if not lines:
            self.stdout.write(_("The demo content is already there; nothing to do."))
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo site ready. Admin: http://127.0.0.1:8000/admin/ user %(user)s, "
                  "password %(password)s")
                % {"user": ADMIN_USERNAME, "password": ADMIN_PASSWORD}
            )
        )
