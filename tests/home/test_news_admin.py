"""Editors' side of the news: the page editor opens and block previews render."""

import pytest
from django.urls import reverse

from home.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    assert client.login(username="admin", password="admin")
    return client


def test_editor_opens_for_a_new_article_and_for_the_report(admin_client):
    index = NewsIndexPage.objects.get(locale__language_code="kk")
    report = NewsPage.objects.get(slug="xxviii-reporting-election-conference",
                                  locale__language_code="kk")

    add = admin_client.get(reverse("wagtailadmin_pages:add", args=("home", "newspage", index.pk)))
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(report.pk,)))

    assert add.status_code == 200 and edit.status_code == 200
    assert b"project_links" in add.content


def test_only_articles_go_under_the_news_index():
    assert NewsIndexPage.allowed_subpage_models() == [NewsPage]
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]


@pytest.mark.parametrize("block", ["heading", "quote", "image", "gallery", "figures", "paragraph"])
def test_block_previews_render_with_the_site_stylesheet(admin_client, block):
    definition = NewsPage._meta.get_field("body").stream_block.child_blocks[block]

    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": definition.definition_prefix}
    )

    assert response.status_code == 200
    assert b"/static/css/site.css" in response.content
