"""The live-figures block: current totals from the statistics service inside a news article."""

import datetime
import re

import pytest
from wagtail.blocks import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Locale

from engagement.blocks import LiveFiguresBlock, project_choices
from engagement.translation import translate_instance
from home.blocks import NewsBodyBlock
from tests.home.news_factories import make_article

from .helpers import almaty, district
from .stats_helpers import fresh_project, held_event, sql_totals

pytestmark = pytest.mark.django_db


def block_value(projects=(), districts=(), start=None, end=None, heading="Нәтижелер"):
    return {
        "heading": heading, "projects": list(projects), "districts": list(districts),
        "start_date": start.isoformat() if start else None,
        "end_date": end.isoformat() if end else None,
    }


def totals(html):
    block = re.search(r'<div class="live-figures">.*?</div>\s*</dl>', html, re.S).group(0)
    events = re.search(r'data-total="events">([^<]+)<', block).group(1)
    participants = re.search(r'data-total="participants">([^<]+)<', block).group(1)
    return int(re.sub(r"\D", "", events)), int(re.sub(r"\D", "", participants))


def test_news_articles_offer_the_block():
    assert isinstance(NewsBodyBlock().child_blocks["live_figures"], LiveFiguresBlock)


def test_the_block_shows_the_totals_of_its_projects_districts_and_period(client):
    project_ = fresh_project()
    held_event(project_, 100, start=almaty(2022, 3, 1))
    held_event(project_, 50, "kegen-district", start=almaty(2022, 4, 1))
    held_event(project_, 7, start=almaty(2023, 1, 1))
    article = make_article(body=[("live_figures", block_value(
        projects=[project_.slug], districts=["talgar-district"],
        start=datetime.date(2022, 1, 1), end=datetime.date(2022, 12, 31),
    ))])

    html = client.get(article.url).content.decode()

    assert totals(html) == (1, 100)
    assert totals(html) == sql_totals(
        projects=[project_.pk], districts=[district("talgar-district").pk],
        first=almaty(2022, 1, 1, 0), upper=almaty(2023, 1, 1, 0),
    )
    assert project_.name in html


def test_the_block_without_choices_shows_the_whole_region(client):
    article = make_article(body=[("live_figures", block_value())])

    html = client.get(article.url).content.decode()

    assert totals(html) == sql_totals()


def test_a_block_naming_only_a_deleted_project_counts_nothing(client):
    article = make_article(body=[("live_figures", block_value(projects=["deleted-project"]))])

    assert totals(client.get(article.url).content.decode()) == (0, 0)


def test_the_editor_chooses_projects_by_slug():
    project_ = fresh_project()

    assert (project_.slug, project_.name) in project_choices()


def test_a_period_that_ends_before_it_starts_is_refused():
    block = LiveFiguresBlock()
    value = block.to_python(block_value(start=datetime.date(2023, 1, 2),
                                        end=datetime.date(2023, 1, 1)))

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "end_date" in error.value.block_errors


def test_the_news_body_refuses_the_bad_period_too():
    body = NewsBodyBlock()
    value = body.to_python([{"type": "live_figures", "value": block_value(
        start=datetime.date(2023, 1, 2), end=datetime.date(2023, 1, 1))}])

    with pytest.raises(StreamBlockValidationError):
        body.clean(value)


def test_a_translated_article_shows_the_same_figures(client):
    project_ = fresh_project()
    held_event(project_, 42)
    article = make_article(body=[("live_figures", block_value(projects=[project_.slug],
                                                              heading="Нәтижелер"))])
    article.save_revision().publish()

    russian = translate_instance(article, Locale.objects.get(language_code="ru"),
                                 {"Нәтижелер": "Итоги"})

    html = client.get(russian.url).content.decode()
    assert totals(html) == (1, 42)
    assert "<h2>Итоги</h2>" in html
