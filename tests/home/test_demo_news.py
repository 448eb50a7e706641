"""The demo news: the conference report built from the seed file, its translations."""

from pathlib import Path

import pytest
from wagtail.images import get_image_model
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.demo_news import parse_report, parse_shortcode, read_report
from home.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "home" / "demo_content" / "conference-report.kk.txt"


def report(language="kk"):
    return NewsPage.objects.get(
        slug="xxviii-reporting-election-conference", locale__language_code=language
    )


def test_seed_is_part_of_the_repository():
    text = SEED.read_text(encoding="utf-8")

    assert text.startswith("«Nur Otan» партиясының")
    assert "[su_custom_gallery" in text


def test_shortcode_with_typographic_quotes_is_understood():
    assert parse_shortcode(
        " source=»media: 34077,34076″ link=»lightbox» width=»150″ height=»150″ title=»never»"
    ) == {"ids": [34077, 34076], "width": 150, "height": 150, "link": "lightbox",
          "titles": "never"}
    assert parse_shortcode(' source="media: 1 2,3"')["ids"] == [1, 2, 3]


def test_report_is_built_faithfully_from_the_seed():
    parts = parse_report(read_report("kk"))
    page = report()
    body = [(block.block_type, block.value) for block in page.body]
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]

    assert page.lead == lines[0]
    assert [kind for kind, _value in body] == [
        "paragraph", "quote", "paragraph", "gallery", "paragraph", "paragraph", "paragraph",
        "paragraph", "heading", "figures",
    ]
    paragraphs = [value.source for kind, value in body if kind == "paragraph"]
    assert paragraphs == [f"<p>{data}</p>" for kind, data in parts if kind == "paragraph"]
    assert "Конференцияда баяндама жасаған" in paragraphs[0]
    assert paragraphs[-1].startswith("<p>Жиын соңында")


def test_akims_direct_speech_is_a_quote_block():
    quote = next(block.value for block in report().body if block.block_type == "quote")

    assert quote["text"].startswith("Қарабұлақ ауылындағы және Алакөл ауданындағы")
    assert quote["text"].endswith("қант өндіру көлемін едәуір ұлғайта аламыз.")
    assert "деді" not in quote["text"]
    assert "Баталов" in quote["attribution"]


def test_gallery_replaces_the_shortcode_with_the_legacy_images_in_order():
    gallery = next(block.value for block in report().body if block.block_type == "gallery")
    images = [item["image"] for item in gallery["images"]]
    Image = get_image_model()

    assert [image.pk for image in images] == [
        Image.objects.get(tags__name="legacy-media-34077").pk,
        Image.objects.get(tags__name="legacy-media-34076").pk,
    ]
    assert (gallery["thumbnail_width"], gallery["thumbnail_height"]) == (150, 150)
    assert (gallery["link"], gallery["titles"]) == ("lightbox", "never")
    assert all(item["alt_text"] for item in gallery["images"])


def test_key_figures_come_from_the_report():
    figures = next(block.value for block in report().body if block.block_type == "figures")
    shown = {(figure["value"], figure["unit"]) for figure in figures}

    assert {("113", "іс-шара"), ("24", "индикатор"), ("2,6", "трлн теңге"), ("37,8", "%"),
            ("250", "кәсіпкер"), ("118", "ауыл"), ("1,2", "млн адам")} <= shown


def test_report_has_source_topics_and_all_four_projects():
    page = report()

    assert (page.source_name, page.source_url) == ("Karasayinfo.kz", "https://karasayinfo.kz/")
    # The old post's tags, found by their WordPress slugs among the demo's topics.
    assert {link.topic.name for link in page.topic_links.all()} == {"Конференция", "Жол картасы"}
    assert {link.topic.locale.language_code for link in page.topic_links.all()} == {"kk"}
    assert {link.project.slug for link in page.project_links.all()} == {
        "kedergisiz-keleshek", "ardagerlerdi-ardaqtaiyq", "baqytty-otbasy", "jastar-otanga",
    }


@pytest.mark.parametrize("language", ["ru", "en"])
def test_translations_are_live_wagtail_localize_translations(language):
    page = report(language)
    source = TranslationSource.objects.get(object_id=report().translation_key)

    assert page.live
    assert Translation.objects.filter(source=source, target_locale=page.locale).exists()
    assert page.translation_key == report().translation_key
    assert page.get_parent().specific_class is NewsIndexPage


@pytest.mark.parametrize("language", ["ru", "en"])
def test_every_segment_of_every_demo_article_is_translated(language):
    for translation in Translation.objects.filter(target_locale__language_code=language):
        segments = translation.source.stringsegment_set.all()
        translated = StringTranslation.objects.filter(
            locale=translation.target_locale,
            translation_of__in=segments.values("string"),
        ).values_list("translation_of", "context")
        missing = {(s.string_id, s.context_id) for s in segments} - set(translated)
        assert not missing, translation.source.get_source_instance()


def test_every_language_has_five_articles_in_its_own_index():
    for language in ("kk", "ru", "en"):
        index = NewsIndexPage.objects.get(locale__language_code=language)
        assert NewsPage.objects.child_of(index).live().count() == 5
