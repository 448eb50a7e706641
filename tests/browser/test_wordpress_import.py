"""An imported WordPress post in the browser: its gallery captions, its table and its
translation, reached through the language switcher as a reader would."""

import json

from django.core.management import call_command

from tests.browser.conftest import assert_no_axe_violations
from tests.engagement.legacy.helpers import SITE, add_upload, attachment, post, write_wxr


def gallery_item(wp_id, caption):
    return (f'<li class="blocks-gallery-item"><figure><img src="{SITE}/wp-content/uploads/'
            f'2021/06/p{wp_id}.jpg" alt="Сурет {wp_id}" class="wp-image-{wp_id}"/>'
            f'<figcaption class="blocks-gallery-item__caption">{caption}</figcaption></figure>'
            "</li>")


def body(text, captions, gallery_caption, header):
    return (
        f"<!-- wp:paragraph --><p>{text}</p><!-- /wp:paragraph -->"
        '<!-- wp:gallery --><figure class="wp-block-gallery is-cropped"><ul>'
        + gallery_item(51, captions[0]) + gallery_item(52, captions[1])
        + f'</ul><figcaption class="blocks-gallery-caption">{gallery_caption}</figcaption>'
        "</figure><!-- /wp:gallery -->"
        f"<!-- wp:table --><figure class=\"wp-block-table\"><table><thead><tr><th>{header}</th>"
        "<th>%</th></tr></thead><tbody><tr><td>Ілі</td><td>40</td></tr></tbody></table>"
        "</figure><!-- /wp:table -->"
    )


def test_an_imported_post_shows_its_captions_and_table_and_links_its_translation(
    page, tmp_path
):
    uploads = tmp_path / "uploads"
    for wp_id in (51, 52):
        add_upload(uploads, f"2021/06/p{wp_id}.jpg", size=(300, 200))
    terms = {"kk": [("language", "kk", "Қазақша"), ("post_translations", "pll_1", "pll_1")],
             "ru": [("language", "ru", "Русский"), ("post_translations", "pll_1", "pll_1")]}
    export = write_wxr(
        tmp_path,
        post(61, body("Сенбілік өтті.", ("Саябақта", "Аулада"), "Сенбілік, сәуір", "Аудан"),
             title="Сенбілік", slug="senbilik", terms=terms["kk"]),
        post(62, body("Прошёл субботник.", ("В парке", "Во дворе"), "Субботник, апрель",
                      "Район"), title="Субботник", slug="subbotnik", terms=terms["ru"]),
        attachment(51, "2021/06/p51.jpg", alt="Саябақ"),
        attachment(52, "2021/06/p52.jpg", alt="Аула"),
    )
    report_path = tmp_path / "report.json"
    call_command("import_wordpress", str(export), uploads=str(uploads),
                 report=str(report_path), verbosity=0)
    report = json.loads(report_path.read_text(encoding="utf-8"))
    kk_url = next(entry["url"] for entry in report["posts"] if entry["wp_id"] == 61)

    page.goto_path(kk_url)
    gallery = page.locator(".eg-gallery")
    assert gallery.locator(".eg-gallery__title").all_inner_texts() == ["Саябақта", "Аулада"]
    assert gallery.locator(".eg-gallery__caption").inner_text() == "Сенбілік, сәуір"
    assert page.locator("table thead th").first.inner_text() == "Аудан"
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Русский").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text() == "Субботник"
    assert page.locator(".eg-gallery__title").all_inner_texts() == ["В парке", "Во дворе"]
    assert page.locator(".eg-gallery__caption").inner_text() == "Субботник, апрель"
    assert page.locator("table thead th").first.inner_text() == "Район"
    assert_no_axe_violations(page)
