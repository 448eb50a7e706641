"""The site's search finds published events in the current language."""

import pytest

from .helpers import event, fresh_project, translate

pytestmark = pytest.mark.django_db


def search(client, path, query):
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_search_finds_published_events_by_title_place_and_description(client):
    project = fresh_project()
    event(project, title="Зымыранқұс кездесуі")
    event(project, title="Басқа", venue_address="Шарынқала мәдениет үйі")
    event(project, title="Үшінші", description="<p>Арыстанбап жиыны</p>")
    event(project, title="Жарияланбаған Зымыранқұс", live=False)

    assert "Зымыранқұс кездесуі" in search(client, "/search/", "Зымыранқұс")
    assert "Жарияланбаған" not in search(client, "/search/", "Зымыранқұс")
    assert "Басқа" in search(client, "/search/", "Шарынқала")
    assert "Үшінші" in search(client, "/search/", "Арыстанбап")


def test_search_is_limited_to_the_current_language(client):
    source = event(fresh_project(), title="Қорамсақ кездесуі")
    translate(source, "ru", title="Встреча Корамсак")

    assert "Встреча Корамсак" in search(client, "/ru/search/", "Корамсак")
    assert "Қорамсақ кездесуі" not in search(client, "/ru/search/", "Қорамсақ")
    assert 'href="/ru/events/' in search(client, "/ru/search/", "Корамсак")
