"""Signal handlers of the plugin (connected in ``EngagementConfig.ready``)."""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete

from engagement import conf

logger = logging.getLogger(__name__)

#: Models whose permissions amount to managing users.
USER_MANAGEMENT_MODELS = Q(content_type__app_label="auth") | Q(
    content_type__app_label="wagtailusers"
)


def user_management_permissions():
    return Permission.objects.filter(USER_MANAGEMENT_MODELS)


def strip_user_management(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Organisers never hold user-management permissions, whoever tries to grant them."""
    if action != "post_add":
        return
    if reverse:
        # permission.group_set.add(group): instance is a permission
        if not user_management_permissions().filter(pk=instance.pk).exists():
            return
        groups = Group.objects.filter(pk__in=pk_set, name=conf.organisers_group_name())
        for group in groups:
            group.permissions.remove(instance)
            logger.warning("Refused user-management permission %s for %s", instance, group)
        return
    if instance.name != conf.organisers_group_name():
        return
    refused = user_management_permissions().filter(pk__in=pk_set)
    if refused:
        instance.permissions.remove(*refused)
        logger.warning(
            "Refused user-management permissions for %s: %s",
            instance, ", ".join(permission.codename for permission in refused),
        )


def _refuse_for_users(users, permissions):
    for user in users:
        refused = list(user.user_permissions.filter(pk__in=permissions.values("pk")))
        if refused:
            user.user_permissions.remove(*refused)
            logger.warning(
                "Refused user-management permissions for organiser %s: %s",
                user, ", ".join(permission.codename for permission in refused),
            )


def strip_user_management_from_organisers(
    sender, instance, action, reverse, model, pk_set, **kwargs
):
    """Nor do organisers hold them granted to their own account."""
    if action != "post_add":
        return
    group_name = conf.organisers_group_name()
    User = get_user_model()
    if reverse:
        # permission.user_set.add(user): instance is a permission
        if user_management_permissions().filter(pk=instance.pk).exists():
            _refuse_for_users(
                User.objects.filter(pk__in=pk_set, groups__name=group_name),
                Permission.objects.filter(pk=instance.pk),
            )
        return
    if instance.groups.filter(name=group_name).exists():
        _refuse_for_users([instance], user_management_permissions().filter(pk__in=pk_set))


def strip_user_management_on_joining(sender, instance, action, reverse, model, pk_set, **kwargs):
    """A user who joins the Organisers loses the user-management permissions held directly."""
    if action != "post_add":
        return
    group_name = conf.organisers_group_name()
    if reverse:
        # group.user_set.add(user): instance is the group
        if instance.name == group_name:
            _refuse_for_users(
                get_user_model().objects.filter(pk__in=pk_set), user_management_permissions()
            )
        return
    if Group.objects.filter(pk__in=pk_set, name=group_name).exists():
        _refuse_for_users([instance], user_management_permissions())


def promote_next_original(sender, instance, **kwargs):
    """When an event's original row is deleted, its lowest remaining translation becomes the
    original (``Event.is_source``). Connected before the statistics receivers, which then
    recount the event through its new original row."""
    # Not only when ``instance.is_source``: the instance may be older than its promotion.
    sender.refresh_source_flags([instance.translation_key])


def connect():
    from engagement.models import Event

    User = get_user_model()
    post_delete.connect(promote_next_original, sender=Event,
                        dispatch_uid="engagement_promote_next_original")
    m2m_changed.connect(
        strip_user_management, sender=Group.permissions.through,
        dispatch_uid="engagement_strip_user_management",
    )
    m2m_changed.connect(
        strip_user_management_from_organisers, sender=User.user_permissions.through,
        dispatch_uid="engagement_strip_user_management_from_organisers",
    )
    m2m_changed.connect(
        strip_user_management_on_joining, sender=User.groups.through,
        dispatch_uid="engagement_strip_user_management_on_joining",
    )
