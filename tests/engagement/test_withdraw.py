"""Withdrawing an event from moderation: who may, what it does, and who sees that it happened."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from engagement.models import EventLogEntry

from .forms import event_form_data, event_url
from .helpers import district, make_event, make_organiser, make_user, project

pytestmark = pytest.mark.django_db



def withdraw(client, event):
    """What the form posts when "Withdraw from moderation" is clicked."""
    data = event_form_data(event.project, event.district, title=event.title)
    return client.post(event_url("edit", event.pk), {**data, "action-cancel-workflow": "1"},
                       follow=True)


@pytest.fixture
def talgar():
    return district("talgar-district")


@pytest.fixture
def organiser(talgar):
    return make_organiser(districts=[talgar], username="aigul", language="kk")


@pytest.fixture
def submitted(organiser, talgar):
    """An event the organiser has submitted to moderation."""
    event = make_event(project("youth"), talgar, "Жастар форумы", live=False)
    event.save_revision(user=organiser)
    event.get_workflow().start(event, organiser)
    event.refresh_from_db()
    assert event.workflow_in_progress
    return event


def state_of(event):
    return WorkflowState.objects.for_instance(event).order_by("-created_at", "-pk").first()


def test_the_submitter_sees_withdraw_in_their_language_with_an_explanation(
        client, organiser, submitted):
    client.force_login(organiser)

    html = client.get(event_url("edit", submitted.pk)).content.decode()

    assert 'name="action-cancel-workflow"' in html
    assert "Модерациядан қайтарып алу" in html
    assert "Cancel workflow" not in html
    assert "іс-шара қаралама күйіне оралады" in html


def test_russian_and_english_labels(client, submitted, talgar):
    for language, label in (("ru", "Отозвать с модерации"), ("en", "Withdraw from moderation")):
        user = make_organiser(districts=[talgar], language=language)
        state = submitted.current_workflow_state
        state.requested_by = user
        state.save()
        client.force_login(user)
        assert label in client.get(event_url("edit", submitted.pk)).content.decode()


def test_withdrawing_returns_the_event_to_draft_and_logs_who_did_it(
        client, organiser, submitted):
    client.force_login(organiser)

    response = withdraw(client, submitted)

    assert response.status_code == 200
    submitted.refresh_from_db()
    assert not submitted.workflow_in_progress and not submitted.live
    assert state_of(submitted).status == WorkflowState.STATUS_CANCELLED
    entry = EventLogEntry.objects.get(object_id=str(submitted.pk),
                                      action="wagtail.workflow.cancel")
    assert entry.user == organiser
    # The form is open again: the organiser can correct it and submit it again.
    data = event_form_data(submitted.project, submitted.district, title="Жастар форумы (түзетілді)")
    resubmitted = client.post(event_url("edit", submitted.pk), {**data, "action-submit": "1"})
    assert resubmitted.status_code == 302
    submitted.refresh_from_db()
    assert submitted.workflow_in_progress
    assert submitted.latest_revision.as_object().title == "Жастар форумы (түзетілді)"


def test_moderators_read_who_withdrew_in_their_language(client, organiser, submitted):
    organiser.first_name, organiser.last_name = "Айгүл", "Сәрсенова"
    organiser.save()
    client.force_login(organiser)
    withdraw(client, submitted)
    moderator = make_user("moderator", groups=["Moderators"], language="ru")
    client.force_login(moderator)

    edit = client.get(event_url("edit", submitted.pk)).content.decode()
    history = client.get(event_url("history", submitted.pk)).content.decode()

    assert "Мероприятие отозвано с модерации: Айгүл Сәрсенова, " in edit
    assert "Айгүл Сәрсенова" in history
    assert "Отозвано с модерации" in history
    site_history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Жастар форумы" in site_history


def test_the_organiser_reads_the_withdrawal_in_kazakh(client, organiser, submitted):
    client.force_login(organiser)
    response = withdraw(client, submitted)

    assert "«Жастар форумы» (Іс-шара): модерациядан қайтарып алынды." in (
        response.content.decode())

    html = client.get(event_url("edit", submitted.pk)).content.decode()

    assert "Іс-шараны модерациядан қайтарып алған: aigul, " in html
    history = client.get(event_url("history", submitted.pk)).content.decode()
    assert "Модерациядан қайтарып алынды" in history


def test_another_organiser_of_the_same_scope_cannot_withdraw_it(client, submitted, talgar):
    colleague = make_organiser(districts=[talgar], language="en")
    client.force_login(colleague)

    html = client.get(event_url("edit", submitted.pk)).content.decode()
    withdraw(client, submitted)

    assert "Withdraw from moderation" not in html
    assert state_of(submitted).status == WorkflowState.STATUS_IN_PROGRESS
    assert not EventLogEntry.objects.filter(action="wagtail.workflow.cancel").exists()


def test_an_organiser_outside_the_scope_gets_a_404(client, submitted):
    outsider = make_organiser(districts=[district("karasay-district")])
    client.force_login(outsider)

    assert withdraw(client, submitted).status_code == 404
    assert state_of(submitted).status == WorkflowState.STATUS_IN_PROGRESS


def test_a_moderator_may_withdraw_too_and_is_named(client, organiser, submitted):
    moderator = make_user("moderator-kk", groups=["Moderators"], language="kk")
    client.force_login(moderator)

    withdraw(client, submitted)

    assert state_of(submitted).status == WorkflowState.STATUS_CANCELLED
    client.force_login(organiser)
    assert "Іс-шараны модерациядан қайтарып алған: moderator-kk, " in client.get(
        event_url("edit", submitted.pk)).content.decode()


def test_no_note_without_a_workflow_and_after_a_new_submission(client, organiser, submitted):
    client.force_login(organiser)
    withdraw(client, submitted)
    fresh = make_event(project("youth"), submitted.district, "Жаңа іс-шара", live=False)

    assert "data-eg-moderation-note" not in client.get(event_url("edit", fresh.pk)).content.decode()
    submitted.get_workflow().start(submitted, organiser)
    html = client.get(event_url("edit", submitted.pk)).content.decode()
    assert 'data-eg-moderation-note="awaiting"' in html
    assert "қайтарып алған" not in html
