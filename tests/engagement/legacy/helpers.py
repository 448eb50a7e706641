"""Small builders for WordPress exports and upload folders used by the legacy tests."""

import io
import struct
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image as PILImage

SITE = "https://old.example.kz"


def _cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def post(wp_id, content="", *, title=None, slug=None, status="publish", date="2021-06-15 10:30:00",
         date_gmt=None, link=None, excerpt="", terms=(), meta=None, comments=0, post_type="post",
         parent=0, menu_order=0, password=""):
    """One ``<item>`` of an export, as XML."""
    title = f"Post {wp_id}" if title is None else title
    slug = f"post-{wp_id}" if slug is None else slug
    link = f"{SITE}/2021/06/15/{slug}/" if link is None else link
    date_gmt = date if date_gmt is None else date_gmt
    parts = [
        "<item>",
        f"<title>{escape(title)}</title>",
        f"<link>{escape(link)}</link>",
        f"<guid isPermaLink=\"false\">{SITE}/?p={wp_id}</guid>",
        "<dc:creator><![CDATA[admin]]></dc:creator>",
        f"<content:encoded>{_cdata(content)}</content:encoded>",
        f"<excerpt:encoded>{_cdata(excerpt)}</excerpt:encoded>",
        f"<wp:post_id>{wp_id}</wp:post_id>",
        f"<wp:post_date>{_cdata(date)}</wp:post_date>",
        f"<wp:post_date_gmt>{_cdata(date_gmt)}</wp:post_date_gmt>",
        f"<wp:post_modified>{_cdata(date)}</wp:post_modified>",
        f"<wp:post_modified_gmt>{_cdata(date_gmt)}</wp:post_modified_gmt>",
        "<wp:comment_status>open</wp:comment_status>",
        f"<wp:post_name>{_cdata(slug)}</wp:post_name>",
        f"<wp:status>{_cdata(status)}</wp:status>",
        f"<wp:post_parent>{parent}</wp:post_parent>",
        f"<wp:menu_order>{menu_order}</wp:menu_order>",
        f"<wp:post_type>{_cdata(post_type)}</wp:post_type>",
        f"<wp:post_password>{_cdata(password)}</wp:post_password>",
        "<wp:is_sticky>0</wp:is_sticky>",
    ]
    for domain, nicename, name in terms:
        parts.append(f'<category domain="{domain}" nicename="{nicename}">{_cdata(name)}</category>')
    for key, values in (meta or {}).items():
        for value in values if isinstance(values, list | tuple) else [values]:
            parts.append(
                f"<wp:postmeta><wp:meta_key>{_cdata(key)}</wp:meta_key>"
                f"<wp:meta_value>{_cdata(str(value))}</wp:meta_value></wp:postmeta>"
            )
    for index in range(comments):
        parts.append(
            f"<wp:comment><wp:comment_id>{index + 1}</wp:comment_id>"
            f"<wp:comment_content>{_cdata('Comment')}</wp:comment_content></wp:comment>"
        )
    parts.append("</item>")
    return "\n".join(parts)


def attachment(wp_id, path, *, title=None, alt="", caption="", parent=0, menu_order=0):
    """An attachment ``<item>`` whose file is ``wp-content/uploads/<path>``."""
    return post(
        wp_id, title=title or Path(path).stem, slug=Path(path).stem, post_type="attachment",
        status="inherit", excerpt=caption, parent=parent, menu_order=menu_order,
        link=f"{SITE}/?attachment_id={wp_id}",
        meta={"_wp_attached_file": path, **({"_wp_attachment_image_alt": alt} if alt else {})},
    ).replace(
        "<wp:is_sticky>",
        f"<wp:attachment_url>{_cdata(SITE + '/wp-content/uploads/' + path)}</wp:attachment_url>"
        "<wp:is_sticky>",
    )


def wxr(*items, version="1.2", site=SITE):
    """A whole export holding ``items`` (strings from :func:`post` and :func:`attachment`)."""
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
    xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
    xmlns:content="http://purl.org/rss/1.0/modules/content/"
    xmlns:wfw="http://wellformedweb.org/CommentAPI/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:wp="http://wordpress.org/export/{version}/">
<channel>
    <title>Old site</title>
    <link>{site}</link>
    <description>Archive</description>
    <language>kk</language>
    <wp:wxr_version>{version}</wp:wxr_version>
    <wp:base_site_url>{site}</wp:base_site_url>
    <wp:base_blog_url>{site}</wp:base_blog_url>
{chr(10).join(items)}
</channel>
</rss>
"""


def write_wxr(tmp_path, *items, name="export.xml", **kwargs):
    path = Path(tmp_path) / name
    path.write_text(wxr(*items, **kwargs), encoding="utf-8")
    return path


def image_bytes(size=(40, 30), colour=(200, 30, 30), format="JPEG"):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format=format)
    return buffer.getvalue()


def add_upload(uploads, relative, data=None, **kwargs):
    """Put a file at ``uploads/relative`` (a small JPEG unless ``data`` is given)."""
    path = Path(uploads) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(image_bytes(**kwargs) if data is None else data)
    return path


def png_claiming(width, height):
    """A tiny PNG whose header claims ``width`` × ``height`` pixels (a decompression bomb)."""
    data = image_bytes(size=(1, 1), format="PNG")
    ihdr = data.index(b"IHDR")
    fields = struct.pack(">II", width, height) + data[ihdr + 12 : ihdr + 17]
    chunk = b"IHDR" + fields
    crc = struct.pack(">I", zlib.crc32(chunk) & 0xFFFFFFFF)
    return data[: ihdr - 4] + struct.pack(">I", 13) + chunk + crc + data[ihdr + 21 :]


def truncated_jpeg(size=(400, 300)):
    """A JPEG cut off halfway: its header reads fine, its pixels cannot be decoded."""
    buffer = io.BytesIO()
    # Noise, so that the cut lands in the middle of the picture's data.
    PILImage.effect_noise(size, 60).convert("RGB").save(buffer, format="JPEG", quality=90)
    data = buffer.getvalue()
    return data[: len(data) // 2]


def animated_gif(size=(1000, 1000), frames=200):
    """A GIF of ``frames`` different frames of ``size`` (each frame's pixels count)."""
    base = PILImage.new("P", size, 0)
    images = []
    for index in range(frames):
        frame = base.copy()
        # A different pixel in each frame, so that Pillow keeps every frame.
        frame.putpixel((index % size[0], index // size[0]), 1)
        images.append(frame)
    buffer = io.BytesIO()
    images[0].save(buffer, format="GIF", save_all=True, append_images=images[1:], duration=40,
                   loop=0)
    return buffer.getvalue()
