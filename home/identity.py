"""The branch's identity and contacts: a site setting in every language, and the contacts page.

Wagtail's ``BaseSiteSetting`` is one row per site, and wagtail-localize 1.14 translates pages and
snippets only (it has nothing for ``wagtail.contrib.settings``). A translatable snippet chosen by
the setting would repeat the phone, the e-mail and the links in each language and need a sync
after every change. So the setting keeps the words in one field per language (name, address,
reception hours, description: three tabs of the same form, Settings → Site identity) and the
rest once. :class:`SiteIdentity` answers in the active language and falls back to Kazakh, then
to any language that has the text, saying which language it is in (for ``lang``).
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page
from wagtail.search import index

#: The languages that have their own fields, in the order of the admin's tabs.
IDENTITY_LANGUAGES = ("kk", "ru", "en")
#: The fields written once per language.
TRANSLATED_FIELDS = ("name", "address", "reception_hours", "description")

#: Where each social network's links must point (host names, ``www.`` allowed).
SOCIAL_HOSTS = {
    "telegram_url": ("t.me", "telegram.me"),
    "instagram_url": ("instagram.com",),
    "facebook_url": ("facebook.com", "fb.com"),
    "youtube_url": ("youtube.com", "youtu.be"),
}

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()\-]{5,23}[0-9]$",
    _("Enter a phone number of digits, spaces, brackets and dashes, e.g. +7 72772 4 12 30."),
)


def tel_url(phone):
    """``+7 (72772) 4-12-30`` → ``tel:+77277241230``."""
    digits = re.sub(r"[^0-9]", "", phone)
    return f"tel:{'+' if phone.strip().startswith('+') else ''}{digits}" if digits else ""


def _language_fields(field_class, verbose_name, **kwargs):
    """One field per language of :data:`IDENTITY_LANGUAGES`, its label ending with the code."""
    return tuple(
        field_class(format_lazy("{} ({})", verbose_name, code), **kwargs)
        for code in IDENTITY_LANGUAGES
    )


@dataclass(frozen=True)
class Text:
    """A text of the setting in the reader's language, or in the language it fell back to."""

    value: str
    #: The language of ``value`` when it is not the page's (for a ``lang`` attribute), else "".
    lang: str = ""

    def __str__(self):
        return self.value

    def __bool__(self):
        return bool(self.value)


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """The branch's name, address, phone, e-mail, reception hours and social networks.

    Shown in every page's footer, on the contacts page and in the pages' descriptions. One row
    per site, read once per request (``for_request`` keeps it on the request).
    """

    name_kk, name_ru, name_en = _language_fields(
        models.CharField, _("name"), max_length=200, blank=True,
        help_text=_("The branch's name as it signs its pages, e.g. «Алматы облыстық филиалы»."),
    )
    address_kk, address_ru, address_en = _language_fields(
        models.CharField, _("address"), max_length=300, blank=True,
        help_text=_("City, street, building, office: what a visitor types into a map."),
    )
    reception_hours_kk, reception_hours_ru, reception_hours_en = _language_fields(
        models.TextField, _("reception hours"), blank=True,
        help_text=_("One line per rule, e.g. “Monday to Friday, 9:00–18:00”."),
    )
    description_kk, description_ru, description_en = _language_fields(
        models.TextField, _("site description"), max_length=300, blank=True,
        help_text=_("One or two sentences about the site for search engines, used on pages "
                    "that have no description of their own."),
    )
    phone = models.CharField(
        _("phone"), max_length=30, blank=True, validators=[phone_validator],
        help_text=_("With the country and area code, e.g. +7 72772 4 12 30."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Optional: the office's point on the map, e.g. 43.866500. Without it the "
                    "map link searches for the address."),
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    telegram_url = models.URLField(_("Telegram"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)

    edit_handler = TabbedInterface([
        ObjectList([
            MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("Contacts")),
            MultiFieldPanel(
                [FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Map"),
            ),
            MultiFieldPanel(
                [FieldPanel(name) for name in SOCIAL_HOSTS], heading=_("Social networks"),
            ),
        ], heading=_("Contacts")),
        *[
            ObjectList(
                [FieldPanel(f"{field}_{code}") for field in TRANSLATED_FIELDS],
                heading=dict(settings.LANGUAGES).get(code, code),
            )
            for code in IDENTITY_LANGUAGES
        ],
    ])

    class Meta:
        verbose_name = _("site identity")
        verbose_name_plural = _("site identities")

    def clean(self):
        super().clean()
        errors = {}
        for name, hosts in SOCIAL_HOSTS.items():
            url = getattr(self, name)
            if not url:
                continue
            host = (urlsplit(url).hostname or "").lower().removeprefix("www.").removeprefix("m.")
            if host not in hosts:
                errors[name] = _("This link must point to %(hosts)s.") % {
                    "hosts": ", ".join(hosts)
                }
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = _(
                "Give both the latitude and the longitude, or neither."
            )
        if errors:
            raise ValidationError(errors)

    def text(self, field, language=None):
        """``field`` (e.g. ``"address"``) in ``language`` (default: the active one) as a
        :class:`Text`; falls back to the default language, then to any language with text."""
        language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
        order = [language, settings.LANGUAGE_CODE, *IDENTITY_LANGUAGES]
        for code in dict.fromkeys(order):
            if code not in IDENTITY_LANGUAGES:
                continue
            value = (getattr(self, f"{field}_{code}") or "").strip()
            if value:
                return Text(value, "" if code == language else code)
        return Text("")

    @property
    def name(self):
        return self.text("name")

    @property
    def address(self):
        return self.text("address")

    @property
    def reception_hours(self):
        return self.text("reception_hours")

    @property
    def description(self):
        return self.text("description")

    @property
    def reception_lines(self):
        """The reception hours, one rule a line, without empty lines."""
        hours = self.reception_hours
        return [line.strip() for line in hours.value.splitlines() if line.strip()]

    @property
    def phone_url(self):
        return tel_url(self.phone)

    @property
    def email_url(self):
        return f"mailto:{self.email}" if self.email else ""

    @property
    def map_url(self):
        """A plain link to OpenStreetMap: the office's point, else a search for the address."""
        if self.latitude is not None and self.longitude is not None:
            query = urlencode({"mlat": self.latitude, "mlon": self.longitude})
            return f"https://www.openstreetmap.org/?{query}#map=17/{self.latitude}/{self.longitude}"
        address = self.text("address", "ru") or self.address
        if not address:
            return ""
        return "https://www.openstreetmap.org/search?" + urlencode({"query": address.value})

    @property
    def social_links(self):
        """``[(network name, url)]`` of the networks that have a link, in a fixed order."""
        names = {"telegram_url": "Telegram", "instagram_url": "Instagram",
                 "facebook_url": "Facebook", "youtube_url": "YouTube"}
        return [(label, getattr(self, field)) for field, label in names.items()
                if getattr(self, field)]

    @property
    def has_contacts(self):
        return bool(self.address or self.phone or self.email or self.reception_hours)


class ContactPage(Page):
    """The branch's contacts: the site identity's address, phone, e-mail, hours and networks.

    One per locale under each home page; the contacts themselves are edited once, in
    Settings → Site identity, so the page only adds an introduction.
    """

    intro = models.TextField(
        _("introduction"), blank=True,
        help_text=_("A sentence or two above the contacts, e.g. how to make an appointment."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    template = "home/contact_page.html"

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")
