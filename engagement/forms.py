"""Admin forms of the plugin: the event form (scope, headcount plausibility, venue time), the
organiser scope form and the image form that checks what Wagtail's leaves unchecked."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from engagement import conf
from engagement.dates import DayTimeField
from engagement.models import DISTRICT_KINDS, Place, PlaceKind, Project
from engagement.models.i18n import default_language_code, localized_names
from engagement.services.images import check_image_content
from engagement.services.scope import get_scope


class VenueDateTimeField(DayTimeField):
    """A date and time as read on a clock at the venue (``ENGAGEMENT_EVENT_TIME_ZONE``), typed
    as ``28.11.2026 10:00`` (or ISO).

    Whatever time zone the admin user works in, "14:00" means 14:00 in Almaty; a time that does
    not exist or happens twice there (the clocks went back on 1 March 2024) is refused.
    """

    def to_python(self, value):
        with timezone.override(conf.event_time_zone()):
            return super().to_python(value)

    def prepare_value(self, value):
        with timezone.override(conf.event_time_zone()):
            return super().prepare_value(value)


class CanonicalChoiceField(forms.ModelChoiceField):
    """A choice among canonical projects or places, labelled in the admin user's language."""

    names = None

    def label_from_instance(self, obj):
        names = self.names or {}
        label = names.get(obj.pk, str(obj))
        parent_id = getattr(obj, "parent_id", None)
        if getattr(obj, "kind", None) in (PlaceKind.SETTLEMENT, PlaceKind.RURAL_DISTRICT):
            label = f"{label} ({names.get(parent_id, '')})"
        return label


def _canonical(model):
    return model.objects.filter(locale__language_code=default_language_code())


def districts_of_settlements():
    """``{settlement or rural district pk: pk of the district or city it lies in}`` (one query)."""
    places = {
        pk: (parent_id, kind)
        for pk, parent_id, kind in _canonical(Place).values_list("pk", "parent_id", "kind")
    }
    found = {}
    for pk, (_parent, kind) in places.items():
        if kind not in (PlaceKind.RURAL_DISTRICT, PlaceKind.SETTLEMENT):
            continue
        seen, place = set(), pk
        while place in places and place not in seen and places[place][1] not in DISTRICT_KINDS:
            seen.add(place)
            place = places[place][0]
        if place in places and places[place][1] in DISTRICT_KINDS:
            found[pk] = place
    return found


class SettlementSelect(forms.Select):
    """A select whose options name their district (``data-district``).

    The event form's script (``engagement/event-form.js``) offers only the settlements of the
    chosen district; without the script every settlement in the user's scope is listed and
    the form refuses one outside the chosen district.
    """

    district_of = None

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        district = (self.district_of or {}).get(getattr(value, "value", value))
        if district is not None:
            option["attrs"]["data-district"] = str(district)
        return option


