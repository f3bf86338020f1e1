"""The programs' monthly totals (ProgramMonth) that the dashboard reads its whole months
from, the key each pair's rows are summed under (started, department), rows that outlive
their deleted pair until the refresh takes them out of the totals, and the triggers that
note a pair whose status, mentee or mentee's enrollment changes. Every pair gets a note, so
that the sweep (or `insights_rollups`) counts them all under their key once; until then the
dashboard reads them from their rows."""

import django.db.models.deletion
from django.db import migrations, models

from alongside.insights.triggers import install_and_note_every_pair


class Migration(migrations.Migration):

    dependencies = [
        ('insights', '0003_pair_change_triggers'),
        ('mentorships', '0010_timeline_rows_of_gone_things'),
        ('programs', '0005_console_invitations_questions'),
    ]

    operations = [
        migrations.AddField(
            model_name='pairmonth',
            name='department',
            field=models.TextField(blank=True, default=''),
        ),
        migrations.AddField(
            model_name='pairmonth',
            name='started',
            field=models.BooleanField(default=False),
        ),
        migrations.AlterField(
            model_name='pairmonth',
            name='mentorship',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='mentorships.mentorship'),
        ),
        migrations.CreateModel(
            name='ProgramMonth',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.CharField(max_length=7)),
                ('department', models.TextField(blank=True, default='')),
                ('meetings', models.IntegerField(default=0)),
                ('checkins', models.IntegerField(default=0)),
                ('goals_set', models.IntegerField(default=0)),
                ('goals_achieved', models.IntegerField(default=0)),
                ('milestones', models.IntegerField(default=0)),
                ('messages', models.IntegerField(default=0)),
                ('feedback', models.IntegerField(default=0)),
                ('feedback_ratings', models.IntegerField(default=0)),
                ('feedback_pairs', models.IntegerField(default=0)),
                ('program', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='programs.program')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('program', 'month', 'department'), name='one_program_month')],
            },
        ),
        migrations.RunPython(install_and_note_every_pair, migrations.RunPython.noop),
    ]
