"""Planned events in the coming months, for the seed and the demo (``EngagementSeeder``).

Dates are relative to the day of the run, so the public calendar always has something ahead.
Only the party's four projects hold them, in districts of the home region (never one that went
to the Zhetysu region), about half of them in a village of a rural district. The events are
written like the seed's (bulk, live, no revision), with
``source_key = "seed-planned:<day>:<n>"`` so that a reset removes them.
"""

import datetime
import io
import json
import uuid

from django.conf import settings
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale
from wagtail.search.backends import get_search_backends

from engagement.models import Accessibility, Event, EventFormat, Place, Project

# (title kk, ru, en), venue (kk, ru, en), accessibility notes (kk, ru, en) or None.
PLANS = [
    (("Кедергісіз орта: тұрғындармен кездесу", "Безбарьерная среда: встреча с жителями",
      "Barrier-free environment: a meeting with residents"),
     ("Аудандық мәдениет үйі", "Районный дом культуры", "District house of culture"),
     ("Кіреберісте пандус бар, залда ымдау тілінің аудармашысы болады.",
      "У входа пандус, в зале будет сурдопереводчик.",
      "There is a ramp at the entrance; a sign language interpreter will be in the hall.")),
    (("Ардагерлерге құрмет: мерекелік кеш", "Почёт ветеранам: праздничный вечер",
      "Honouring veterans: a festive evening"),
     ("Ардагерлер кеңесінің үйі", "Дом совета ветеранов", "Veterans' council house"),
     ("Бірінші қабат, баспалдақсыз кіреберіс.", "Первый этаж, вход без ступеней.",
      "Ground floor, step-free entrance.")),
    (("Бақытты отбасы: отбасылық фестиваль", "Счастливая семья: семейный фестиваль",
      "Happy family: a family festival"),
     ("Орталық саябақ", "Центральный парк", "Central park"), None),
]
KK_ONLY = [
    "Жастар форумы: болашақ кәсіптер", "Кеңес беру күні: мүмкіндігі шектеулі азаматтарға",
    "Ардагерлермен кездесу", "Отбасылық спорт жарысы", "Жастар сенбілігі",
    "Кедергісіз келешек: дөңгелек үстел", "Ашық есік күні", "Көп балалы отбасыларға көмек",
    "Жас кәсіпкерлер семинары",
]
KK_NOTES = "Пандус пен арнайы дәретхана бар; сүйемелдеуші бірге келе алады."
CANCELLED_REASON = "Ауа райының қолайсыздығына байланысты тоқтатылды."
PHOTO_TITLES = ("seed-photo-1", "seed-photo-2")


def _photo(title, colour):
    """A small generated JPEG (kept once by title, reused by every run)."""
    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from PIL import ImageDraw

    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    if Collection.get_first_root_node() is None:  # a flushed database has no collections
        Collection.add_root(name="Root")
    picture = PillowImage.new("RGB", (960, 640), colour)
    draw = ImageDraw.Draw(picture)
    for row in range(4):
        for seat in range(9):
            x, y = 80 + seat * 95, 260 + row * 90
            draw.ellipse((x, y, x + 50, y + 50), fill=(255, 255, 255))
    output = io.BytesIO()
    picture.save(output, "JPEG", quality=80)
    image = Image(title=title, file=ImageFile(output, name=f"{title}.jpg"))
    image.save()
    return image


def gallery(images, alts):
    return json.dumps([{"type": "gallery", "value": {
        "images": [{"image": image.pk, "alt_text": alt, "decorative": False, "caption": ""}
                   for image, alt in zip(images, alts, strict=True)],
        "thumbnail_width": 150, "thumbnail_height": 150, "link": "lightbox", "titles": "never",
    }}])


