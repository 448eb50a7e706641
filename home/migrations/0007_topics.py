"""News tags become translatable topics (issue 13), and back.

Forward: every taggit tag used by a news article becomes a Kazakh topic with the tag's name and
slug, and every article that had the tag links that topic, its translations too (their tags
were copies of the source's, Kazakh words, so they get the Kazakh topic until it is translated).
Revisions are converted the same way (their ``tagged_items`` become ``topic_links``), so a draft
opened after the migration keeps its topics. A link's ``translation_key`` is derived from the
article's and the tag's, so an article and its translations share it, as wagtail-localize
expects of translated child objects.

Backward: each link becomes the tag of its topic's Kazakh name and slug again (the tag itself
is kept by the forward step: images may use it too).
"""

import uuid

import django.db.models.deletion
import modelcluster.fields
import modelsearch.index
from django.db import migrations, models

#: Namespace of the links' translation keys (any fixed UUID).
LINK_KEYS = uuid.UUID("6f1d2c1e-93b0-4c57-9a39-3f6a7f0b5d21")


def link_key(page_key, slug):
    """The translation key shared by an article's link to a topic and its translations'."""
    return uuid.uuid5(LINK_KEYS, f"{page_key}:{slug}")


def tags_to_topics(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    NewsPage = apps.get_model("home", "NewsPage")
    NewsPageTag = apps.get_model("home", "NewsPageTag")
    NewsPageTopic = apps.get_model("home", "NewsPageTopic")
    Topic = apps.get_model("home", "Topic")
    Tag = apps.get_model("taggit", "Tag")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")

    rows = list(NewsPageTag.objects.values_list("content_object_id", "tag_id"))
    revision_type = ContentType.objects.filter(app_label="home", model="newspage").first()
    revisions = (
        Revision.objects.filter(content_type=revision_type) if revision_type else
        Revision.objects.none()
    )
    tag_ids = {tag_id for _page, tag_id in rows}
    for revision in revisions.only("content").iterator():
        tag_ids.update(item["tag"] for item in revision.content.get("tagged_items") or ())
    if not tag_ids:
        return
    kazakh = Locale.objects.filter(language_code="kk").first() or Locale.objects.first()
    topics = {}
    for tag in Tag.objects.filter(pk__in=tag_ids):
        topic = Topic.objects.filter(slug=tag.slug, locale=kazakh).first()
        if topic is None:
            topic = Topic.objects.create(
                name=tag.name[:100], slug=tag.slug[:100], locale=kazakh,
                translation_key=uuid.uuid4(),
            )
        topics[tag.pk] = topic
    pages = {
        pk: (key, locale_id)
        for pk, key, locale_id in NewsPage.objects.values_list("pk", "translation_key", "locale")
    }
    # An article and its translations get the union of their tags (they were copies).
    by_key = {}
    for page_id, tag_id in rows:
        by_key.setdefault(pages[page_id][0], []).append(tag_id)
    links = []
    for page_id, (key, locale_id) in pages.items():
        for order, tag_id in enumerate(dict.fromkeys(by_key.get(key, ()))):
            if tag_id in topics:
                links.append(NewsPageTopic(
                    page_id=page_id, topic=topics[tag_id], locale_id=locale_id,
                    sort_order=order, translation_key=link_key(key, topics[tag_id].slug),
                ))
    NewsPageTopic.objects.bulk_create(links)
    saved = {
        (link.page_id, link.topic_id): link
        for link in NewsPageTopic.objects.all()
    }
    for revision in revisions.iterator():
        content = revision.content
        if "tagged_items" not in content:
            continue
        page_id = int(revision.object_id)
        key, locale_id = pages.get(page_id, (content.get("translation_key"), content.get("locale")))
        converted = []
        for order, item in enumerate(content.pop("tagged_items") or ()):
            topic = topics.get(item["tag"])
            if topic is None:
                continue
            link = saved.get((page_id, topic.pk))
            converted.append({
                "pk": link.pk if link else None,
                "translation_key": str(link_key(key, topic.slug)),
                "locale": locale_id,
                "sort_order": order,
                "page": page_id,
                "topic": topic.pk,
            })
        content["topic_links"] = converted
        Revision.objects.filter(pk=revision.pk).update(content=content)


def topics_to_tags(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    NewsPageTag = apps.get_model("home", "NewsPageTag")
    NewsPageTopic = apps.get_model("home", "NewsPageTopic")
    Topic = apps.get_model("home", "Topic")
    Tag = apps.get_model("taggit", "Tag")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")

    kazakh = Locale.objects.filter(language_code="kk").first()
    source = {}  # topic pk: the Kazakh topic of its translation key (else the topic itself)
    kazakh_by_key = {
        topic.translation_key: topic for topic in Topic.objects.filter(locale=kazakh)
    }
    tags = {}

    def tag_for(topic_id):
        if topic_id not in source:
            topic = Topic.objects.get(pk=topic_id)
            source[topic_id] = kazakh_by_key.get(topic.translation_key, topic)
        topic = source[topic_id]
        if topic.pk not in tags:
            tag = (Tag.objects.filter(slug=topic.slug).first()
                   or Tag.objects.filter(name=topic.name).first())
            if tag is None:
                tag = Tag.objects.create(name=topic.name, slug=topic.slug)
            tags[topic.pk] = tag
        return tags[topic.pk]

    rows = []
    seen = set()
    for page_id, topic_id in NewsPageTopic.objects.order_by("sort_order", "pk").values_list(
        "page_id", "topic_id"
    ):
        tag = tag_for(topic_id)
        if (page_id, tag.pk) not in seen:
            seen.add((page_id, tag.pk))
            rows.append(NewsPageTag(content_object_id=page_id, tag=tag))
    NewsPageTag.objects.bulk_create(rows)
    revision_type = ContentType.objects.filter(app_label="home", model="newspage").first()
    if revision_type is None:
        return
    for revision in Revision.objects.filter(content_type=revision_type).iterator():
        content = revision.content
        if "topic_links" not in content:
            continue
        items, kept = [], set()
        for link in content.pop("topic_links") or ():
            if not Topic.objects.filter(pk=link["topic"]).exists():
                continue
            tag = tag_for(link["topic"])
            if tag.pk not in kept:
                kept.add(tag.pk)
                items.append({"pk": None, "tag": tag.pk, "content_object": link["page"]})
        content["tagged_items"] = items
        Revision.objects.filter(pk=revision.pk).update(content=content)



#: Editors and moderators manage the topics they give articles.
TOPIC_ACTIONS = ("add", "change", "delete")


def let_editors_manage_topics(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    # Django creates permissions after the last migration; the groups need them now.
    topic_type, _created = ContentType.objects.get_or_create(app_label="home", model="topic")
    permissions = [
        Permission.objects.get_or_create(
            content_type=topic_type, codename=f"{action}_topic",
            defaults={"name": f"Can {action} topic"},
        )[0]
        for action in TOPIC_ACTIONS
    ]
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)


def forbid_topics(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="home", content_type__model="topic"
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0006_gallery_caption_and_shape'),
        ('wagtailcore', '0098_apitoken'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.CreateModel(
            name='Topic',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('slug', models.SlugField(allow_unicode=True, blank=True, help_text="The topic's part of the news filter address, the same in every language. Left empty, it is made from the name.", max_length=100, verbose_name='slug')),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
            ],
            options={
                'verbose_name': 'topic',
                'verbose_name_plural': 'topics',
                'ordering': ['name'],
                'abstract': False,
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name='NewsPageTopic',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='topic_links', to='home.newspage')),
                ('topic', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='news_links', to='home.topic', verbose_name='topic')),
            ],
            options={
                'verbose_name': 'topic',
                'verbose_name_plural': 'topics',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.AddConstraint(
            model_name='topic',
            constraint=models.UniqueConstraint(fields=('slug', 'locale'), name='home_topic_slug_locale'),
        ),
        migrations.AlterUniqueTogether(
            name='topic',
            unique_together={('translation_key', 'locale')},
        ),
        migrations.AlterUniqueTogether(
            name='newspagetopic',
            unique_together={('translation_key', 'locale')},
        ),
        migrations.RunPython(tags_to_topics, topics_to_tags),
        migrations.RunPython(let_editors_manage_topics, forbid_topics),
        migrations.RemoveField(
            model_name='newspage',
            name='tags',
        ),
        migrations.DeleteModel(
            name='NewsPageTag',
        ),
    ]
