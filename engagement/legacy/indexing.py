"""The search and reference index rows of what an import wrote: once, at the end, in bulk.

Saving a page, an image or a document updates Wagtail's search index through a ``post_save``
handler, and its reference index through another; an imported post's page is saved three times
(created, revision, published) and on SQLite each search update also recomputes the title norms
of the whole index. The importer therefore turns both off while it runs
(:func:`deferred_search_index`, Wagtail's ``disable_reference_index_auto_update``) and, when
every post is in, writes the rows of everything it touched here: the search index a few hundred
objects per backend call, the reference index a few hundred objects per transaction.

A run killed before this step leaves objects without their rows; their
:class:`~engagement.legacy.models.LegacyObject` still says ``indexed=False`` and the next run
indexes them (``WordPressImporter._update_indexes``).
"""

from contextlib import ExitStack, contextmanager

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_save_signal_handler

#: Objects per search backend call and per reference index transaction.
CHUNK_SIZE = 200


@contextmanager
def _disconnected(model):
    disconnected = post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        if disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


@contextmanager
def deferred_search_index(*models):
    """Inside this block, saving an instance of ``models`` does not update the search index.

    The handler is disconnected for these models in the whole process while the block runs, so
    run imports in their own process (the command does): a page saved by another thread of the
    same process meanwhile would not be indexed.
    """
    with ExitStack() as stack:
        for model in dict.fromkeys(models):
            stack.enter_context(_disconnected(model))
        yield


def add_to_search_index(model, objects):
    """Index ``objects`` (instances of ``model``) in every auto-updated search backend.

    They are read again through ``model.get_indexed_objects()`` (one query), as Wagtail's own
    update does, so that an object the model does not index is left out.
    """
    if not objects:
        return
    indexed = list(model.get_indexed_objects().filter(pk__in=[obj.pk for obj in objects]))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, indexed)


def update_indexes(groups, progress, desc, unit):
    """Write the search and reference index rows of ``groups`` (``{model: [objects]}``).

    Args:
        groups: the objects to index, by model (pages by their specific model).
        progress: a tqdm-like factory wrapping an iterable; one bar per model.
        desc: the progress bar's label (the model's plural name is added).
        unit: what the bar counts.
    """
    for model, objects in groups.items():
        chunk = []
        label = f"{desc}: {model._meta.verbose_name_plural}"
        for obj in progress(objects, desc=label, unit=unit):
            chunk.append(obj)
            if len(chunk) == CHUNK_SIZE:
                _index_chunk(model, chunk)
                chunk = []
        _index_chunk(model, chunk)


def _index_chunk(model, chunk):
    if not chunk:
        return
    # Search first: a run killed here has written no reference rows of these objects, so the
    # next run's repair is the same whichever step it stopped in.
    add_to_search_index(model, chunk)
    with transaction.atomic():
        for obj in chunk:
            ReferenceIndex.create_or_update_for_object(obj)
