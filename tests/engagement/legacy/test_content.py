from pathlib import Path

from engagement.legacy.content import convert, convert_rich_text
from engagement.legacy.nodes import Embed, Gallery, Heading, Image, Paragraph, Quote, Table
from engagement.legacy.richtext import sanitise
from engagement.legacy.walker import embed_url

SEED_TEXT = (Path(__file__).parent / "fixtures" / "conference-report.kk.txt").read_text()


def kinds(conversion):
    return [type(block).__name__ for block in conversion.blocks]


def codes(conversion):
    return [warning.code for warning in conversion.warnings]


def test_the_seed_article_becomes_paragraphs_around_a_gallery_in_reading_order():
    conversion = convert(SEED_TEXT.replace("\n", "\n\n"))

    assert kinds(conversion) == ["Paragraph"] * 4 + ["Gallery"] + ["Paragraph"] * 4
    gallery = conversion.blocks[4]
    assert gallery == Gallery(
        wp_ids=[34077, 34076], width=150, height=150, link="lightbox", titles="never",
        shortcode="su_custom_gallery",
    )
    assert conversion.blocks[3].html.startswith("<p>«Кәсіпкерлікті дамыту»")
    assert conversion.blocks[5].html.startswith("<p>«Өмір сүру сапасын арттыру»")
    assert codes(conversion) == ["typographic_quotes_normalised"]


def test_classic_bodies_split_at_blank_lines_and_keep_single_line_breaks():
    conversion = convert("First line\nsecond line\n\n\nNext <b>bold</b> paragraph")

    assert conversion.blocks == [
        Paragraph("<p>First line<br/>second line</p>"),
        Paragraph("<p>Next <b>bold</b> paragraph</p>"),
    ]


def test_a_shortcode_inside_a_paragraph_splits_it_and_keeps_the_text_on_both_sides():
    conversion = convert('<p>Before <b>bold [gallery ids="1,2"] still bold</b> after</p>')

    assert kinds(conversion) == ["Paragraph", "Gallery", "Paragraph"]
    assert conversion.blocks[0].html == "<p>Before <b>bold </b></p>"
    assert conversion.blocks[2].html == "<p><b> still bold</b> after</p>"


def test_gutenberg_comments_go_and_blocks_map_to_headings_quotes_images_and_galleries():
    body = "\n".join([
        "<!-- wp:heading --><h2>Тақырып</h2><!-- /wp:heading -->",
        "<!-- wp:paragraph --><p>Мәтін</p><!-- /wp:paragraph -->",
        '<!-- wp:image {"id":7} --><figure class="wp-block-image"><img src="x.jpg" alt="Сурет" '
        'class="wp-image-7"/><figcaption>Жазу</figcaption></figure><!-- /wp:image -->',
        '<!-- wp:gallery --><figure class="wp-block-gallery"><ul><li><figure><a href="/f.jpg">'
        '<img data-id="3" src="3.jpg"></a></figure></li><li><figure><img class="wp-image-4" '
        'src="4.jpg"></figure></li></ul></figure><!-- /wp:gallery -->',
        '<!-- wp:quote --><blockquote class="wp-block-quote"><p>Дәйексөз</p><cite>Абай</cite>'
        "</blockquote><!-- /wp:quote -->",
    ])
    conversion = convert(body)

    assert conversion.blocks == [
        Heading("Тақырып", 2),
        Paragraph("<p>Мәтін</p>"),
        Image(wp_id=7, url="x.jpg", alt="Сурет", caption="Жазу"),
        # No "is-cropped" class: the editor's "crop images" was off, thumbnails keep their shape.
        Gallery(wp_ids=[3, 4], link="image", titles="never", shortcode="wp:gallery", fit=True,
                images=[Image(wp_id=3, url="3.jpg"), Image(wp_id=4, url="4.jpg")]),
        Quote("Дәйексөз", "Абай"),
    ]


def test_inline_images_map_to_their_attachment_and_prefer_the_full_size_link():
    conversion = convert(
        '<p>Text <a href="https://old.kz/wp-content/uploads/2020/01/big.jpg">'
        '<img class="alignnone size-medium wp-image-12" '
        'src="https://old.kz/wp-content/uploads/2020/01/big-300x200.jpg" alt="A"></a> more</p>'
    )

    assert conversion.blocks == [
        Paragraph("<p>Text</p>"),
        Image(wp_id=12, url="https://old.kz/wp-content/uploads/2020/01/big.jpg", alt="A"),
        Paragraph("<p>more</p>"),
    ]


def test_caption_shortcode_becomes_an_image_with_its_caption():
    conversion = convert(
        '[caption id="attachment_5" align="alignnone" width="300"]<img class="size-medium" '
        'src="https://old.kz/wp-content/uploads/2020/01/a-300x200.jpg" alt="A" /> Жазу[/caption]'
    )

    assert conversion.blocks == [
        Image(wp_id=5, url="https://old.kz/wp-content/uploads/2020/01/a-300x200.jpg", alt="A",
              caption="Жазу")
    ]


def test_unknown_and_enclosing_shortcodes_keep_their_inner_content_and_are_counted():
    conversion = convert(
        '<p>[su_note note_color="#f00"]Маңызды [b_unknown x="1"]мәтін[/b_unknown][/su_note] '
        '[contact-form-7 id="5"] соңы</p>'
    )

    assert conversion.blocks == [Paragraph("<p>Маңызды мәтін  соңы</p>")]
    assert conversion.unhandled == {"su_note": 1, "b_unknown": 1, "contact-form-7": 1}
    assert codes(conversion).count("unhandled_shortcode") == 3


