"""Import a parsed WordPress export into pages of the host's configured model.

Each post is imported in its own transaction: a failure in the middle of a post leaves nothing
of it behind, and the next post goes on. Attachments a post uses are imported before its
transaction (each in its own), so an image stays imported, and reused, even when a post fails.
:class:`~engagement.legacy.models.LegacyObject` records what every WordPress id became; a second
run of the same export creates nothing new, updates the posts that changed in WordPress, and
leaves alone pages that editors changed since.
"""

import html as html_module
import json
import logging
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from functools import partial
from urllib.parse import unquote

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageViewRestriction, ReferenceIndex
from wagtail.search import index as search_index
from wagtail.search.backends import get_search_backend
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from engagement import conf

from . import content, links, locales, redirects, translations
from .images import AttachmentImporter
from .models import LegacyObject
from .nodes import Gallery, Image
from .report import ImportReport, warning_message
from .stream import StreamBuilder

logger = logging.getLogger(__name__)

#: WordPress statuses that become live pages; ``future`` becomes a page scheduled for its date
#: (a revision approved to go live then); other importable ones become drafts.
LIVE_STATUSES = frozenset({"publish"})
DRAFT_STATUSES = frozenset({"draft", "pending", "future", "private"})
#: Search backends that keep their index in the database (``IndexEntry`` rows).
DATABASE_SEARCH_BACKENDS = ("wagtail.search.backends.database", "modelsearch.backends.database")
#: Slugs WordPress gives its default category ("Uncategorized", «Без рубрики»).
DEFAULT_CATEGORY_SLUGS = frozenset({"uncategorized", "bez-rubriki", "без-рубрики"})
#: Post types imported as pages.
POST_TYPES = frozenset({"post"})


class PostSkipped(Exception):
    """A post cannot be imported; the message says why, for a person."""


def get_page_model():
    """The page model posts become (``ENGAGEMENT_LEGACY_PAGE_MODEL``)."""
    label = conf.legacy_page_model_label()
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as error:
        raise ImproperlyConfigured(
            f"ENGAGEMENT_LEGACY_PAGE_MODEL refers to {label!r}, which is not installed."
        ) from error
    if not issubclass(model, Page):
        raise ImproperlyConfigured(f"ENGAGEMENT_LEGACY_PAGE_MODEL {label!r} is not a page model.")
    return model


def field_names(model):
    """``{role: field name}`` of the roles (body, date, …) the model has a field for."""
    names = {}
    for role, name in conf.legacy_fields().items():
        if not name:
            continue
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        names[role] = name
    body = names.get("body")
    if body is None or not isinstance(model._meta.get_field(body), StreamField):
        raise ImproperlyConfigured(
            f"{model._meta.label} needs a StreamField for the post body "
            f"(ENGAGEMENT_LEGACY_FIELDS['body'])."
        )
    return names


@contextmanager
def search_index_once(model):
    """Index ``model`` instances only when told to, not on each save, inside this block.

    A post's page is saved three times (created, revision, published) and each save would
    update the search index; on SQLite each update also rescans the whole index. The signal
    handler is disconnected for ``model`` in this process while the block runs, and the
    importer indexes every page once when its post is done. Run imports in their own process
    (the command does): a page saved by another thread of the same process meanwhile would not
    be indexed.
    """
    disconnected = post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        if disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def scheduled_at(item):
    """When a scheduled (``future``) post was to go live, as an aware UTC datetime, or ``None``.

    The local ``wp:post_date`` is what its author set, read as a time in the site's time zone
    (``TIME_ZONE``: Asia/Almaty, UTC+6 before 1 March 2024 and UTC+5 since); the GMT date is
    used only when the local one is missing (WordPress writes zeros for some drafts).
    """
    if item.date is not None:
        return timezone.make_aware(item.date, timezone.get_default_timezone()).astimezone(UTC)
    return item.date_gmt.astimezone(UTC) if item.date_gmt else None


