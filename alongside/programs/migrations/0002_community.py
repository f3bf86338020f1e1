from django.db import migrations


def create_community(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    Program.objects.get_or_create(
        is_default=True,
        defaults={
            "slug": "community",
            "name": "Community",
            "description": "The open community: anyone can find a mentor here, no admin needed.",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]
    operations = [migrations.RunPython(create_community, migrations.RunPython.noop)]
