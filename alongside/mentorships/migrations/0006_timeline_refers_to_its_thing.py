# The timeline refers to its thing and keeps no text of its own: its words and links are
# rendered when read. A cancelled meeting, which the stored text alone told apart, gets
# its own kind. The table takes the pair core's name.
from django.db import migrations, models


def cancelled_meetings_get_their_kind(apps, schema_editor):
    TimelineItem = apps.get_model("mentorships", "TimelineItem")
    TimelineItem.objects.filter(kind="meeting", summary__startswith="Meeting cancelled").update(
        kind="meeting_cancelled"
    )


def cancelled_meetings_back(apps, schema_editor):
    TimelineItem = apps.get_model("mentorships", "TimelineItem")
    TimelineItem.objects.filter(kind="meeting_cancelled").update(kind="meeting")


class Migration(migrations.Migration):

    dependencies = [
        ("mentorships", "0005_timelineitem"),
    ]

    operations = [
        migrations.AlterField(
            model_name='timelineitem',
            name='kind',
            field=models.CharField(choices=[('agreement', 'Agreement'), ('goal', 'Goal'), ('revision', 'Goal revision'), ('milestone', 'Milestone'), ('meeting', 'Meeting'), ('meeting_cancelled', 'Meeting cancelled'), ('note', 'Shared note'), ('action', 'Action item done'), ('checkin', 'Check-in'), ('appreciation', 'Appreciation'), ('resource', 'Resource'), ('celebration', 'Celebration'), ('journal', 'Shared journal entry'), ('requested', 'Mentorship requested'), ('proposed', 'Pair proposed by matching'), ('withdrawn', 'Request withdrawn'), ('accepted', 'Mentorship accepted'), ('declined', 'Mentorship declined'), ('confirmed', 'Matched pair confirmed'), ('ended', 'Mentorship ended'), ('completed', 'Mentorship completed'), ('agreement_in_force', 'Agreement in force'), ('meeting_changed', 'Meeting changed')], max_length=32),
        ),
        migrations.RunPython(cancelled_meetings_get_their_kind, cancelled_meetings_back),
        migrations.RemoveField(
            model_name='timelineitem',
            name='summary',
        ),
        migrations.RemoveField(
            model_name='timelineitem',
            name='url',
        ),
        migrations.RenameIndex(
            model_name='timelineitem',
            new_name='timeline_pair_at',
            old_name='growth_time_mentors_da111b_idx',
        ),
        migrations.RenameIndex(
            model_name='timelineitem',
            new_name='timeline_pair_kind_at',
            old_name='growth_time_mentors_c5f6bf_idx',
        ),
        migrations.AlterModelTable(
            name='timelineitem',
            table=None,
        ),
        migrations.AddField(
            model_name='mentorship',
            name='celebrations_checked_on',
            field=models.DateField(blank=True, null=True),
        ),
    ]
