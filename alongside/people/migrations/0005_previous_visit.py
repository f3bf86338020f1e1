from django.db import migrations, models
from django.db.models import F


def start_from_last_active(apps, schema_editor):
    # Those who came before: their previous visit ended when they were last active, so the
    # home page does not show all their partner ever shared as new.
    Person = apps.get_model("people", "Person")
    Person.objects.filter(last_active__isnull=False).update(previous_visit_at=F("last_active"))


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_person_deleted_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="previous_visit_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(start_from_last_active, migrations.RunPython.noop),
    ]
