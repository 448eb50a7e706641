import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the demo site (locales, home pages in kk, ru, en) from the start."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)


@pytest.fixture
def demo_site(db):
    """The demo site's kk home page; rebuilt when a transactional test flushed the database."""
    from home.demo import DemoLoader

    return DemoLoader(log=lambda message: None).run().home
