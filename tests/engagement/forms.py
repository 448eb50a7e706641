"""Admin form data for events, as the event editor posts it."""

from django.contrib.admin.utils import quote
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

EVENT_URLS = "wagtailsnippets_engagement_event"


def event_url(name, *args):
    return reverse(f"{EVENT_URLS}:{name}", args=[quote(arg) for arg in args])


def event_form_data(project, district, **overrides):
    data = {
        "title": "Тұрғындармен кездесу",
        "project": project.pk,
        "district": district.pk,
        "settlement": "",
        "start": "2024-05-10 10:00",
        "end": "2024-05-10 12:00",
        "venue_address": "Талғар, Абай көшесі, 1",
        "format": "in_person",
        "accessibility": "accessible",
        "accessibility_notes": "",
        "description": rich_text("<p>Сипаттама</p>"),
        "related_news": "",
        "cancellation_reason": "",
        "participants": "",
        "count_kind": "",
        "participants_youth": "",
        "participants_veterans": "",
        "participants_families": "",
        "participants_disabilities": "",
        "participants_other": "",
        "photos": streamfield([]),
    }
    data.update(overrides)
    for key in [key for key, value in data.items() if value is None]:
        del data[key]
    return nested_form_data(data)