def test_shortcode_like_text_inside_an_html_attribute_is_left_alone():
    conversion = convert('<p><a href="/x" title="[gallery ids=9]">link</a></p>')

    assert conversion.blocks == [Paragraph('<p><a href="/x" title="[gallery ids=9]">link</a></p>')]
    assert conversion.galleries == []


def test_core_gallery_without_ids_shows_the_attached_images_in_menu_order():
    conversion = convert('[gallery size="medium" link="file" order="DESC"]', attached_ids=[4, 5])

    assert conversion.blocks == [
        # WordPress's medium size is not cropped: the thumbnails keep the images' shape.
        Gallery(wp_ids=[5, 4], width=300, height=300, link="image", titles="always",
                shortcode="gallery", columns=3, fit=True)
    ]


def test_core_gallery_defaults_and_spaced_ids_are_reported():
    conversion = convert('[gallery ids="3 1, 2" exclude="1"]')

    assert conversion.blocks == [
        Gallery(wp_ids=[3, 2], width=150, height=150, link="lightbox", titles="always",
                shortcode="gallery", columns=3)
    ]
    assert codes(conversion) == ["whitespace_separated_ids"]


def test_su_custom_gallery_defaults_are_those_of_shortcodes_ultimate():
    conversion = convert('[su_custom_gallery source="media: 9 8"]')

    assert conversion.blocks == [
        Gallery(wp_ids=[9, 8], width=90, height=90, link="none", titles="hover",
                shortcode="su_custom_gallery")
    ]
    assert codes(conversion) == ["whitespace_separated_ids"]


def test_a_gallery_of_posts_cannot_be_converted_and_is_reported():
    conversion = convert('Text [su_custom_gallery source="posts: recent"] more')

    assert kinds(conversion) == ["Paragraph"]
    # Reported once, as what it is, not also as an unhandled shortcode.
    assert codes(conversion) == ["unsupported_gallery_source"]
    assert conversion.unhandled == {}


def test_scripts_styles_and_forms_disappear_with_their_content():
    conversion = convert(
        "<p>Safe<script>alert('x')</script><style>p{}</style></p><form><input></form>"
    )

    assert conversion.blocks == [Paragraph("<p>Safe</p>")]
    assert codes(conversion).count("element_removed") == 3


def test_embeds_from_iframes_and_the_embed_shortcode():
    conversion = convert(
        '<iframe src="https://www.youtube.com/embed/XYZ?rel=0"></iframe>'
        "[embed]https://vimeo.com/1[/embed]<iframe src=\"javascript:alert(1)\"></iframe>"
    )

    assert conversion.blocks == [
        Embed("https://www.youtube.com/watch?v=XYZ"), Embed("https://vimeo.com/1")
    ]
    assert embed_url("//player.vimeo.com/video/77") == "https://vimeo.com/77"


def test_tables_keep_their_cells_and_header_row():
    conversion = convert("<table><tr><th>Аудан</th><th>Саны</th></tr><tr><td>Ілі</td>"
                         "<td>12</td></tr></table>")

    assert conversion.blocks == [Table([["Аудан", "Саны"], ["Ілі", "12"]], header=True)]
    assert codes(conversion) == []


def test_emoji_images_become_their_characters():
    conversion = convert('<p>Құттықтаймыз <img class="wp-smiley" alt="🎉" src="e.png"></p>')

    assert conversion.blocks == [Paragraph("<p>Құттықтаймыз 🎉</p>")]


def test_lists_stay_lists_without_an_extra_paragraph():
    conversion = convert("<ul><li>бір</li><li>екі</li></ul>")

    assert conversion.blocks == [Paragraph("<ul><li>бір</li><li>екі</li></ul>")]


def test_stored_rich_text_is_split_at_shortcodes_and_otherwise_kept_as_stored():
    source = (
        '<p data-block-key="a1">See <a linktype="page" id="3">the plan</a> '
        "[su_custom_gallery source=&quot;media: 5,6&quot;] and more</p>"
        '<embed alt="Map" embedtype="image" format="left" id="9"/><p data-block-key="b2">[sic]</p>'
    )

    conversion = convert_rich_text(source)

    assert conversion.blocks == [
        Paragraph('<p>See <a id="3" linktype="page">the plan</a> </p>', trusted=True),
        Gallery(wp_ids=[5, 6], width=90, height=90, link="none", titles="hover",
                shortcode="su_custom_gallery"),
        Paragraph('<p> and more</p><embed alt="Map" embedtype="image" format="left" id="9"/>'
                  '<p data-block-key="b2">[sic]</p>', trusted=True),
    ]
    assert conversion.shortcodes == 1


def test_stored_rich_text_without_shortcodes_is_left_alone():
    assert convert_rich_text("<p>[Жаңартылды 14:20] [sic]</p>").blocks == []


def test_sanitising_removes_event_handlers_and_javascript_links_but_keeps_the_text():
    clean = sanitise(
        '<p onclick="steal()">Hi <a href="javascript:alert(1)">bad</a> '
        '<a href="JaVa&#x09;script:alert(1)">worse</a> <a href="https://ok.kz/" '
        'onmouseover="x()">good</a> <span style="color:red">red</span></p>',
        ["bold", "italic", "link"],
    )

    assert "onclick" not in clean and "onmouseover" not in clean and "style" not in clean
    assert "javascript" not in clean.lower()
    assert '<a href="https://ok.kz/">good</a>' in clean
    assert "bad" in clean and "worse" in clean and "red" in clean
