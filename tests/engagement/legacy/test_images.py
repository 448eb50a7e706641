import io
import os

import pytest
from django.test import override_settings
from wagtail.images import get_image_model

from engagement.legacy.images import AttachmentImporter, safe_upload_path, upload_relative_path
from engagement.legacy.models import LegacyObject
from engagement.legacy.nodes import Image as ImageNode
from engagement.legacy.wxr import parse_wxr

from .helpers import SITE, add_upload, attachment, png_claiming, post, wxr

pytestmark = pytest.mark.django_db
Image = get_image_model()


def importer_for(uploads, *items, dry_run=False):
    export = parse_wxr(io.BytesIO(wxr(*items).encode()))
    return AttachmentImporter(export.attachments, uploads, export.identity, dry_run=dry_run)


@pytest.fixture
def uploads(tmp_path):
    """An empty copy of wp-content/uploads."""
    folder = tmp_path / "uploads"
    folder.mkdir()
    return folder


def test_an_attachment_becomes_one_image_with_its_title_alt_and_caption(uploads):
    add_upload(uploads, "2021/06/photo.jpg")
    before = Image.objects.count()
    importer = importer_for(
        uploads, attachment(5, "2021/06/photo.jpg", title="Конференция", alt="Зал",
                            caption="Облыстық конференция"),
    )

    first = importer.for_id(5)
    again = importer.for_id(5)

    assert first.image_id is not None and first.code is None
    assert again is first
    assert Image.objects.count() == before + 1
    image = Image.objects.get(pk=first.image_id)
    assert (image.title, image.description) == ("Конференция", "Зал")
    assert (image.width, image.height, image.file_size) == (40, 30, image.file.size)
    assert image.file_hash
    assert (first.alt, first.caption) == ("Зал", "Облыстық конференция")
    assert LegacyObject.objects.get(wp_id=5).content_object == image


def test_a_second_run_reuses_the_image_and_updates_its_alt_text(uploads):
    add_upload(uploads, "a.jpg")
    first = importer_for(uploads, attachment(5, "a.jpg", alt="Old")).for_id(5)

    second_run = importer_for(uploads, attachment(5, "a.jpg", alt="New"))
    second = second_run.for_id(5)

    assert second.image_id == first.image_id
    assert second_run.created == [] and second_run.reused == [5]
    assert Image.objects.get(pk=first.image_id).description == "New"


def test_an_id_missing_from_the_export_and_a_missing_file_are_reported(uploads):
    importer = importer_for(uploads, attachment(5, "2021/06/gone.jpg"))

    assert importer.for_id(404).code == "missing_attachment"
    assert importer.for_id(5).code == "missing_file"
    assert importer.imported == {}


def test_a_pdf_is_never_created_as_an_image(uploads):
    add_upload(uploads, "2021/06/report.pdf", data=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    before = Image.objects.count()

    outcome = importer_for(uploads, attachment(6, "2021/06/report.pdf")).for_id(6)

    assert (outcome.image_id, outcome.code) == (None, "not_an_image")
    assert Image.objects.count() == before


def test_a_text_file_named_like_an_image_is_not_an_image(uploads):
    add_upload(uploads, "fake.jpg", data=b"<?php echo 'not an image'; ?>")

    assert importer_for(uploads, attachment(7, "fake.jpg")).for_id(7).code == "not_an_image"


def test_a_png_saved_as_jpg_is_refused_like_the_upload_form_refuses_it(uploads):
    add_upload(uploads, "wrong.jpg", format="PNG")

    assert importer_for(uploads, attachment(7, "wrong.jpg")).for_id(7).code == "not_an_image"


@pytest.mark.parametrize(
    "relative",
    [
        "../../../../etc/passwd.jpg",
        "2021/../../secret.jpg",
        "..%2F..%2Fsecret.jpg",
    ],
)
def test_a_path_traversal_file_name_is_refused(uploads, relative):
    secret = add_upload(uploads.parent, "secret.jpg")
    importer = importer_for(uploads, attachment(8, relative))

    assert importer.for_id(8).code == "unsafe_path"
    assert secret.exists()
    assert not Image.objects.filter(title="secret").exists()


def test_a_symlink_leading_out_of_the_uploads_folder_is_refused(uploads):
    outside = add_upload(uploads.parent, "outside.jpg")
    os.symlink(outside, uploads / "link.jpg")

    assert importer_for(uploads, attachment(9, "link.jpg")).for_id(9).code == "unsafe_path"


def test_safe_upload_path_stays_inside_the_root(tmp_path):
    assert safe_upload_path(tmp_path, "2021/06/a.jpg") == (tmp_path / "2021/06/a.jpg").resolve()
    for bad in ("/etc/passwd", "a/../../b", "a\\..\\b", "c:/x", "a/\x00.jpg", ""):
        assert safe_upload_path(tmp_path, bad) is None


def test_a_decompression_bomb_image_is_refused(uploads):
    add_upload(uploads, "bomb.png", data=png_claiming(30000, 30000))

    assert importer_for(uploads, attachment(10, "bomb.png")).for_id(10).code == "too_many_pixels"


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=1000)
def test_the_sites_pixel_limit_applies_to_imported_images(uploads):
    add_upload(uploads, "big.jpg", size=(40, 30))  # 1,200 pixels

    assert importer_for(uploads, attachment(11, "big.jpg")).for_id(11).code == "too_many_pixels"


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=100)
def test_the_sites_upload_size_limit_applies_to_imported_images(uploads):
    add_upload(uploads, "heavy.jpg")

    assert importer_for(uploads, attachment(12, "heavy.jpg")).for_id(12).code == "file_too_large"


def test_an_image_in_the_text_is_found_by_the_url_of_a_resized_copy(uploads):
    add_upload(uploads, "2020/01/photo.jpg")
    importer = importer_for(uploads, attachment(13, "2020/01/photo.jpg"))

    found = importer.for_image(
        ImageNode(url=f"{SITE}/wp-content/uploads/2020/01/photo-300x200.jpg")
    )
    external = importer.for_image(ImageNode(url="https://elsewhere.kz/x.jpg"))

    assert found.image_id == importer.imported[13]
    assert external.code == "external_image"


def test_a_dry_run_checks_files_but_creates_no_image(uploads):
    add_upload(uploads, "a.jpg")
    before = Image.objects.count()

    outcome = importer_for(uploads, attachment(14, "a.jpg"), dry_run=True).for_id(14)

    assert (outcome.image_id, outcome.code) == (None, None)
    assert Image.objects.count() == before
    assert not LegacyObject.objects.filter(wp_id=14).exists()


def test_upload_relative_path_decodes_percent_encoding():
    url = f"{SITE}/wp-content/uploads/2021/06/%D1%81%D1%83%D1%80%D0%B5%D1%82.jpg?ver=2"

    assert upload_relative_path(url) == "2021/06/сурет.jpg"
    assert upload_relative_path("https://cdn.example.com/photo.jpg") == ""


def test_posts_are_not_attachments(uploads):
    importer = importer_for(uploads, post(1))

    assert importer.for_id(1).code == "missing_attachment"
