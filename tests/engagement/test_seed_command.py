"""manage.py seed_engagement: exact totals, reproducible, idempotent with --reset."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Sum

from engagement.models import Event, OrganiserScope, Project
from engagement.services.headcounts import split_breakdown, split_total
from engagement.services.scope import get_scope
from engagement.services.seeding import SEED_PREFIX

pytestmark = pytest.mark.django_db


def seeded():
    return Event.objects.filter(source_key__startswith=SEED_PREFIX)


def seed(*args):
    output = StringIO()
    call_command("seed_engagement", *args, "--no-progress", stdout=output)
    return output.getvalue()


def snapshot():
    return sorted(seeded().values_list("title", "start", "district__slug", "participants"))


def test_the_demo_holds_a_small_seeded_run():
    # tests/conftest.py loads the demo, which runs the generator with 60 events.
    assert seeded().count() == 60
    assert seeded().aggregate(total=Sum("participants"))["total"] == 24_000


def test_a_reset_run_makes_exactly_the_requested_numbers(settings):
    output = seed("--events", "400", "--participants", "123457", "--random-seed", "7", "--reset")

    assert seeded().count() == 400
    assert seeded().aggregate(total=Sum("participants"))["total"] == 123_457
    assert "Participants: 123" in output and "457" in output
    assert "Events: 400" in output
    years = {start.year for start in seeded().values_list("start", flat=True)}
    assert years == {2021, 2022, 2023, 2024, 2025}
    assert seeded().values("district").distinct().count() == 20


def test_the_projects_come_from_the_glossary_in_three_languages():
    kedergisiz = Project.objects.filter(slug="kedergisiz-keleshek")

    assert set(kedergisiz.values_list("locale__language_code", "name")) == {
        ("kk", "«Кедергісіз келешек»"),
        ("ru", "«Кедергісіз келешек» («Будущее без барьеров»)"),
        ("en", "Kedergisiz Keleshek (“Barrier-free Future”)"),
    }
    # Only the party's four projects: the glossary's state programmes are not among them.
    assert set(Project.objects.filter(locale__language_code="kk").values_list(
        "slug", flat=True)) == {
        "kedergisiz-keleshek", "ardagerlerdi-ardaqtaiyq", "baqytty-otbasy", "jastar-otanga",
    }


def test_the_same_random_seed_makes_the_same_data_and_reset_replaces_it():
    seed("--events", "120", "--participants", "5000", "--random-seed", "3", "--reset")
    first = snapshot()
    users = get_user_model().objects.count()

    seed("--events", "120", "--participants", "5000", "--random-seed", "3", "--reset")

    assert snapshot() == first
    assert get_user_model().objects.count() == users


def test_running_again_without_reset_changes_nothing():
    before = snapshot()

    with pytest.raises(CommandError, match="--reset"):
        seed("--events", "10", "--participants", "10")

    assert snapshot() == before


def test_seeded_organisers_have_scopes_and_their_events():
    organisers = get_user_model().objects.filter(username__startswith="seed-organiser-")

    assert organisers.count() == 3
    for organiser in organisers:
        assert organiser.groups.filter(name="Organisers").exists()
        assert OrganiserScope.objects.filter(user=organiser).exists()
        for event in Event.objects.filter(organiser=organiser):
            assert get_scope(organiser).contains(event)


def test_seeded_events_are_searchable_and_in_the_reference_index():
    from wagtail.models import ReferenceIndex
    from wagtail.search.backends import get_search_backend

    event = seeded().first()
    word = event.title.split()[0]

    assert event in get_search_backend().search(word, Event)
    assert ReferenceIndex.get_references_for_object(event).filter(
        to_object_id=str(event.project_id)
    ).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--events", "-5"], "negative"),
        (["--events", "many"], "whole number"),
        (["--events", "2", "--participants", "200000"], "exceeds"),
        (["--events", "0", "--participants", "10"], "no held event"),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(args, message):
    before = snapshot()

    with pytest.raises(CommandError, match=message):
        seed(*args, "--reset")

    assert snapshot() == before


@pytest.mark.parametrize(("total", "count", "cap"), [(1_200_000, 2900, 50_000), (7, 10, 5),
                                                      (0, 5, 1), (100, 2, 50)])
def test_split_total_is_exact_and_capped(total, count, cap):
    import random

    parts = split_total(total, count, cap, random.Random(1))

    assert sum(parts) == total and len(parts) == count
    assert all(0 <= part <= cap for part in parts)


def test_a_breakdown_never_exceeds_the_headcount():
    import random

    rng = random.Random(2)
    for headcount in (0, 1, 7, 999, 50_000):
        assert sum(split_breakdown(headcount, rng).values()) <= headcount
