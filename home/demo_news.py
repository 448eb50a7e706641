"""Demo news: the 28th conference report (from ``demo_content/``) and a few short articles.

The report comes from the old site: ``conference-report.kk.xml`` is a WordPress export made from
the seed article, imported with the plugin's WordPress importer (its mangled gallery shortcode
becomes a gallery); the demo then adds what the old post lacked (source, projects, key figures).
Everything is written in Kazakh and translated into Russian and English with wagtail-localize
(real translations, as a translator would make them in the admin). Like the rest of the demo
loader, each step creates only what is missing.
"""

import datetime
import io
import re
import tempfile
from pathlib import Path

from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail_localize.strings import StringValue

from engagement.legacy.importer import WordPressImporter
from engagement.legacy.shortcodes import normalise_opening_tag, parse_attrs, split_ids
from engagement.legacy.wxr import parse_wxr
from engagement.models import Project
from engagement.translation import translate_instance

from .models import NewsIndexPage, NewsPage, NewsPageProject, NewsPageTopic, Topic

CONTENT = Path(__file__).resolve().parent / "demo_content"
LANGUAGES = ("kk", "ru", "en")

NEWS_INDEX = {
    "kk": {"title": "Жаңалықтар", "intro": "Облыстық филиалдың және оның жобаларының жаңалықтары."},
    "ru": {"title": "Новости", "intro": "Новости областного филиала и его проектов."},
    "en": {"title": "News", "intro": "News of the regional branch and its projects."},
}

# The party's social projects (names as in shared/data/glossary.tsv).
PROJECTS = {
    "kedergisiz-keleshek": {
        "colour": "#0b3d91",
        "kk": ("Кедергісіз келешек", "Мүмкіндігі шектеулі жандар",
               "Мүмкіндігі шектеулі жандарға арналған әлеуметтік жоба."),
        "ru": ("Кедергісіз келешек", "Люди с инвалидностью",
               "Социальный проект «Будущее без барьеров» для людей с инвалидностью."),
        "en": ("Kedergisiz Keleshek", "People with disabilities",
               "“Barrier-free Future”, the social project for people with disabilities."),
    },
    "ardagerlerdi-ardaqtaiyq": {
        "colour": "#7a1f2b",
        "kk": ("Ардагерлерді ардақтайық", "Ардагерлер", "Ардагерлерге арналған әлеуметтік жоба."),
        "ru": ("Ардагерлерді ардақтайық", "Ветераны",
               "Социальный проект «Почитаем ветеранов» для ветеранов."),
        "en": ("Ardagerlerdi Ardaktaiyk", "Veterans",
               "“Let us honour veterans”, the social project for veterans."),
    },
    "baqytty-otbasy": {
        "colour": "#1d6b3a",
        "kk": ("Бақытты отбасы", "Отбасылар", "Отбасыларға арналған әлеуметтік жоба."),
        "ru": ("Бақытты отбасы", "Семьи", "Социальный проект «Счастливая семья» для семей."),
        "en": ("Bakytty Otbasy", "Families", "“Happy Family”, the social project for families."),
    },
    "jastar-otanga": {
        "colour": "#8a4b00",
        "kk": ("Жастар – Отанға!", "Жастар", "Жастарға арналған жүйелі бағдарлама."),
        "ru": ("Жастар – Отанға!", "Молодёжь",
               "Системная программа «Молодёжь – Родине» для молодёжи."),
        "en": ("Zhastar – Otanga!", "Young people",
               "“Youth for the Country”, the programme for young people."),
    },
}

# Demo images standing for the legacy WordPress media of the report's gallery. The tag
# ``legacy-media-<id>`` identifies them (titles may be edited).
LEGACY_IMAGES = {
    34077: {
        "title": "Конференция залы (демо сурет, медиа 34077)",
        "colours": ("#0b3d91", "#e8eef8"),
        "kind": "hall",
        "alt": {
            "kk": "Конференция залының сызбасы: мінбер және қатар-қатар отырған делегаттар",
            "ru": "Схема конференц-зала: трибуна и ряды делегатов",
            "en": "Sketch of a conference hall: a rostrum and rows of delegates",
        },
    },
    34076: {
        "title": "Баяндама (демо сурет, медиа 34076)",
        "colours": ("#1d6b3a", "#eef6f0"),
        "kind": "speaker",
        "alt": {
            "kk": "Сызба: экран алдында баяндама жасап тұрған адам",
            "ru": "Схема: докладчик выступает перед экраном",
            "en": "Sketch: a speaker giving a report in front of a screen",
        },
    },
}

