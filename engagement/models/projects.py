from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .i18n import NameOrderQuerySet

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # and six hexadecimal digits, e.g. #0b3d91.")
)


class ProjectKind(models.TextChoices):
    """A social project of the party, or a state programme (which is not the party's)."""

    PARTY_PROJECT = "project", _("party project")
    STATE_PROGRAMME = "programme", _("state programme")


class ProjectQuerySet(NameOrderQuerySet):
    def active(self):
        return self.filter(active=True)

    def party(self):
        """The party's own projects: the only ones events, statistics and lists show."""
        return self.filter(kind=ProjectKind.PARTY_PROJECT)


class Project(TranslatableMixin, index.Indexed, models.Model):
    """A social project of the party («Кедергісіз келешек», «Бақытты отбасы», ...).

    Translatable: each locale has its own row, linked by ``translation_key``. The slug is shared
    by the translations and identifies the project in URLs and filters.

    State programmes («Еңбек», «Нұрлы жер», «7-20-25», ...) are the government's, not the
    party's: a row of ``kind`` state programme (earlier seeds made them, and migration 0010
    marks them) is never offered to events, listed publicly or counted in statistics.
    """

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"), max_length=100, allow_unicode=False,
        help_text=_("Latin letters, digits and hyphens; the same in every language."),
    )
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(
        _("audience"), max_length=255, blank=True,
        help_text=_("Who the project is for, e.g. people with disabilities, veterans, families."),
    )
    colour = models.CharField(
        _("colour"), max_length=7, default="#0b3d91", validators=[hex_colour],
        help_text=_("Used in charts and labels."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    active = models.BooleanField(_("active"), default=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ProjectKind.choices,
        default=ProjectKind.PARTY_PROJECT, editable=False,
    )

    objects = ProjectQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("audience"),
        FieldPanel("colour"),
        FieldPanel("logo"),
        FieldPanel("active"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
        index.FilterField("active"),
    ]
    # The slug, colour, logo and status are shared by every translation of a project.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("audience"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("colour"),
        SynchronizedField("logo"),
        SynchronizedField("active"),
        SynchronizedField("kind", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("party project")
        verbose_name_plural = _("party projects")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="engagement_project_slug_locale"
            ),
        ]

    def __str__(self):
        return self.name
