import io

import pytest

from engagement.legacy.locales import (
    declared_language,
    detect_language,
    link_language,
    normalise_code,
)
from engagement.legacy.wxr import parse_wxr

from .helpers import post, wxr

AVAILABLE = {"kk", "ru", "en"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Облыс әкімі конференцияда сөз сөйледі.", "kk"),
        ("Аким области выступил на конференции.", "ru"),
        # a Russian text quoting one Kazakh name stays Russian
        ("Аким области Амандык Баталов выступил на конференции в городе Талдыкорган, "
         "где также был Қонаев.", "ru"),
        ("The governor spoke at the conference.", "en"),
        ("Nur Otan: the party's programme 2021-2025", "en"),
        ("", "en"),
    ],
)
def test_language_from_the_text(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("value", "code"),
    [("kk", "kk"), ("kz", "kk"), ("kk_KZ", "kk"), ("ru-RU", "ru"), ("en_US", "en"),
     ("de", None), ("", None)],
)
def test_plugin_language_codes_map_to_site_locales(value, code):
    assert normalise_code(value, AVAILABLE) == code


def test_polylang_taxonomy_and_wpml_meta_name_the_language():
    export = parse_wxr(io.BytesIO(wxr(
        post(1, terms=[("language", "ru", "Русский")]),
        # What WPML's Export and Import add-on writes (WPML\Import\Fields::LANGUAGE_CODE).
        post(2, meta={"_wpml_import_language_code": "kz"}),
        post(3),
    ).encode()))

    assert [declared_language(item, AVAILABLE) for item in export.posts] == ["ru", "kk", None]


@pytest.mark.parametrize(
    ("link", "base", "code"),
    [
        # WPML's and Polylang's language folder, and their ?lang= parameter
        ("https://old.example.kz/ru/2021/06/15/forum/", "https://old.example.kz", "ru"),
        ("https://old.example.kz/?p=12&lang=en", "https://old.example.kz", "en"),
        # the folder right after the site's own path
        ("https://example.kz/blog/ru/2021/06/15/forum/", "https://example.kz/blog", "ru"),
        # the default language has no folder
        ("https://old.example.kz/2021/06/15/forum/", "https://old.example.kz", None),
        # a language this site does not have, and a slug that only begins like a code
        ("https://old.example.kz/de/2021/06/15/forum/", "https://old.example.kz", None),
        ("https://old.example.kz/ru-news/forum/", "https://old.example.kz", None),
    ],
)
def test_the_address_of_a_post_names_its_language(link, base, code):
    assert link_language(link, AVAILABLE, base) == code
