"""WordPress shortcodes, parsed the way WordPress parses them, after undoing typographic damage.

The grammar follows WordPress's ``get_shortcode_regex()`` (escaped ``[[tag]]``, self-closing
``[tag /]``, enclosing ``[tag]…[/tag]``, no nesting of one name inside itself) and attributes
follow ``shortcode_parse_atts()`` (``name="v"``, ``name='v'``, ``name=v``, positional values,
lower-cased names, ``stripcslashes``, values with unclosed HTML emptied).

Two things differ, on purpose:

* WordPress only matches registered names; an importer cannot know which plugins were active,
  so a name is taken as a shortcode when it is ASCII and looks like one (see
  :func:`looks_like_shortcode`). Bracketed editorial text such as ``[Жаңартылды 14:20]`` or
  ``[sic]`` stays text.
* Inside an opening tag only, HTML entities are decoded, non-breaking and zero-width spaces
  become spaces, and typographic quotes used as attribute delimiters become ASCII quotes.
  Quote characters inside a value (``caption="«Nur Otan» партиясы"``) are left alone.
"""

import html
import re
from dataclasses import dataclass, field

#: Shortcodes the importer knows by name, whatever their shape.
KNOWN_SHORTCODES = frozenset(
    {
        "gallery", "caption", "wp_caption", "embed", "audio", "video", "playlist",
        "su_custom_gallery", "su_gallery", "su_slider", "su_carousel", "su_note", "su_box",
        "su_quote", "su_spoiler", "su_accordion", "su_youtube", "su_button", "su_row",
        "su_column", "su_highlight", "su_divider", "su_spacer", "su_image_carousel",
        "su_tabs", "su_tab", "su_document", "su_video", "su_audio", "su_vimeo", "su_heading",
        "su_youtube_advanced", "su_dailymotion",
    }
)

#: Shortcodes whose content only members, logged-in users or admins saw (Shortcodes Ultimate,
#: Members, Restrict Content, Paid Memberships Pro, MemberPress, Simple Membership, WP-Members,
#: Ultimate Member): the importer drops their content, never publishing it.
PRIVATE_SHORTCODES = frozenset(
    {
        "su_private", "su_members", "members_only", "members", "member", "private", "restrict",
        "restricted", "membership", "pmpro_member", "mepr-active", "mepr_active",
        "swpm_protected", "wpmem_logged_in", "um_loggedin", "ihc-hide-content",
    }
)
KNOWN_SHORTCODES |= PRIVATE_SHORTCODES

DOUBLE_QUOTES = "«»“”„‟″‶"
SINGLE_QUOTES = "‘’‚‛′‵‹›"
TYPOGRAPHIC_QUOTES = DOUBLE_QUOTES + SINGLE_QUOTES
ALL_QUOTES = TYPOGRAPHIC_QUOTES + "\"'"
# Non-breaking, narrow and figure spaces, zero-width space/joiners, word joiner, BOM.
SPECIAL_SPACES = re.compile("[\u00a0\u2007\u202f\u200b\u200c\u200d\u2060\ufeff]")

# WordPress's get_shortcode_regex() with a generic ASCII name in place of the registered ones.
# The name must end at whitespace, "/" or "]" (WordPress: not followed by a word character).
SHORTCODE_RE = re.compile(
    r"\["
    r"(\[?)"  # 1: a second "[" escapes the shortcode: [[tag]]
    r"([A-Za-z_][A-Za-z0-9_-]*)"  # 2: the name
    r"(?=[\s\]/\u00a0\u2007\u202f\u200b\u200c\u200d\u2060\ufeff])"
    r"([^\]/]*(?:/(?!\])[^\]/]*)*?)"  # 3: inside the opening tag
    r"(?:"
    r"(/)\]"  # 4: self-closing
    r"|"
    r"\](?:([^\[]*+(?:\[(?!/\2\])[^\[]*+)*+)\[/\2\])?"  # 5: content of an enclosing tag
    r")"
    r"(\]?)",  # 6: the escaping "]"
    re.ASCII,
)