@dataclass
class PostResult:
    page: Page | None
    status: str


class WordPressImporter:
    """Imports the posts of one :class:`~engagement.legacy.wxr.Export`.

    Args:
        export: the parsed export.
        uploads: the folder holding a copy of the site's ``wp-content/uploads``.
        parent: the page new posts go under; by default, for each post, the first page in the
            post's locale that the page model may be created under (the news index).
        locale: ``"auto"`` or a language code forcing every post's locale.
        dry_run: do everything, then roll the database back; no image files are written.
        user: recorded on revisions and in the history.
        progress: wraps the iterable of posts (a tqdm factory); identity by default.
        category_map: ``{category slug: party project slug}``; other categories become tags.
    """

    def __init__(self, export, uploads, *, parent=None, locale="auto", dry_run=False,
                 user=None, progress=None, category_map=None):
        self.export = export
        self.source = export.identity
        self.parent = parent.specific if parent is not None else None
        self.forced_locale = None if locale in (None, "", "auto") else locale
        self.dry_run = dry_run
        self.user = user
        self.progress = progress or (lambda iterable, **kwargs: iterable)
        #: ``{category slug: party project slug}`` (``--category-map``).
        self.category_map = dict(category_map or {})
        self.page_model = get_page_model()
        self.fields = field_names(self.page_model)
        self.report = ImportReport(source=self.source, dry_run=dry_run)
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        #: The export's ``<language>`` (``ru-RU``…) as a site locale: what a post whose text
        #: does not tell is in.
        self.channel_language = locales.normalise_code(export.language, self.locales)
        if self.forced_locale and self.forced_locale not in self.locales:
            raise ImproperlyConfigured(
                _("There is no locale %(code)s on this site.") % {"code": self.forced_locale}
            )
        if self.parent is not None and self.parent.specific_class not in (
            self.page_model.allowed_parent_page_models()
        ):
            raise ImproperlyConfigured(
                _("%(model)s pages cannot be created under “%(parent)s”.")
                % {"model": self.page_model._meta.verbose_name, "parent": self.parent.title}
            )
        attachments = export.attachments
        self.images = AttachmentImporter(
            attachments, uploads, self.source, dry_run=dry_run,
            site_urls=(export.base_blog_url, export.base_site_url, export.link),
        )
        self.children = {}
        for attachment in sorted(attachments.values(), key=lambda a: (a.menu_order, a.wp_id)):
            if attachment.parent_id:
                self.children.setdefault(attachment.parent_id, []).append(attachment.wp_id)
        stream_block = self.page_model._meta.get_field(self.fields["body"]).stream_block
        self.builder = StreamBuilder(stream_block, self.images.for_image, self.images.for_id,
                                     self.images.document_link)
        self.mappings = {
            mapping.wp_id: mapping
            for mapping in LegacyObject.objects.filter(source=self.source).exclude(
                wp_type="attachment"
            )
        }
        #: ``{wp_id: translations.Group}``: posts WPML or Polylang link as translations.
        self.groups = translations.translation_groups(export, POST_TYPES)
        self.link_index = links.LinkIndex(export, POST_TYPES)
        #: The export's reusable blocks, expanded where posts use them.
        self.reusable = {
            item.wp_id: item.content for item in export.items if item.post_type == "wp_block"
        }
        self.default_parents = {}
        self.touched = []
        #: Pages left as they were; a run killed after saving them may have left their index
        #: rows out, which :meth:`_repair_indexes` puts back.
        self.unchanged = []

    # --- the run --------------------------------------------------------------------------

    def run(self):
        """Import every post; return the :class:`~engagement.legacy.report.ImportReport`."""
        posts = []
        for item in self.export.items:
            if item.post_type in POST_TYPES:
                posts.append(item)
            elif item.post_type != "attachment":
                self.report.skip(item.post_type or "unknown")
        for title in self.export.unidentified:
            self.report.add_post(self._unidentified_entry(title))
        with disable_reference_index_auto_update(), search_index_once(self.page_model):
            if self.dry_run:
                with transaction.atomic():
                    self._import_all(posts)
                    transaction.set_rollback(True)
            else:
                self._import_all(posts)
                self._rewrite_links()
                # References are indexed once per page at the end, not on every save.
                for obj in self.touched:
                    ReferenceIndex.create_or_update_for_object(obj)
                self._repair_indexes()
        self.report.attachments = self.images.imported
        self.report.documents = {
            wp_id: document_id for wp_id, (document_id, _code) in self.images.documents.items()
            if document_id is not None
        }
        self.report.totals["documents_created"] = len(self.images.documents_created)
        self.report.totals["attachments_created"] = len(self.images.created)
        self.report.totals["attachments_reused"] = len(set(self.images.reused))
        return self.report

    def _rewrite_links(self):
        """Links to other posts and attachments of the export, as page, image or document
        links, in the pages this run wrote; done once everything is imported.

        The page and its latest revision (what the importer last wrote, see
        :class:`LegacyObject`) are updated alike, so the page does not look edited since.
        """
        paragraph = self.builder.paragraph_name
        if paragraph is None:
            return
        body = self.fields["body"]
        entries = {entry["wp_id"]: entry for entry in self.report.posts}
        pages = {page.pk: page for page in self.touched}
        wp_ids = {mapping.object_id: wp_id for wp_id, mapping in self.mappings.items()}
        for page in pages.values():
            stream = getattr(page, body)
            raw = list(stream.raw_data)
            unresolved = []
            resolve = partial(self._link_attributes, unresolved=unresolved)
            changed = False
            for block in raw:
                if block["type"] != paragraph or not isinstance(block["value"], str):
                    continue
                if "<a " not in block["value"]:
                    continue
                rewritten = links.rewrite_links(block["value"], resolve)
                if rewritten != block["value"]:
                    block["value"] = rewritten
                    changed = True
            entry = entries.get(wp_ids.get(page.pk))
            for href in unresolved:
                self.report.add_detail(entry, "internal_link_unresolved", url=href[:300])
            if changed:
                self._store_body(page, raw)

    def _link_attributes(self, href, unresolved):
        """The attributes of the link ``href`` becomes, or ``None`` to keep it as it is."""
        target = self.link_index.target(href)
        if target is None:
            return None
        kind, wp_id = target
        if kind == "post" and wp_id in self.mappings:
            return f'linktype="page" id="{self.mappings[wp_id].object_id}"'
        if kind == "attachment" and self.images.is_document(wp_id):
            document = self.images.document_link(wp_id)
            if document is not None:
                return f'linktype="document" id="{document[0]}"'
        elif kind == "attachment":
            found = self._attachment_link(wp_id)
            if found is not None:
                return found
        unresolved.append(html_module.unescape(href))
        return None

    def _attachment_link(self, wp_id):
        outcome = self.images.for_id(wp_id)
        if outcome.image_id is None:
            return None
        image = self.images.Image.objects.filter(pk=outcome.image_id).first()
        return f'href="{html_module.escape(image.file.url)}"' if image else None

    def _store_body(self, page, raw):
        body = self.fields["body"]
        setattr(page, body, raw)
        self.page_model.objects.filter(pk=page.pk).update(**{body: getattr(page, body)})
        revision = page.latest_revision
        if revision is not None and body in revision.content:
            data = getattr(page, body).get_prep_value()
            stored = revision.content[body]
            revision.content[body] = json.dumps(data) if isinstance(stored, str) else data
            revision.save(update_fields=["content"])

    def _repair_indexes(self):
        """Put back the reference and search index rows of unchanged pages that lack them.

        A run killed (Ctrl+C, the machine restarted) after saving pages but before indexing
        them leaves pages that the next run finds unchanged. Their references are indexed again
        (Wagtail's own update writes only the rows that differ) and pages missing from the
        search index are indexed.
        """
        for page in self.unchanged:
            ReferenceIndex.create_or_update_for_object(page)
        for page in self._missing_from_search_index(self.unchanged):
            search_index.insert_or_update_object(page)

    def _missing_from_search_index(self, pages):
        if not pages:
            return []
        backend = get_search_backend()
        if not type(backend).__module__.startswith(DATABASE_SEARCH_BACKENDS):
            # Another backend (Elasticsearch…) cannot be asked cheaply: index them again.
            return pages
        from django.contrib.contenttypes.models import ContentType
        from wagtail.search.models import IndexEntry

        indexed = set(
            IndexEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(self.page_model),
                object_id__in=[str(page.pk) for page in pages],
            ).values_list("object_id", flat=True)
        )
        return [page for page in pages if str(page.pk) not in indexed]

    def _import_all(self, posts):
        for item in self.progress(posts, desc=_("Posts"), unit=_("post")):
            self.report.add_post(self.import_post(item))

    @staticmethod
    def _unidentified_entry(title):
        """The report entry of an item with no post id, guid or link: refused, a failure."""
        return {
            "wp_id": None, "title": content.plain_text(title), "status": "failed",
            "page_id": None, "locale": None, "live": False, "url": None, "galleries": [],
            "warnings": ["no_identity"], "details": [{
                "code": "no_identity", "message": warning_message("no_identity"),
            }], "unhandled_shortcodes": {}, "comments": 0, "redirects": [],
            "error": _("The item has no post id, guid or link, so a second import could not "
                       "find it again; it was not imported."),
        }

    def import_post(self, item):
        """Import one post; return its report entry. Never raises for a bad post."""
        conversion = content.Conversion()
        entry = {
            "wp_id": item.wp_id, "title": content.plain_text(item.title), "status": "",
            "page_id": None, "locale": None, "live": False, "url": None, "galleries": [],
            "warnings": [], "details": [], "unhandled_shortcodes": {},
            "comments": item.comment_count, "redirects": [],
        }
        if item.status not in LIVE_STATUSES | DRAFT_STATUSES:
            entry["status"] = "skipped"
            entry["error"] = _("WordPress status “%(status)s” is not imported.") % {
                "status": item.status
            }
            return entry
        try:
            result, galleries = self._import_post(item, conversion, entry)
        except PostSkipped as error:
            entry["status"] = "skipped"
            entry["error"] = str(error)
        except Exception as error:  # noqa: BLE001 - one bad post must not stop the archive
            logger.exception("WordPress post %s failed", item.wp_id)
            entry["status"] = "failed"
            entry["error"] = f"{type(error).__name__}: {error}"
        else:
            entry["status"] = result.status
            entry["galleries"] = galleries
            page = result.page
            if page is not None:
                entry["page_id"] = None if self.dry_run else page.pk
                entry["live"] = page.live
                entry["url"] = page.get_url()
        entry["warnings"] = sorted({warning.code for warning in conversion.warnings})
        entry["details"] = [
            {"code": warning.code, "message": warning_message(warning.code), **warning.params}
            for warning in conversion.warnings
        ]
        entry["unhandled_shortcodes"] = dict(conversion.unhandled)
        return entry

    def _import_post(self, item, conversion, entry):
        mapping = self.mappings.get(item.wp_id)
        page = None
        if mapping is not None:
            page = (
                self.page_model.objects.select_related("locale")
                .filter(pk=mapping.object_id).first()
            )
        locale = self._locale(item, page, conversion)
        entry["locale"] = locale.language_code
        content.convert(item.content, attached_ids=self.children.get(item.wp_id, ()),
                        conversion=conversion, reusable=self.reusable,
                        footnotes=item.meta_value("footnotes"))
        if item.date is None:
            conversion.warn("zero_date")
        # Images first, each in its own transaction, so that a failing post keeps them.
        self._resolve_images(item, conversion)
        stream, galleries = self.builder.build(conversion)
        if page is not None and mapping.revision_id and page.latest_revision_id != (
            mapping.revision_id
        ):
            conversion.warn("edited_since_import", page_id=page.pk)
            self.unchanged.append(page)
            return PostResult(page, "unchanged"), galleries
        if page is not None and mapping.fingerprint == item.fingerprint:
            self.unchanged.append(page)
            return PostResult(page, "unchanged"), galleries
        with transaction.atomic():
            created = page is None
            if created:
                parent = self._parent(item, locale, conversion)
                page = self.page_model(locale=parent.locale)
                entry["locale"] = parent.locale.language_code
            else:
                parent = page.get_parent()
            self._fill(page, item, stream, parent, conversion)
            key = self._translation_key(item, page, conversion)
            if key is not None:
                page.translation_key = key
            if created:
                page.live = False
                parent.add_child(instance=page)
            page = self._save(page, item, conversion)
            self._redirects(item, page, entry, conversion)
            # Remembered for the rest of the run too: an id twice in one export is one page.
            self.mappings[item.wp_id] = LegacyObject.record(
                self.source, item.wp_id, item.post_type, page,
                fingerprint=item.fingerprint, revision_id=page.latest_revision_id,
            )
        if not self.dry_run:
            search_index.insert_or_update_object(page)
        self.touched.append(page)
        return PostResult(page, "created" if created else "updated"), galleries

    # --- pieces ---------------------------------------------------------------------------

    def _locale(self, item, page, conversion):
        if page is not None:
            return page.locale
        code = self.forced_locale or locales.declared_language(item, self.locales)
        if code is None:
            code = locales.detect_language(
                locales.reading_text(item.title, item.content), prior=self.channel_language
            )
        if code not in self.locales:
            raise PostSkipped(
                _("The post is in %(code)s, a language this site has no locale for.")
                % {"code": code}
            )
        return self.locales[code]

    def _translation_key(self, item, page, conversion):
        """The ``translation_key`` the post's page shares with its WPML or Polylang group.

        The first member imported keeps its own key and every later one takes it, so the order
        of the export does not matter. ``None`` leaves the page's key alone: no group, no
        member imported yet, or one already in this page's locale (reported).
        """
        group = self.groups.get(item.wp_id)
        if group is None:
            return None
        if group.missing and not any(w.code == "translation_source_missing"
                                     for w in conversion.warnings):
            conversion.warn("translation_source_missing", group=group.key,
                            missing=list(group.missing))
        others = [
            self.mappings[wp_id].object_id
            for wp_id in group.members if wp_id != item.wp_id and wp_id in self.mappings
        ]
        if not others:
            return None
        members = list(
            Page.objects.filter(pk__in=others).exclude(pk=page.pk)
            .values_list("translation_key", "locale_id")
        )
        if not members:
            return None
        key = members[0][0]
        if any(locale_id == page.locale_id for member_key, locale_id in members
               if member_key == key):
            conversion.warn("translation_locale_clash", group=group.key,
                            locale=page.locale.language_code)
            return None
        return key

    def _parent(self, item, locale, conversion):
        if self.parent is not None:
            if self.parent.locale_id == locale.pk:
                return self.parent
            translated = self.parent.get_translation_or_none(locale)
            if translated is not None:
                return translated.specific
            conversion.warn("locale_from_parent", locale=self.parent.locale.language_code)
            return self.parent
        if locale.pk not in self.default_parents:
            parent_models = [
                model for model in self.page_model.allowed_parent_page_models()
                if model is not Page
            ]
            parent = (
                Page.objects.type(*parent_models).filter(locale=locale).order_by("path").first()
                if parent_models else None
            )
            self.default_parents[locale.pk] = parent.specific if parent else None
        parent = self.default_parents[locale.pk]
        if parent is None:
            raise PostSkipped(
                _("There is no page in %(locale)s to put %(model)s pages under; "
                  "create one or give --parent.")
                % {"locale": locale.language_code, "model": self.page_model._meta.verbose_name}
            )
        return parent

    def _resolve_images(self, item, conversion):
        for node in conversion.blocks:
            if isinstance(node, Image):
                self.images.for_image(node)
            elif isinstance(node, Gallery) and node.images:
                for image in node.images:
                    self.images.for_image(image)
            elif isinstance(node, Gallery):
                for wp_id in node.wp_ids:
                    self.images.for_id(wp_id)
        thumbnail = item.meta_value("_thumbnail_id")
        if thumbnail.isdigit():
            self.images.for_id(int(thumbnail))

    def _fill(self, page, item, stream, parent, conversion):
        title = content.plain_text(item.title)[:255]
        if not title:
            # A page title is content: in the page's language, not the console's (English).
            with translation.override(page.locale.language_code if page.locale_id else None):
                title = _("WordPress post %(id)s") % {"id": item.wp_id}
        page.title = title
        page.draft_title = title
        slug = slugify(item.slug, allow_unicode=True) or slugify(title, allow_unicode=True)
        slug = (slug or f"post-{item.wp_id}")[:200]
        page.slug = find_available_slug(parent, slug, ignore_page_id=page.pk)
        if page.slug != slug:
            conversion.warn("slug_renamed", slug=slug, new_slug=page.slug)
        setattr(page, self.fields["body"], stream)
        date = item.date or item.modified
        published = item.date_gmt or (
            timezone.make_aware(item.date) if item.date else None
        )
        if "date" in self.fields:
            setattr(page, self.fields["date"], (date or timezone.localtime()).date())
        if "lead" in self.fields:
            lead = content.without_private(item.excerpt, conversion)
            setattr(page, self.fields["lead"], content.plain_text(lead))
        if "hero_image" in self.fields:
            thumbnail = item.meta_value("_thumbnail_id")
            outcome = self.images.for_id(int(thumbnail)) if thumbnail.isdigit() else None
            image_id = outcome.image_id if outcome else None
            setattr(page, f"{self.fields['hero_image']}_id", image_id)
        projects, terms = self._terms(item, page, conversion)
        names = [name for name, _slug in terms]
        if "topics" in self.fields:
            setattr(page, self.fields["topics"], self._topic_links(page, terms[:50]))
        elif "tags" in self.fields:
            getattr(page, self.fields["tags"]).set(names[:50])
        elif names:
            conversion.warn("terms_dropped", terms=names[:50])
        if projects and "projects" in self.fields:
            relation = self.page_model._meta.get_field(self.fields["projects"])
            setattr(page, self.fields["projects"], [
                relation.related_model(project=project) for project in projects
            ])
        if published and page.first_published_at is None and item.status in LIVE_STATUSES:
            page.first_published_at = published.astimezone(UTC)
        scheduled = scheduled_at(item) if item.status == "future" else None
        if scheduled and scheduled <= timezone.now() and page.first_published_at is None:
            page.first_published_at = scheduled

    def _terms(self, item, page, conversion):
        """``(projects, [(tag name, slug)])`` from the post's categories and tags.

        Tags (``post_tag``, and WXR 1.0's ``tag``) and categories become tags; a category the
        ``--category-map`` names becomes that party project instead. WordPress's default
        category ("Uncategorized") says nothing and is left out, reported.
        """
        projects = []
        names = []
        terms = []
        for term in item.terms_in("post_tag", "tag", "category"):
            name = term.name.strip()
            if not name:
                continue
            if term.domain == "category" and term.slug in DEFAULT_CATEGORY_SLUGS:
                conversion.warn("default_category_dropped", category=name)
                continue
            project_slug = self.category_map.get(term.slug) if term.domain == "category" else None
            if project_slug:
                project = self._project(project_slug, page)
                if project is not None:
                    if project not in projects:
                        projects.append(project)
                    continue
                conversion.warn("project_not_found", category=term.slug, project=project_slug)
            if name not in names:
                names.append(name)
                terms.append((name, unquote(term.slug or "")))
        if projects and "projects" not in self.fields:
            conversion.warn("terms_dropped", terms=[project.slug for project in projects])
        return projects, terms

    def _topic_links(self, page, terms):
        """Links of ``page`` to the topics ``[(name, slug)]`` of its locale, made where missing.

        A topic is found by the term's WordPress slug, the slug made from its name, or its name
        in the page's locale; a link the page already has to it is kept as it is (with its
        translation key, which its translations' links share).
        """
        link_model = self.page_model._meta.get_field(self.fields["topics"]).related_model
        topic_model = link_model._meta.get_field("topic").related_model
        locale_id = page.locale_id or Locale.get_default().pk
        existing = {link.topic_id: link for link in getattr(page, self.fields["topics"]).all()}
        links = []
        for order, (name, term_slug) in enumerate(terms):
            name = name[:100]
            slug = slugify(term_slug or name, allow_unicode=True)[:100]
            topic = (
                topic_model.objects.filter(locale_id=locale_id, slug=slug).first()
                or topic_model.objects.filter(
                    locale_id=locale_id, slug=slugify(name, allow_unicode=True)[:100]
                ).first()
                or topic_model.objects.filter(locale_id=locale_id, name=name).first()
            )
            if topic is None:
                # The same word in two languages («Спорт») gets the same slug, and so one
                # filter; an empty slug is the host model's to make.
                topic = topic_model.objects.create(name=name, slug=slug, locale_id=locale_id)
            link = existing.get(topic.pk) or link_model(topic=topic)
            link.sort_order = order
            if link not in links:
                links.append(link)
        return links

    def _project(self, slug, page):
        """The party project ``slug``, in the page's locale when it has that translation."""
        from engagement.models import Project

        candidates = list(Project.objects.filter(slug=slug))
        for project in candidates:
            if project.locale_id == page.locale_id:
                return project
        return candidates[0] if candidates else None

    def _save(self, page, item, conversion):
        go_live_at = scheduled_at(item) if item.status == "future" else None
        if item.status == "future":
            if go_live_at is None:
                conversion.warn("scheduled_as_draft")
            elif go_live_at > timezone.now():
                conversion.warn("scheduled", go_live_at=go_live_at.isoformat())
            else:
                conversion.warn("scheduled_date_passed", go_live_at=go_live_at.isoformat())
            page.go_live_at = go_live_at
        elif page.go_live_at is not None and page.go_live_at > timezone.now():
            # Scheduled at the last import, published or back to draft in WordPress since.
            page.go_live_at = None
        revision = page.save_revision(user=self.user, log_action=True)
        if item.status in LIVE_STATUSES or go_live_at is not None:
            # With a go-live date still to come, Wagtail approves the revision for that date
            # (``approved_go_live_at``) and leaves the page as it is; publish_scheduled
            # publishes it then. A date already past publishes it now.
            revision.publish(user=self.user)
        elif page.live:
            page.unpublish(user=self.user)
        page.refresh_from_db()
        if item.password:
            conversion.warn("password_protected")
            PageViewRestriction.objects.get_or_create(
                page=page, restriction_type=PageViewRestriction.PASSWORD,
                defaults={"password": item.password[:255]},
            )
        return page

    def _redirects(self, item, page, entry, conversion):
        if not page.live:
            return
        paths = redirects.old_paths(item, self.export.base_blog_url or self.export.link)
        created, conflicts, too_long = redirects.add_redirects(page, paths, page.get_site())
        entry["redirects"] = created
        for path in redirects.shadowed(created, page):
            conversion.warn("redirect_shadowed", path=path)
        for path in conflicts:
            conversion.warn("redirect_conflict", path=path)
        for path in too_long:
            conversion.warn("redirect_too_long", path=path[:300])
