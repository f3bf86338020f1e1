import datetime as dt

from django.db import migrations, models
from django.db.models import Min


def freeze_opening_times(apps, schema_editor):
    """Meetings answered before this field existed opened 7 days after their start; keep
    whatever was already open open, and never open anything later than the new rule would
    (7 days after the first answer)."""
    Meeting = apps.get_model("meetings", "Meeting")
    Feedback = apps.get_model("meetings", "Feedback")
    firsts = Feedback.objects.values("meeting_id").annotate(first=Min("created_at"))
    for row in firsts.iterator():
        meeting = Meeting.objects.get(pk=row["meeting_id"])
        opens = min(meeting.starts_at, row["first"]) + dt.timedelta(days=7)
        Meeting.objects.filter(pk=meeting.pk).update(feedback_opens_at=opens)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_prompts"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="feedback_opens_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(freeze_opening_times, migrations.RunPython.noop),
    ]
