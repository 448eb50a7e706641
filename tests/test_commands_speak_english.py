"""Management commands print English: a developer reads the console, not the public.

LANGUAGE_CODE is kk, and Django's commands run in it unless a command deactivates
translations; every command of the project does (``@no_translations`` on ``handle``).
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

pytestmark = pytest.mark.django_db

COMMANDS = [
    # (arguments, what the English output says, what the Kazakh one would have said)
    (["compiletranslations"], "Compiled translations:", "Аудармалар жинақталды"),
    (["convert_shortcodes", "--dry-run"], "Dry run: nothing was saved.", "Сынақ режимі"),
    (["load_demo"], "Demo site ready. Admin:", "Демо-сайт дайын"),
]


@pytest.mark.parametrize("active", [None, "kk"], ids=["default", "kk active"])
@pytest.mark.parametrize(("arguments", "english", "kazakh"), COMMANDS, ids=lambda a: str(a))
def test_command_output_is_english(settings, demo_site, arguments, english, kazakh, active):
    assert settings.LANGUAGE_CODE == "kk"
    output = StringIO()

    with translation.override(active):
        call_command(*arguments, stdout=output, stderr=StringIO())
        language_after = translation.get_language()

    assert english in output.getvalue()
    assert kazakh not in output.getvalue()
    assert language_after == active  # the caller's language is given back


def test_a_command_error_is_english_too(tmp_path):
    from django.core.management import CommandError

    export = tmp_path / "export.xml"
    export.write_text("<rss/>", encoding="utf-8")
    with pytest.raises(CommandError, match="uploads folder"):
        call_command("import_wordpress", str(export), uploads=str(tmp_path / "nowhere"))
