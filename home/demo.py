"""Demo content for a fresh installation (``manage.py load_demo``).

Every step creates what is missing and leaves alone what exists, so the command can run again
on a site that editors have already changed.
"""

import io
import logging
from decimal import Decimal
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale, Page, Site

from engagement.translation import translate_instance

from .models import HomePage

logger = logging.getLogger(__name__)

#: Titles that earlier versions of the demo gave the statistics page. A page that still has one
#: gets today's title; a title an editor typed is left alone.
OLD_STATISTICS_TITLES = {"kk": "Нәтижелер", "ru": "Итоги", "en": "Results"}

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "admin"  # noqa: S105 - a local demo account, printed by `make run`

HOME = {
    "kk": {
        "title": "Алматы облыстық филиалы",
        "intro": "Партияның Алматы облыстық филиалының ресми сайты: жаңалықтар, "
        "әлеуметтік жобалардың іс-шаралары және нәтижелері.",
    },
    "ru": {
        "title": "Алматинский областной филиал",
        "intro": "Официальный сайт Алматинского областного филиала партии: новости, "
        "мероприятия социальных проектов и их итоги.",
    },
    "en": {
        "title": "Almaty regional branch",
        "intro": "The official site of the party's Almaty regional branch: news, "
        "the events of its social projects and their results.",
    },
}

STATISTICS = {
    "kk": {
        "title": "Статистика",
        "intro": "Партиялық жобалардың іс-шаралары мен оларға қатысушылар саны: облыс, "
        "аудандар мен қалалар бойынша.",
    },
    "ru": {
        "title": "Статистика",
        "intro": "Мероприятия партийных проектов и число их участников: по области, "
        "районам и городам.",
    },
    "en": {
        "title": "Statistics",
        "intro": "The events of the party's projects and their participants: for the "
        "region, its districts and cities.",
    },
}

EVENTS = {
    "kk": {
        "title": "Іс-шаралар",
        "intro": "Партиялық жобалардың алдағы және өткен іс-шаралары: күнтізбе, орны, "
        "қолжетімділігі.",
    },
    "ru": {
        "title": "Мероприятия",
        "intro": "Предстоящие и прошедшие мероприятия партийных проектов: календарь, место, "
        "доступность.",
    },
    "en": {
        "title": "Events",
        "intro": "The upcoming and past events of the party's projects: calendar, place, "
        "accessibility.",
    },
}

#: The contacts page under each home page (the same slug in every language, like /events/).
CONTACTS = {
    "kk": {
        "title": "Байланыс",
        "intro": "Филиалға келіңіз, қоңырау шалыңыз немесе хат жазыңыз: азаматтарды қабылдау "
        "уақыты төменде көрсетілген.",
    },
    "ru": {
        "title": "Контакты",
        "intro": "Приходите, звоните или пишите в филиал: часы приёма граждан указаны ниже.",
    },
    "en": {
        "title": "Contacts",
        "intro": "Visit, call or write to the branch: the citizens’ reception hours are below.",
    },
}

#: The site identity of the demo: an office in Konaev, the region's centre since 2022. The
#: phone (Konaev's area code 72772), the e-mail and the networks' accounts are made up.
SITE_IDENTITY = {
    "name_kk": HOME["kk"]["title"],
    "name_ru": HOME["ru"]["title"],
    "name_en": HOME["en"]["title"],
    "address_kk": "Алматы облысы, Қонаев қаласы, Абай көшесі, 20, 2-қабат",
    "address_ru": "Алматинская область, г. Конаев, ул. Абая, 20, 2-й этаж",
    "address_en": "20 Abai Street, 2nd floor, Konaev, Almaty Region",
    "reception_hours_kk": "Дүйсенбі – жұма: 9:00–18:00\nТүскі үзіліс: 13:00–14:00\n"
    "Азаматтарды қабылдау: сейсенбі мен бейсенбі, 10:00–12:00",
    "reception_hours_ru": "Понедельник – пятница: 9:00–18:00\nОбеденный перерыв: 13:00–14:00\n"
    "Приём граждан: вторник и четверг, 10:00–12:00",
    "reception_hours_en": "Monday to Friday: 9:00–18:00\nLunch break: 13:00–14:00\n"
    "Citizens’ reception: Tuesday and Thursday, 10:00–12:00",
    "description_kk": HOME["kk"]["intro"],
    "description_ru": HOME["ru"]["intro"],
    "description_en": HOME["en"]["intro"],
    "phone": "+7 72772 4 12 30",
    "email": "info@almaty.example.kz",
    "latitude": Decimal("43.866700"),
    "longitude": Decimal("77.063300"),
    "telegram_url": "https://t.me/almaty_oblys_filial",
    "instagram_url": "https://www.instagram.com/almaty_oblys_filial/",
    "facebook_url": "https://www.facebook.com/almaty.oblys.filial",
    "youtube_url": "https://www.youtube.com/@almaty_oblys_filial",
}


