"""``Event.is_source``: the stored "lowest id among its translations" (the original row).

The field is added as True everywhere, then the data step sets it False on every row that has
a translation with a lower id, in one ``UPDATE``. Reversing removes the field (the data step
has nothing to undo).
"""

from django.db import migrations, models
from django.db.models import Exists, OuterRef


def fill_is_source(apps, schema_editor):
    Event = apps.get_model("engagement", "Event")
    earlier = Event.objects.filter(translation_key=OuterRef("translation_key"),
                                   pk__lt=OuterRef("pk"))
    # The subquery is in the WHERE clause of a SELECT of ids, not of the UPDATE itself: some
    # databases refuse an UPDATE whose subquery reads the table it updates.
    later = list(Event.objects.filter(Exists(earlier)).values_list("pk", flat=True))
    for start in range(0, len(later), 5000):
        Event.objects.filter(pk__in=later[start:start + 5000]).update(is_source=False)


class Migration(migrations.Migration):

    dependencies = [
        ("engagement", "0013_gallery_caption_and_shape"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="is_source",
            field=models.BooleanField(default=True, editable=False, verbose_name="original (not a translation)"),
        ),
        migrations.RunPython(fill_is_source, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(condition=models.Q(("is_source", True), ("live", True)),
                               fields=["start", "id", "end", "project"],
                               name="engagement_event_public"),
        ),
    ]
