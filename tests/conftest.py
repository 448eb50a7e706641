import json

import pytest
from django.core.management import call_command

#: What the migrations left in the test database, before the demo: see ``migrated_state``.
_MIGRATED_STATE = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the demo site (locales, home pages in kk, ru, en) from the start."""
    from django.db import connection

    with django_db_blocker.unblock():
        objects = json.loads(connection.creation.serialize_db_to_string())
        # Content types go first: receivers of the other rows' saves look them up, and a
        # lookup that finds none would create one under a new id.
        is_content_type = [obj["model"] == "contenttypes.contenttype" for obj in objects]
        _MIGRATED_STATE["content_types"] = json.dumps(
            [obj for obj, first in zip(objects, is_content_type, strict=True) if first]
        )
        _MIGRATED_STATE["data"] = json.dumps(
            [obj for obj, first in zip(objects, is_content_type, strict=True) if not first]
        )
        call_command("load_demo", verbosity=0)


@pytest.fixture
def migrated_state(transactional_db):
    """Start a transactional test from what the migrations made, whatever ran before it.

    A transactional test (the live server's) ends by emptying every table, and the data that
    migrations create (groups with their permissions, the events' workflow, the places) would
    not come back. This empties the database and loads that data again, as it was right after
    migrating; ``demo_site`` then rebuilds the demo content. (Django's own serialized rollback
    does the loading without the emptying, which collides with the demo's site.)
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    call_command(
        "flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False
    )
    connection.creation.deserialize_db_from_string(_MIGRATED_STATE["content_types"])
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(_MIGRATED_STATE["data"])
    # The flush at the end of the previous test made content types with new ids, and the
    # process-wide cache (the live server's threads share it) still maps those.
    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _transactional_tests_start_from_the_migrations(request):
    """Every transactional test (browser tests included) starts from ``migrated_state``."""
    names = request.fixturenames
    marker = request.node.get_closest_marker("django_db")
    if (
        "transactional_db" in names
        or "live_server" in names
        or (marker is not None and marker.kwargs.get("transaction"))
    ):
        request.getfixturevalue("migrated_state")


@pytest.fixture
def demo_site(db):
    """The demo site's kk home page; rebuilt when a transactional test flushed the database."""
    from home.demo import DemoLoader

    return DemoLoader(log=lambda message: None).run().home
