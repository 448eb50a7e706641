r"""Posts that WPML or Polylang mark as translations of each other, as groups of WordPress ids.

Polylang gives each post of a group the same ``post_translations`` term (``pll_…``); the
channel's ``<wp:term>`` of that term lists every member as a PHP array (``a:2:{s:2:"kk";i:12;
s:2:"ru";i:13;}``), so members the export left out are known.

WPML keeps its groups (``trid``) and languages in its own table, ``icl_translations``, which
WordPress's exporter does not write: a plain export of a WPML site links translations only where
WPML made a *duplicate*, whose meta ``_icl_lang_duplicate_of`` is the id of the post it copies
(WPML's ``WPML_Post_Duplication`` sets it; the duplicate keeps the original's slug and, until
someone edits it, its text, so only its address tells its language). WPML's Export and Import
add-on writes the group itself into the export, as post meta (``WPML\Import\Fields``):
``_wpml_import_translation_group``, ``_wpml_import_language_code`` and, on translations,
``_wpml_import_source_language_code``. Other WPML meta of real exports (``_wpml_word_count``,
``_wpml_media_duplicate``, ``_wpml_media_featured``, ``_last_translation_edit_mode``) say
nothing about groups.
"""

import re
from dataclasses import dataclass, field

POLYLANG_TAXONOMY = "post_translations"
WPML_GROUP_META = "_wpml_import_translation_group"
WPML_LANGUAGE_META = "_wpml_import_language_code"
WPML_SOURCE_META = "_wpml_import_source_language_code"
WPML_DUPLICATE_META = "_icl_lang_duplicate_of"
# One "language => post id" pair of a serialised PHP array.
PHP_PAIR = re.compile(r's:\d+:"([^"]*)";i:(\d+);')


@dataclass
class Group:
    """One translation group: ``key`` names it, ``members`` are the ids in the export (in
    export order), ``missing`` what the plugin names that the export does not hold."""

    key: str
    members: list = field(default_factory=list)
    missing: list = field(default_factory=list)


def translation_groups(export, post_types=("post",)):
    """``{wp_id: Group}`` for every post of ``export`` that belongs to a translation group."""
    posts = [item for item in export.items if item.post_type in post_types]
    present = {item.wp_id for item in posts}
    groups = {}
    for item in posts:
        for term in item.terms_in(POLYLANG_TAXONOMY):
            if term.slug or term.name:
                key = f"polylang:{term.slug or term.name}"
                groups.setdefault(key, Group(key)).members.append(item.wp_id)
                break
        else:
            wpml = item.meta_value(WPML_GROUP_META).strip()
            if wpml:
                key = f"wpml:{wpml}"
                groups.setdefault(key, Group(key)).members.append(item.wp_id)
    for term in export.terms:
        group = groups.get(f"polylang:{term['slug']}")
        if term["taxonomy"] == POLYLANG_TAXONOMY and group is not None:
            for language, wp_id in PHP_PAIR.findall(term["description"]):
                if int(wp_id) not in present:
                    group.missing.append(f"{language}:{wp_id}")
    by_id = {item.wp_id: item for item in posts}
    for key, group in groups.items():
        if not key.startswith("wpml:"):
            continue
        languages = {by_id[wp_id].meta_value(WPML_LANGUAGE_META) for wp_id in group.members}
        sources = {by_id[wp_id].meta_value(WPML_SOURCE_META) for wp_id in group.members}
        group.missing.extend(sorted(
            source for source in sources if source and source not in languages
        ))
    members = {wp_id: group for group in groups.values() for wp_id in group.members}
    _add_duplicates(posts, members, present)
    return members


def _add_duplicates(posts, members, present):
    """Put each WPML duplicate in its original's group (a new one if the original has none)."""
    for item in posts:
        original = item.meta_value(WPML_DUPLICATE_META).strip()
        if item.wp_id in members or not original.isdigit() or int(original) == item.wp_id:
            continue
        original = int(original)
        group = members.get(original)
        if group is None:
            group = Group(f"wpml-duplicate:{original}")
            if original in present:
                group.members.append(original)
                members[original] = group
            else:
                group.missing.append(str(original))
        group.members.append(item.wp_id)
        members[item.wp_id] = group