#: The alt text of the sketches that illustrate the demo's short articles.
NEWS_IMAGE_ALT = {
    "kk": "Демо сызба: іс-шара залы және қатар-қатар отырған қатысушылар",
    "ru": "Демо-схема: зал мероприятия и ряды участников",
    "en": "Demo sketch: the hall of the event and rows of participants",
}

#: The demo front page: its blocks in Kazakh and the texts of their translations.
FRONT = {
    "figures_heading": {"kk": "Біздің нәтижелер", "ru": "Наши результаты", "en": "Our results"},
    "cta_heading": {"kk": "Бізге қосылыңыз", "ru": "Присоединяйтесь", "en": "Join us"},
    "cta_text": {
        "kk": "Партия жобаларының іс-шаралары барлық аудандарда өтеді. Өзіңізге жақын "
        "іс-шараны тауып, келіңіз.",
        "ru": "Мероприятия партийных проектов проходят во всех районах. Найдите ближайшее к "
        "вам и приходите.",
        "en": "The events of the party's projects take place in every district. Find one "
        "near you and come along.",
    },
    "cta_link": {"kk": "Іс-шаралар күнтізбесі", "ru": "Календарь мероприятий",
                 "en": "Calendar of events"},
}


class DemoLoader:
    """Builds the demo site step by step; ``log`` receives one line per thing it did."""

    def __init__(self, log=None):
        self.log = log or logger.info
        self.admin = None

    def run(self):
        with transaction.atomic():
            self.locales = self.ensure_locales()
            self.admin = self.ensure_admin()
            self.home = self.ensure_home()
            self.ensure_site(self.home)
            self.ensure_translations(self.home)
            self.ensure_engagement_data()
            self.ensure_news()
            self.ensure_statistics()
            self.ensure_events_page()
            self.ensure_news_images()
            self.ensure_project_logos()
            self.ensure_front_page()
            self.ensure_site_identity()
            self.ensure_contact_page()
        return self

    def ensure_locales(self):
        locales = {}
        for code, _name in settings.LANGUAGES:
            locale, created = Locale.objects.get_or_create(language_code=code)
            if created:
                self.log(f"Created locale {code}")
            locales[code] = locale
        return locales

    def ensure_admin(self):
        User = get_user_model()
        user = User.objects.filter(username=ADMIN_USERNAME).first()
        if user is None:
            user = User.objects.create_superuser(
                ADMIN_USERNAME, "admin@example.com", ADMIN_PASSWORD
            )
            self.log(f"Created the local administrator {ADMIN_USERNAME!r}")
        return user

    def ensure_root(self):
        root = Page.get_first_root_node()
        if root is None:
            # A flushed database (transactional tests) has no tree at all.
            root = Page.add_root(title="Root", slug="root", locale=self.locales["kk"])
        return root

    def ensure_home(self):
        kk = self.locales["kk"]
        home = HomePage.objects.filter(locale=kk).first()
        if home is not None:
            return home
        root = self.ensure_root()
        # Wagtail's first migration creates a plain "Welcome" page; the HomePage replaces it.
        for child in root.get_children().filter(content_type__model="page", slug="home"):
            child.delete()
        home = HomePage(slug="home", locale=kk, **HOME["kk"])
        root.add_child(instance=home)
        home.save_revision(user=self.admin).publish()
        self.log("Created the Kazakh home page")
        return home

    def ensure_site(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        if site.root_page_id != home.pk or not site.site_name:
            site.root_page = home
            site.site_name = HOME["en"]["title"]
            site.save()
            self.log("Pointed the default site at the home page")
        return site

    def ensure_news(self):
        from .demo_news import NewsDemo

        self.news = NewsDemo(self).run()

    def ensure_statistics(self):
        """The plugin's statistics page under each home page (kk, with ru and en translations)."""
        from engagement.models import StatisticsPage

        from .demo_news import same_everywhere, segment_text

        page = StatisticsPage.objects.child_of(self.home).first()
        if page is None:
            page = StatisticsPage(
                slug="statistics", locale=self.home.locale, title=STATISTICS["kk"]["title"],
                intro=f"<p>{STATISTICS['kk']['intro']}</p>",
            )
            self.home.add_child(instance=page)
            page.save_revision(user=self.admin).publish()
            self.log("Created the statistics page")
        else:
            self.retitle_statistics(page)
        for code in ("ru", "en"):
            if page.has_translation(self.locales[code]):
                translated = page.get_translation(self.locales[code])
                if translated.title == OLD_STATISTICS_TITLES[code] and (
                    page.title == STATISTICS["kk"]["title"]
                ):
                    translate_instance(
                        page, self.locales[code],
                        {segment_text(STATISTICS["kk"]["title"]):
                         segment_text(STATISTICS[code]["title"])},
                        user=self.admin, publish=translated.live,
                    )
                    self.log(f"Renamed the {code} statistics page “{STATISTICS[code]['title']}”")
                continue
            strings = {
                segment_text(STATISTICS["kk"][field]): segment_text(STATISTICS[code][field])
                for field in ("title", "intro")
            }
            strings.update(same_everywhere(page.slug))
            translate_instance(page, self.locales[code], strings, user=self.admin)
            self.log(f"Translated the statistics page into {code}")
        return page

    def retitle_statistics(self, page):
        """Give the page today's title if it still has the old demo title, unedited."""
        old = OLD_STATISTICS_TITLES["kk"]
        if page.title != old or page.draft_title != old or page.has_unpublished_changes:
            return
        page.title = page.draft_title = STATISTICS["kk"]["title"]
        revision = page.save_revision(user=self.admin)
        if page.live:
            revision.publish(user=self.admin)
        page.refresh_from_db()
        self.log(f"Renamed the statistics page “{page.title}”")

    def ensure_events_page(self):
        """The plugin's event calendar under each home page (kk, with ru and en translations)."""
        from engagement.models import EventCalendarPage

        from .demo_news import same_everywhere, segment_text

        page = EventCalendarPage.objects.child_of(self.home).first()
        if page is None:
            page = EventCalendarPage(
                slug="events", locale=self.home.locale, title=EVENTS["kk"]["title"],
                intro=f"<p>{EVENTS['kk']['intro']}</p>",
            )
            self.home.add_child(instance=page)
            page.save_revision(user=self.admin).publish()
            self.log("Created the event calendar page")
        for code in ("ru", "en"):
            if page.has_translation(self.locales[code]):
                continue
            strings = {
                segment_text(EVENTS["kk"][field]): segment_text(EVENTS[code][field])
                for field in ("title", "intro")
            }
            strings.update(same_everywhere(page.slug))
            translate_instance(page, self.locales[code], strings, user=self.admin)
            self.log(f"Translated the event calendar page into {code}")
        return page

    def ensure_news_images(self):
        """Give the demo's short articles a picture (the front page shows it).

        A drawn sketch in the project's colours becomes an image block at the top of the
        body, so that its alt text is translated with the article (a hero image's alt would be
        the image's title, in one language for all). The report has its gallery already.
        """
        from django.core.files.images import ImageFile
        from wagtail.images import get_image_model

        from .demo_news import ARTICLES, PROJECTS, draw_demo_image, segment_text
        from .models import NewsPage

        Image = get_image_model()
        for article in ARTICLES:
            page = NewsPage.objects.filter(locale=self.home.locale, slug=article["slug"]).first()
            if page is None or page.hero_image_id or page.body_images():
                continue
            colour = PROJECTS[article["project"]]["colour"]
            content = draw_demo_image("hall", (colour, "#f3f6fa"), article["slug"])
            image = Image(title=NEWS_IMAGE_ALT["kk"], file=ImageFile(
                io.BytesIO(content), name=f"{article['slug']}.jpg"
            ))
            image.save()
            # Inserted in place, the other blocks keep their ids (their translations hang on them).
            page.body.insert(0, ("image", {"image": image, "alt_text": NEWS_IMAGE_ALT["kk"],
                                           "decorative": False, "caption": ""}))
            page.save_revision(user=self.admin).publish(user=self.admin)
            for code, locale in self.locales.items():
                if code != "kk" and page.has_translation(locale):
                    translate_instance(page, locale, {
                        segment_text(NEWS_IMAGE_ALT["kk"]): segment_text(NEWS_IMAGE_ALT[code])
                    }, user=self.admin)
            self.log(f"Gave the article {article['slug']} a picture")

    def ensure_project_logos(self):
        """Give the demo's party projects that have none a drawn logo (a ring in the project's
        colour around a sign of its own), shared by every translation."""
        from django.core.files.images import ImageFile
        from PIL import Image as PillowImage
        from PIL import ImageDraw
        from wagtail.images import get_image_model

        from engagement.models import Project

        from .demo_news import PROJECTS

        Image = get_image_model()
        for number, (slug, data) in enumerate(PROJECTS.items()):
            project = Project.objects.filter(slug=slug, locale=self.home.locale,
                                             logo__isnull=True).first()
            if project is None:
                continue
            picture = PillowImage.new("RGBA", (320, 320), (255, 255, 255, 0))
            draw = ImageDraw.Draw(picture)
            draw.ellipse((8, 8, 312, 312), fill="#ffffff", outline=data["colour"], width=28)
            sides = 3 + number  # a triangle, a square, a pentagon, a hexagon
            draw.regular_polygon((160, 160, 80), sides, fill=data["colour"])
            content = io.BytesIO()
            picture.save(content, "PNG")
            logo = Image(title=f"{project.name} (logo)", file=ImageFile(
                io.BytesIO(content.getvalue()), name=f"logo-{slug}.png"
            ))
            logo.save()
            Project.objects.filter(translation_key=project.translation_key).update(logo=logo)
            self.log(f"Gave the party project {slug} a logo")

    def ensure_front_page(self):
        """Arrange the home page's blocks (when it has none) and translate them into ru, en."""
        from engagement.models import EventCalendarPage

        from .demo_news import same_everywhere, segment_text

        home = HomePage.objects.get(pk=self.home.pk)
        if len(home.body):
            return
        events = EventCalendarPage.objects.child_of(home).first()
        home.body = [
            ("upcoming_events", {"heading": "", "count": 4, "projects": []}),
            ("latest_news", {"heading": "", "count": 3}),
            ("live_figures", {"heading": FRONT["figures_heading"]["kk"], "projects": [],
                              "districts": [], "start_date": None, "end_date": None}),
            ("projects", {"heading": "", "projects": []}),
            ("call_to_action", {"heading": FRONT["cta_heading"]["kk"],
                                "text": FRONT["cta_text"]["kk"],
                                "link_label": FRONT["cta_link"]["kk"], "page": events,
                                "url": ""}),
        ]
        home.save_revision(user=self.admin).publish(user=self.admin)
        self.log("Arranged the front page")
        for code, locale in self.locales.items():
            if code == home.locale.language_code or not home.has_translation(locale):
                continue
            strings = {
                segment_text(HOME["kk"][field]): segment_text(HOME[code][field])
                for field in ("title", "intro")
            }
            strings.update({
                segment_text(texts["kk"]): segment_text(texts[code]) for texts in FRONT.values()
            })
            strings[home.slug] = f"{home.slug}-{code}"
            strings.update(same_everywhere("4", "3"))
            translate_instance(home, locale, strings, user=self.admin)
            self.log(f"Translated the front page into {code}")

    def ensure_site_identity(self):
        """Fill the default site's identity setting where it is still empty."""
        from .identity import SiteIdentity

        site = Site.objects.filter(is_default_site=True).first()
        identity = SiteIdentity.for_site(site)
        missing = [name for name, value in SITE_IDENTITY.items()
                   if getattr(identity, name) in ("", None)]
        if missing:
            for name in missing:
                setattr(identity, name, SITE_IDENTITY[name])
            identity.save()
            self.log("Filled in the site identity: " + ", ".join(missing))
        return identity

    def ensure_contact_page(self):
        """The contacts page under each home page (kk, with ru and en translations)."""
        from .demo_news import same_everywhere, segment_text
        from .identity import ContactPage

        page = ContactPage.objects.child_of(self.home).first()
        if page is None:
            page = ContactPage(slug="contacts", locale=self.home.locale, **CONTACTS["kk"])
            self.home.add_child(instance=page)
            page.save_revision(user=self.admin).publish()
            self.log("Created the contacts page")
        for code in ("ru", "en"):
            if page.has_translation(self.locales[code]):
                continue
            strings = {
                segment_text(CONTACTS["kk"][field]): segment_text(CONTACTS[code][field])
                for field in ("title", "intro")
            }
            strings.update(same_everywhere(page.slug))
            translate_instance(page, self.locales[code], strings, user=self.admin)
            self.log(f"Translated the contacts page into {code}")
        return page

    def ensure_translations(self, home):
        for code, locale in self.locales.items():
            if code == home.locale.language_code or home.has_translation(locale):
                continue
            strings = {HOME["kk"][field]: HOME[code][field] for field in ("title", "intro")}
            strings[home.slug] = f"{home.slug}-{code}"
            translate_instance(home, locale, strings, user=self.admin)
            self.log(f"Translated the home page into {code}")

    def ensure_engagement_data(self):
        """A small run of the engagement plugin's generator: projects, places, events."""
        output = StringIO()
        call_command(
            "seed_engagement", events=60, participants=24_000, organisers=3,
            random_seed=2021, if_empty=True, no_progress=True, stdout=output,
        )
        if output.getvalue():
            self.log("Created demo engagement data: " + output.getvalue().replace("\n", "; "))
