"""An index on the events' start for the public calendar's list (see UpcomingThenPast)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("engagement", "0011_honest_reference_data"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["start", "id"], name="engagement_event_start"),
        ),
    ]
