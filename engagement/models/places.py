"""Places: region → district or city of regional significance → rural district → settlement.

Places are translatable like projects: each locale has its own row with the translated name,
linked by ``translation_key``. The hierarchy (kind, parent, KATO code, transfers) belongs to the
rows of the default locale, which are the *canonical* places: events and organiser scopes always
point at them, so that a district is one district whatever the language of the event.

Administrative reforms are data: when a place moves to another parent (eight districts and two
cities of the Almaty region went to the new Zhetysu region on 8 June 2022), its ``parent``
becomes the new one and a :class:`PlaceTransfer` row records the old one, so that
:meth:`Place.parent_on` answers for any day and an event keeps the district it was held in.
A renaming is data too: Kapshagay became Konaev on 4 May 2022; the place carries today's name
and a :class:`PlaceRenaming` row (in each language) its former one, which
:meth:`Place.name_on` shows after today's for an event held before the renaming.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .i18n import NameOrderQuerySet

kato_code = RegexValidator(r"^\d{9}$", _("A KATO code has nine digits."))


class PlaceKind(models.TextChoices):
    REGION = "region", _("region")
    DISTRICT = "district", _("district")
    CITY = "city", _("city of regional significance")
    RURAL_DISTRICT = "rural_district", _("rural district")
    SETTLEMENT = "settlement", _("settlement")


#: The kinds an event's district may be: a district or a city of regional significance.
DISTRICT_KINDS = (PlaceKind.DISTRICT, PlaceKind.CITY)

#: Which kinds may be the parent of a place of each kind.
PARENT_KINDS = {
    PlaceKind.REGION: (),
    PlaceKind.DISTRICT: (PlaceKind.REGION,),
    PlaceKind.CITY: (PlaceKind.REGION,),
    PlaceKind.RURAL_DISTRICT: DISTRICT_KINDS,
    PlaceKind.SETTLEMENT: (*DISTRICT_KINDS, PlaceKind.RURAL_DISTRICT),
}


class PlaceQuerySet(NameOrderQuerySet):
    def canonical(self):
        """The rows of the default locale, which carry the hierarchy."""
        return self.filter(locale_id=Locale.get_default().pk)

    def districts(self):
        return self.filter(kind__in=DISTRICT_KINDS)


class Place(TranslatableMixin, index.Indexed, ClusterableModel):
    """A region, district, city of regional significance, rural district or settlement."""

    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices)
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"), max_length=100,
        help_text=_("Latin letters, digits and hyphens; the same in every language."),
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("belongs to"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
        help_text=_("The place it belongs to today. Record earlier ones under transfers."),
    )
    kato = models.CharField(
        _("KATO code"), max_length=9, blank=True, validators=[kato_code],
        help_text=_("The nine-digit code of the classifier of administrative-territorial objects."),
    )

    objects = PlaceQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldPanel("kato"),
        InlinePanel("transfers", heading=_("Transfers"), label=_("transfer")),
        InlinePanel("renamings", heading=_("Former names"), label=_("former name")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("locale"),
    ]
    # Only the name is translated; the hierarchy is the canonical row's and is never overridden.
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("parent", overridable=False),
        SynchronizedField("kato", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="engagement_place_slug_locale"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if not self.kind:
            return
        allowed = PARENT_KINDS[self.kind]
        if self.parent is None and allowed:
            raise ValidationError({"parent": _("Choose the place this one belongs to.")})
        if self.parent is not None and self.parent.kind not in allowed:
            raise ValidationError(
                {"parent": _("A %(kind)s cannot belong to a %(parent_kind)s.") % {
                    "kind": self.get_kind_display(),
                    "parent_kind": self.parent.get_kind_display(),
                }}
            )
        if self.parent is not None and self.pk and self.parent.pk == self.pk:
            raise ValidationError({"parent": _("A place cannot belong to itself.")})

    def parent_on(self, day):
        """The place this one belonged to on ``day`` (a date), following recorded transfers."""
        for transfer in sorted(self.transfers.all(), key=lambda transfer: transfer.date):
            if day < transfer.date:
                return transfer.from_parent
        return self.parent

    def former_name_on(self, day):
        """The name this place had on ``day`` if it has been renamed since, else ``""``."""
        for renaming in sorted(self.renamings.all(), key=lambda renaming: renaming.date):
            if day < renaming.date:
                return renaming.former_name
        return ""

    def name_on(self, day):
        """The name a reader expects for something that happened on ``day`` (a date).

        Today's name, and for a day before a renaming the former name after it, in the
        language of this row: «Қонаев қаласы (бұрынғы Қапшағай)».
        """
        former = self.former_name_on(day) if day else ""
        with translation.override(self.locale.language_code):
            return name_with_former(self.name, former)

    def region_on(self, day):
        """The region this place belonged to on ``day``, or ``None`` above the regions."""
        place = self
        while place is not None and place.kind != PlaceKind.REGION:
            place = place.parent_on(day)
        return place

    def contains(self, other):
        """Whether ``other`` lies inside this place today (a place contains itself)."""
        seen = set()
        while other is not None and other.pk not in seen:
            if other.pk == self.pk:
                return True
            seen.add(other.pk)
            other = other.parent
        return False


def name_with_former(name, former):
    """``name``, followed by the former name in parentheses when there is one."""
    if not former:
        return name
    formerly = _("formerly %(former)s") % {"former": former}
    if name.endswith(")"):  # "Konaev (city of regional significance; formerly Kapshagay)"
        return f"{name[:-1]}; {formerly})"
    return f"{name} ({formerly})"


class PlaceRenaming(models.Model):
    """The place was called ``former_name`` until the day before ``date`` (this row's language)."""

    place = ParentalKey(Place, on_delete=models.CASCADE, related_name="renamings")
    date = models.DateField(_("date"), help_text=_("The first day under today's name."))
    former_name = models.CharField(
        _("former name"), max_length=255,
        help_text=_("As it reads after “formerly”, e.g. Kapshagay."),
    )

    panels = [FieldPanel("date"), FieldPanel("former_name")]

    class Meta:
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        ordering = ["date"]

    def __str__(self):
        return f"{self.former_name} → {self.place} ({self.date:%Y-%m-%d})"


class PlaceTransfer(models.Model):
    """A place belonged to ``from_parent`` until ``date``, when it joined its next parent."""

    place = ParentalKey(Place, on_delete=models.CASCADE, related_name="transfers")
    date = models.DateField(_("date"), help_text=_("The first day under the new parent."))
    from_parent = models.ForeignKey(
        Place, verbose_name=_("previous parent"), on_delete=models.PROTECT, related_name="+",
    )

    panels = [FieldPanel("date"), FieldPanel("from_parent")]

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["date"]

    def __str__(self):
        return f"{self.place} ← {self.from_parent} ({self.date:%Y-%m-%d})"
