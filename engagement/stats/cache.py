"""Caching of computed statistics, invalidated by a version number.

Every cached result is stored under the current *statistics version*. Any change to an event
bumps the version (from signal receivers), so the next request computes afresh; old entries
are never read again and expire. The version lives in Django's cache, so with Redis
(``REDIS_URL``) every process and server sees the same one; the local-memory cache of the
default set-up is per process.
"""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction

from engagement import conf

VERSION_KEY = "engagement:stats:version"


def _fresh_version():
    # A new version must never repeat an old one (entries stored under it may still exist):
    # after the version key is lost, start again from the clock, not from zero.
    return time.time_ns() // 1000


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_version():
    """Make every cached statistic stale (now, and again when the transaction commits).

    The second bump matters: a request in another process may compute and cache the old
    figures between the first bump and the commit.
    """
    _bump()
    transaction.on_commit(_bump)


def _bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, _fresh_version(), timeout=None)


def cache_key(*parts):
    digest = hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()
    return f"engagement:stats:{current_version()}:{digest}"


def get_or_compute(parts, compute):
    """``compute()`` → ``(value, seconds it stays true)``, cached under ``parts``."""
    timeout = conf.stats_cache_timeout()
    if timeout <= 0:
        return compute()[0]
    key = cache_key(*parts)
    value = cache.get(key)
    if value is None:
        value, valid_for = compute()
        if valid_for is None or valid_for > 0:
            seconds = timeout if valid_for is None else min(timeout, max(1, int(valid_for)))
            cache.set(key, value, seconds)
    return value
