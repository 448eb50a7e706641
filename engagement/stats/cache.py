"""Caching of computed statistics, invalidated by a version number.

Every cached result is stored under the current *statistics version*. Any change to an event
bumps the version when its transaction commits (from signal receivers), so the next request
computes afresh; old entries are never read again and expire. The version lives in Django's
cache, so with Redis (``REDIS_URL``) every process and server sees the same one; the
local-memory cache of the default set-up is per process.

Until the change commits, other connections cannot see it, and the old figures they cache are
made stale by the bump at commit. The connection that made the change can see it at once: it
neither reads nor writes the cache while it has an uncommitted change (so a rolled-back
change never reaches the cache either).
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


def bump_version(using=None):
    """Make every cached statistic stale once the current transaction commits (at once in
    autocommit mode). One bump per transaction, however many events it changes."""
    if not has_uncommitted_changes(using):
        transaction.on_commit(_bump, using=using)


def has_uncommitted_changes(using=None):
    """Whether this connection changed events in a transaction that has not committed yet."""
    connection = transaction.get_connection(using)
    return any(callback is _bump for _sids, callback, _robust in connection.run_on_commit)


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
    if timeout <= 0 or has_uncommitted_changes():
        return compute()[0]
    key = cache_key(*parts)
    value = cache.get(key)
    if value is None:
        value, valid_for = compute()
        if valid_for is None or valid_for > 0:
            seconds = timeout if valid_for is None else min(timeout, max(1, int(valid_for)))
            cache.set(key, value, seconds)
    return value