REPORT = {
    "slug": "xxviii-reporting-election-conference",
    # The seed has no date; the conference took place before the rural akim elections of
    # July 2021 ("in the second half of 2021" is still ahead in the text).
    "date": datetime.date(2021, 3, 5),
    "title": {
        "kk": "Облыстық партия филиалының XXVIII есеп беру-сайлау конференциясы өтті",
        "ru": "Прошла XXVIII отчётно-выборная конференция областного филиала партии",
        "en": "The party’s regional branch holds its 28th reporting-election conference",
    },
    "attribution": {
        "kk": "Амандық Баталов, Алматы облысының әкімі",
        "ru": "Амандык Баталов, аким Алматинской области",
        "en": "Amandyk Batalov, akim of the Almaty Region",
    },
    "caption": {
        "kk": "XXVIII есеп беру-сайлау конференциясы",
        "ru": "XXVIII отчётно-выборная конференция",
        "en": "The 28th reporting-election conference",
    },
    "figures_heading": {"kk": "Сандармен", "ru": "В цифрах", "en": "In figures"},
    # (value, unit, label) per language: the figures of the report.
    "figures": {
        "kk": [
            ("113", "іс-шара", "Жол картасында жоспарланған"),
            ("24", "индикатор", "қол жеткізу көзделген"),
            ("2,6", "трлн теңге", "шараларға қарастырылған"),
            ("37,8", "%", "ШОБ-тың өңірлік жалпы өнімдегі үлесі, 2025 жылға қарай"),
            ("250", "кәсіпкер", "бағдарламалар бойынша көмек алады"),
            ("5,4", "млн шаршы метр", "тұрғын үй 2021–2025 жылдары салынады"),
            ("4 мың+", "шақырым", "жол жөндеудің барлық түрімен қамтылады"),
            ("118", "ауыл", "жолы жақсарады"),
            ("~3 000", "іс-шара", "2019–2020 жылдары партия жобалары аясында өтті"),
            ("1,2", "млн адам", "сол іс-шараларға қатысты"),
        ],
        "ru": [
            ("113", "мероприятий", "запланировано в дорожной карте"),
            ("24", "индикатора", "предстоит достичь"),
            ("2,6", "трлн тенге", "предусмотрено на мероприятия"),
            ("37,8", "%", "доля МСБ в валовом региональном продукте к 2025 году"),
            ("250", "предпринимателей", "получат поддержку по программам"),
            ("5,4", "млн кв. метров", "жилья будет построено в 2021–2025 годах"),
            ("4 тыс.+", "километров", "дорог охватят все виды ремонта"),
            ("118", "сёл", "получат лучшие дороги"),
            ("~3 000", "мероприятий", "прошли в 2019–2020 годах в рамках партийных проектов"),
            ("1,2", "млн человек", "приняли в них участие"),
        ],
        "en": [
            ("113", "events", "planned in the road map"),
            ("24", "indicators", "to be achieved"),
            ("2.6", "trillion tenge", "allocated to the measures"),
            ("37.8", "%", "SME share of the gross regional product by 2025"),
            ("250", "entrepreneurs", "to receive support under the programmes"),
            ("5.4", "million m²", "of housing to be built in 2021–2025"),
            ("4,000+", "km", "of roads to undergo every kind of repair"),
            ("118", "villages", "to get better roads"),
            ("~3,000", "events", "held within party projects in 2019–2020"),
            ("1.2", "million", "participants in those events"),
        ],
    },
    "source_name": "Karasayinfo.kz",
    "source_url": "https://karasayinfo.kz/",
    "topics": ["konferentsiya", "zhol-kartasy"],
    "projects": list(PROJECTS),
}

# Topics of the news: {slug: (kk, ru, en)}. The slug is the same in every language; the report's
# two come from the old site's export (its tags' slugs), the importer finds them by slug.
TOPICS = {
    "konferentsiya": ("Конференция", "Конференция", "Conference"),
    "zhol-kartasy": ("Жол картасы", "Дорожная карта", "Road map"),
    "inkluziya": ("Инклюзия", "Инклюзия", "Inclusion"),
    "sport": ("Спорт", "Спорт", "Sport"),
    "ardagerler": ("Ардагерлер", "Ветераны", "Veterans"),
    "zhenis-kuni": ("Жеңіс күні", "День Победы", "Victory Day"),
    "otbasy": ("Отбасы", "Семья", "Family"),
    "balalar": ("Балалар", "Дети", "Children"),
    "zhastar": ("Жастар", "Молодёжь", "Youth"),
    "eriktiler": ("Еріктілер", "Волонтёры", "Volunteers"),
}

