"""WordPress attachments into Wagtail images: each once, checked like an upload, never a non-image.

A file is looked up in the uploads folder by the part of its ``wp:attachment_url`` after
``wp-content/uploads/`` or, for WordPress.com and multisite addresses without that part
(``https://site.files.wordpress.com/2013/03/ny.jpg``, ``/files/2013/03/ny.jpg``), by the
``YYYY/MM/name`` its path ends with (no network access). An image in the text that no attachment
names is looked up the same way when it is on the exporting site; an address that cannot be
mapped to the uploads folder is ``unmappable_url``, a file not there ``missing_file``. The site's
image limits (``WAGTAILIMAGES_MAX_UPLOAD_SIZE``, ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``), allowed
extensions and format checks are applied by Wagtail's own upload field, which code creating
images would otherwise skip (:class:`engagement.forms.CheckedImageField`: also every frame of
an animation counts against the pixel limit, and the pixels must decode, so a truncated JPEG
is ``not_an_image``). A path that leaves the uploads folder (``..``, an absolute path, a symlink
pointing out) or has a name over 255 bytes is ``unsafe_path``. Any other ``OSError`` while reading
or storing one file is reported for that attachment (``not_an_image``): the post goes on.
"""

import errno
import logging
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.utils import get_allowed_image_extensions
from wagtail.models import Collection

from engagement.forms import CheckedImageField

from .content import plain_text
from .models import LegacyObject
from .stream import ImageOutcome

logger = logging.getLogger(__name__)

UPLOADS_MARKER = "wp-content/uploads/"
#: ``…/2013/03/ny.jpg``: the year and month folders WordPress files uploads under.
DATED_PATH = re.compile(r"(?:^|/)((?:19|20)\d\d/[01]\d/[^/]+)$")
#: Hosts whose images are the site's own wherever the site itself was.
WORDPRESS_COM_FILES = ".files.wordpress.com"
#: The longest file or folder name most file systems take, in bytes.
MAX_NAME_BYTES = 255
# WordPress names resized copies "photo-300x200.jpg" and big originals "photo-scaled.jpg".
SIZE_SUFFIX = re.compile(r"-(?:\d+x\d+|scaled|rotated)(?=\.[^./]+$)")
VALIDATION_CODES = {
    "invalid_image": "not_an_image",
    "invalid_image_extension": "not_an_image",
    "invalid_image_known_format": "not_an_image",
    "file_too_large": "file_too_large",
    "file_too_large_unknown_size": "file_too_large",
    "file_too_many_pixels": "too_many_pixels",
}


class _LocalFile(File):
    """A file on disk that Wagtail's image field may open by path instead of reading it all."""

    def temporary_file_path(self):
        return self.file.name


def upload_relative_path(url):
    """The path of an uploads URL inside the uploads folder, percent-decoded, or ``""``.

    That is the part after ``wp-content/uploads/`` or else the ``YYYY/MM/name`` the path ends
    with (WordPress.com's ``*.files.wordpress.com`` and multisite ``/files/``); a query string
    (WordPress.com's ``?w=300`` resizing) is not part of it.
    """
    path = unquote(urlsplit((url or "").strip()).path)
    if UPLOADS_MARKER in path:
        return path.split(UPLOADS_MARKER, 1)[1]
    match = DATED_PATH.search(path)
    return match.group(1) if match else ""


def url_host(url):
    """The lower-case host of ``url`` without ``www.``; ``""`` for a relative URL."""
    host = (urlsplit((url or "").strip()).hostname or "").lower()
    return host.removeprefix("www.")


def safe_upload_path(root, relative):
    """``root / relative`` when it stays inside ``root``; ``None`` for any attempt to leave it."""
    if not relative or "\x00" in relative or "\\" in relative or relative.startswith("/"):
        return None
    parts = PurePosixPath(relative).parts
    if any(part in ("..", ".") or ":" in part for part in parts):
        return None
    if any(len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES for part in parts):
        return None
    root = Path(root).resolve()
    try:
        candidate = (root / relative).resolve()
    except (OSError, RuntimeError):  # a name too long, a symlink loop
        return None
    if not candidate.is_relative_to(root):
        return None
    return candidate


