from django.db import migrations


def load(apps, schema_editor):
    from engagement.services.places import load_places

    load_places(
        apps.get_model("engagement", "Place"),
        apps.get_model("engagement", "PlaceTransfer"),
        apps.get_model("wagtailcore", "Locale"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0002_events_places_scope"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