# A few short articles so that the index, its filters and the feed show something.
ARTICLES = [
    {
        "slug": "inclusive-games-2020",
        "date": datetime.date(2020, 12, 3),
        "project": "kedergisiz-keleshek",
        "topics": ["inkluziya", "sport"],
        "kk": (
            "Мүмкіндігі шектеулі жандарға арналған спорттық ойындар",
            "Халықаралық мүмкіндігі шектеулі жандар күніне орай «Кедергісіз келешек» жобасы "
            "аясында облыстық спорттық ойындар ұйымдастырылды.",
            "Жарысқа облыстың барлық аудандарынан келген спортшылар қатысып, шахмат, "
            "тоғызқұмалақ және армрестлинг бойынша бақ сынады. Жеңімпаздар дипломдармен және "
            "бағалы сыйлықтармен марапатталды.",
        ),
        "ru": (
            "Спортивные игры для людей с инвалидностью",
            "К Международному дню людей с инвалидностью в рамках проекта «Кедергісіз келешек» "
            "были организованы областные спортивные игры.",
            "В соревнованиях приняли участие спортсмены из всех районов области: они "
            "состязались в шахматах, тогызкумалаке и армрестлинге. Победители награждены "
            "дипломами и ценными призами.",
        ),
        "en": (
            "Sports games for people with disabilities",
            "For the International Day of Persons with Disabilities, regional sports games "
            "were organised as part of the Kedergisiz Keleshek (“Barrier-free Future”) project.",
            "Athletes from every district of the region competed in chess, togyz kumalak and "
            "arm wrestling. The winners received diplomas and prizes.",
        ),
    },
    {
        "slug": "veterans-victory-day-2021",
        "date": datetime.date(2021, 5, 7),
        "project": "ardagerlerdi-ardaqtaiyq",
        "topics": ["ardagerler", "zhenis-kuni"],
        "kk": (
            "Жеңіс күні қарсаңында ардагерлерге құрмет",
            "«Ардагерлерді ардақтайық» жобасы аясында партия белсенділері Ұлы Отан соғысының "
            "ардагерлері мен тыл еңбеккерлерін үйлеріне барып құттықтады.",
            "Ардагерлерге азық-түлік себеттері мен мерекелік сыйлықтар табысталды. Жастар "
            "ардагерлердің естеліктерін жазып алып, оларды мектеп мұражайларына тапсырады.",
        ),
        "ru": (
            "Чествование ветеранов накануне Дня Победы",
            "В рамках проекта «Ардагерлерді ардақтайық» партийные активисты навестили на дому "
            "ветеранов Великой Отечественной войны и тружеников тыла и поздравили их.",
            "Ветеранам вручили продуктовые корзины и праздничные подарки. Молодёжь записывает "
            "воспоминания ветеранов и передаст их в школьные музеи.",
        ),
        "en": (
            "Honouring veterans on the eve of Victory Day",
            "As part of the Ardagerlerdi Ardaktaiyk (“Let us honour veterans”) project, party "
            "activists visited veterans of the Great Patriotic War and home-front workers at "
            "home to congratulate them.",
            "The veterans received food baskets and holiday presents. Young people are "
            "recording the veterans’ memories and will hand them to school museums.",
        ),
    },
    {
        "slug": "family-day-2021",
        "date": datetime.date(2021, 6, 1),
        "project": "baqytty-otbasy",
        "topics": ["otbasy", "balalar"],
        "kk": (
            "Балаларды қорғау күніне арналған отбасылық мереке",
            "Халықаралық балаларды қорғау күнінде «Бақытты отбасы» жобасы аясында облыстың "
            "аудандарында отбасылық мерекелер өтті.",
            "Мерекеге көп балалы отбасылар, жас жұбайлар мен ата-әжелер қатысты. Балаларға "
            "сыйлықтар табысталып, ата-аналар үшін отбасылық құндылықтар туралы кездесу "
            "ұйымдастырылды.",
        ),
        "ru": (
            "Семейный праздник ко Дню защиты детей",
            "В Международный день защиты детей в районах области в рамках проекта "
            "«Бақытты отбасы» прошли семейные праздники.",
            "В празднике приняли участие многодетные семьи, молодые супруги, бабушки и "
            "дедушки. Детям вручили подарки, а для родителей организовали встречу о семейных "
            "ценностях.",
        ),
        "en": (
            "A family celebration for Children’s Day",
            "On International Children’s Day, family celebrations were held in the region’s "
            "districts as part of the Bakytty Otbasy (“Happy Family”) project.",
            "Large families, young couples and grandparents took part. The children received "
            "presents, and the parents were invited to a meeting on family values.",
        ),
    },
    {
        "slug": "youth-volunteers-2022",
        "date": datetime.date(2022, 4, 23),
        "project": "jastar-otanga",
        "topics": ["zhastar", "eriktiler"],
        "kk": (
            "Жастар ауылдарды көгалдандыруға атсалысты",
            "«Жастар – Отанға!» жобасы аясында еріктілер облыстың ауылдарында мыңнан астам "
            "көшет отырғызды.",
            "Акцияға студенттер, мектеп оқушылары және жас кәсіпкерлер қатысты. Көшеттер "
            "саябақтар мен мектеп аулаларына отырғызылып, оларды күтіп-баптау жастар "
            "ұйымдарына жүктелді.",
        ),
        "ru": (
            "Молодёжь приняла участие в озеленении сёл",
            "В рамках проекта «Жастар – Отанға!» волонтёры высадили в сёлах области более "
            "тысячи саженцев.",
            "В акции участвовали студенты, школьники и молодые предприниматели. Саженцы "
            "высадили в парках и на школьных дворах, а уход за ними поручен молодёжным "
            "организациям.",
        ),
        "en": (
            "Young volunteers help to green the villages",
            "As part of the Zhastar – Otanga! (“Youth for the Country”) project, volunteers "
            "planted more than a thousand saplings in the region’s villages.",
            "Students, schoolchildren and young entrepreneurs took part. The saplings were "
            "planted in parks and school grounds, and youth organisations will look after them.",
        ),
    },
]

