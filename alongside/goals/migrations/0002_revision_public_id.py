# A revision gets a public id, so that the pair's timeline can refer to it.
import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    Revision = apps.get_model("goals", "Revision")
    for pk in Revision.objects.values_list("pk", flat=True):
        Revision.objects.filter(pk=pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("goals", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="revision",
            name="public_id",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="revision",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
