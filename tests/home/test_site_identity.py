"""The site identity setting (name, address, phone, e-mail, hours, networks in kk, ru, en), its
footer and contacts page, robots.txt, the favicon, canonical links and descriptions."""

import re
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.text import Truncator
from wagtail.models import Site

from engagement.models import Event
from engagement.public.ids import event_slug, short_id
from home.demo import SITE_IDENTITY
from home.identity import ContactPage, SiteIdentity, tel_url
from home.models import NewsIndexPage, NewsPage
from tests.utils import find_tags, html_lang

pytestmark = pytest.mark.django_db

PREFIXES = {"kk": "", "ru": "/ru", "en": "/en"}
NAMES = {
    "kk": "Алматы облыстық филиалы",
    "ru": "Алматинский областной филиал",
    "en": "Almaty regional branch",
}
ADDRESSES = {
    "kk": "Алматы облысы, Қонаев қаласы, Абай көшесі, 20, 2-қабат",
    "ru": "Алматинская область, г. Конаев, ул. Абая, 20, 2-й этаж",
    "en": "20 Abai Street, 2nd floor, Konaev, Almaty Region",
}
HOURS = {
    "kk": "Азаматтарды қабылдау: сейсенбі мен бейсенбі, 10:00–12:00",
    "ru": "Приём граждан: вторник и четверг, 10:00–12:00",
    "en": "Citizens’ reception: Tuesday and Thursday, 10:00–12:00",
}
CONTACT_TITLES = {"kk": "Байланыс", "ru": "Контакты", "en": "Contacts"}
HOURS_HEADINGS = {"kk": "Қабылдау уақыты", "ru": "Часы приёма", "en": "Reception hours"}
SOCIAL = [
    ("Telegram", "https://t.me/almaty_oblys_filial"),
    ("Instagram", "https://www.instagram.com/almaty_oblys_filial/"),
    ("Facebook", "https://www.facebook.com/almaty.oblys.filial"),
    ("YouTube", "https://www.youtube.com/@almaty_oblys_filial"),
]


def identity():
    return SiteIdentity.for_site(Site.objects.get(is_default_site=True))


def footer(html):
    return html.split('<footer class="site-footer">', 1)[1].split("</footer>", 1)[0]


def meta_description(html):
    found = [tag["content"] for tag in find_tags(html, "meta") if tag.get("name") == "description"]
    assert len(found) <= 1, found
    return found[0] if found else None


def canonical(html):
    found = [tag["href"] for tag in find_tags(html, "link") if tag.get("rel") == "canonical"]
    assert len(found) <= 1, found
    return found[0] if found else None


def unescape(text):
    return text.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")


# The setting and its languages.


def test_demo_fills_in_the_setting_in_three_languages():
    setting = identity()

    for code in ("kk", "ru", "en"):
        assert setting.text("name", code).value == NAMES[code]
        assert setting.text("address", code).value == ADDRESSES[code]
    assert setting.phone == "+7 72772 4 12 30"
    assert setting.email == "info@almaty.example.kz"


def test_text_follows_the_active_language():
    setting = identity()

    with translation.override("ru"):
        assert str(setting.address) == ADDRESSES["ru"]
        assert setting.address.lang == ""
    with translation.override("en"):
        assert setting.reception_lines[-1] == HOURS["en"]


def test_a_missing_translation_falls_back_to_kazakh_and_says_so():
    setting = identity()
    setting.address_en = "  "
    setting.save()

    with translation.override("en"):
        assert setting.address.value == ADDRESSES["kk"]
        assert setting.address.lang == "kk"
    html = unescape(setting_page("en"))
    assert f'<span lang="kk">{ADDRESSES["kk"]}</span>' in footer(html)


def test_text_falls_back_to_any_language_when_kazakh_is_empty_too():
    setting = SiteIdentity(name_ru="Филиал")

    assert setting.text("name", "en").value == "Филиал"
    assert setting.text("name", "en").lang == "ru"
    assert not setting.text("address", "en")


@pytest.mark.parametrize(
    ("phone", "url"),
    [("+7 72772 4 12 30", "tel:+77277241230"), ("8 (72772) 4-12-30", "tel:87277241230"),
     ("", "")],
)
def test_tel_url_keeps_the_digits_and_the_plus(phone, url):
    assert tel_url(phone) == url


@pytest.mark.parametrize(
    ("field", "value"),
    [("telegram_url", "https://example.com/almaty"), ("instagram_url", "https://t.me/x"),
     ("youtube_url", "https://vimeo.com/almaty"), ("facebook_url", "https://facebook.com.evil/x")],
)
def test_a_social_link_must_point_to_its_network(field, value):
    setting = identity()
    setting.__dict__[field] = value

    with pytest.raises(ValidationError) as error:
        setting.full_clean()
    assert set(error.value.message_dict) == {field}