SHORTCODE = re.compile(r"^\[su_custom_gallery\b(?P<attrs>[^\]]*)\]$")
# A direct quotation: "– Words ..., — деді А. Баталов."
QUOTE = re.compile(r"^[–—-]\s*(?P<text>.+?),?\s*[—–-]\s*деді\s+(?P<speaker>.+?)\.?$")


def parse_shortcode(attrs):
    """``source=»media: 34077,34076″ width=»150″`` → ``{"ids": [34077, 34076], ...}``.

    Read with the plugin's WordPress shortcode parser, which undoes the typographic quotes.
    """
    values, _positional = parse_attrs(normalise_opening_tag(attrs)[0])
    return {
        "ids": split_ids(values.get("source", "").removeprefix("media:"))[0],
        "width": int(values.get("width", 150)),
        "height": int(values.get("height", 150)),
        "link": values.get("link", "lightbox"),
        "titles": values.get("title", "never"),
    }


def parse_report(text):
    """Split the seed article into ``(kind, data)`` parts, in order.

    The first line is the lead; a line starting with a dash and ending with «— деді ...» is a
    direct quotation; the legacy gallery shortcode becomes a gallery; the rest are paragraphs.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    parts = [("lead", lines[0])]
    for line in lines[1:]:
        if shortcode := SHORTCODE.match(line):
            parts.append(("gallery", parse_shortcode(shortcode["attrs"])))
        elif quote := QUOTE.match(line):
            parts.append(("quote", {"text": quote["text"] + ".", "speaker": quote["speaker"]}))
        else:
            parts.append(("paragraph", line))
    return parts


def read_report(language):
    return (CONTENT / f"conference-report.{language}.txt").read_text(encoding="utf-8")


def segment_text(text):
    """The form in which wagtail-localize stores a plain-text segment."""
    return StringValue.from_plaintext(text).data


def same_everywhere(*texts):
    """Translations of segments that read the same in every language (slugs, names)."""
    return {segment_text(text): segment_text(text) for text in texts}


def draw_demo_image(kind, colours, label):
    """A 1200×800 JPEG sketch (a hall or a speaker) made with Pillow; returns its bytes."""
    from PIL import Image as PillowImage
    from PIL import ImageDraw

    ink, paper = colours
    picture = PillowImage.new("RGB", (1200, 800), paper)
    draw = ImageDraw.Draw(picture)
    if kind == "hall":
        draw.rectangle((450, 80, 750, 220), fill=ink)  # the rostrum
        for row in range(5):
            for seat in range(12):
                x, y = 120 + seat * 82, 300 + row * 95
                draw.ellipse((x, y, x + 50, y + 50), fill=ink)
    else:
        draw.rectangle((500, 80, 1100, 480), outline=ink, width=12)  # the screen
        draw.ellipse((200, 220, 330, 350), fill=ink)  # the speaker
        draw.rectangle((185, 360, 345, 700), fill=ink)
    draw.text((40, 740), label, fill=ink)
    output = io.BytesIO()
    picture.save(output, "JPEG", quality=85)
    return output.getvalue()


class NewsDemo:
    """Creates the demo news on top of a :class:`home.demo.DemoLoader`'s site."""

    def __init__(self, loader):
        self.loader = loader
        self.log = loader.log
        self.user = loader.admin
        self.locales = loader.locales

    def run(self):
        self.projects = self.ensure_projects()
        self.topics = self.ensure_topics()
        self.index = self.ensure_index()
        self.ensure_report()
        for article in ARTICLES:
            self.ensure_article(article)
        return self

    # Projects -----------------------------------------------------------------------------

    def ensure_projects(self):
        kk = self.locales["kk"]
        projects = {}
        for slug, data in PROJECTS.items():
            project = Project.objects.filter(slug=slug, locale=kk).first()
            if project is None:
                name, audience, description = data["kk"]
                project = Project.objects.create(
                    slug=slug, locale=kk, name=name, audience=audience,
                    description=description, colour=data["colour"],
                )
                self.log(f"Created the party project {slug}")
            for code in ("ru", "en"):
                if not project.has_translation(self.locales[code]):
                    strings = {
                        segment_text(source): segment_text(target)
                        for source, target in zip(data["kk"], data[code], strict=True)
                    }
                    # The slug and colour are the same in every language.
                    strings.update(same_everywhere(slug, data["colour"]))
                    translate_instance(project, self.locales[code], strings, user=self.user)
                    self.log(f"Translated the party project {slug} into {code}")
            projects[slug] = project
        return projects

    # Topics -------------------------------------------------------------------------------

    def ensure_topics(self):
        kk = self.locales["kk"]
        topics = {}
        for slug, names in TOPICS.items():
            topic = Topic.objects.filter(slug=slug, locale=kk).first()
            if topic is None:
                topic = Topic.objects.create(slug=slug, locale=kk, name=names[0])
                self.log(f"Created the topic {slug}")
            for code, name in zip(("ru", "en"), names[1:], strict=True):
                if not topic.has_translation(self.locales[code]):
                    strings = {segment_text(names[0]): segment_text(name)}
                    translate_instance(topic, self.locales[code], strings, user=self.user)
                    self.log(f"Translated the topic {slug} into {code}")
            topics[slug] = topic
        return topics

    # The index ----------------------------------------------------------------------------

    def ensure_index(self):
        home = self.loader.home
        index = NewsIndexPage.objects.child_of(home).first()
        if index is None:
            index = NewsIndexPage(slug="news", locale=home.locale, **NEWS_INDEX["kk"])
            home.add_child(instance=index)
            index.save_revision(user=self.user).publish()
            self.log("Created the news index")
        self.translate(index, NEWS_INDEX, ("title", "intro"))
        return index

    def translate(self, page, texts, fields):
        """Translate ``page`` into ru and en where missing; ``texts[code][field]``."""
        for code in ("ru", "en"):
            if page.has_translation(self.locales[code]):
                continue
            strings = {
                segment_text(texts["kk"][field]): segment_text(texts[code][field])
                for field in fields
            }
            strings.update(same_everywhere(page.slug))
            translate_instance(page, self.locales[code], strings, user=self.user)
            self.log(f"Translated “{page.title}” into {code}")

    # The conference report ----------------------------------------------------------------

    def import_report(self):
        """Import the report from the old site's export with the plugin's WordPress importer.

        The two attachments' files are drawn into a temporary uploads folder first; the
        importer makes them images, turns the shortcode into a gallery and records the ids.
        """
        if Collection.get_first_root_node() is None:
            # A flushed database (transactional tests) has no root collection.
            Collection.add_root(name="Root")
        with tempfile.TemporaryDirectory() as uploads:
            for legacy_id, data in LEGACY_IMAGES.items():
                path = Path(uploads) / "2021" / "03" / f"legacy-{legacy_id}.jpg"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(
                    draw_demo_image(data["kind"], data["colours"], f"media {legacy_id}")
                )
            export = parse_wxr(CONTENT / "conference-report.kk.xml")
            result = WordPressImporter(
                export, uploads, parent=self.index, locale="kk", user=self.user
            ).run()
        [entry] = result.posts
        if entry.get("error"):
            raise RuntimeError(f"The demo report could not be imported: {entry['error']}")
        Image = get_image_model()
        for legacy_id, image_id in result.attachments.items():
            Image.objects.get(pk=image_id).tags.add(f"legacy-media-{legacy_id}")
        self.log("Imported the conference report from the old site's export")
        return NewsPage.objects.get(pk=entry["page_id"])

    def report_extras(self):
        """What the old site's post did not have: the key figures under their heading."""
        return [
            ("heading", {"text": REPORT["figures_heading"]["kk"], "level": "h2"}),
            (
                "figures",
                [
                    {"value": value, "unit": unit, "label": label}
                    for value, unit, label in REPORT["figures"]["kk"]
                ],
            ),
        ]

    def report_translations(self, parts):
        """``{code: {kk segment: translated segment}}`` for the whole report."""
        strings = {}
        for code in ("ru", "en"):
            lines = [line.strip() for line in read_report(code).splitlines() if line.strip()]
            found = {}
            for (kind, data), line in zip(parts, lines, strict=True):
                if kind in ("lead", "paragraph"):
                    found[data] = line
                elif kind == "quote":
                    found[data["text"]] = line
            for key in ("title", "attribution", "caption", "figures_heading"):
                found[REPORT[key]["kk"]] = REPORT[key][code]
            for data in LEGACY_IMAGES.values():
                found[data["alt"]["kk"]] = data["alt"][code]
            for kk_figure, figure in zip(
                REPORT["figures"]["kk"], REPORT["figures"][code], strict=True
            ):
                found.update(zip(kk_figure, figure, strict=True))
            strings[code] = {segment_text(k): segment_text(v) for k, v in found.items()}
            strings[code].update(same_everywhere(REPORT["slug"], REPORT["source_name"]))
        return strings

    def ensure_report(self):
        page = NewsPage.objects.child_of(self.index).filter(slug=REPORT["slug"]).first()
        parts = parse_report(read_report("kk"))
        if page is None:
            page = self.import_report()
            page.source_name = REPORT["source_name"]
            page.source_url = REPORT["source_url"]
            page.body = [
                (block.block_type, block.value) for block in page.body
            ] + self.report_extras()
            page.project_links = [
                NewsPageProject(project=self.projects[slug]) for slug in REPORT["projects"]
            ]
            page.save_revision(user=self.user).publish()
            self.log("Completed the conference report")
        strings = self.report_translations(parts)
        for code in ("ru", "en"):
            if not page.has_translation(self.locales[code]):
                translate_instance(page, self.locales[code], strings[code], user=self.user)
                self.log(f"Translated the conference report into {code}")
        return page

    # Short articles -----------------------------------------------------------------------

    def ensure_article(self, article):
        page = NewsPage.objects.child_of(self.index).filter(slug=article["slug"]).first()
        texts = {
            code: dict(zip(("title", "lead", "paragraph"), article[code], strict=True))
            for code in LANGUAGES
        }
        if page is None:
            page = NewsPage(
                slug=article["slug"],
                locale=self.index.locale,
                title=texts["kk"]["title"],
                date=article["date"],
                lead=texts["kk"]["lead"],
                body=[("paragraph", f"<p>{segment_text(texts['kk']['paragraph'])}</p>")],
            )
            page.topic_links = [
                NewsPageTopic(topic=self.topics[slug], sort_order=order)
                for order, slug in enumerate(article["topics"])
            ]
            page.project_links = [NewsPageProject(project=self.projects[article["project"]])]
            self.index.add_child(instance=page)
            page.save_revision(user=self.user).publish()
            self.log(f"Created the article {article['slug']}")
        self.translate(page, texts, ("title", "lead", "paragraph"))
        return page
