from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("engagement", "0015_event_import"),
    ]

    operations = [
        migrations.AddField(
            model_name="legacyobject",
            name="indexed",
            field=models.BooleanField(default=True, verbose_name="indexed"),
        ),
    ]
