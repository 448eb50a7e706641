"""The baseline of the page benchmarks: a bare ``wagtail start`` home page.

``wagtail start`` makes a project whose home page is a ``Page`` without fields, rendered by
``home/home_page.html`` (the welcome screen) inside the project's ``base.html``. This module
renders those two templates and ``home/welcome_page.html`` from Wagtail's own project template
(so they follow the installed Wagtail), installs them as ``wagtailcore/page.html`` (the template
of a plain ``wagtailcore.Page``) and adds a plain page under the default language's home page.
The page is then served as every other page is: the same URL routing, site and locale lookup
and middleware, only without this site's header, navigation and language switcher.

Usage, in a benchmark that has called ``django.setup()`` and built its database::

    from bare import install_templates, add_bare_page
    install_templates()          # before the first template is rendered
    url = add_bare_page()        # "/wagtail-start/"
"""

import re
import tempfile
from pathlib import Path

SLUG = "wagtail-start"
_NAMESPACE = "bench_wagtail_start"


def _render_project_template(source, project_name):
    """A project-template file as ``wagtail start`` writes it (``{% templatetag %}`` undone)."""
    from django.template import Context, Engine

    engine = Engine(debug=False)
    return engine.from_string(source).render(Context({"project_name": project_name}))


def install_templates():
    """Write the rendered ``wagtail start`` templates to a temporary directory and put it
    first in the template search path; returns the directory."""
    import wagtail
    from django.conf import settings

    source = Path(wagtail.__file__).parent / "project_template"
    target = Path(tempfile.mkdtemp(prefix="bench-wagtail-start-"))
    (target / _NAMESPACE).mkdir()
    (target / "wagtailcore").mkdir()
    base = _render_project_template(
        (source / "project_name/templates/base.html").read_text(), "bare")
    welcome = _render_project_template(
        (source / "home/templates/home/welcome_page.html").read_text(), "bare")
    home = _render_project_template(
        (source / "home/templates/home/home_page.html").read_text(), "bare")
    # The project's own base.html and home/ templates keep their names: point at the copies.
    home = re.sub(r'extends "base.html"', f'extends "{_NAMESPACE}/base.html"', home)
    home = home.replace("'home/welcome_page.html'", f"'{_NAMESPACE}/welcome_page.html'")
    (target / _NAMESPACE / "base.html").write_text(base)
    (target / _NAMESPACE / "welcome_page.html").write_text(welcome)
    (target / "wagtailcore" / "page.html").write_text(home)
    for engine in settings.TEMPLATES:
        if engine["BACKEND"].endswith("DjangoTemplates"):
            engine["DIRS"] = [str(target), *engine.get("DIRS", [])]
    return target


def add_bare_page(title="Welcome to your new Wagtail site!"):
    """A live plain ``Page`` under the default language's home page; returns its URL."""
    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    site = Site.objects.get(is_default_site=True)
    root = site.root_page.specific
    locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    if root.locale_id != locale.pk:
        root = root.get_translation(locale)
    page = Page.objects.child_of(root).filter(slug=SLUG).first()
    if page is None:
        page = root.add_child(instance=Page(title=title, slug=SLUG, locale=locale))
    return page.url
