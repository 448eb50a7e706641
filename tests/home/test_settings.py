import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
# Variables the subprocesses get only when a test passes them (the browser tests set the last).
CONTROLLED_VARIABLES = {
    "DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_python(code, settings_module="cms.settings.dev", **env):
    """Run ``code`` in a fresh interpreter with Django set up and the given environment."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in CONTROLLED_VARIABLES
    }
    environment.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    script = "import django; django.setup()\n" + code
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_without_database_url_the_database_is_an_sqlite_file_in_the_project():
    result = run_python(
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'])"
    )

    assert result.returncode == 0, result.stderr
    engine, name = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert Path(name) == ROOT / "db.sqlite3"


def test_database_url_selects_postgresql():
    result = run_python(
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'], d['HOST'], d['PORT'])",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/engagement",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql", "engagement", "127.0.0.1", "5432"
    ]


def test_redis_url_selects_the_redis_cache_and_local_memory_otherwise():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"

    with_redis = run_python(code, REDIS_URL="redis://127.0.0.1:6379/1")
    without = run_python(code)

    # Django's RedisCache, failing open (cms/cache.py).
    assert with_redis.stdout.strip() == "cms.cache.FailOpenRedisCache"
    assert without.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.django_db
def test_the_suite_runs_on_the_database_that_database_url_names():
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    expected = "postgresql" if on_postgres else "sqlite"

    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_the_cache_in_use_stores_and_returns_values():
    expected = "RedisCache" if os.environ.get("REDIS_URL") else "LocMemCache"

    assert settings.CACHES["default"]["BACKEND"].endswith(expected)
    cache.set("settings-test", {"n": 1}, 10)
    assert cache.get("settings-test") == {"n": 1}
    cache.delete("settings-test")


PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-used-only-in-this-test-0123456789",
    "DJANGO_ALLOWED_HOSTS": "almaty.example.kz",
}


def test_production_check_deploy_prints_no_warning():
    environment = {
        **{key: value for key, value in os.environ.items() if key not in CONTROLLED_VARIABLES},
        **PRODUCTION_ENV,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=environment, capture_output=True, text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_settings_use_whitenoise_and_no_debug():
    result = run_python(
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.STORAGES['staticfiles']['BACKEND'], s.ALLOWED_HOSTS)",
        settings_module="cms.settings.production",
        **PRODUCTION_ENV,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False", "whitenoise.storage.CompressedManifestStaticFilesStorage", "['almaty.example.kz']"
    ]


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_settings_name_a_missing_variable(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}

    result = run_python("", settings_module="cms.settings.production", **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"The environment variable {missing} must be set" in result.stderr
