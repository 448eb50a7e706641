"""Snippet choosers of the plugin: no creation form, and no 500 at the ``create/`` URL."""

from django.http import Http404
from wagtail.snippets.views.chooser import SnippetChooserViewSet, SnippetCreateView


class ChooserCreateWithoutFormView(SnippetCreateView):
    """Snippet choosers offer no creation form, but Wagtail routes ``create/`` anyway, and its
    POST handler calls ``is_valid()`` on no form (a 500): without a form the URL is a 404."""

    def dispatch(self, request, *args, **kwargs):
        if self.get_creation_form_class() is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class PluginSnippetChooserViewSet(SnippetChooserViewSet):
    create_view_class = ChooserCreateWithoutFormView
