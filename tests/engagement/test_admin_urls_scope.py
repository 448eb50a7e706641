"""Every admin URL of an event outside an organiser's scope answers 403 or 404.

The URLs are enumerated from the URL resolver, not listed by hand: a view that Wagtail,
wagtail-localize or this plugin adds later is requested too, and a URL keyword this test does
not know how to fill makes it fail until somebody looks at the new view.
"""

import pytest
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.urls import get_resolver, reverse
from wagtail.models import Locale, TaskState, WorkflowState

from engagement.models import Event
from engagement.translation import translate_instance

from .helpers import district, make_event, make_organiser, make_user, project

pytestmark = pytest.mark.django_db

NAMESPACES = (
    "wagtailsnippets_engagement_event",
    "wagtailsnippetchoosers_engagement_event",
    "wagtail_localize",
)
# Views that name no object: listings, creation, catalogues. They are tested for what they
# show elsewhere (test_event_listing, test_scope); anything else must be exercised here.
NOT_PER_OBJECT = {
    "wagtailsnippets_engagement_event:list",
    "wagtailsnippets_engagement_event:list_results",
    "wagtailsnippets_engagement_event:add",
    "wagtailsnippets_engagement_event:preview_on_add",
    "wagtailsnippetchoosers_engagement_event:choose",
    "wagtailsnippetchoosers_engagement_event:choose_results",
    "wagtailsnippetchoosers_engagement_event:create",
    "wagtail_localize:javascript_catalog",
    "wagtail_localize:translations_report",
    "wagtail_localize:translations_report_results",
    # Page-only views of wagtail-localize (a page id, never an event).
    "wagtail_localize:submit_page_translation",
    "wagtail_localize:convert_to_alias",
}
# Views naming objects through the query string rather than the path.
QUERY_STRING_IDS = {"wagtailsnippetchoosers_engagement_event:chosen_multiple"}


def named_patterns():
    """(full name, keyword names) of every named URL in NAMESPACES, from the resolver."""
    found = []

    def walk(resolver, namespaces):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern, namespaces + ([pattern.namespace] if pattern.namespace else []))
            elif pattern.name and namespaces and namespaces[-1] in NAMESPACES:
                name = ":".join(namespaces[-1:] + [pattern.name])
                found.append((name, tuple(pattern.pattern.regex.groupindex)))

    walk(get_resolver(), [])
    return sorted(set(found))


@pytest.fixture
def hidden_event():
    """An event in Karasay with revisions, a workflow in progress and a Russian translation."""
    admin = make_user(superuser=True)
    event = make_event(district_=district("karasay-district"), title="Жасырын іс-шара")
    event.save_revision(user=admin).publish()
    event.title = "Жасырын іс-шара (түзетілген)"
    event.save_revision(user=admin)
    event.get_workflow().start(event, admin)
    translate_instance(event, Locale.objects.get(language_code="ru"), {}, user=admin)
    return event


@pytest.fixture
def organiser():
    """An organiser of Talgar District only, allowed to publish, lock and translate."""
    return make_organiser(districts=[district("talgar-district")], can_publish=True)


def url_values(event):
    from wagtail_localize.models import OverridableSegment, StringSegment, Translation

    translation = Translation.objects.get(source__object_id=event.translation_key)
    revisions = list(event.revisions.order_by("pk").values_list("pk", flat=True))
    workflow_state = WorkflowState.objects.for_instance(event).get()
    task_state = TaskState.objects.get(workflow_state=workflow_state)
    overridable = OverridableSegment.objects.filter(source=translation.source).first()
    return {
        "pk": event.pk,
        "revision_id": revisions[-1],
        "revision_id_a": revisions[0],
        "revision_id_b": revisions[-1],
        "workflow_state_id": workflow_state.pk,
        "task_state_id": task_state.pk,
        "task_id": task_state.task_id,
        "action_name": "approve",
        "translation_id": translation.pk,
        "translation_source_id": translation.source_id,
        "string_segment_id": StringSegment.objects.filter(source=translation.source).first().pk,
        "overridable_segment_id": overridable.pk if overridable else 0,
        "app_label": "engagement",
        "model_name": "event",
        "mode": "default",
    }


def urls_for(event):
    values = url_values(event)
    urls, unknown, skipped = [], [], set()
    for name, keywords in named_patterns():
        if name in NOT_PER_OBJECT:
            skipped.add(name)
            continue
        missing = [keyword for keyword in keywords if keyword not in values]
        if missing:
            unknown.append((name, missing))
            continue
        url = reverse(name, kwargs={keyword: values[keyword] for keyword in keywords})
        if name in QUERY_STRING_IDS:
            url += f"?id={event.pk}"
        urls.append((name, url))
    urls.append(("wagtail_bulk_action", reverse(
        "wagtail_bulk_action", args=["engagement", "event", "delete"]) + f"?id={event.pk}"))
    return urls, unknown, skipped


def is_refusal(response):
    if response.status_code in (403, 404):
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and (
        reverse("wagtailadmin_login") in location and REDIRECT_FIELD_NAME in location
    )


def test_the_resolver_offers_the_event_views_the_issue_names(hidden_event):
    names = {name.split(":")[1] for name, _keywords in named_patterns()}

    assert {
        "edit", "inspect", "history", "usage", "revisions_view", "revisions_compare", "delete",
        "copy", "lock", "unlock", "preview_on_edit", "workflow_action", "unpublish",
        "submit_snippet_translation", "update_translations", "download_pofile",
    } <= names


def test_no_admin_url_of_an_event_outside_the_scope_answers_an_organiser(
    client, hidden_event, organiser
):
    urls, unknown, skipped = urls_for(hidden_event)
    assert not unknown, f"new URL keywords to fill (and views to check): {unknown}"
    assert skipped == NOT_PER_OBJECT, "a view listed as not per-object no longer exists"
    assert len(urls) >= 30
    client.force_login(organiser)

    answered = []
    for name, url in urls:
        for method in (client.get, client.post):
            response = method(url)
            if not is_refusal(response):
                answered.append((method.__name__, name, url, response.status_code))

    assert not answered
    event = Event.objects.get(pk=hidden_event.pk)
    assert event.live and not event.locked and event.workflow_in_progress
    assert event.get_translations().filter(locale__language_code="ru").exists()


def test_the_same_urls_do_answer_for_an_event_inside_the_scope(client, organiser):
    """The control: the guard refuses by scope, not everything."""
    admin = make_user(superuser=True)
    event = make_event(district_=district("talgar-district"), project_=project())
    event.save_revision(user=admin).publish()
    client.force_login(organiser)

    for name in ("edit", "inspect", "history", "usage", "copy", "delete"):
        url = reverse(f"wagtailsnippets_engagement_event:{name}", args=[event.pk])
        assert client.get(url).status_code == 200, name
    translate = reverse(
        "wagtail_localize:submit_snippet_translation", args=["engagement", "event", event.pk]
    )
    assert client.get(translate).status_code == 200


def test_anonymous_users_are_sent_to_the_login_page(client, hidden_event):
    urls, _unknown, _skipped = urls_for(hidden_event)

    for _name, url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("wagtailadmin_login") in response["Location"]
