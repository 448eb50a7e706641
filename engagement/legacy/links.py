"""Links between posts of one export, turned into Wagtail page links once everything is in.

A post links to another by ``/?p=ID``, by its permalink or by a permalink its earlier slug made
(``_wp_old_slug``), absolute or relative; to an attachment by the file's address (or a resized
copy of it) or by the attachment page (``/?attachment_id=ID``). :class:`LinkIndex` knows all of
these for one export; the importer rewrites the links of the pages it wrote after the whole
export is imported, so the order of the posts in the file does not matter.
"""

import html as html_module
import re
from urllib.parse import parse_qs, unquote, urlsplit

from .images import UPLOADS_MARKER, upload_relative_path, url_host, url_key
from .redirects import old_paths

#: Query parameters that name a WordPress item by id.
ID_PARAMETERS = ("p", "page_id", "attachment_id")
ANCHOR = re.compile(r"<a\b([^>]*)>", re.IGNORECASE)
HREF = re.compile(r'\bhref="([^"]*)"')


def _path_key(path):
    return unquote(path).rstrip("/").lower() or "/"


class LinkIndex:
    """Every address by which a post or attachment of ``export`` was reached."""

    def __init__(self, export, post_types=("post",)):
        self.hosts = {url_host(url) for url in (export.base_blog_url, export.base_site_url,
                                                export.link) if url_host(url)}
        base = urlsplit(export.base_blog_url or export.link).path.rstrip("/")
        self.base = base
        self.paths = {}
        self.ids = {}
        self.files = {}
        for item in export.items:
            if item.post_type in post_types:
                kind = "post"
            elif item.post_type == "attachment":
                kind = "attachment"
                relative = upload_relative_path(item.attachment_url)
                if relative:
                    self.files.setdefault(url_key(relative), item.wp_id)
            else:
                continue
            self.ids[item.wp_id] = kind
            for path in old_paths(item, export.base_blog_url or export.link):
                if "?" not in path:
                    self.paths.setdefault(_path_key(path), (kind, item.wp_id))

    def target(self, url):
        """``("post" | "attachment", wp_id)`` that ``url`` points at, or ``None``.

        ``("missing", None)`` is a link into the old site that names no item of the export.
        """
        url = html_module.unescape(url or "").strip()
        parts = urlsplit(url)
        if parts.scheme not in ("", "http", "https") or url.startswith(("#", "mailto:")):
            return None
        host = url_host(url)
        if host and host not in self.hosts:
            return None
        if not host and not url.startswith(("/", "?")):
            return None
        query = parse_qs(parts.query)
        for name in ID_PARAMETERS:
            values = query.get(name)
            if values and values[0].isdigit():
                wp_id = int(values[0])
                if wp_id in self.ids:
                    return self.ids[wp_id], wp_id
                return "missing", None
        path = unquote(parts.path)
        if UPLOADS_MARKER in path:
            wp_id = self.files.get(url_key(upload_relative_path(url)))
            return ("attachment", wp_id) if wp_id else ("missing", None)
        found = self.paths.get(_path_key(parts.path))
        if found is not None:
            return found
        if _path_key(parts.path) in ("/", self.base.lower() or "/"):
            return None  # the old home page: the site's own home page answers it
        return "missing", None


def rewrite_links(html, resolve):
    """``html`` with each ``<a href>`` that ``resolve(href)`` maps replaced.

    ``resolve`` returns the new opening tag's attributes (``'linktype="page" id="5"'``), or
    ``None`` to leave the link as it is.
    """

    def replace(match):
        href = HREF.search(match.group(1))
        if href is None:
            return match.group(0)
        attributes = resolve(href.group(1))
        return match.group(0) if attributes is None else f"<a {attributes}>"

    return ANCHOR.sub(replace, html)
