"""Every string of the project's own catalogues is translated into kk and ru."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = sorted(
    path
    for folder in ("cms", "home", "engagement")
    for path in (ROOT / folder).glob("**/locale/*/LC_MESSAGES/django.po")
)


def test_each_app_has_kk_and_ru_catalogues():
    found = {(path.relative_to(ROOT).parts[0], path.parts[-3]) for path in CATALOGUES}

    for app in ("cms", "home", "engagement"):
        assert {(app, "kk"), (app, "ru")} <= found


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"untranslated in {path.name}: {untranslated}"
    assert not fuzzy, f"fuzzy in {path.name}: {fuzzy}"
    assert catalogue.metadata.get("Content-Type") == "text/plain; charset=UTF-8"
