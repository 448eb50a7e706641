"""The demo's conference report comes through the WordPress importer (issue 6, point 11)."""

from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model

from engagement.legacy.models import LegacyObject
from engagement.legacy.wxr import parse_wxr
from home.models import NewsPage

pytestmark = pytest.mark.django_db
EXPORT = Path(__file__).resolve().parents[2] / "home" / "demo_content" / "conference-report.kk.xml"


def report():
    return NewsPage.objects.get(
        slug="xxviii-reporting-election-conference", locale__language_code="kk"
    )


def test_the_export_is_made_from_the_seed_article():
    export = parse_wxr(EXPORT)
    [post] = export.posts
    seed = (EXPORT.parent / "conference-report.kk.txt").read_text(encoding="utf-8")

    assert post.excerpt == seed.splitlines()[0]
    assert (
        "[su_custom_gallery source=»media: 34077,34076″ link=»lightbox» width=»150″ "
        "height=»150″ title=»never»]"
    ) in post.content
    assert sorted(export.attachments) == [34076, 34077]


def test_the_report_page_and_its_images_are_recorded_as_imported():
    page = report()
    post = LegacyObject.objects.get(wp_type="post", object_id=page.pk)
    gallery = next(block.value for block in page.body if block.block_type == "gallery")

    assert (post.source, post.wp_id) == ("old-site.example.kz", 34105)
    recorded = {
        mapping.wp_id: mapping.object_id
        for mapping in LegacyObject.objects.filter(source=post.source, wp_type="attachment")
    }
    assert [item["image"].pk for item in gallery["images"]] == [recorded[34077], recorded[34076]]
    assert str(page.first_published_at.date()) == "2021-03-05"


def test_the_old_addresses_of_the_report_redirect_to_it(client):
    page = report()

    for old in ("/2021/03/05/xxviii-reporting-election-conference/", "/?p=34105"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, page.url)
    assert Redirect.objects.filter(redirect_page=page).count() == 2


def test_running_load_demo_again_imports_nothing_twice():
    Image = get_image_model()
    before = (NewsPage.objects.count(), Image.objects.count(), LegacyObject.objects.count())

    call_command("load_demo", verbosity=0)

    assert (NewsPage.objects.count(), Image.objects.count(),
            LegacyObject.objects.count()) == before
