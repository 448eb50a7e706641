"""Organiser scope: which events a user may see and manage.

Everything that lists, exports, chooses or opens events asks this module. A user who is an
active superuser or holds ``engagement.access_all_events`` (editors, moderators) is
*unrestricted*; everybody else sees only the events their :class:`OrganiserScope` rules cover,
and nothing without a rule.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q

ACCESS_ALL_EVENTS = "engagement.access_all_events"
_CACHE_ATTR = "_engagement_scope"


@dataclass(frozen=True)
class ScopeRule:
    """Events of ``project_ids`` (``None``: any project) in ``district_ids`` (``None``: any)."""

    project_ids: frozenset | None
    district_ids: frozenset | None

    def allows(self, project_id, district_id):
        return (self.project_ids is None or project_id in self.project_ids) and (
            self.district_ids is None or district_id in self.district_ids
        )

    @property
    def q(self):
        q = Q()
        if self.project_ids is not None:
            q &= Q(project_id__in=sorted(self.project_ids))
        if self.district_ids is not None:
            q &= Q(district_id__in=sorted(self.district_ids))
        return q


@dataclass(frozen=True)
class Scope:
    unrestricted: bool
    rules: tuple = field(default=())

    @cached_property
    def q(self):
        """A filter on events; only field lookups, so search backends accept it too."""
        if self.unrestricted:
            return Q()
        if not self.rules:
            return Q(pk__in=[])
        q = Q()
        for rule in self.rules:
            q |= rule.q
        return q

    def allows(self, project_id, district_id):
        """Whether an event of this project in this district (canonical ids) is in scope."""
        return self.unrestricted or any(
            rule.allows(project_id, district_id) for rule in self.rules
        )

    def contains(self, event):
        return self.allows(event.project_id, event.district_id)

    def filter(self, queryset):
        return queryset if self.unrestricted else queryset.filter(self.q)

    @property
    def project_ids(self):
        """Projects an event in scope may have; ``None`` when any project is possible."""
        if self.unrestricted or any(rule.project_ids is None for rule in self.rules):
            return None
        return frozenset().union(*(rule.project_ids for rule in self.rules))

    @property
    def district_ids(self):
        """Districts an event in scope may be in; ``None`` when any district is possible."""
        if self.unrestricted or any(rule.district_ids is None for rule in self.rules):
            return None
        return frozenset().union(*(rule.district_ids for rule in self.rules))


def can_see_all_events(user):
    return bool(
        user.is_active and (user.is_superuser or user.has_perm(ACCESS_ALL_EVENTS))
    )


def get_scope(user):
    """The :class:`Scope` of ``user``, computed once per user object (two queries)."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        scope = Scope(unrestricted=False)
    elif can_see_all_events(user):
        scope = Scope(unrestricted=True)
    else:
        scope = Scope(unrestricted=False, rules=_load_rules(user))
    setattr(user, _CACHE_ATTR, scope)
    return scope


def clear_cached_scope(user):
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _load_rules(user):
    return tuple(rule for _user_id, rule in _rules(organiserscope__user=user))


def _rules(**filters):
    """``(user id, ScopeRule)`` of the scope rules matching ``filters`` (two queries)."""
    from engagement.models import OrganiserScope

    through = {
        "projects": OrganiserScope.projects.through.objects.filter(**filters).values_list(
            "organiserscope_id", "organiserscope__user_id", "project_id"
        ),
        "districts": OrganiserScope.districts.through.objects.filter(**filters).values_list(
            "organiserscope_id", "organiserscope__user_id", "place_id"
        ),
    }
    by_rule = {}
    for index, name in enumerate(("projects", "districts")):
        for rule_id, user_id, target_id in through[name]:
            by_rule.setdefault(rule_id, (user_id, [set(), set()]))[1][index].add(target_id)
    # A rule with neither projects nor districts has no rows here: it grants nothing (its form
    # refuses it anyway).
    return [
        (user_id, ScopeRule(frozenset(projects) or None, frozenset(districts) or None))
        for user_id, (projects, districts) in by_rule.values()
    ]


def visible_events(user, queryset=None):
    """The events ``user`` may see (all of them for unrestricted users)."""
    from engagement.models import Event

    queryset = Event.objects.all() if queryset is None else queryset
    return get_scope(user).filter(queryset)


def users_in_scope_q(event):
    """A filter on users whose organiser rules cover ``event``."""
    user_ids = {
        user_id for user_id, rule in _rules() if rule.allows(event.project_id, event.district_id)
    }
    return Q(pk__in=sorted(user_ids))
