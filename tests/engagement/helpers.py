"""Small factories for the engagement tests: places, projects, users and events."""

import datetime
import html
import itertools
import re
import zoneinfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import Locale

from engagement.models import Event, OrganiserScope, Place, Project

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
_numbers = itertools.count(1)


def kk():
    return Locale.objects.get(language_code="kk")


def district(slug):
    """A canonical district or city loaded by the migration, e.g. ``"talgar-district"``."""
    return Place.objects.get(slug=slug, locale__language_code="kk")


def project(slug="test-project", name=None):
    existing = Project.objects.filter(slug=slug, locale__language_code="kk").first()
    if existing:
        return existing
    return Project.objects.create(slug=slug, name=name or f"Жоба {slug}", locale=kk())


def almaty(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ALMATY)


def make_event(project_=None, district_=None, title=None, start=None, **fields):
    """A live event in the default locale (saved directly: no form, no revision)."""
    start = start or almaty(2024, 5, 10)
    fields.setdefault("end", start + datetime.timedelta(hours=2))
    return Event.objects.create(
        title=title or f"Іс-шара {next(_numbers)}",
        project=project_ or project(),
        district=district_ or district("talgar-district"),
        start=start,
        locale=fields.pop("locale", None) or kk(),
        **fields,
    )


def set_admin_language(user, language):
    from wagtail.users.models import UserProfile

    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language=language)


def make_user(username=None, groups=(), superuser=False, language=None, **fields):
    User = get_user_model()
    username = username or f"user-{next(_numbers)}"
    if superuser:
        user = User.objects.create_superuser(username, f"{username}@example.com", "password")
    else:
        user = User.objects.create_user(username, f"{username}@example.com", "password", **fields)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    if language:
        set_admin_language(user, language)
    return user


def make_organiser(projects=(), districts=(), username=None, can_publish=False, language=None):
    """A member of the Organisers group with one scope rule (none if both are empty)."""
    user = make_user(username, groups=["Organisers"], language=language)
    if projects or districts:
        rule = OrganiserScope.objects.create(user=user)
        rule.projects.set(projects)
        rule.districts.set(districts)
    if can_publish:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="engagement", codename="publish_event")
        )
    return user


def future(days=10):
    return timezone.now() + datetime.timedelta(days=days)


_LISTED_TITLE = re.compile(r'<span id="snippet_\d+_title">(.*?)</span>')


def listed_titles(response):
    """The event titles of an admin listing response, in order."""
    return [html.unescape(title) for title in _LISTED_TITLE.findall(response.content.decode())]
