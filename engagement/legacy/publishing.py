"""Publishing the first revision of a page the importer has just created, with fewer queries.

Wagtail's publish action (``Revision.publish``) is written for any page: it reads the revision
back into a page, looks for the previous revision (to log a rename), clears the go-live date of
every other revision, re-saves the comments, updates aliases, cancels a running workflow and
validates the page once more. A page created a moment ago in the same transaction has none of
these, so for it the importer does here what the action would then do: the same fields, the same
signals (``page_published`` and ``published``) and the same ``wagtail.publish`` log entry.
Anything else (an update, a scheduled post) goes through ``Revision.publish``.
"""

from django.utils import timezone
from wagtail.log_actions import log
from wagtail.signals import page_published, published


def can_publish_quickly(page, revision):
    """Whether ``revision`` is the only revision of ``page`` (a page the caller has just
    created, so with no alias, comment or workflow yet) and is to go live now (no go-live date
    to wait for), so that :func:`publish_new_page` applies."""
    return (
        page.live_revision_id is None
        and page.latest_revision_id == revision.pk
        and (page.go_live_at is None or page.go_live_at <= timezone.now())
    )


def publish_new_page(page, revision, user=None):
    """Publish ``revision``, the first and only revision of the new ``page``, as Wagtail would."""
    now = timezone.now()
    page.live = True
    page.has_unpublished_changes = False
    page.expired = False
    page.live_revision = revision
    page.last_published_at = now
    if page.first_published_at is None:
        page.first_published_at = now
    # Every field, as the action saves the page it read from the revision (a go-live date set
    # after the page was first saved, say).
    page.save(clean=False)
    page_published.send(sender=page.specific_class, instance=page, revision=revision)
    published.send(sender=type(page), instance=page, revision=revision)
    log(instance=page, action="wagtail.publish", user=user, revision=revision,
        content_changed=True)