def url_key(relative):
    """How an uploads path is matched: lower case, without WordPress's size suffixes."""
    return SIZE_SUFFIX.sub("", relative.lower())


def document_extensions():
    """The file extensions the site takes as documents (``WAGTAILDOCS_EXTENSIONS``)."""
    from django.conf import settings

    allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
    return {extension.lower() for extension in allowed} if allowed else None


class AttachmentImporter:
    """Turns attachments of one export into images, each at most once, and remembers the result.

    Args:
        attachments: ``{wp_id: wxr.Item}`` of the export's attachments.
        uploads: the folder holding a copy of ``wp-content/uploads``.
        source: the export's identity (:attr:`wxr.Export.identity`).
        dry_run: check files but create nothing.
        collection: where new images go (the root collection by default).
    """

    def __init__(self, attachments, uploads, source, *, dry_run=False, collection=None,
                 site_urls=()):
        self.attachments = dict(attachments)
        #: Hosts of the exporting site: an image there that no attachment names is looked up
        #: in the uploads folder too.
        self.site_hosts = {url_host(url) for url in site_urls if url_host(url)}
        self.uploads = Path(uploads).resolve()
        self.source = source
        self.dry_run = dry_run
        self._collection = collection
        self.Image = get_image_model()
        self.Document = get_document_model()
        self.outcomes = {}
        self.created = []
        self.reused = []
        #: ``{wp_id: (document id or None, code or None)}`` of the attachments made documents.
        self.documents = {}
        self.documents_created = []
        self.mappings = {
            mapping.wp_id: mapping
            for mapping in LegacyObject.objects.filter(
                source=source, wp_type="attachment"
            ).select_related("content_type")
        }
        # The images earlier runs made, in one query rather than one per attachment.
        self.existing_images = self.Image.objects.in_bulk([
            mapping.object_id for mapping in self.mappings.values()
            if mapping.content_type.model_class() is self.Image
        ])
        #: Images and documents whose search and reference index rows are still to be written.
        self.unindexed = {self.Image: {}, self.Document: {}}
        self.by_url = {}
        for wp_id, item in attachments.items():
            relative = upload_relative_path(item.attachment_url)
            if relative:
                self.by_url.setdefault(url_key(relative), wp_id)

    # --- lookups used while building pages ------------------------------------------------

    def for_id(self, wp_id):
        """The :class:`ImageOutcome` for attachment ``wp_id``, importing it the first time."""
        if wp_id not in self.outcomes:
            self.outcomes[wp_id] = self._outcome(wp_id)
        return self.outcomes[wp_id]

    def for_image(self, node):
        """The outcome for an image in the text, found by its attachment id or its URL."""
        wp_id = node.wp_id
        if wp_id is None or wp_id not in self.attachments:
            relative = upload_relative_path(node.url)
            own = self._is_own(node.url)
            if relative and not own and UPLOADS_MARKER not in unquote(node.url):
                # ``…/2013/03/ny.jpg`` on another site is that site's picture, not ours.
                relative = ""
            found = self.by_url.get(url_key(relative)) if relative else None
            if found is None:
                if own:
                    if not relative:
                        return ImageOutcome(code="unmappable_url", wp_id=wp_id)
                    # An image of the site that no attachment names: its file, if it is there.
                    found = self._unlisted_attachment(node.url, relative)
                else:
                    code = "missing_attachment" if wp_id is not None else "external_image"
                    return ImageOutcome(code=code, wp_id=wp_id)
            wp_id = found
        return self.for_id(wp_id)

    def _is_own(self, url):
        host = url_host(url)
        if not host:
            # A relative address (``/wp-content/uploads/…``) is the site's own.
            return bool((url or "").strip()) and not (url or "").strip().startswith("data:")
        return host in self.site_hosts or host.endswith(WORDPRESS_COM_FILES)

    def _unlisted_attachment(self, url, relative):
        """A stand-in attachment for an image file of the site that the export does not list.

        Its id is derived from the file's path, so a second run finds the same image; the
        original upload is preferred to WordPress's resized copy when both are there.
        """
        from .wxr import Item, synthetic_id

        original = SIZE_SUFFIX.sub("", relative)
        chosen = original
        for candidate in (original, relative):
            path = safe_upload_path(self.uploads, candidate)
            if path is not None and path.is_file():
                chosen = candidate
                break
        wp_id = synthetic_id("uploads:" + url_key(relative), "")
        if wp_id not in self.attachments:
            self.attachments[wp_id] = Item(
                wp_id=wp_id, post_type="attachment", title=PurePosixPath(chosen).stem,
                meta={"_wp_attached_file": [chosen]},
            )
            self.by_url.setdefault(url_key(relative), wp_id)
        return wp_id

    @property
    def collection(self):
        """Where new images and documents go: the given collection, else the root one."""
        if self._collection is None:
            self._collection = Collection.get_first_root_node()
        return self._collection

    def unindexed_objects(self):
        """``{model: [objects]}`` of the images and documents to index at the end of the run."""
        return {model: list(objects.values()) for model, objects in self.unindexed.items()
                if objects}

    @property
    def imported(self):
        """``{wp_id: image_id}`` of every attachment this run made or reused."""
        return {
            wp_id: outcome.image_id
            for wp_id, outcome in self.outcomes.items()
            if outcome.image_id is not None
        }

    # --- importing ------------------------------------------------------------------------

    def _outcome(self, wp_id):
        item = self.attachments.get(wp_id)
        if item is None:
            return ImageOutcome(code="missing_attachment", wp_id=wp_id)
        alt = item.meta_value("_wp_attachment_image_alt").strip()
        caption = plain_text(item.excerpt)
        outcome = ImageOutcome(alt=alt, caption=caption, wp_id=wp_id)
        image = self._existing(wp_id)
        if image is not None:
            self._update_metadata(image, item, alt)
            if not self.mappings[wp_id].indexed:
                self.unindexed[self.Image][image.pk] = image
            outcome.image_id = image.pk
            self.reused.append(wp_id)
            return outcome
        relative = upload_relative_path(item.attachment_url) or item.meta_value(
            "_wp_attached_file"
        )
        if not relative:
            # Neither the address nor the attachment's meta says where in uploads it is.
            outcome.code = "unmappable_url" if item.attachment_url else "missing_file"
            return outcome
        path = safe_upload_path(self.uploads, relative)
        if path is None:
            outcome.code = "unsafe_path"
            return outcome
        extension = path.suffix.lower().lstrip(".")
        if extension not in get_allowed_image_extensions():
            outcome.code = "not_an_image"
            return outcome
        try:
            if not path.is_file():
                outcome.code = "missing_file"
                return outcome
            code = self._validate(path)
            if code:
                outcome.code = code
                return outcome
            if self.dry_run:
                return outcome
            outcome.image_id = self._create(item, path, alt).pk
        except OSError as error:
            # One unreadable file (an I/O error, a full disk, a name the storage refuses) is
            # reported for its attachment; the post that uses it imports without it.
            logger.warning("WordPress attachment %s (%s): %s", wp_id, path.name, error)
            outcome.code = "unsafe_path" if error.errno == errno.ENAMETOOLONG else "not_an_image"
            return outcome
        self.created.append(wp_id)
        return outcome

    def _existing(self, wp_id):
        mapping = self.mappings.get(wp_id)
        if mapping is None or mapping.content_type.model_class() is not self.Image:
            return None
        return self.existing_images.get(mapping.object_id)

    # --- documents ------------------------------------------------------------------------

    def is_document(self, wp_id):
        """Whether attachment ``wp_id`` is a file the site keeps as a document (PDF, DOCX…)."""
        item = self.attachments.get(wp_id)
        if item is None:
            return False
        relative = upload_relative_path(item.attachment_url) or item.meta_value(
            "_wp_attached_file")
        extension = PurePosixPath(relative).suffix.lower().lstrip(".")
        allowed = document_extensions()
        return bool(extension) and extension not in get_allowed_image_extensions() and (
            allowed is None or extension in allowed
        )

    def for_document(self, wp_id):
        """``(document id, code)`` for attachment ``wp_id``, made a document the first time.

        ``code`` says why there is none: ``missing_file``, ``unsafe_path``,
        ``file_too_large``; a dry run gives ``(None, None)`` for a file that would do.
        """
        if wp_id not in self.documents:
            self.documents[wp_id] = self._document(wp_id)
        return self.documents[wp_id]

    def document_link(self, wp_id):
        """``(document id, title)`` of attachment ``wp_id`` if it is a document that could be
        imported, else ``None``."""
        if not self.is_document(wp_id):
            return None
        document_id, _code = self.for_document(wp_id)
        if document_id is None:
            return None
        item = self.attachments[wp_id]
        return document_id, item.title or PurePosixPath(item.attachment_url).name

    def _document(self, wp_id):
        from django.conf import settings

        Document = self.Document
        item = self.attachments.get(wp_id)
        if item is None:
            return None, "missing_attachment"
        mapping = self.mappings.get(wp_id)
        if mapping is not None and mapping.content_type.model_class() is Document:
            document = Document.objects.filter(pk=mapping.object_id).first()
            if document is not None:
                if not mapping.indexed:
                    self.unindexed[Document][document.pk] = document
                return mapping.object_id, None
        relative = upload_relative_path(item.attachment_url) or item.meta_value(
            "_wp_attached_file")
        path = safe_upload_path(self.uploads, relative) if relative else None
        if path is None:
            return None, "unsafe_path" if relative else "missing_file"
        try:
            if not path.is_file():
                return None, "missing_file"
            limit = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
            if limit and path.stat().st_size > limit:
                return None, "file_too_large"
            if self.dry_run:
                return None, None
            with transaction.atomic(), path.open("rb") as handle:
                document = Document(
                    title=(item.title or path.stem)[:255], collection=self.collection,
                )
                document.file.save(path.name, File(handle), save=False)
                document.save()
                self.mappings[wp_id] = LegacyObject.record(
                    self.source, wp_id, "attachment", document, fingerprint=item.fingerprint,
                    indexed=False, existing=self.mappings.get(wp_id), new=True,
                )
            self.unindexed[Document][document.pk] = document
        except OSError as error:
            logger.warning("WordPress attachment %s (%s): %s", wp_id, path.name, error)
            return None, "unsafe_path" if error.errno == errno.ENAMETOOLONG else "missing_file"
        self.documents_created.append(wp_id)
        return document.pk, None

    def _validate(self, path):
        """A report code when Wagtail's upload field would refuse the file, else ``None``."""
        field = CheckedImageField(required=True)
        with path.open("rb") as handle:
            upload = _LocalFile(handle, name=path.name)
            try:
                field.clean(upload)
            except ValidationError as error:
                return VALIDATION_CODES.get(error.code, "not_an_image")
        return None

    def _create(self, item, path, alt):
        title = (item.title or path.stem)[:255]
        with transaction.atomic(), path.open("rb") as handle:
            image = self.Image(title=title, description=alt[:255], collection=self.collection)
            image.file.save(path.name, File(handle), save=False)
            image._set_image_file_metadata()
            image.save()
            mapping = LegacyObject.record(
                self.source, item.wp_id, "attachment", image, fingerprint=item.fingerprint,
                indexed=False, existing=self.mappings.get(item.wp_id), new=True,
            )
            self.mappings[item.wp_id] = mapping
        self.unindexed[self.Image][image.pk] = image
        return image

    def _update_metadata(self, image, item, alt):
        title = (item.title or image.title)[:255]
        if image.title != title or image.description != alt[:255]:
            image.title = title
            image.description = alt[:255]
            if not self.dry_run:
                image.save(update_fields=["title", "description"])
                # Saved with the search index deferred: indexed again at the end of the run.
                self.unindexed[self.Image][image.pk] = image
