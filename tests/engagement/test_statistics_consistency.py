"""Every surface shows the same totals as a direct SQL sum, before and after events change.

Random data from the seed command (the seed is printed, so a failure can be replayed), a few
translated events, the cache switched on; then an event is published, edited, unpublished,
cancelled and deleted, and every surface is checked again after each step.
"""

import csv
import datetime
import io
import random
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from wagtail.models import Locale

from engagement.models import Event
from engagement.services.scope import get_scope
from engagement.stats import summary
from tests.home.news_factories import make_article

from .helpers import almaty, district, make_organiser, make_user
from .stats_helpers import sql_totals

pytestmark = pytest.mark.django_db(transaction=True)

YEAR = 2023


def number(text):
    return int(re.sub(r"\D", "", text))


def page_totals(html):
    return tuple(
        number(re.search(rf'<dd data-total="{name}">([^<]+)</dd>', html).group(1))
        for name in ("events", "participants")
    )


def panel_totals(html):
    row = re.search(r'<tr data-period="all">.*?</tr>', html, re.S).group(0)
    return tuple(number(re.search(rf'data-total="{name}">([^<]+)<', row).group(1))
                 for name in ("events", "participants"))


def report_totals(html):
    match = re.search(r'data-total-events="(\d+)" data-total-participants="(\d+)"', html)
    return int(match.group(1)), int(match.group(2))


def csv_totals(response):
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))[1:]
    return sum(int(row[2]) for row in rows), sum(int(row[3]) for row in rows)


class Surfaces:
    """Reads the totals of every surface for the whole region and for one project in a year."""

    def __init__(self, client, admin_client, organiser_client, organiser, project_):
        self.client, self.admin, self.organiser_client = client, admin_client, organiser_client
        self.organiser, self.project = organiser, project_
        kk = {"projects": [], "districts": [], "start_date": None, "end_date": None}
        self.article = make_article(slug="live-all", body=[("live_figures", {
            "heading": "", **kk})])
        self.filtered_article = make_article(slug="live-one", body=[("live_figures", {
            **kk, "heading": "", "projects": [project_.slug],
            "start_date": f"{YEAR}-01-01", "end_date": f"{YEAR}-12-31",
        })])

    def block(self, article):
        html = self.client.get(article.url).content.decode()
        return page_totals(html)

    def everything(self):
        data = self.client.get("/en/open-data/statistics.json").json()["totals"]
        return {
            "page": page_totals(self.client.get("/ru/statistics/").content.decode()),
            "json": (data["events"], data["participants"]),
            "block": self.block(self.article),
            "panel": panel_totals(self.admin.get("/admin/").content.decode()),
            "report": report_totals(
                self.admin.get("/admin/engagement/statistics/").content.decode()),
            "report csv": csv_totals(
                self.admin.get("/admin/engagement/statistics/", {"export": "csv"})),
        }

    def one_project_in_a_year(self):
        params = {"project": self.project.slug, "year": YEAR}
        data = self.client.get("/open-data/statistics.json", params).json()["totals"]
        period = {"project": self.project.pk, "period_from": f"{YEAR}-01-01",
                  "period_to": f"{YEAR}-12-31"}
        return {
            "page": page_totals(self.client.get("/statistics/", params).content.decode()),
            "json": (data["events"], data["participants"]),
            "block": self.block(self.filtered_article),
            "report": report_totals(
                self.admin.get("/admin/engagement/statistics/", period).content.decode()),
            "report csv": csv_totals(self.admin.get(
                "/admin/engagement/statistics/", {**period, "export": "csv"})),
        }

    def organisers_panel(self):
        return panel_totals(self.organiser_client.get("/admin/").content.decode())

    def check_surfaces(self, step):
        """Assert every surface equals the SQL sum; return the overall (events, participants)."""
        overall = expected = sql_totals()
        assert self.everything() == dict.fromkeys(
            ("page", "json", "block", "panel", "report", "report csv"), expected
        ), step
        expected = sql_totals(
            projects=[self.project.pk], first=almaty(YEAR, 1, 1, 0),
            upper=almaty(YEAR + 1, 1, 1, 0),
        )
        assert self.one_project_in_a_year() == dict.fromkeys(
            ("page", "json", "block", "report", "report csv"), expected
        ), step
        scope = get_scope(self.organiser)
        assert self.organisers_panel() == sql_totals(user_scope_q=scope.q), step
        assert summary.differences() == {}, step
        return overall


@pytest.fixture
def seeded(demo_site):
    seed = random.randrange(1_000_000)
    print(f"seed_engagement --random-seed {seed}")
    call_command("seed_engagement", events=240, participants=96_000, organisers=2,
                 random_seed=seed, reset=True, no_progress=True, verbosity=0)
    # Some events are translated: each must still count once.
    for event in Event.objects.filter(live=True, cancelled=False).order_by("pk")[:10]:
        for code in ("ru", "en"):
            event.copy_for_translation(Locale.objects.get(language_code=code)).save()
    return seed


def test_every_surface_shows_the_sql_totals_through_every_change(client, seeded, demo_site):
    from django.test import Client

    admin_client = Client()
    admin_client.force_login(make_user(superuser=True, language="en"))
    held = Event.objects.filter(
        live=True, cancelled=False, start__year=YEAR, locale__language_code="kk",
    ).order_by("pk")
    project_, place = held.first().project, held.first().district
    organiser = make_organiser(districts=[place, district("kegen-district")])
    # An earlier transactional test may have flushed the migrations' group permissions.
    organiser.user_permissions.add(*Permission.objects.filter(
        codename__in=["access_admin", "add_event", "change_event"]))
    organiser_client = Client()
    organiser_client.force_login(organiser)
    surfaces = Surfaces(client, admin_client, organiser_client, organiser, project_)
    seeded_totals = surfaces.check_surfaces("seeded")
    assert seeded_totals[0] > 0 and seeded_totals[1] > 0

    # A new event, saved as a draft: nothing changes; published: it counts.
    start = almaty(YEAR, 6, 15)
    event = Event(
        title="Жаңа іс-шара", project=project_, district=place,
        start=start, end=start + datetime.timedelta(hours=2), participants=321,
        count_kind="registered", live=False, locale=Locale.objects.get(language_code="kk"),
    )
    event.save()
    revision = event.save_revision()
    assert surfaces.check_surfaces("draft") == seeded_totals
    revision.publish()
    assert surfaces.check_surfaces("published") == (
        seeded_totals[0] + 1, seeded_totals[1] + 321
    )

    event.participants = 4321
    event.save_revision().publish()
    assert surfaces.check_surfaces("edited") == (
        seeded_totals[0] + 1, seeded_totals[1] + 4321
    )

    # publish() works on the revision's copy: reload, or unpublish() sees a draft and does nothing.
    event.refresh_from_db()
    assert event.live
    event.unpublish()
    assert surfaces.check_surfaces("unpublished") == seeded_totals

    cancelled = held.first()
    cancelled.cancelled, cancelled.cancellation_reason = True, "Ауа райы"
    cancelled.participants = None
    for name in ("participants_youth", "participants_veterans", "participants_families",
                 "participants_disabilities", "participants_other"):
        setattr(cancelled, name, None)
    cancelled.save_revision().publish()
    surfaces.check_surfaces("cancelled")

    held.first().delete()
    surfaces.check_surfaces("deleted")

    translated = Event.objects.filter(locale__language_code="ru").first()
    translated.delete()
    surfaces.check_surfaces("a translation deleted")
