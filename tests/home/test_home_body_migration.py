"""Migration ``home.0004``: the home page's rich-text body becomes a StreamField and back.

Rich text is kept as one ``paragraph`` block, in the page and in its revisions; an empty body
becomes an empty stream. Going back joins the paragraphs (other blocks have no rich text).
"""

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Revision

from home.models import HomePage

HTML = "<p>Сәлем, <b>әлем</b>! Филиалдың <a href=\"https://example.com/\">сайты</a>.</p>"


def raw_bodies():
    with connection.cursor() as cursor:
        cursor.execute("SELECT page_ptr_id, body FROM home_homepage ORDER BY page_ptr_id")
        return dict(cursor.fetchall())


@pytest.mark.django_db(transaction=True)
def test_rich_text_body_becomes_a_paragraph_and_comes_back(demo_site):
    home = demo_site
    others = list(HomePage.objects.exclude(pk=home.pk).values_list("pk", flat=True))
    try:
        call_command("migrate", "home", "0003", verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute("UPDATE home_homepage SET body = %s WHERE page_ptr_id = %s",
                           [HTML, home.pk])
        revision = Revision.objects.filter(object_id=str(home.pk)).order_by("-pk").first()
        content = {**revision.content, "body": "<p>Ескі нұсқа</p>"}
        Revision.objects.filter(pk=revision.pk).update(content=content)

        call_command("migrate", "home", verbosity=0)

        page = HomePage.objects.get(pk=home.pk)
        assert [(block.block_type, block.value.source) for block in page.body] == [
            ("paragraph", HTML)
        ]
        # The demo's blocks went back to an empty rich text, and then to an empty stream.
        for pk in others:
            assert len(HomePage.objects.get(pk=pk).body) == 0
        old = Revision.objects.get(pk=revision.pk).as_object()
        assert [(block.block_type, block.value.source) for block in old.body] == [
            ("paragraph", "<p>Ескі нұсқа</p>")
        ]
        assert client_renders(page, HTML)

        page.body = [
            ("paragraph", "<p>Бір</p>"),
            ("latest_news", {"heading": "", "count": 3}),
            ("paragraph", "<p>Екі</p>"),
        ]
        page.save()
        call_command("migrate", "home", "0003", verbosity=0)

        assert raw_bodies()[home.pk] == "<p>Бір</p><p>Екі</p>"
    finally:
        call_command("migrate", "home", verbosity=0)
    assert [block.block_type for block in HomePage.objects.get(pk=home.pk).body] == [
        "paragraph"
    ]


def client_renders(page, html):
    """The home page shows the kept paragraph as rich text."""
    from django.test import Client

    page.save_revision().publish()
    return html in Client().get("/").content.decode()
