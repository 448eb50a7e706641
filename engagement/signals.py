"""Signal handlers of the plugin (connected in ``EngagementConfig.ready``)."""

import logging

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.db.models.signals import m2m_changed

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


def connect():
    m2m_changed.connect(
        strip_user_management, sender=Group.permissions.through,
        dispatch_uid="engagement_strip_user_management",
    )
