"""Program insights' tables, squashed on 2026-12-06 (see docs/migrations.md), and the
triggers that note, in insights_pairchange, every pair one of whose meetings, feedback,
check-ins, goals, milestones or messages is written or deleted, or whose status, mentee or
mentee's enrollment or skill ratings change: the dashboard's monthly rollups (PairMonth,
ProgramMonth, PairSkill) are recounted from these marks, and until then the dashboard
reads the marked pairs' rows directly. Triggers, not calls in the services, so that
nothing that writes these rows (a service, a bulk load, the admin site, a cascade) can
forget. An update marks the pair only when a column the rollups count changes
(alongside/insights/triggers.py)."""

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models

from alongside.insights.triggers import install, uninstall


def create_triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    install(schema_editor.connection)


def drop_triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    replaces = [('insights', '0001_initial'), ('insights', '0002_pair_month_rollups'), ('insights', '0003_pair_change_triggers'), ('insights', '0004_program_month_totals'), ('insights', '0005_pair_skill_changes')]

    initial = True

    dependencies = [
        ('goals', '0001_squashed'),
        ('growth', '0001_squashed'),
        ('meetings', '0001_squashed'),
        ('mentorships', '0001_squashed'),
        ('people', '__first__'),
        ('programs', '0001_squashed'),
        ('threads', '0001_squashed'),
    ]

    operations = [
        migrations.CreateModel(
            name='PairChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('mentorship_id', models.BigIntegerField(db_index=True)),
            ],
        ),
        migrations.CreateModel(
            name='Survey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('sent_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('program', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='survey', to='programs.program')),
                ('sent_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='PairMonth',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.CharField(max_length=7)),
                ('started', models.BooleanField(default=False)),
                ('department', models.TextField(blank=True, default='')),
                ('meetings', models.PositiveIntegerField(default=0)),
                ('meetings_first', models.DateTimeField(null=True)),
                ('meetings_last', models.DateTimeField(null=True)),
                ('checkins', models.PositiveIntegerField(default=0)),
                ('checkins_first', models.DateTimeField(null=True)),
                ('checkins_last', models.DateTimeField(null=True)),
                ('goals_set', models.PositiveIntegerField(default=0)),
                ('goals_set_first', models.DateTimeField(null=True)),
                ('goals_set_last', models.DateTimeField(null=True)),
                ('goals_achieved', models.PositiveIntegerField(default=0)),
                ('goals_achieved_first', models.DateTimeField(null=True)),
                ('goals_achieved_last', models.DateTimeField(null=True)),
                ('milestones', models.PositiveIntegerField(default=0)),
                ('milestones_first', models.DateTimeField(null=True)),
                ('milestones_last', models.DateTimeField(null=True)),
                ('messages', models.PositiveIntegerField(default=0)),
                ('messages_first', models.DateTimeField(null=True)),
                ('messages_last', models.DateTimeField(null=True)),
                ('feedback', models.PositiveIntegerField(default=0)),
                ('feedback_first', models.DateTimeField(null=True)),
                ('feedback_last', models.DateTimeField(null=True)),
                ('feedback_ratings', models.PositiveIntegerField(default=0)),
                ('first_any', models.DateTimeField(null=True)),
                ('last_any', models.DateTimeField(null=True)),
                ('mentorship', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='mentorships.mentorship')),
                ('program', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='programs.program')),
            ],
            options={
                'indexes': [models.Index(fields=['program', 'month', 'first_any'], name='pair_month_first'), models.Index(fields=['program', 'month', 'last_any'], name='pair_month_last'), models.Index(fields=['program', 'month', 'mentorship', 'meetings', 'checkins', 'goals_set', 'goals_achieved', 'milestones', 'messages'], name='pair_month_counts'), models.Index(condition=models.Q(('feedback__gt', 0)), fields=['program', 'month', 'mentorship', 'feedback', 'feedback_ratings', 'feedback_first', 'feedback_last'], name='pair_month_feedback'), models.Index(condition=models.Q(('checkins__gt', 0)), fields=['program', 'month', 'mentorship', 'checkins', 'checkins_first', 'checkins_last'], name='pair_month_checkins')],
                'constraints': [models.UniqueConstraint(fields=('mentorship', 'month'), name='one_pair_month')],
            },
        ),
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
        migrations.CreateModel(
            name='SurveyAnswer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('useful', models.PositiveSmallIntegerField()),
                ('goals', models.PositiveSmallIntegerField()),
                ('recommend', models.PositiveSmallIntegerField()),
                ('what_changed', models.TextField(blank=True, max_length=4000)),
                ('shared', models.BooleanField(default=False)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('mentorship', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='survey_answers', to='mentorships.mentorship')),
                ('survey', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='insights.survey')),
            ],
            options={
                'ordering': ['created_at', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('survey', 'mentorship', 'author'), name='one_survey_answer_each'), models.CheckConstraint(condition=models.Q(('useful__gte', 1), ('useful__lte', 5), ('goals__gte', 1), ('goals__lte', 5), ('recommend__gte', 1), ('recommend__lte', 5)), name='survey_ratings_1_to_5')],
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
