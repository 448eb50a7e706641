"""The monthly summary of counted events, filled from the events that exist already.

From here on signal receivers keep it up to date (``engagement.stats.summary``).
"""

import zoneinfo

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Count, Exists, OuterRef, Sum
from django.db.models.functions import TruncMonth

SUM_FIELDS = (
    "participants", "participants_youth", "participants_veterans", "participants_families",
    "participants_disabilities", "participants_other",
)


def summarise_events(apps, schema_editor):
    # The same rule as engagement.stats.counting.counted_events, on the historical models.
    Event = apps.get_model("engagement", "Event")
    MonthlyTotal = apps.get_model("engagement", "MonthlyTotal")
    zone = zoneinfo.ZoneInfo(getattr(settings, "ENGAGEMENT_EVENT_TIME_ZONE", "Asia/Almaty"))
    earlier = Event.objects.filter(
        translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk")
    )
    rows = (
        Event.objects.filter(live=True, cancelled=False)
        .exclude(Exists(earlier))
        .annotate(month=TruncMonth("start", tzinfo=zone))
        .values("project_id", "district_id", "month", "count_kind")
        .annotate(events=Count("pk"), **{name: Sum(name, default=0) for name in SUM_FIELDS})
        .order_by()
    )
    MonthlyTotal.objects.bulk_create(
        (
            MonthlyTotal(
                project_id=row["project_id"], district_id=row["district_id"],
                month=row["month"].date(), count_kind=row["count_kind"], events=row["events"],
                **{name: row[name] for name in SUM_FIELDS},
            )
            for row in rows
        ),
        batch_size=2000,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('engagement', '0004_groups_and_workflow'),
    ]

    operations = [
        migrations.CreateModel(
            name='MonthlyTotal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField()),
                ('count_kind', models.CharField(blank=True, max_length=20)),
                ('events', models.PositiveIntegerField(default=0)),
                ('participants', models.BigIntegerField(default=0)),
                ('participants_youth', models.BigIntegerField(default=0)),
                ('participants_veterans', models.BigIntegerField(default=0)),
                ('participants_families', models.BigIntegerField(default=0)),
                ('participants_disabilities', models.BigIntegerField(default=0)),
                ('participants_other', models.BigIntegerField(default=0)),
                ('district', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='engagement.place')),
                ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='engagement.project')),
            ],
            options={
                'verbose_name': 'monthly total',
                'verbose_name_plural': 'monthly totals',
                'indexes': [models.Index(fields=['month'], name='engagement_monthlytotal_month')],
                'constraints': [models.UniqueConstraint(fields=('project', 'district', 'month', 'count_kind'), name='engagement_monthlytotal_cell')],
            },
        ),
        migrations.RunPython(summarise_events, migrations.RunPython.noop),
    ]