class PlannedEvents:
    def __init__(self, seeder):
        self.seeder = seeder
        self.rng = seeder.rng
        self.now = seeder.now
        self.zone = seeder.zone

    def existing(self):
        from .seeding import PLANNED_PREFIX

        return Event.objects.filter(source_key__startswith=PLANNED_PREFIX, start__gt=self.now,
                                    locale__language_code=settings.LANGUAGE_CODE)

    def ensure(self, count, days, minimum):
        from .seeding import PARTY_PROJECTS, PLANNED_PREFIX

        if self.existing().count() >= minimum:
            return 0
        default = Locale.get_default()
        projects = {p.slug: p for p in Project.objects.filter(locale=default,
                                                              slug__in=PARTY_PROJECTS)}
        from .places import RegionOnDay
        from .seeding import settlements_by_district

        today = timezone.localtime(self.now, self.zone).date()
        districts = RegionOnDay(
            Place.objects.canonical().districts().select_related("parent")
            .prefetch_related("transfers__from_parent").order_by("slug")
        ).districts_on(today)
        if not projects or not districts:
            return 0
        villages = settlements_by_district(default.language_code)
        order = [slug for slug in PARTY_PROJECTS if slug in projects]
        photos = [_photo(PHOTO_TITLES[0], (11, 61, 145)), _photo(PHOTO_TITLES[1], (27, 127, 59))]
        stamp = f"{PLANNED_PREFIX}{today:%Y%m%d}:"
        others = {code: Locale.objects.filter(language_code=code).first() for code in ("ru", "en")}
        rows, translations = [], []
        for number in range(count):
            day = today + datetime.timedelta(days=2 + number * max(1, days // count))
            start = datetime.datetime.combine(
                day, datetime.time(self.rng.choice((10, 11, 14, 15, 16)), 0), tzinfo=self.zone)
            project = projects[order[number % len(order)]]
            district = districts[self.rng.randrange(len(districts))]
            choices = villages.get(district.pk) or []
            settlement = choices[number % len(choices)] if choices and number % 2 else None
            plan = PLANS[number] if number < len(PLANS) else None
            title = plan[0][0] if plan else KK_ONLY[(number - len(PLANS)) % len(KK_ONLY)]
            venue = plan[1][0] if plan else f"{(settlement or district).name}, әкімдік мәжіліс залы"
            notes = (plan[2][0] if plan[2] else "") if plan else (
                KK_NOTES if project.slug == "kedergisiz-keleshek" or number % 3 == 0 else "")
            cancelled = number == 5
            with_photos = number in (0, 4)
            fields = {
                "project": project, "district": district, "settlement": settlement,
                "start": start,
                "end": start + datetime.timedelta(hours=2),
                "format": EventFormat.HYBRID if number % 4 == 3 else EventFormat.IN_PERSON,
                "accessibility": Accessibility.ACCESSIBLE if notes else Accessibility.UNKNOWN,
                "cancelled": cancelled,
                "live": True, "has_unpublished_changes": False,
                "first_published_at": self.now, "last_published_at": self.now,
                "source_key": f"{stamp}{number + 1}",
            }
            event = Event(
                title=title, venue_address=venue, accessibility_notes=notes,
                description=f"<p>{title}. Барлығы шақырылады, кіру тегін.</p>",
                cancellation_reason=CANCELLED_REASON if cancelled else "",
                photos=gallery(photos, ["Залдағы қатысушылар", "Іс-шара сәті"])
                if with_photos else "[]",
                locale=default, translation_key=uuid.uuid4(), **fields,
            )
            rows.append(event)
            if plan:
                for index, code in ((1, "ru"), (2, "en")):
                    if others[code] is None:
                        continue
                    translations.append(Event(
                        title=plan[0][index], venue_address=plan[1][index],
                        accessibility_notes=plan[2][index] if plan[2] else "",
                        description=f"<p>{plan[0][index]}.</p>",
                        photos=event.photos if with_photos else "[]",
                        locale=others[code], translation_key=event.translation_key,
                        is_source=False,  # bulk_create bypasses Event.save()
                        **{**fields, "source_key": ""},
                    ))
        created = Event.objects.bulk_create(rows)
        Event.objects.bulk_create(translations)
        saved = list(Event.objects.filter(translation_key__in=[e.translation_key for e in created]))
        for backend in get_search_backends():
            backend.add_bulk(Event, saved)
        return len(created)