def test_latitude_without_longitude_and_a_bad_phone_are_refused():
    setting = identity()
    setting.longitude = None
    setting.phone = "call us"

    with pytest.raises(ValidationError) as error:
        setting.full_clean()
    assert set(error.value.message_dict) == {"longitude", "phone"}


def test_the_demo_setting_is_filled_in_and_valid():
    setting = identity()

    assert setting.phone == "+7 72772 4 12 30" and setting.email == "info@almaty.example.kz"
    assert "Қонаев" in setting.address_kk and "Конаев" in setting.address_ru
    setting.full_clean()  # raises ValidationError for any value the admin form would refuse


def test_map_link_is_a_plain_openstreetmap_link():
    setting = identity()
    assert setting.map_url == (
        "https://www.openstreetmap.org/?mlat=43.866700&mlon=77.063300#map=17/43.866700/77.063300"
    )

    setting.latitude = setting.longitude = None
    assert setting.map_url.startswith("https://www.openstreetmap.org/search?query=")
    assert "%D0%9A%D0%BE%D0%BD%D0%B0%D0%B5%D0%B2" in setting.map_url  # «Конаев», the ru address


def test_load_demo_leaves_an_edited_setting_alone():
    from home.demo import DemoLoader

    setting = identity()
    setting.phone = "+7 727 300 00 00"
    setting.youtube_url = ""
    setting.save()

    DemoLoader(log=lambda message: None).run()

    setting = identity()
    assert setting.phone == "+7 727 300 00 00"
    assert setting.youtube_url == SITE_IDENTITY["youtube_url"]  # an empty field is filled


# Footer and contacts page.


