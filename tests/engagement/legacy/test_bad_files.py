"""One bad attachment is reported for itself and never sinks the post that uses it."""

import errno

import pytest
from django.urls import reverse
from wagtail.images import get_image_model

from engagement.legacy import images as legacy_images
from engagement.legacy.models import LegacyObject
from tests.engagement.helpers import make_user

from .helpers import add_upload, animated_gif, attachment, image_bytes, post, truncated_jpeg
from .test_images import importer_for
from .test_import_command import blocks_of, entry, page_for, run_import

pytestmark = pytest.mark.django_db
Image = get_image_model()


@pytest.fixture(scope="module")
def big_gif():
    return animated_gif()


@pytest.fixture
def uploads(tmp_path):
    folder = tmp_path / "uploads"
    add_upload(folder, "2021/06/good.jpg", colour=(20, 60, 160))
    return folder


def test_a_truncated_jpeg_is_not_an_image(uploads):
    add_upload(uploads, "2021/06/cut.jpg", data=truncated_jpeg())
    before = Image.objects.count()

    outcome = importer_for(uploads, attachment(40, "2021/06/cut.jpg")).for_id(40)

    assert outcome.code == "not_an_image"
    assert outcome.image_id is None
    assert Image.objects.count() == before


def test_a_gif_counts_every_frame_against_the_pixel_limit(uploads, big_gif, settings):
    # 1000 × 1000 × 200 frames is 200 million pixels, over the site's 64 million.
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 64_000_000
    add_upload(uploads, "2021/06/anim.gif", data=big_gif)
    add_upload(uploads, "2021/06/small.gif", data=animated_gif(size=(100, 100), frames=20))
    importer = importer_for(
        uploads, attachment(41, "2021/06/anim.gif"), attachment(42, "2021/06/small.gif")
    )

    assert importer.for_id(41).code == "too_many_pixels"
    assert importer.for_id(42).code is None and importer.for_id(42).image_id is not None


def test_a_file_name_over_255_bytes_is_an_unsafe_path(uploads):
    name = "2021/06/" + "ә" * 130 + ".jpg"  # 264 bytes in UTF-8

    outcome = importer_for(uploads, attachment(43, name)).for_id(43)

    assert outcome.code == "unsafe_path"


def test_any_os_error_reading_a_file_is_reported_for_that_attachment(uploads, monkeypatch):
    original = legacy_images.AttachmentImporter._create

    def failing_create(self, item, path, alt):
        if item.wp_id == 44:
            raise OSError(errno.EIO, "Input/output error")
        return original(self, item, path, alt)

    monkeypatch.setattr(legacy_images.AttachmentImporter, "_create", failing_create)
    add_upload(uploads, "2021/06/unreadable.jpg")
    importer = importer_for(uploads, attachment(44, "2021/06/unreadable.jpg"),
                            attachment(45, "2021/06/good.jpg"))

    assert importer.for_id(44).code == "not_an_image"
    assert importer.for_id(45).image_id is not None
    assert not LegacyObject.objects.filter(wp_id=44).exists()


def test_bad_files_in_an_export_leave_the_rest_of_the_post(tmp_path, uploads, big_gif):
    add_upload(uploads, "2021/06/cut.jpg", data=truncated_jpeg())
    add_upload(uploads, "2021/06/anim.gif", data=big_gif)
    long_name = "2021/06/" + "a" * 300 + ".jpg"

    report = run_import(
        tmp_path, uploads,
        post(50, "Бірінші абзац.\n\n"
                 '[gallery ids="46,47,48,49"]\n\nСоңғы абзац.',
             meta={"_thumbnail_id": 46}),
        attachment(46, "2021/06/cut.jpg"),
        attachment(47, "2021/06/anim.gif"),
        attachment(48, long_name),
        attachment(49, "2021/06/good.jpg", alt="Жақсы сурет"),
    )

    post_entry = entry(report, 50)
    assert post_entry["status"] == "created"
    assert {"not_an_image", "too_many_pixels", "unsafe_path"} <= set(post_entry["warnings"])
    codes = {detail.get("wp_id"): detail["code"] for detail in post_entry["details"]
             if detail.get("wp_id") in (46, 47, 48)}
    assert codes == {46: "not_an_image", 47: "too_many_pixels", 48: "unsafe_path"}
    page = page_for(50)
    assert page.live
    assert [kind for kind, _value in blocks_of(page)] == ["paragraph", "gallery", "paragraph"]
    assert [item["image"].pk for item in page.body[1].value["images"]] == [
        report["attachments"]["49"]
    ]
    assert page.hero_image is None
    assert list(report["attachments"]) == ["49"]


# --- the admin upload --------------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    client.force_login(make_user("image-admin", superuser=True))
    return client


def upload(client, name, data, content_type):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, data, content_type=content_type),
         "collection": 1},
    )


def test_the_admin_upload_refuses_a_truncated_jpeg(admin_client):
    before = Image.objects.count()

    response = upload(admin_client, "cut.jpg", truncated_jpeg(), "image/jpeg")

    assert response.status_code == 200
    assert Image.objects.count() == before
    assert response.context["form"].errors["file"]


def test_the_admin_upload_refuses_a_gif_whose_frames_pass_the_pixel_limit(admin_client, big_gif):
    before = Image.objects.count()

    response = upload(admin_client, "anim.gif", big_gif, "image/gif")

    assert response.status_code == 200
    assert Image.objects.count() == before
    assert "200000000" in str(response.context["form"].errors["file"])


def test_the_admin_upload_still_takes_a_good_image_and_a_short_animation(admin_client):
    before = Image.objects.count()

    response = upload(admin_client, "good.jpg", image_bytes(), "image/jpeg")
    short = upload(admin_client, "short.gif", animated_gif(size=(100, 100), frames=20),
                   "image/gif")

    assert (response.status_code, short.status_code) == (302, 302)
    assert Image.objects.count() == before + 2


def test_the_multiple_upload_refuses_a_truncated_jpeg(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = Image.objects.count()

    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("cut.jpg", truncated_jpeg(), content_type="image/jpeg")},
    )

    assert response.status_code == 200
    assert response.json()["success"] is False
    assert Image.objects.count() == before


def test_the_chooser_upload_refuses_a_truncated_jpeg(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    def choose_upload(name, data):
        return admin_client.post(
            reverse("wagtailimages_chooser:create"),
            {"image-chooser-upload-title": name, "image-chooser-upload-collection": 1,
             "image-chooser-upload-file": SimpleUploadedFile(name, data,
                                                             content_type="image/jpeg")},
        )

    before = Image.objects.count()

    refused = choose_upload("cut.jpg", truncated_jpeg())
    assert refused.status_code == 200
    assert refused.json()["step"] != "chosen"
    assert Image.objects.count() == before
    # The same upload with a whole file is chosen.
    assert choose_upload("good.jpg", image_bytes()).json()["step"] == "chosen"
    assert Image.objects.count() == before + 1