# WordPress's get_shortcode_atts_regex(), ASCII \w and \s as in PHP without the u flag.
ATTRS_RE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)"""
    r"""|"([^"]*)"(?:\s|$)"""
    r"""|'([^']*)'(?:\s|$)"""
    r"""|(\S+)(?:\s|$)""",
    re.ASCII,
)
BALANCED_HTML_RE = re.compile(r"^[^<]*+(?:<[^>]*+>[^<]*+)*+$")
# A closing delimiter is followed by the end, or by the next attribute or quoted value.
CLOSING_CONTEXT_RE = re.compile(r"\s*/?\s*$|\s+[\w-]+\s*=|\s+[" + ALL_QUOTES + "]")

#: Codes of the repairs made to an opening tag, as reported.
TYPOGRAPHIC_QUOTES_NORMALISED = "typographic_quotes_normalised"
ENTITIES_DECODED = "entities_decoded"
SPECIAL_SPACES_NORMALISED = "special_spaces_normalised"


@dataclass
class Shortcode:
    """One shortcode as found in the text."""

    name: str
    attrs: dict = field(default_factory=dict)
    positional: list = field(default_factory=list)
    #: The text between ``[tag]`` and ``[/tag]``; ``None`` for a tag without a closing tag.
    content: str | None = None
    #: The shortcode exactly as written.
    raw: str = ""
    #: The opening tag's attribute text after normalisation.
    attr_text: str = ""
    #: Codes of what normalisation changed in the opening tag.
    repairs: set = field(default_factory=set)

    @property
    def enclosing(self):
        return self.content is not None

    def get(self, name, default=""):
        return self.attrs.get(name, default)


def stripcslashes(value):
    """PHP's ``stripcslashes``: C-style escapes (``\\n``, ``\\x41``, ``\\101``) and ``\\\\``."""
    if "\\" not in value:
        return value
    escapes = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "v": "\v", "b": "\b", "f": "\f"}

    def replace(match):
        escape = match.group(1)
        if escape[0] == "x" and len(escape) > 1:
            return chr(int(escape[1:], 16))
        if escape[0].isdigit():
            return chr(int(escape, 8) & 0xFF)
        return escapes.get(escape, escape)

    return re.sub(r"\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)", replace, value, flags=re.DOTALL)


def normalise_opening_tag(text):
    """Undo typographic damage in an opening tag's attribute text.

    Returns:
        ``(text, repairs)``: the repaired text and a set of repair codes.
    """
    repairs = set()
    decoded = html.unescape(text)
    if decoded != text:
        repairs.add(ENTITIES_DECODED)
    spaced = SPECIAL_SPACES.sub(" ", decoded)
    if spaced != decoded:
        repairs.add(SPECIAL_SPACES_NORMALISED)
    quoted, changed = _normalise_delimiters(spaced)
    if changed:
        repairs.add(TYPOGRAPHIC_QUOTES_NORMALISED)
    return quoted, repairs


def _normalise_delimiters(text):
    """Replace typographic quotes that open or close a value with ASCII quotes."""
    out = []
    changed = False
    i = 0
    length = len(text)
    while i < length:
        char = text[i]
        if char in "\"'":
            # An ASCII-quoted value ends at the same quote, as in WordPress: copy it unchanged.
            end = text.find(char, i + 1)
            end = length - 1 if end == -1 else end
            out.append(text[i : end + 1])
            i = end + 1
            continue
        previous = text[i - 1] if i else " "
        if char in TYPOGRAPHIC_QUOTES and (previous.isspace() or previous == "="):
            end = _closing_delimiter(text, i + 1)
            value = text[i + 1 : end] if end is not None else text[i + 1 :]
            delimiter = "'" if '"' in value else '"'
            out.append(delimiter + value + delimiter)
            changed = True
            i = end + 1 if end is not None else length
            continue
        out.append(char)
        i += 1
    return "".join(out), changed


def _closing_delimiter(text, start):
    for index in range(start, len(text)):
        if text[index] in ALL_QUOTES and CLOSING_CONTEXT_RE.match(text, index + 1):
            return index
    return None


