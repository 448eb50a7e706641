"""Public URLs of the plugin (open data). A host includes them, e.g. inside ``i18n_patterns``:

    path("open-data/", include("engagement.urls")),
"""

from django.urls import path

from .views import open_data

app_name = "engagement_open_data"

urlpatterns = [
    path("statistics.json", open_data.statistics_json, name="statistics_json"),
    path("statistics.csv", open_data.statistics_csv, name="statistics_csv"),
    path("events.json", open_data.events_json, name="events_json"),
]
