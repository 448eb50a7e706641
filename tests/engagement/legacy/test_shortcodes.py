import pytest

from engagement.legacy.shortcodes import (
    Shortcode,
    normalise_opening_tag,
    parse,
    parse_attrs,
    split_ids,
    stripcslashes,
)

SEED = (
    "[su_custom_gallery source=»media: 34077,34076″ link=»lightbox» width=»150″ "
    "height=»150″ title=»never»]"
)


def shortcodes_in(text):
    return [token for token in parse(text) if isinstance(token, Shortcode)]


def test_the_seed_shortcode_exactly_as_written_is_read_with_every_attribute():
    [code] = shortcodes_in("Мәтін.\n" + SEED + "\nТағы мәтін.")

    assert code.name == "su_custom_gallery"
    assert code.attrs == {
        "source": "media: 34077,34076", "link": "lightbox", "width": "150", "height": "150",
        "title": "never",
    }
    assert code.raw == SEED
    assert code.repairs == {"typographic_quotes_normalised"}
    assert code.content is None


def test_text_around_a_shortcode_keeps_its_order():
    tokens = parse("Бірінші. " + SEED + " Екінші.")

    assert tokens[0] == "Бірінші. "
    assert isinstance(tokens[1], Shortcode)
    assert tokens[2] == " Екінші."


def test_straight_quotes_need_no_repair():
    [code] = shortcodes_in('[su_custom_gallery source="media: 1,2" link="image"]')

    assert code.attrs == {"source": "media: 1,2", "link": "image"}
    assert code.repairs == set()


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        # guillemets, as the Russian-locale quote filter writes them
        ("a=«x» b=«y»", 'a="x" b="y"'),
        # English curly quotes
        ("a=“x” b=”y”", 'a="x" b="y"'),
        # low-high pair and reversed quotes
        ("a=„x‟ b=‶y″", 'a="x" b="y"'),
        # single curly quotes and primes
        ("a=‘x’ b=‚y‛ c=′z‵ d=‹w›", 'a="x" b="y" c="z" d="w"'),
        # entities of the curly quotes, decoded first
        ("a=&#8221;x&#8243; b=&laquo;y&raquo;", 'a="x" b="y"'),
        # a typographic opening and a straight closing quote
        ("a=”x\" b=1", 'a="x" b=1'),
    ],
)
def test_typographic_quotes_become_ascii_delimiters(opening, expected):
    normalised, repairs = normalise_opening_tag(opening)

    assert normalised == expected
    assert "typographic_quotes_normalised" in repairs


def test_quotes_inside_a_value_are_left_alone():
    [code] = shortcodes_in('[caption id="attachment_5" caption="«Nur Otan» партиясы"]x[/caption]')

    assert code.attrs["caption"] == "«Nur Otan» партиясы"
    assert code.repairs == set()


def test_a_typographically_quoted_value_may_hold_guillemets_too():
    [code] = shortcodes_in("[su_note title=»«Nur Otan» партиясы» link=»none»]x[/su_note]")

    assert code.attrs == {"title": "«Nur Otan» партиясы", "link": "none"}


def test_non_breaking_and_zero_width_spaces_in_the_opening_tag_become_spaces():
    [code] = shortcodes_in("[gallery\u00a0ids=\"1,2\"\u200bsize=\"medium\"]")

    assert code.attrs == {"ids": "1,2", "size": "medium"}
    assert "special_spaces_normalised" in code.repairs


def test_normalisation_never_touches_the_content_of_an_enclosing_shortcode():
    [code] = shortcodes_in("[su_note note_color=»#ff0″]Ол «келеді» деді&nbsp;бүгін[/su_note]")

    assert code.attrs == {"note_color": "#ff0"}
    assert code.content == "Ол «келеді» деді&nbsp;бүгін"


@pytest.mark.parametrize(
    "text",
    [
        "[Жаңартылды 14:20]",  # Cyrillic: never a shortcode
        "[sic]",  # a bare word without attributes or closing tag
        "[Updated 14:20]",
        "[1]",  # a footnote mark
        "[ gallery ]",  # WordPress allows no space before the name
    ],
)
def test_editorial_brackets_stay_text(text):
    assert parse(f"Мәтін {text} соңы") == [f"Мәтін {text} соңы"]


def test_an_unknown_shortcode_with_attributes_is_a_shortcode():
    [code] = shortcodes_in('[contact-form-7 id="5" title="Form"]')

    assert code.name == "contact-form-7"
    assert code.attrs == {"id": "5", "title": "Form"}


def test_enclosing_self_closing_and_escaped_forms():
    tokens = parse('[su_box title="A"]Inside[/su_box] [gallery ids="1" /] [[gallery ids="2"]]')

    box, gallery = (token for token in tokens if isinstance(token, Shortcode))
    assert (box.name, box.content) == ("su_box", "Inside")
    assert (gallery.name, gallery.content) == ("gallery", None)
    # WordPress shows [[tag]] as the literal [tag]
    assert tokens[-1] == ' [gallery ids="2"]'


def test_a_shortcode_is_not_closed_by_another_name_and_does_not_nest_in_itself():
    [outer] = shortcodes_in("[su_note]a [su_box]b[/su_box] c[/su_note]")

    assert outer.content == "a [su_box]b[/su_box] c"
    [inner] = shortcodes_in(outer.content)
    assert (inner.name, inner.content) == ("su_box", "b")


def test_attributes_follow_shortcode_parse_atts():
    named, positional = parse_attrs(
        'Name="A" single=\'b\' bare=c "positional one" \'two\' three esc="a\\tb"'
    )

    assert named == {"name": "A", "single": "b", "bare": "c", "esc": "a\tb"}
    assert positional == ["positional one", "two", "three"]


def test_attribute_values_with_unclosed_html_are_emptied_like_wordpress():
    named, _positional = parse_attrs('ok="<b>x</b>" bad="<b x"')

    assert named == {"ok": "<b>x</b>", "bad": ""}


def test_stripcslashes_reads_c_escapes():
    assert stripcslashes(r"a\nb\x41\101\\") == "a\nbAA\\"


@pytest.mark.parametrize(
    ("value", "ids", "whitespace"),
    [
        ("media: 34077,34076", [34077, 34076], False),
        ("34077, 34076", [34077, 34076], False),
        ("34077 34076", [34077, 34076], True),
        ("3,1 2", [3, 1, 2], True),
        ("", [], False),
    ],
)
def test_ids_split_by_commas_and_or_spaces_in_the_given_order(value, ids, whitespace):
    assert split_ids(value) == (ids, whitespace)
