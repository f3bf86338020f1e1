"""Each pair's change of confidence per skill from its first check-in to its latest
(PairSkill), which the dashboard reads for the pairs whose check-ins all fall inside the
period, and the trigger that notes a pair whose skill ratings change. Every pair gets a
note, so that the sweep (or `insights_rollups`) counts them all once; until then the
dashboard pairs their check-ins from the rows."""

import django.db.models.deletion
from django.db import migrations, models

from alongside.insights.triggers import install_and_note_every_pair


class Migration(migrations.Migration):

    dependencies = [
        ('insights', '0004_program_month_totals'),
        ('mentorships', '0010_timeline_rows_of_gone_things'),
        ('programs', '0005_console_invitations_questions'),
    ]

    operations = [
        migrations.CreateModel(
            name='PairSkill',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('first_at', models.DateTimeField()),
                ('last_at', models.DateTimeField()),
                ('checkins', models.PositiveIntegerField()),
                ('skill', models.TextField(null=True)),
                ('label', models.TextField(null=True)),
                ('first_level', models.PositiveSmallIntegerField(null=True)),
                ('last_level', models.PositiveSmallIntegerField(null=True)),
                ('mentorship', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='mentorships.mentorship')),
                ('program', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='programs.program')),
            ],
            options={
                'indexes': [models.Index(fields=['program', 'first_at', 'last_at'], name='pair_skill_first'), models.Index(fields=['program', 'last_at', 'first_at'], name='pair_skill_last')],
            },
        ),
        migrations.RunPython(install_and_note_every_pair, migrations.RunPython.noop),
    ]
