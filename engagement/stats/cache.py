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

**When the cache fails.** Statistics are never wrong because of the cache, only slower. Every
cache call here is guarded: an exception (a plain Redis backend while Redis is down) and an
empty answer (a backend that fails open returns ``None`` from ``get`` and ``incr``) both mean
"no cache", and the statistic is computed from the database without reading or writing it.

* No version (the version key cannot be read, or not created): nothing is read or stored. A
  value is never stored under a made-up version, which a later read could find stale.
* A bump that fails (Redis unreachable when an event change commits) would leave the figures
  cached before the change readable under the old version once Redis is back. So the process
  remembers the missed bump and, until it succeeds, computes its statistics uncached; it retries
  the bump before every statistic it serves and, in a background thread, every
  ``RETRY_INTERVAL`` seconds, so the cache is made stale for every other process within about a
  second of Redis answering again. A missed bump is forgotten after the stats cache timeout
  (``ENGAGEMENT_STATS_CACHE_TIMEOUT``): every value stored before the change has expired by
  then, since none is stored for longer.
* What remains: another process that reads Redis between Redis's return and the retry (about a
  second), or a process that missed a bump and exits before Redis returns, can serve a figure
  from before the change until that value expires (at most the stats cache timeout). A
  version kept in the database would close that gap at the cost of one query per statistic.
"""

import hashlib
import logging
import threading
import time

from django.core.cache import cache
from django.db import transaction

from engagement import conf

logger = logging.getLogger(__name__)

VERSION_KEY = "engagement:stats:version"
#: Seconds between the background retries of a bump that failed.
RETRY_INTERVAL = 1.0


class _MissedBump:
    """A version bump that failed in this process and has not been made up for yet."""

    def __init__(self):
        self.lock = threading.Lock()
        self.since = None  # time.monotonic() of the latest failed bump
        self.retrying = False

    def pending(self):
        """Whether a bump is still owed (forgotten once every older value has expired)."""
        since = self.since
        if since is None:
            return False
        if time.monotonic() - since > conf.stats_cache_timeout():
            self.since = None
            return False
        return True

    def remember(self):
        with self.lock:
            first = self.since is None
            self.since = time.monotonic()
            start_thread = not self.retrying
            self.retrying = True
        if first:
            logger.warning(
                "Could not make cached statistics stale (the cache is unavailable): statistics "
                "are computed without the cache until it answers again."
            )
        if start_thread:
            threading.Thread(target=self._retry_loop, name="stats-cache-bump", daemon=True).start()

    def settle(self):
        """Try the owed bump once; whether none is owed any more."""
        since = self.since
        if not self.pending():
            return True
        if not _try_bump():
            return False
        with self.lock:
            if self.since == since:  # no other bump failed meanwhile
                self.since = None
        logger.warning("Cached statistics made stale again after the cache came back.")
        return True

    def _retry_loop(self):
        try:
            while self.pending():
                time.sleep(RETRY_INTERVAL)
                if self.settle():
                    break
        finally:
            with self.lock:
                self.retrying = False


missed_bump = _MissedBump()


def _fresh_version():
    # A new version must never repeat an old one (entries stored under it may still exist):
    # after the version key is lost, start again from the clock, not from zero.
    return time.time_ns() // 1000


def _cache_call(method, *args, default=None):
    try:
        return method(*args)
    except Exception as error:  # any cache failure means "no cache"
        logger.debug("Statistics cache call failed: %r", error)
        return default


def current_version():
    """The statistics version, or ``None`` when the cache cannot say."""
    version = _cache_call(cache.get, VERSION_KEY)
    if version is None:
        _cache_call(cache.add, VERSION_KEY, _fresh_version(), None)
        version = _cache_call(cache.get, VERSION_KEY)
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
    if not _try_bump():
        missed_bump.remember()


def _try_bump():
    """Increment the version; whether the cache took it."""
    try:
        # A backend that fails open answers None instead of the new version.
        return cache.incr(VERSION_KEY) is not None
    except ValueError:
        # No version key (lost or evicted): a fresh one from the clock is as good as a bump,
        # and if storing it fails too, the next reader creates one from the clock as well.
        _cache_call(cache.set, VERSION_KEY, _fresh_version(), None)
        return True
    except Exception as error:
        logger.debug("Statistics version bump failed: %r", error)
        return False


def cache_key(*parts, version=None):
    version = current_version() if version is None else version
    digest = hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()
    return f"engagement:stats:{version}:{digest}"


def get_or_compute(parts, compute):
    """``compute()`` → ``(value, seconds it stays true)``, cached under ``parts``."""
    timeout = conf.stats_cache_timeout()
    if timeout <= 0 or has_uncommitted_changes() or not missed_bump.settle():
        return compute()[0]
    version = current_version()
    if version is None:
        return compute()[0]
    key = cache_key(*parts, version=version)
    value = _cache_call(cache.get, key)
    if value is None:
        value, valid_for = compute()
        if valid_for is None or valid_for > 0:
            seconds = timeout if valid_for is None else min(timeout, max(1, int(valid_for)))
            _cache_call(cache.set, key, value, seconds)
    return value
