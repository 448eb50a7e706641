import pytest


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached statistics never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
