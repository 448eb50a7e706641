"""Galleries in one go: "Add several images" in the page and snippet editors.

An editor adds a gallery, ticks three images in Wagtail's image chooser in an order that is
neither the chooser's nor the database's, confirms, fills the alt texts and saves: the gallery
holds the images in the order they were ticked. (The editors are superusers: the groups that
migrations create do not survive the flush of a live-server test.)
"""

from django.urls import reverse

from engagement.models import Event
from tests.engagement.helpers import make_user
from tests.home.news_factories import make_article, make_image

ADD_SEVERAL = "Добавить несколько изображений"


def three_images():
    """Three images created A, B, C; the editor ticks them B, C, A."""
    first = make_image("Gallery first", colour="#c00000")
    second = make_image("Gallery second", colour="#00a000")
    third = make_image("Gallery third", colour="#0050c0")
    return first, second, third


def add_several_images(tab, gallery, images):
    """Click "Add several images" in ``gallery``, tick ``images`` in order and confirm."""
    gallery.get_by_role("button", name=ADD_SEVERAL).click()
    modal = tab.locator(".modal-dialog, [role=dialog]").filter(
        has=tab.locator("[data-multiple-choice-select]")
    )
    for image in images:
        modal.locator(f"[data-multiple-choice-select][value='{image.pk}']").click()
    # The modal numbers the ticked images in the order they were ticked.
    for number, image in enumerate(images, start=1):
        badge = modal.locator(f"label:has([value='{image.pk}']) [data-eg-tick-order]")
        assert badge.inner_text() == str(number)
    modal.locator("[data-multiple-choice-submit]").click()
    tab.locator("[data-multiple-choice-select]").first.wait_for(state="detached")


def gallery_items(gallery):
    return gallery.locator("[data-streamfield-child]:visible").filter(
        has=gallery.page.locator("[data-chooser-title]")
    )


def fill_alt_texts_and_check_order(gallery, images):
    items = gallery_items(gallery)
    items.nth(len(images) - 1).wait_for()
    assert items.count() == len(images)
    titles = [items.nth(index).locator("[data-chooser-title]").inner_text()
              for index in range(len(images))]
    assert titles == [image.title for image in images]
    # Focus went to the first new item's alt text: the editor types straight away.
    gallery.page.wait_for_function(
        "() => (document.activeElement.name || '').endsWith('-alt_text')"
    )
    for index, image in enumerate(images):
        alt = items.nth(index).locator("input[name$='-alt_text']")
        assert alt.input_value() == ""
        alt.press_sequentially(f"Alt of {image.title}")


def stored_gallery_ids(stream_value):
    (gallery,) = [block for block in stream_value if block.block_type == "gallery"]
    return [item["image"].pk for item in gallery.value["images"]]


def test_news_editor_adds_several_images_in_the_order_ticked(browser_session):
    first, second, third = three_images()
    article = make_article(title="Gallery editor article")
    editor = make_user("gallery-editor", superuser=True, language="ru")
    tab = browser_session(editor.username)

    tab.goto_path(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    body = tab.locator("[data-contentpath=body]").first
    body.locator("button.c-sf-add-button").first.click()
    tab.get_by_role("option", name="Галерея").click()
    gallery = body.locator("[data-streamfield-child]").filter(
        has=tab.get_by_role("button", name=ADD_SEVERAL)
    ).first

    add_several_images(tab, gallery, [second, third, first])
    fill_alt_texts_and_check_order(gallery, [second, third, first])

    tab.get_by_role("button", name="Сохранить черновик").click()
    tab.locator(".messages .success").wait_for()

    article.refresh_from_db()
    draft = article.get_latest_revision_as_object()
    assert stored_gallery_ids(draft.body) == [second.pk, third.pk, first.pk]
    (gallery_block,) = [block for block in draft.body if block.block_type == "gallery"]
    assert [item["alt_text"] for item in gallery_block.value["images"]] == [
        "Alt of Gallery second", "Alt of Gallery third", "Alt of Gallery first"
    ]


def test_event_editor_adds_several_images_in_the_order_ticked(browser_session):
    first, second, third = three_images()
    event = Event.objects.filter(locale__language_code="kk", photos=[]).order_by("pk").first()
    editor = make_user("gallery-event-editor", superuser=True, language="ru")
    tab = browser_session(editor.username)

    tab.goto_path(reverse("wagtailsnippets_engagement_event:edit", args=[event.pk]))
    tab.get_by_role("tab", name="Фотографии").click()
    photos = tab.locator("[data-contentpath=photos]").first
    photos.locator("button.c-sf-add-button").first.click()
    gallery = photos.locator("[data-streamfield-child]").filter(
        has=tab.get_by_role("button", name=ADD_SEVERAL)
    ).first

    add_several_images(tab, gallery, [second, third, first])
    fill_alt_texts_and_check_order(gallery, [second, third, first])

    tab.get_by_role("button", name="Сохранить черновик").click()
    tab.locator(".messages .success").wait_for()

    event.refresh_from_db()
    assert stored_gallery_ids(event.get_latest_revision_as_object().photos) == [
        second.pk, third.pk, first.pk
    ]
