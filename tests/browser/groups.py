"""Give the migrations' groups back their permissions after a transactional test flushed them.

The live server's tests flush the database after each test; ``demo_site`` rebuilds the demo
content, but the Organisers, Editors and Moderators groups come back without the permissions
migration ``engagement/0004_groups_and_workflow`` gave them, so an organiser could not even
sign in to the admin. Browser tests that sign organisers in call :func:`restore_group_permissions`
first.
"""

from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group

_MIGRATION = import_module("engagement.migrations.0004_groups_and_workflow")


def restore_group_permissions():
    for name, triples in (
        ("Organisers", _MIGRATION.ORGANISER_PERMISSIONS),
        ("Editors", _MIGRATION.EDITOR_PERMISSIONS),
        ("Moderators", _MIGRATION.MODERATOR_PERMISSIONS),
    ):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*_MIGRATION._permissions(apps, triples))
