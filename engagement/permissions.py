"""The permission policy of events: Django's model permissions narrowed to organiser scope.

Registered with ``wagtail.permissions.register_permission_policy`` in ``wagtail_hooks``, so
every Wagtail view, button, chooser and URL finder that asks the policy about one event gets a
scope-aware answer. Listings do not ask the policy: the event viewset filters them itself.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from engagement.services.scope import ACCESS_ALL_EVENTS, get_scope, users_in_scope_q


class EventPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and get_scope(user).contains(instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and get_scope(user).contains(instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return get_scope(user).filter(self.model._default_manager.all())

    def users_with_any_permission_for_instance(self, actions, instance):
        app_label, codename = ACCESS_ALL_EVENTS.split(".")
        sees_all = (
            Q(is_superuser=True)
            | Q(user_permissions__content_type__app_label=app_label,
                user_permissions__codename=codename)
            | Q(groups__permissions__content_type__app_label=app_label,
                groups__permissions__codename=codename)
        )
        in_scope = get_user_model().objects.filter(sees_all | users_in_scope_q(instance))
        return self.users_with_any_permission(actions).filter(pk__in=in_scope.values("pk"))