class EventForm(WagtailAdminModelForm):
    """The admin form of :class:`~engagement.models.Event`.

    Besides the model's own rules it keeps organisers inside their scope and asks for an
    explicit confirmation of an implausibly large headcount.
    """

    project = CanonicalChoiceField(
        queryset=Project.objects.none(), label=_("project"),
        error_messages={"invalid_choice": _(
            "Choose a project from the list: this one does not exist or is outside your scope."
        )},
    )
    district = CanonicalChoiceField(
        queryset=Place.objects.none(), label=_("district or city"),
        help_text=_("A district or a city of regional significance."),
        error_messages={"invalid_choice": _(
            "Choose a district from the list: this one does not exist or is outside your scope."
        )},
    )
    settlement = CanonicalChoiceField(
        queryset=Place.objects.none(), label=_("settlement"), required=False,
        widget=SettlementSelect,
        help_text=_("Optional: a rural district or settlement inside the district."),
        error_messages={"invalid_choice": _(
            "Choose a settlement from the list: this one does not exist or is outside your "
            "scope."
        )},
    )
    start = VenueDateTimeField(label=_("start"), help_text=_("Local time in the region."))
    end = VenueDateTimeField(label=_("end"), help_text=_("Local time in the region."))
    confirm_large_headcount = forms.BooleanField(
        label=_("I confirm this unusually large number of participants"), required=False,
    )

    class Media:
        js = ["engagement/event-form.js"]
        css = {"all": ["engagement/event-form.css"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scope = get_scope(self.for_user) if self.for_user is not None else None
        project_names = localized_names(Project)
        place_names = localized_names(Place)

        projects = _canonical(Project).party()
        districts = _canonical(Place).filter(kind__in=DISTRICT_KINDS)
        settlements = _canonical(Place).filter(
            kind__in=(PlaceKind.RURAL_DISTRICT, PlaceKind.SETTLEMENT)
        )
        if scope is not None and scope.project_ids is not None:
            projects = projects.filter(pk__in=scope.project_ids)
        district_of = districts_of_settlements()
        if scope is not None and scope.district_ids is not None:
            districts = districts.filter(pk__in=scope.district_ids)
            settlements = settlements.filter(pk__in=[
                pk for pk, district in district_of.items() if district in scope.district_ids
            ])
        for name, queryset, names in (
            ("project", projects, project_names),
            ("district", districts, place_names),
            ("settlement", settlements, place_names),
        ):
            if name in self.fields:
                # In the order of the names shown, in the user's language.
                self.fields[name].queryset = queryset.in_localized_name_order()
                self.fields[name].names = names
        if "settlement" in self.fields:
            self.fields["settlement"].widget.district_of = district_of
        limit = conf.plausible_participants_max()
        self.fields["confirm_large_headcount"].help_text = _(
            "Needed when more than %(max)s people took part."
        ) % {"max": limit}
        if "participants" in self.fields:
            # The script shows the confirmation only while the typed number passes the limit.
            self.fields["participants"].widget.attrs["data-plausible-max"] = limit
        # Model verbose names are lower case (they are used inside sentences); a label starts
        # with a capital letter in every language.
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)

    def clean(self):
        cleaned_data = super().clean()
        project, district = cleaned_data.get("project"), cleaned_data.get("district")
        if self.for_user is not None and project is not None and district is not None:
            if not get_scope(self.for_user).allows(project.pk, district.pk):
                self.add_error(
                    "district",
                    ValidationError(
                        _("You may only log events of your own projects and districts: "
                          "%(project)s in this district is outside your scope."),
                        code="out_of_scope",
                        params={"project": self.fields["project"].label_from_instance(project)},
                    ),
                )
        participants = cleaned_data.get("participants")
        limit = conf.plausible_participants_max()
        if (
            participants is not None
            and participants > limit
            and not cleaned_data.get("confirm_large_headcount")
        ):
            self.add_error(
                "confirm_large_headcount",
                ValidationError(
                    _("More than %(max)s participants is unusual: check the number and tick the "
                      "confirmation if it is right."),
                    code="confirm_headcount",
                    params={"max": limit},
                ),
            )
        return cleaned_data

    def save(self, commit=True):
        if self.instance.organiser_id is None and self.for_user is not None:
            self.instance.organiser = self.for_user
        return super().save(commit=commit)


class OrganiserScopeForm(WagtailAdminModelForm):
    """An organiser scope rule needs at least one project or district."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "user" in self.fields:
            self.fields["user"].queryset = get_user_model().objects.filter(
                groups__name=conf.organisers_group_name()
            ).order_by("username")
            self.fields["user"].help_text = _(
                "Members of the %(group)s group; add a user to the group first."
            ) % {"group": conf.organisers_group_name()}
        for name, model in (("projects", Project), ("districts", Place)):
            if name in self.fields:
                names = localized_names(model)
                self.fields[name].queryset = self.fields[name].queryset.in_localized_name_order()
                self.fields[name].label_from_instance = (
                    lambda obj, names=names: names.get(obj.pk, str(obj))
                )

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("projects") and not cleaned_data.get("districts"):
            raise ValidationError(
                _("Choose at least one project or one district: "
                  "an empty rule would grant nothing."),
                code="empty_scope",
            )
        return cleaned_data


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, also counting every frame against the pixel limit and refusing a
    file whose pixels do not decode (see :mod:`engagement.services.images`).

    Wagtail's own size check decodes a JPEG through Willow and lets Pillow's ``OSError`` for a
    truncated file escape (a 500 in the admin); here that is the field's ``invalid_image``.
    """

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except OSError as error:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error
        image = getattr(f, "image", None)
        check_image_content(f, getattr(image, "format_name", ""))


class ImageForm(BaseImageForm):
    """Wagtail's image form with :class:`CheckedImageField` for the file. Set it as the site's
    ``WAGTAILIMAGES_IMAGE_FORM_BASE = "engagement.forms.ImageForm"``; Wagtail builds the add,
    edit, multiple-upload and chooser-upload forms on it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        # Swapped here rather than declared: a declared field would be added to the forms
        # Wagtail builds without the file (the multiple upload's title-and-tags form).
        if field is not None and not isinstance(field, CheckedImageField):
            self.fields["file"] = CheckedImageField(
                label=field.label, required=field.required, widget=field.widget,
                initial=field.initial, disabled=field.disabled,
            )
