"""What an import did, post by post: the JSON written by ``--report`` and the summary printed."""

import json
from collections import Counter

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

#: What each warning code means, for the summary and the report's ``details``.
WARNING_MESSAGES = {
    "typographic_quotes_normalised": _(
        "Typographic quotes in a shortcode were read as straight quotes."
    ),
    "entities_decoded": _("HTML entities in a shortcode were decoded."),
    "special_spaces_normalised": _(
        "Non-breaking or zero-width spaces in a shortcode were read as spaces."
    ),
    "whitespace_separated_ids": _("Gallery ids were separated by spaces, not commas."),
    "missing_attachment": _("The post uses an attachment that is not in the export."),
    "ambiguous_attachment": _(
        "Several imported sites have an attachment with this id; give --source."
    ),
    "not_an_image": _("An attachment is not an image; it was left out."),
    "missing_file": _("An attachment's file is not in the uploads folder."),
    "unmappable_url": _(
        "An image's address cannot be mapped to a file in the uploads folder; it was left out."
    ),
    "file_too_large": _("An image file is larger than the site accepts."),
    "too_many_pixels": _("An image has more pixels than the site accepts."),
    "unsafe_path": _("An attachment's file name leads out of the uploads folder; refused."),
    "external_image": _("An image from another site was left out."),
    "missing_alt_text": _("An image has no alt text: describe it in the editor."),
    "unhandled_shortcode": _("A shortcode was removed; its inner content was kept."),
    "unsupported_gallery_source": _(
        "A gallery takes its images from posts or categories; it could not be converted."
    ),
    "link_mode_approximated": _("A gallery's link mode has no exact equivalent."),
    "gallery_size_approximated": _("A gallery's image size has no exact equivalent."),
    "empty_gallery": _("None of a gallery's images could be imported; it was left out."),
    "block_degraded": _("The page type has no block for this content; it became a paragraph."),
    "element_removed": _(
        "An element that cannot be kept safely (script, form, frame) was removed."
    ),
    "table_flattened": _("A table became one paragraph per row."),
    "zero_date": _("The post has no date; its last change or today was used."),
    "edited_since_import": _("The page was edited after the last import; it was left alone."),
    "redirect_conflict": _("An old address already redirects elsewhere; it was left alone."),
    "redirect_too_long": _("An old address is too long for a redirect."),
    "locale_from_parent": _("The post was put in the language of the given parent page."),
    "password_protected": _("The post was password-protected; the page is too."),
    "scheduled_as_draft": _("The post was scheduled; it became a draft."),
    "scheduled": _("The post was scheduled; the page is scheduled to go live at its date."),
    "scheduled_date_passed": _(
        "The post was scheduled for a date that has passed; the page was published."
    ),
    "translation_source_missing": _(
        "WPML or Polylang names a translation of this post that is not in the export."
    ),
    "translation_locale_clash": _(
        "A translation of this post is already in the same language; they were not linked."
    ),
    "internal_link_unresolved": _(
        "A link points to a post or file of the old site that is not in the export."
    ),
    "quote_as_paragraph": _(
        "A quote with bold, italics or links became a paragraph, to keep them."
    ),
    "footnote_anchors_dropped": _(
        "Footnotes kept their text and numbers; their links to each other were removed."
    ),
    "reusable_block_missing": _(
        "The post uses a reusable block that is not in the export; it was left out."
    ),
    "default_category_dropped": _(
        "WordPress's default category (Uncategorized) was not kept as a tag."
    ),
    "project_not_found": _(
        "--category-map names a party project that does not exist; the category became a tag."
    ),
    "terms_dropped": _("The page type has no field for tags or projects; they were left out."),
    "slug_renamed": _("Another page already has the post's slug; the page got a new one."),
    "redirect_shadowed": _(
        "An old address is also the address of a live page, which answers it; its redirect "
        "never takes effect."
    ),
    "no_identity": _("The item has no post id, guid or link; it was not imported."),
    "private_content_dropped": _(
        "Content for members only (a shortcode such as [su_private]) was left out."
    ),
}


def warning_message(code):
    return str(WARNING_MESSAGES.get(code, code))