def parse_attrs(text):
    """WordPress's ``shortcode_parse_atts``: ``(named, positional)``."""
    named = {}
    positional = []
    text = SPECIAL_SPACES.sub(" ", text)
    for match in ATTRS_RE.finditer(text):
        groups = match.groups()
        if groups[0]:
            named[groups[0].lower()] = stripcslashes(groups[1])
        elif groups[2]:
            named[groups[2].lower()] = stripcslashes(groups[3])
        elif groups[4]:
            named[groups[4].lower()] = stripcslashes(groups[5])
        elif groups[6] is not None:
            positional.append(stripcslashes(groups[6]))
        elif groups[7] is not None:
            positional.append(stripcslashes(groups[7]))
        elif groups[8] is not None:
            positional.append(stripcslashes(groups[8]))
    # WordPress empties any value that holds unclosed HTML.
    for key, value in named.items():
        if "<" in value and not BALANCED_HTML_RE.match(value):
            named[key] = ""
    positional = [
        "" if "<" in value and not BALANCED_HTML_RE.match(value) else value
        for value in positional
    ]
    return named, positional


def looks_like_shortcode(name, attr_text, enclosing, known=KNOWN_SHORTCODES):
    """Whether an ASCII ``[name …]`` is a shortcode rather than bracketed text.

    Known names always are; otherwise the name must have the shape plugins give their
    shortcodes (an underscore or hyphen), or the tag must close (``[/name]``) or carry a
    ``name=value`` attribute. ``[sic]`` and ``[Updated 14:20]`` stay text.
    """
    if name.lower() in known:
        return True
    # ``[x = 5]`` has an equals sign but no ``name=value``: bracketed text, as WordPress reads it.
    return "_" in name or "-" in name or enclosing or (
        "=" in attr_text and bool(parse_attrs(attr_text)[0])
    )


def parse(text, known=KNOWN_SHORTCODES):
    """Split ``text`` into a list of strings and :class:`Shortcode` objects, in order.

    Only top-level shortcodes are parsed; parse a shortcode's ``content`` again to reach the
    ones inside it. Adjacent strings are merged, and escaped ``[[tag]]`` becomes the text
    ``[tag]`` as WordPress shows it.
    """
    tokens = []
    position = 0
    for match in SHORTCODE_RE.finditer(text):
        escape_open, name, attr_text, _self_closing, content, escape_close = match.groups()
        raw = match.group(0)
        if escape_open == "[" and escape_close == "]":
            _append_text(tokens, text[position : match.start()] + raw[1:-1])
            position = match.end()
            continue
        normalised, repairs = normalise_opening_tag(attr_text)
        if not looks_like_shortcode(name, normalised, content is not None, known):
            continue
        # The optional escaping brackets belong to the text when only one side has one.
        start = match.start() + len(escape_open)
        end = match.end() - len(escape_close)
        raw = text[start:end]
        named, positional = parse_attrs(normalised)
        _append_text(tokens, text[position:match.start()] + escape_open)
        tokens.append(
            Shortcode(
                name=name, attrs=named, positional=positional, content=content, raw=raw,
                attr_text=normalised.strip(), repairs=repairs,
            )
        )
        if escape_close:
            _append_text(tokens, escape_close)
        position = match.end()
    _append_text(tokens, text[position:])
    return tokens


def _append_text(tokens, text):
    if not text:
        return
    if tokens and isinstance(tokens[-1], str):
        tokens[-1] += text
    else:
        tokens.append(text)


def has_shortcode(text, known=KNOWN_SHORTCODES):
    """Whether ``text`` holds at least one shortcode."""
    return any(isinstance(token, Shortcode) for token in parse(text, known))


def split_ids(value):
    """Attachment ids from ``"1,2 3"``: ``(ids, whitespace_separated)``, order kept.

    ``whitespace_separated`` is true when some ids were separated by spaces alone.
    """
    ids = []
    whitespace_separated = False
    previous_end = None
    for match in re.finditer(r"\d+", value):
        if previous_end is not None and "," not in value[previous_end : match.start()]:
            whitespace_separated = True
        ids.append(int(match.group(0)))
        previous_end = match.end()
    return ids, whitespace_separated
