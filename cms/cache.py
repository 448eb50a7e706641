"""A Redis cache that fails open: Redis down is not the site down.

Django's ``RedisCache`` raises ``redis.exceptions.ConnectionError`` (or ``TimeoutError``) from
every call while Redis is unreachable, and each call first waits for its connection attempt.
``FailOpenRedisCache`` answers as an empty cache instead: ``get`` returns the default,
``get_many`` ``{}``, ``add``/``touch``/``delete``/``has_key`` ``False``, ``set`` does nothing
and ``incr``/``decr`` return ``None`` (so a caller that must know whether its increment
happened, like ``engagement.stats.cache``, can tell). Everything returns to normal by itself
when Redis is back.

So that an outage costs little per request, after a failure the backend does not try Redis
again for ``RETRY_AFTER`` seconds (OPTIONS, default 1) and answers as empty at once; with the
short ``socket_connect_timeout``/``socket_timeout`` of the settings a failed attempt costs
0.25 s at most. The first failure logs a warning, and while the outage lasts at most one more
every ``WARNING_INTERVAL`` seconds (OPTIONS, default 60), never one per request; the first
success after an outage logs that Redis is back.

Only Redis's own errors (``redis.exceptions.RedisError``: connection, timeout, a server that
cannot answer) are swallowed: a bad key or an unpicklable value still raises.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Connection refused or reset, timeouts, and a server that cannot answer (loading, out of
# memory, read-only, not Redis at all): each means "no cache now".
UNAVAILABLE = RedisError


class _Outage:
    """The state of one Redis location, shared by every thread of the process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_since = None  # time.monotonic() of the first failure of this outage
        self.retry_at = 0.0
        self.warned_at = None
        self.failures = 0


class FailOpenRedisCache(RedisCache):
    """``RedisCache`` that behaves as an empty cache while Redis is unreachable."""

    _outages = {}
    _outages_lock = threading.Lock()

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("RETRY_AFTER", 1.0))
        self.warning_interval = float(options.pop("WARNING_INTERVAL", 60.0))
        super().__init__(server, {**params, "OPTIONS": options})
        location = ",".join(self._servers)
        with self._outages_lock:
            self._outage = self._outages.setdefault(location, _Outage())
        self._location = location

    # The guard around every call.

    def _call(self, method, default, *args, **kwargs):
        outage = self._outage
        if outage.down_since is not None and time.monotonic() < outage.retry_at:
            self._failed(outage, None)
            return default
        try:
            result = method(*args, **kwargs)
        except UNAVAILABLE as error:
            self._failed(outage, error)
            return default
        if outage.down_since is not None:
            self._recovered(outage)
        return result

    def _failed(self, outage, error):
        now = time.monotonic()
        with outage.lock:
            outage.failures += 1
            if error is not None:
                if outage.down_since is None:
                    outage.down_since = now
                outage.retry_at = now + self.retry_after
            if outage.warned_at is not None and now - outage.warned_at < self.warning_interval:
                return
            outage.warned_at = now
            failures = outage.failures
        logger.warning(
            "The cache at %s is unavailable (%s); serving without it (%d failed calls so far).",
            self._location, error or "still down", failures,
        )

    def _recovered(self, outage):
        with outage.lock:
            if outage.down_since is None:
                return
            seconds = time.monotonic() - outage.down_since
            outage.down_since = None
            outage.warned_at = None
            outage.failures = 0
        logger.warning("The cache at %s is back after %.1f s.", self._location, seconds)

    # Django's cache API.

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        # None, not a number: the caller learns that nothing was incremented.
        return self._call(super().incr, None, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, None, keys, version)

    def clear(self):
        return self._call(super().clear, False)
