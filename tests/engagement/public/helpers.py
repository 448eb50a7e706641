"""Helpers for the public calendar tests: events of a project of their own, translations."""

import datetime
import itertools
import re

from django.utils import timezone
from wagtail.models import Locale

from engagement.models import Event
from engagement.public.ids import short_id

from ..helpers import almaty, district, make_event, project

_numbers = itertools.count(1)

PAGES = {"kk": "/events/", "ru": "/ru/events/", "en": "/en/events/"}


def fresh_project():
    """A project of its own, so that the demo's events do not mix with a test's."""
    number = next(_numbers)
    return project(f"calendar-test-{number}", name=f"Күнтізбе {number}")


def event(project_, start=None, district_slug="talgar-district", **fields):
    start = start or timezone.now() + datetime.timedelta(days=3)
    return make_event(project_, district(district_slug), start=start, **fields)


def translate(source, code, **fields):
    """A live translation of ``source`` into ``code`` (a row sharing its translation key)."""
    values = {
        name: getattr(source, name)
        for name in ("project", "district", "settlement", "start", "end", "format",
                     "accessibility", "cancelled", "live")
    }
    values.update(fields)
    return Event.objects.create(
        translation_key=source.translation_key,
        locale=Locale.objects.get(language_code=code),
        title=fields.pop("title", f"{source.title} ({code})"),
        **{k: v for k, v in values.items() if k != "title"},
    )


def event_path(source, language="kk"):
    return f"{PAGES[language]}{short_id(source.translation_key)}/"


def titles(html):
    """Event titles of a list or month page, in order."""
    return re.findall(r'class="eg-event-card__title"><a href="[^"]*">([^<]*)</a>', html)


__all__ = ["PAGES", "almaty", "event", "event_path", "fresh_project", "titles", "translate"]
