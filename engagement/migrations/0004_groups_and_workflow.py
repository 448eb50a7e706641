"""The Organisers group, event permissions for Wagtail's Editors and Moderators, and the
default moderation workflow for events.

Organisers get event permissions limited by their scope (see ``OrganiserScope``) and never any
user-management permission. Publishing is not granted by default: organisers submit events to
moderation; give the group "Can publish event" to let them publish directly.
"""

from django.conf import settings
from django.db import migrations

ORGANISER_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("engagement", "event", "add_event"),
    ("engagement", "event", "change_event"),
    ("engagement", "event", "delete_event"),
    ("engagement", "event", "lock_event"),
    ("engagement", "project", "view_project"),
    ("engagement", "place", "view_place"),
    ("wagtail_localize", "translation", "submit_translation"),
]
EDITOR_PERMISSIONS = [
    ("engagement", "event", "add_event"),
    ("engagement", "event", "change_event"),
    ("engagement", "event", "delete_event"),
    ("engagement", "event", "lock_event"),
    ("engagement", "event", "access_all_events"),
    ("engagement", "project", "add_project"),
    ("engagement", "project", "change_project"),
    ("engagement", "place", "add_place"),
    ("engagement", "place", "change_place"),
]
MODERATOR_PERMISSIONS = EDITOR_PERMISSIONS + [
    ("engagement", "event", "publish_event"),
    ("engagement", "event", "unlock_event"),
]


def _create_permissions(apps):
    # Django creates permissions after the last migration; this one needs them now.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    # Wagtail adds these for snippets with draft state and locking after migrating, too.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    event_type, _created = ContentType.objects.get_or_create(app_label="engagement", model="event")
    for action in ("publish", "lock", "unlock"):
        Permission.objects.get_or_create(
            content_type=event_type, codename=f"{action}_event",
            defaults={"name": f"Can {action} event"},
        )


def _permissions(apps, triples):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, _model, codename in triples:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            found.append(permission)
    return found


def setup(apps, schema_editor):
    _create_permissions(apps)
    Group = apps.get_model("auth", "Group")
    name = getattr(settings, "ENGAGEMENT_ORGANISERS_GROUP", "Organisers")
    organisers, _created = Group.objects.get_or_create(name=name)
    organisers.permissions.add(*_permissions(apps, ORGANISER_PERMISSIONS))

    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is not None:
        for permission in _permissions(
            apps,
            [("wagtailimages", "image", "add_image"), ("wagtailimages", "image", "choose_image")],
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=organisers, collection=root, permission=permission
            )

    for group_name, triples in (
        ("Editors", EDITOR_PERMISSIONS),
        ("Moderators", MODERATOR_PERMISSIONS),
    ):
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.add(*_permissions(apps, triples))

    # Events go through the workflow that moderates the site's pages, if there is one.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = Workflow.objects.filter(active=True, name="Moderators approval").first()
    if workflow is not None:
        content_type, _created = ContentType.objects.get_or_create(
            app_label="engagement", model="event"
        )
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0003_load_places"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
