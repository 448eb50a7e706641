"""Each Locale looked up once per request.

Wagtail asks for the active locale (``Locale.get_active()``, through
``LocaleManager.get_for_language``) wherever a page is localised, a block renders or a URL is
made: six or seven identical queries on a front page. :func:`install` (called by
``EngagementConfig.ready`` when ``ENGAGEMENT_LOCALE_PER_REQUEST`` is true) makes the manager
remember its answers for the length of a request.

The memo lives in a context variable set by ``request_started`` and dropped by
``request_finished``: outside a request (commands, migrations, tasks), or where the signal
runs in another context (ASGI's thread hop), there is no memo and every call queries as
before. Saving or deleting a Locale drops the memo too.
"""

import contextvars

from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save

_memo = contextvars.ContextVar("engagement_locale_memo", default=None)


def _start(**kwargs):
    _memo.set({})


def _finish(**kwargs):
    _memo.set(None)


def _drop(**kwargs):
    if _memo.get() is not None:
        _memo.set({})


def install():
    from wagtail.models import Locale
    from wagtail.models.i18n import LocaleManager

    if getattr(LocaleManager.get_for_language, "_engagement_memo", False):
        return
    uncached = LocaleManager.get_for_language

    def get_for_language(self, language_code):
        memo = _memo.get()
        if memo is None:
            return uncached(self, language_code)
        key = (self.model, self.db, language_code)
        if key not in memo:
            # DoesNotExist is not remembered: it is rare and callers handle it.
            memo[key] = uncached(self, language_code)
        return memo[key]

    get_for_language._engagement_memo = True
    get_for_language.__doc__ = uncached.__doc__
    LocaleManager.get_for_language = get_for_language
    request_started.connect(_start, dispatch_uid="engagement_locale_memo_start")
    request_finished.connect(_finish, dispatch_uid="engagement_locale_memo_finish")
    for signal in (post_save, post_delete):
        signal.connect(_drop, sender=Locale, dispatch_uid=f"engagement_locale_memo_{signal}")
