"""The home page's body becomes a StreamField of front-page blocks.

Existing rich text is kept as one ``paragraph`` block, in the pages and in their revisions
(the editor's history and drafts); going back joins the paragraphs into rich text again (the
other blocks have no rich-text form and are dropped). The text is turned into JSON before the
column changes type, so that SQLite's JSON check and PostgreSQL's cast to jsonb accept it.
"""

import json
import uuid

import engagement.blocks
import engagement.public.blocks
import wagtail.fields
from django.db import migrations


def to_stream(html):
    """JSON text of a stream holding ``html`` as one paragraph (an empty stream if blank)."""
    if isinstance(html, list):
        return json.dumps(html)
    html = html or ""
    if html.lstrip().startswith("["):
        try:
            json.loads(html)
            return html  # already a stream (a migration run twice, a restored copy)
        except ValueError:
            pass
    if not html.strip():
        return "[]"
    return json.dumps([{"type": "paragraph", "value": html, "id": str(uuid.uuid4())}])


def to_rich_text(stream):
    """The paragraphs of a stream (JSON text or list) joined into one rich text."""
    if not stream:
        return ""
    if isinstance(stream, str):
        try:
            stream = json.loads(stream)
        except ValueError:
            return stream  # not a stream: rich text already
    if not isinstance(stream, list):
        return ""
    return "".join(
        block.get("value") or "" for block in stream
        if isinstance(block, dict) and block.get("type") == "paragraph"
    )


def _home_revisions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="home", model="homepage").first()
    if content_type is None:
        return Revision.objects.none()
    return Revision.objects.filter(content_type=content_type)


def _convert(apps, convert):
    HomePage = apps.get_model("home", "HomePage")
    for page in HomePage.objects.all().only("pk", "body"):
        HomePage.objects.filter(pk=page.pk).update(body=convert(page.body))
    for revision in _home_revisions(apps).iterator():
        content = revision.content or {}
        if "body" in content:
            content["body"] = convert(content["body"])
            revision.content = content
            revision.save(update_fields=["content"])


def rich_text_to_stream(apps, schema_editor):
    _convert(apps, to_stream)


def stream_to_rich_text(apps, schema_editor):
    _convert(apps, to_rich_text)


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0003_news_live_figures'),
        ('wagtailcore', '0094_alter_page_locale'),
    ]

    operations = [
        migrations.RunPython(rich_text_to_stream, stream_to_rich_text),
        migrations.AlterField(
            model_name='homepage',
            name='body',
            field=wagtail.fields.StreamField([('paragraph', 0), ('latest_news', 3), ('upcoming_events', 7), ('live_figures', 13), ('projects', 16), ('call_to_action', 22)], blank=True, block_lookup={0: ('wagtail.blocks.RichTextBlock', (), {'description': 'Text with bold, italic, links and lists.', 'features': ['bold', 'italic', 'link', 'ol', 'ul'], 'label': 'Paragraph', 'template': 'home/blocks/paragraph.html'}), 1: ('wagtail.blocks.CharBlock', (), {'help_text': 'Empty: “Latest news”.', 'label': 'Heading', 'max_length': 255, 'required': False}), 2: ('wagtail.blocks.IntegerBlock', (), {'default': 3, 'label': 'Number of articles', 'max_value': 12, 'min_value': 1}), 3: ('wagtail.blocks.StructBlock', [[('heading', 1), ('count', 2)]], {}), 4: ('wagtail.blocks.CharBlock', (), {'help_text': 'Empty: “Next events”.', 'label': 'Heading', 'max_length': 255, 'required': False}), 5: ('wagtail.blocks.IntegerBlock', (), {'default': 4, 'label': 'Number of events', 'max_value': 12, 'min_value': 1}), 6: ('wagtail.blocks.MultipleChoiceBlock', [], {'choices': engagement.public.blocks._project_choices, 'help_text': 'None chosen: every project.', 'label': 'Projects', 'required': False}), 7: ('wagtail.blocks.StructBlock', [[('heading', 4), ('count', 5), ('projects', 6)]], {}), 8: ('wagtail.blocks.CharBlock', (), {'label': 'Heading', 'max_length': 255, 'required': False}), 9: ('wagtail.blocks.MultipleChoiceBlock', [], {'choices': engagement.blocks.project_choices, 'help_text': 'None chosen: every project.', 'label': 'Projects', 'required': False}), 10: ('wagtail.blocks.MultipleChoiceBlock', [], {'choices': engagement.blocks.district_choices, 'help_text': 'None chosen: the whole region.', 'label': 'Districts and cities', 'required': False}), 11: ('wagtail.blocks.DateBlock', (), {'help_text': 'Empty: from the first event.', 'label': 'From', 'required': False}), 12: ('wagtail.blocks.DateBlock', (), {'help_text': 'Empty: today.', 'label': 'Until', 'required': False}), 13: ('wagtail.blocks.StructBlock', [[('heading', 8), ('projects', 9), ('districts', 10), ('start_date', 11), ('end_date', 12)]], {}), 14: ('wagtail.blocks.CharBlock', (), {'help_text': 'Empty: “Our projects”.', 'label': 'Heading', 'max_length': 255, 'required': False}), 15: ('wagtail.blocks.MultipleChoiceBlock', [], {'choices': engagement.public.blocks._project_choices, 'help_text': 'None chosen: every active project.', 'label': 'Projects', 'required': False}), 16: ('wagtail.blocks.StructBlock', [[('heading', 14), ('projects', 15)]], {}), 17: ('wagtail.blocks.CharBlock', (), {'label': 'Heading', 'max_length': 255}), 18: ('wagtail.blocks.TextBlock', (), {'label': 'Text', 'max_length': 500, 'required': False}), 19: ('wagtail.blocks.CharBlock', (), {'help_text': 'What the reader does, e.g. “See the events”.', 'label': 'Link text', 'max_length': 80}), 20: ('wagtail.blocks.PageChooserBlock', (), {'help_text': 'A page of this site, or a web address below.', 'label': 'Page', 'required': False}), 21: ('wagtail.blocks.URLBlock', (), {'label': 'Web address', 'required': False}), 22: ('wagtail.blocks.StructBlock', [[('heading', 17), ('text', 18), ('link_label', 19), ('page', 20), ('url', 21)]], {})}, verbose_name='body'),
        ),
    ]
