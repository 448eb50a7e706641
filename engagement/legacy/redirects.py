"""Old WordPress addresses redirect to the imported pages (wagtail.contrib.redirects).

Each post gets permanent redirects from its permalink, from the permalinks its earlier slugs
made (``_wp_old_slug``) and from ``/?p=ID``. Paths are stored decoded, as Wagtail's
``Redirect.normalise_path`` does, so Cyrillic permalinks match whether a browser sends them
percent-encoded or not. ``/?p=ID`` is answered by :func:`serve_wordpress_query`, because the
home page at ``/`` exists and the redirect middleware only acts on a 404.
"""

from urllib.parse import quote, unquote, urlsplit

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

#: Query parameters that address a post in WordPress (``/?p=123``).
WORDPRESS_QUERY_PARAMETERS = ("p",)
OLD_PATH_MAX_LENGTH = Redirect._meta.get_field("old_path").max_length


def _path_of(url):
    parts = urlsplit(url or "")
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def old_paths(item, blog_url=""):
    """The paths that reached ``item`` on the old site, permalink first."""
    paths = []
    if item.link:
        paths.append(_path_of(item.link))
        link_path = urlsplit(item.link).path
        segments = link_path.split("/")
        current = {item.slug, quote(item.slug).lower(), quote(item.slug)}
        for old_slug in item.meta.get("_wp_old_slug", []):
            old_slug = unquote(old_slug.strip())
            if not old_slug:
                continue
            replaced = [
                quote(old_slug) if unquote(segment) in current or segment in current else segment
                for segment in segments
            ]
            if replaced != segments:
                paths.append("/".join(replaced))
    base = urlsplit(blog_url).path.rstrip("/")
    paths.append(f"{base}/?p={item.wp_id}")
    unique = []
    for path in paths:
        if path not in unique:
            unique.append(path)
    return unique


def add_redirects(page, paths, site=None):
    """Create permanent redirects from ``paths`` to ``page``.

    Returns:
        ``(created, conflicts, too_long)``: the normalised paths that now redirect, those already
        redirecting elsewhere (left alone), and those longer than a redirect can hold.
    """
    created, conflicts, too_long = [], [], []
    own_url = page.get_url(current_site=site) if page.live else None
    own_path = Redirect.normalise_path(own_url) if own_url else None
    wanted = []
    for path in paths:
        old_path = Redirect.normalise_path(path)
        if old_path == own_path or old_path in wanted:
            continue
        if len(old_path) > OLD_PATH_MAX_LENGTH:
            too_long.append(old_path)
            continue
        wanted.append(old_path)
    # One query for the paths that already redirect, one insert for the rest.
    existing = dict(
        Redirect.objects.filter(site=site, old_path__in=wanted)
        .values_list("old_path", "redirect_page_id")
    )
    new = []
    for old_path in wanted:
        if old_path in existing:
            if existing[old_path] != page.pk:
                conflicts.append(old_path)
            continue
        new.append(Redirect(old_path=old_path, site=site, redirect_page=page, is_permanent=True))
        created.append(old_path)
    Redirect.objects.bulk_create(new)
    return created, conflicts, too_long


def serve_wordpress_query(page, request, serve_args, serve_kwargs):
    """``before_serve_page`` hook: ``/?p=123`` redirects to the page post 123 became."""
    if not any(name in request.GET for name in WORDPRESS_QUERY_PARAMETERS):
        return None
    path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
    redirect = get_redirect(request, path)
    if redirect is None or redirect.link is None:
        return None
    if redirect.is_permanent:
        return HttpResponsePermanentRedirect(redirect.link)
    return HttpResponseRedirect(redirect.link)


def shadowed(paths, page, site=None, roots_cache=None):
    """Those of ``paths`` that a live page other than ``page`` answers itself: Wagtail's
    redirect middleware acts only on a 404, so their redirects never fire.

    A path under a language prefix (``/ru/…``) is looked up under that locale's home page.

    Args:
        site: the page's site (asked when not given).
        roots_cache: a dict kept by the caller, so that the site's home pages are asked once.
    """
    from wagtail.models import Page

    site = site or page.get_site()
    if site is None or not paths:
        return []
    roots_cache = {} if roots_cache is None else roots_cache
    if site.pk not in roots_cache:
        roots_cache[site.pk] = {
            translation.locale.language_code: translation.url_path
            for translation in site.root_page.get_translations()
            .select_related("locale")
        }
    roots = roots_cache[site.pk]
    candidates = {}
    for path in paths:
        if "?" in path:
            continue
        segments = unquote(path).strip("/").split("/", 1)
        if segments[0] in roots:
            url_path = roots[segments[0]] + (segments[1] if len(segments) > 1 else "")
        else:
            url_path = site.root_page.url_path + "/".join(segments)
        candidates[url_path.rstrip("/") + "/"] = path
    if not candidates:
        return []
    taken = set(
        Page.objects.live().filter(url_path__in=list(candidates)).exclude(pk=page.pk)
        .values_list("url_path", flat=True)
    )
    return [path for url_path, path in candidates.items() if url_path in taken]
