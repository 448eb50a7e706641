"""Caching of computed statistics, invalidated by a version number.

Every cached result is stored under the current *statistics version*. Any change to an event
bumps the version when its transaction commits (from signal receivers), so the next request
computes afresh; old entries are never read again and expire. The version has two parts:

* a counter in Django's cache, so with Redis (``REDIS_URL``) every process and server sees a
  bump at once;
* a counter in the database (:class:`engagement.models.StatisticsVersion`, one row, one
  ``UPDATE`` per committed change), which each process reads at most once per
  ``ENGAGEMENT_STATS_VERSION_CHECK_INTERVAL`` seconds (1 by default; at once after a change of
  its own). It carries the change to every process when the cache could not: a bump that
  failed because Redis was down, or the per-process local-memory cache of the default set-up
  (several gunicorn workers). So no process serves a figure from before a change for longer
  than that interval after the change (and after Redis is back), whatever the cache did.

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
* Other processes, and a process that missed a bump and exited before Redis returned: the
  database counter was counted up with the change, so within the check interval their keys
  differ from those of the figures cached before it.
* The database counter cannot be read or counted up (the database failing right after a
  commit): nothing is cached while it cannot be read; a failed count-up is logged, and the
  in-process retry above still makes up for the cache's part.
"""

import hashlib
import logging
import threading
import time

from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F

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


class _DatabaseVersion:
    """This process's copy of the database's statistics version, read again once it is older
    than the check interval (or at once after a change of this process)."""

    def __init__(self):
        self.value = None
        self.read_at = None  # time.monotonic() of the read; None: read at the next use

    def get(self):
        read_at = self.read_at
        if read_at is None or time.monotonic() - read_at >= conf.stats_version_check_interval():
            from engagement.models import StatisticsVersion

            try:
                value = StatisticsVersion.objects.filter(pk=1).values_list("value", flat=True)
                value = value.first() or 0  # no row yet: no change counted yet
            except DatabaseError as error:
                logger.debug("Statistics version not read from the database: %r", error)
                return None
            self.value, self.read_at = value, time.monotonic()
        return self.value

    def expire(self):
        self.read_at = None

    def bump(self):
        """Count the database's version up (autocommit: the change it follows has committed)."""
        from engagement.models import StatisticsVersion

        try:
            if not StatisticsVersion.objects.filter(pk=1).update(value=F("value") + 1):
                try:
                    with transaction.atomic():
                        StatisticsVersion.objects.create(pk=1, value=_fresh_version())
                except IntegrityError:  # another process created it meanwhile
                    StatisticsVersion.objects.filter(pk=1).update(value=F("value") + 1)
        except DatabaseError as error:
            logger.warning("Could not count the statistics version up in the database: %r", error)
        finally:
            self.expire()


database_version = _DatabaseVersion()


def current_version():
    """The statistics version, or ``None`` when the cache or the database cannot say."""
    version = _cache_call(cache.get, VERSION_KEY)
    if version is None:
        _cache_call(cache.add, VERSION_KEY, _fresh_version(), None)
        version = _cache_call(cache.get, VERSION_KEY)
    if version is None:
        return None
    stored = database_version.get()
    return None if stored is None else f"{version}.{stored}"


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
    database_version.bump()
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