def setting_page(language, path="/"):
    response = Client().get(PREFIXES[language] + path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_footer_shows_the_contacts_in_the_page_language(client, language):
    html = client.get(PREFIXES[language] + "/").content.decode()
    assert html_lang(html) == language
    part = unescape(footer(html))

    assert f'<p class="site-footer__name">{NAMES[language]}</p>' in part
    assert f"<span>{ADDRESSES[language]}</span>" in part
    assert '<a href="tel:+77277241230">+7 72772 4 12 30</a>' in part
    assert '<a href="mailto:info@almaty.example.kz">info@almaty.example.kz</a>' in part
    assert HOURS[language] in part and HOURS_HEADINGS[language] in part
    links = [(a["href"]) for a in find_tags(part, "a") if a.get("rel") == "me"]
    assert links == [url for _name, url in SOCIAL]
    assert f'href="{PREFIXES[language]}/contacts/"' in part
    for other in {"kk", "ru", "en"} - {language}:
        assert ADDRESSES[other] not in part


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_contacts_page_shows_the_setting_in_three_languages(client, language):
    response = client.get(f"{PREFIXES[language]}/contacts/")

    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert html_lang(html) == language
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert f"<h1>{CONTACT_TITLES[language]}</h1>" in main
    assert ADDRESSES[language] in main and HOURS[language] in main and NAMES[language] in main
    hrefs = [a["href"] for a in find_tags(main, "a")]
    assert "tel:+77277241230" in hrefs
    assert "mailto:info@almaty.example.kz" in hrefs
    assert identity().map_url in hrefs
    assert [url for _name, url in SOCIAL] == [a["href"] for a in find_tags(main, "a")
                                               if a.get("rel") == "me"]
    # The header links the contacts page too, with its title in the page's language.
    header = html.split("</header>", 1)[0]
    assert f'<a href="{PREFIXES[language]}/contacts/">{CONTACT_TITLES[language]}</a>' in header


def test_contacts_page_is_created_once_per_language_at_contacts():
    pages = ContactPage.objects.live().order_by("locale__language_code")

    assert [(page.locale.language_code, page.url) for page in pages] == [
        ("en", "/en/contacts/"), ("kk", "/contacts/"), ("ru", "/ru/contacts/"),
    ]


def test_edited_contacts_show_on_the_next_request(client):
    setting = identity()
    setting.phone = "+7 (72772) 5-00-01"
    setting.reception_hours_ru = "Среда: 15:00–17:00"
    setting.telegram_url = ""
    setting.save()

    html = client.get("/ru/contacts/").content.decode()

    assert '<a href="tel:+77277250001">+7 (72772) 5-00-01</a>' in html
    assert "Среда: 15:00–17:00" in html and HOURS["ru"] not in html
    assert "https://t.me/" not in html


def test_pages_without_contacts_still_render(client):
    SiteIdentity.objects.all().delete()

    html = client.get("/en/contacts/").content.decode()

    assert "The contacts have not been filled in yet." in html
    assert "<title>Contacts · Almaty regional branch</title>" in html


def test_editors_edit_each_language_in_the_settings_menu(admin_client):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/home/siteidentity/{site.pk}/"
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for tab in ("Қазақша", "Русский", "English"):
        assert tab in html
    for name in ("name_kk", "address_ru", "reception_hours_en", "telegram_url", "phone"):
        assert f'name="{name}"' in html

    data = {name: "" if value is None else str(value) for name, value in SITE_IDENTITY.items()}
    data["address_ru"] = "г. Конаев, ул. Абая, 22"
    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert identity().address_ru == "г. Конаев, ул. Абая, 22"
    assert "г. Конаев, ул. Абая, 22" in Client().get("/ru/").content.decode()


def test_the_admin_refuses_a_wrong_network_link(admin_client):
    site = Site.objects.get(is_default_site=True)
    data = {name: "" if value is None else str(value) for name, value in SITE_IDENTITY.items()}
    data["instagram_url"] = "https://example.com/almaty"

    response = admin_client.post(f"/admin/settings/home/siteidentity/{site.pk}/", data)

    assert response.status_code == 200
    assert identity().instagram_url == SITE_IDENTITY["instagram_url"]


def test_the_setting_costs_one_query_per_request(client):
    client.get("/ru/")  # warm the caches
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/ru/").content.decode()

    reads = [query["sql"] for query in queries if "home_siteidentity" in query["sql"]]
    assert len(reads) == 1, reads
    # Used in the title, the header, the footer and Open Graph: all from that one read.
    assert html.count(NAMES["ru"]) >= 4


# robots.txt and the favicon.


def test_robots_txt_allows_the_site_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Allow: /" in lines and "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert client.get("/sitemap.xml").status_code == 200
    assert [line for line in lines if line.startswith("Disallow:")] == ["Disallow: /admin/"]


def test_robots_txt_names_the_sitemap_on_the_request_host(client, settings):
    settings.ALLOWED_HOSTS = ["almaty.example.kz"]
    response = client.get("/robots.txt", HTTP_HOST="almaty.example.kz", secure=True)

    assert "Sitemap: https://almaty.example.kz/sitemap.xml" in response.content.decode()


def test_favicon_ico_answers_with_an_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    body = b"".join(response.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"  # the ICO header
    assert int.from_bytes(body[4:6], "little") == 3  # 16, 32 and 48 px


def test_pages_link_the_svg_and_ico_icons(client):
    html = client.get("/").content.decode()
    icons = {link["href"]: link for link in find_tags(html, "link") if link.get("rel") == "icon"}

    assert icons["/static/favicon.svg"]["type"] == "image/svg+xml"
    assert "/static/favicon.ico" in icons
    for url in (*icons, "/static/apple-touch-icon.png"):
        assert client.get(url).status_code == 200, url
    svg = b"".join(client.get("/static/favicon.svg").streaming_content).decode()
    assert svg.startswith("<svg") and "<script" not in svg


# Canonical links and descriptions on every kind of page.


def first_event_path():
    event = Event.objects.filter(live=True, locale__language_code="kk").exclude(
        description=""
    ).order_by("start").first()
    return f"/events/{short_id(event.translation_key)}-{event_slug(event.title)}/"


def test_home_page_canonical_and_description(client):
    html = client.get("/ru/?utm_source=telegram&fbclid=abc").content.decode()

    assert canonical(html) == "http://testserver/ru/"
    assert meta_description(html).startswith("Официальный сайт Алматинского областного филиала")
    og = {tag["property"]: tag["content"] for tag in find_tags(html, "meta") if "property" in tag}
    assert og["og:url"] == "http://testserver/ru/"
    assert og["og:site_name"] == NAMES["ru"]
    assert og["og:locale"] == "ru_RU"


def test_news_page_canonical_and_description(client):
    article = NewsPage.objects.live().filter(locale__language_code="en").exclude(lead="").first()
    html = client.get(article.url + "?utm_campaign=x").content.decode()

    assert canonical(html) == "http://testserver" + article.url
    assert unescape(meta_description(html)) == Truncator(" ".join(article.lead.split())).chars(200)
    og = {tag["property"]: tag["content"] for tag in find_tags(html, "meta") if "property" in tag}
    assert og["og:url"] == "http://testserver" + article.url
    assert og["og:type"] == "article"


def test_news_index_keeps_its_filters_and_drops_the_rest(client):
    index = NewsIndexPage.objects.get(locale__language_code="kk")
    html = client.get("/news/", {"year": "2021", "utm_source": "x", "page": "1", "gclid": "y"})
    html = html.content.decode()

    assert canonical(html) == "http://testserver/news/?year=2021"
    description = meta_description(html)
    assert description  # its introduction, else the site's description
    assert description == (Truncator(" ".join(index.intro.split())).chars(200)
                           or SITE_IDENTITY["description_kk"])


def test_a_later_page_of_a_list_is_its_own_canonical(client):
    html = client.get("/en/news/?page=2&tag=&utm_medium=social").content.decode()

    assert canonical(html) == "http://testserver/en/news/?page=2"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_event_list_canonical_and_description(client, language):
    html = client.get(
        f"{PREFIXES[language]}/events/", {"project": "kedergisiz-keleshek", "ref": "tg"}
    ).content.decode()

    assert canonical(html) == (
        f"http://testserver{PREFIXES[language]}/events/?project=kedergisiz-keleshek"
    )
    assert meta_description(html)  # the calendar's introduction, as plain text
    assert "<p>" not in meta_description(html)


def test_month_view_canonical(client):
    html = client.get("/en/events/2026/12/?district=talgar-district&utm_source=x")
    html = html.content.decode()

    assert canonical(html) == "http://testserver/en/events/2026/12/?district=talgar-district"


def test_event_page_canonical_and_description(client):
    url = first_event_path()
    response = client.get(url + "?utm_source=whatsapp")
    assert response.status_code == 200
    html = response.content.decode()

    assert canonical(html) == "http://testserver" + iri_to_uri(url)
    assert meta_description(html)
    og = {tag["property"]: tag["content"] for tag in find_tags(html, "meta") if "property" in tag}
    assert og["og:url"] == canonical(html)
    assert og["og:title"] in unescape(html.split("<h1", 1)[1].split("</h1>", 1)[0])


def test_statistics_page_canonical_and_description(client):
    html = client.get("/en/statistics/?year=2023&utm_source=x").content.decode()

    assert canonical(html) == "http://testserver/en/statistics/?year=2023"
    assert meta_description(html).startswith("The events of the party's projects")


def test_search_page_canonical_description_and_noindex(client):
    html = client.get("/ru/search/", {"q": "конференция", "utm_source": "x"}).content.decode()

    assert canonical(html) == "http://testserver/ru/search/?" + urlencode({"q": "конференция"})
    assert meta_description(html) == SITE_IDENTITY["description_ru"]
    robots = [tag["content"] for tag in find_tags(html, "meta") if tag.get("name") == "robots"]
    assert robots == ["noindex, follow"]

    empty = client.get("/ru/search/").content.decode()
    assert canonical(empty) == "http://testserver/ru/search/"
    assert not [tag for tag in find_tags(empty, "meta") if tag.get("name") == "robots"]


def test_contacts_page_description_is_its_introduction(client):
    html = client.get("/en/contacts/").content.decode()

    assert canonical(html) == "http://testserver/en/contacts/"
    assert unescape(meta_description(html)) == (
        "Visit, call or write to the branch: the citizens’ reception hours are below."
    )


def test_404_has_the_site_description_and_no_canonical(client):
    response = client.get("/ru/no-such-page/?utm_source=x")

    assert response.status_code == 404
    html = response.content.decode()
    assert canonical(html) is None
    assert meta_description(html) == SITE_IDENTITY["description_ru"]
    robots = [tag["content"] for tag in find_tags(html, "meta") if tag.get("name") == "robots"]
    assert robots == ["noindex"]


def test_search_description_wins_over_the_introduction(client):
    page = ContactPage.objects.get(locale__language_code="ru")
    page.search_description = "Адрес и телефон филиала в Конаеве."
    page.save_revision().publish()

    html = client.get("/ru/contacts/").content.decode()

    assert meta_description(html) == "Адрес и телефон филиала в Конаеве."


def test_descriptions_are_plain_text_and_cut(client):
    page = ContactPage.objects.get(locale__language_code="en")
    page.intro = "Visit <b>us</b> & " + "call " * 80
    page.save_revision().publish()

    description = meta_description(client.get("/en/contacts/").content.decode())

    assert len(unescape(description)) == 200 and description.endswith("…")
    assert unescape(description).startswith("Visit us & call call")


# The header's search box.


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_page_has_a_labelled_search_box_in_the_header(client, language):
    for path in ("/", "/events/", "/contacts/", "/no-such-page/"):
        html = client.get(PREFIXES[language] + path).content.decode()
        header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
        forms = find_tags(header, "form")
        assert len(forms) == 1, path
        assert forms[0]["action"] == f"{PREFIXES[language]}/search/"
        assert forms[0]["method"] == "get" and forms[0]["role"] == "search"
        assert forms[0]["aria-label"]
        field = find_tags(header, "input")[0]
        assert field["name"] == "q" and field["type"] == "search"
        label = find_tags(header, "label")[0]
        assert label["for"] == field["id"]
        assert re.search(rf'<label[^>]*for="{field["id"]}"[^>]*>[^<]+</label>', header)


def test_header_search_box_finds_pages(client):
    html = client.get("/en/search/", {"q": "Contacts"}).content.decode()

    assert '<a href="/en/contacts/">Contacts</a></h2>' in html