class ImportReport:
    """Collects per-post entries and totals; :meth:`as_dict` is the ``--report`` JSON."""

    def __init__(self, *, source="", dry_run=False):
        self.source = source
        self.dry_run = dry_run
        self.posts = []
        self.attachments = {}
        #: ``{wp_id: document id}`` of the attachments imported (or reused) as documents.
        self.documents = {}
        self.totals = Counter()
        self.warning_totals = Counter()
        self.unhandled_totals = Counter()
        self.errors = []

    def add_post(self, entry):
        """Record one post's entry (a dict with ``status``, ``warnings``, ``galleries`` …)."""
        self.posts.append(entry)
        self.totals["posts"] += 1
        self.totals[entry["status"]] += 1
        if entry["status"] in ("created", "updated", "unchanged"):
            self.totals["live" if entry.get("live") else "drafts"] += 1
        self.totals["comments"] += entry.get("comments", 0)
        self.totals["galleries"] += len(entry.get("galleries", []))
        self.totals["gallery_images"] += sum(
            gallery.get("images", len([i for i in gallery["image_ids"] if i is not None]))
            for gallery in entry.get("galleries", [])
        )
        self.totals["redirects"] += len(entry.get("redirects", []))
        for detail in entry.get("details", []):
            self.warning_totals[detail["code"]] += 1
        self.unhandled_totals.update(entry.get("unhandled_shortcodes", {}))
        if entry.get("error"):
            self.errors.append(entry)

    def add_detail(self, entry, code, **params):
        """Add a warning found after the post's entry was recorded (links resolved at the end)."""
        if entry is None:
            return
        entry["details"].append({"code": code, "message": warning_message(code), **params})
        entry["warnings"] = sorted({*entry["warnings"], code})
        self.warning_totals[code] += 1

    def skip(self, post_type):
        self.totals[f"skipped_{post_type}"] += 1

    def as_dict(self):
        totals = dict(sorted(self.totals.items()))
        totals["warnings"] = dict(sorted(self.warning_totals.items()))
        totals["unhandled_shortcodes"] = dict(sorted(self.unhandled_totals.items()))
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "posts": self.posts,
            "attachments": {str(wp_id): image_id for wp_id, image_id in self.attachments.items()},
            "documents": {str(wp_id): doc_id for wp_id, doc_id in self.documents.items()},
            "totals": totals,
        }

    def write(self, path):
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(self.as_dict(), handle, ensure_ascii=False, indent=2, default=str)
            handle.write("\n")

    def summary_lines(self):
        """The summary a person reads after the progress bar, one line per fact."""
        t = self.totals
        lines = [
            ngettext("%(count)d post read", "%(count)d posts read", t["posts"])
            % {"count": t["posts"]},
            _("created %(created)d, updated %(updated)d, unchanged %(unchanged)d, "
              "skipped %(skipped)d, failed %(failed)d")
            % {key: t[key] for key in ("created", "updated", "unchanged", "skipped", "failed")},
            _("%(live)d published, %(drafts)d drafts; %(comments)d comments counted, not "
              "imported") % {key: t[key] for key in ("live", "drafts", "comments")},
            _("%(galleries)d galleries with %(images)d images; %(attachments)d images imported, "
              "%(reused)d reused; %(redirects)d redirects")
            % {
                "galleries": t["galleries"], "images": t["gallery_images"],
                "attachments": t["attachments_created"], "reused": t["attachments_reused"],
                "redirects": t["redirects"],
            },
        ]
        if self.documents:
            lines.append(
                ngettext("%(count)d document (PDF, DOCX…) linked", "%(count)d documents "
                         "(PDF, DOCX…) linked", len(self.documents))
                % {"count": len(self.documents)}
            )
        for code, count in sorted(self.warning_totals.items()):
            lines.append(f"  {count} × {code}: {warning_message(code)}")
        for name, count in sorted(self.unhandled_totals.items()):
            lines.append(
                _("  %(count)d × [%(name)s] (unhandled shortcode)")
                % {"count": count, "name": name}
            )
        for entry in self.errors:
            lines.append(
                _("  post %(wp_id)s failed: %(error)s")
                % {"wp_id": entry["wp_id"], "error": entry["error"]}
            )
        if self.dry_run:
            lines.append(_("Dry run: nothing was saved."))
        return [str(line) for line in lines]
