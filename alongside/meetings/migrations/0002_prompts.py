from django.db import migrations


def load_prompts(apps, schema_editor):
    from alongside.meetings.prompts import PROMPTS

    Prompt = apps.get_model("meetings", "Prompt")
    for topic, texts in PROMPTS.items():
        for text in texts:
            Prompt.objects.get_or_create(text=text, defaults={"topic": topic})


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [migrations.RunPython(load_prompts, migrations.RunPython.noop)]
