"""Projects, places and organiser scopes in the admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView as ModelIndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from engagement.forms import OrganiserScopeForm
from engagement.models import OrganiserScope, Place, Project

from .languages import UserLanguageChooserViewSet, UserLanguageIndexView


class ProjectViewSet(SnippetViewSet):
    model = Project
    index_view_class = UserLanguageIndexView
    chooser_viewset_class = UserLanguageChooserViewSet
    icon = "tag"
    menu_label = _("Projects")
    menu_name = "projects"
    menu_order = 200
    # State programmes that earlier seeds made stay visible as such (never offered to events).
    list_display = ["name", "slug", "kind", "active"]
    list_filter = ["active", "kind"]
    inspect_view_enabled = True


class PlaceIndexView(UserLanguageIndexView):
    """Places in the user's language; "Belongs to" names the parent in each row's language
    (the hierarchy is the canonical rows', so a Russian row's parent is a Kazakh row)."""

    def get_table(self, object_list):
        object_list = list(object_list)
        keys = {place.parent.translation_key for place in object_list if place.parent_id}
        names = {
            (key, locale_id): name for key, locale_id, name in Place.objects.filter(
                translation_key__in=keys
            ).values_list("translation_key", "locale_id", "name")
        } if keys else {}
        for place in object_list:
            parent = place.parent
            place.parent_name = (
                names.get((parent.translation_key, place.locale_id), parent.name)
                if parent else ""
            )
        return super().get_table(object_list)


class PlaceViewSet(SnippetViewSet):
    model = Place
    index_view_class = PlaceIndexView
    chooser_viewset_class = UserLanguageChooserViewSet
    icon = "site"
    menu_label = _("Places")
    menu_name = "places"
    menu_order = 300
    list_display = ["name", "kind", Column("parent", label=_("Belongs to"), accessor="parent_name")]
    list_filter = ["kind"]
    list_per_page = 50
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Place.objects.select_related("parent", "locale")


class OrganiserScopeIndexView(ModelIndexView):
    # Wagtail's "Add %(model_name)s" cannot decline the name («Добавить зона…»).
    add_item_label = _("Add an organiser scope")


class OrganiserScopeViewSet(ModelViewSet):
    """Administrators give organisers their projects and districts here."""

    model = OrganiserScope
    index_view_class = OrganiserScopeIndexView
    name = "organiser_scopes"
    url_prefix = "engagement/organiser-scopes"
    copy_view_enabled = False
    icon = "lock"
    menu_label = _("Organiser scopes")
    menu_name = "organiser-scopes"
    menu_order = 400
    list_display = ["user", "note"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "note"]
    edit_handler = ObjectList(
        [FieldPanel("user"), FieldPanel("projects"), FieldPanel("districts"), FieldPanel("note")],
        base_form_class=OrganiserScopeForm,
    )
