# Squashed on 2026-12-06 from the migrations named in `replaces` (docs/migrations.md).

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('matching', '0001_initial')]

    initial = True

    dependencies = [
        ('mentorships', '0001_squashed'),
        ('people', '__first__'),
        ('programs', '0001_squashed'),
    ]

    operations = [
        migrations.CreateModel(
            name='MatchingRun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Running'), ('done', 'Done'), ('failed', 'Failed'), ('published', 'Published')], default='queued', max_length=16)),
                ('progress', models.PositiveSmallIntegerField(default=0)),
                ('stage', models.CharField(blank=True, max_length=80)),
                ('error', models.TextField(blank=True)),
                ('weights', models.JSONField(default=dict)),
                ('fairness', models.BooleanField(default=False)),
                ('floor', models.FloatField(default=0.0)),
                ('params', models.JSONField(default=dict)),
                ('matched', models.PositiveIntegerField(default=0)),
                ('unmatched', models.PositiveIntegerField(default=0)),
                ('mean_score', models.FloatField(default=0.0)),
                ('min_score', models.FloatField(default=0.0)),
                ('seconds', models.FloatField(default=0.0)),
                ('timings', models.JSONField(default=dict)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('started_at', models.DateTimeField(blank=True, null=True)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('published_at', models.DateTimeField(blank=True, null=True)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('program', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='matching_runs', to='programs.program')),
                ('published_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rerun_of', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reruns', to='matching.matchingrun')),
            ],
            options={
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='RunPair',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.FloatField()),
                ('language', models.FloatField(null=True)),
                ('skills', models.FloatField(null=True)),
                ('text', models.FloatField(null=True)),
                ('timezone', models.FloatField(null=True)),
                ('seniority', models.FloatField(null=True)),
                ('picks', models.FloatField(null=True)),
                ('explanation', models.CharField(max_length=1000)),
                ('locked', models.BooleanField(default=False)),
                ('swapped', models.BooleanField(default=False)),
                ('not_published', models.CharField(blank=True, max_length=300)),
                ('mentee', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('mentor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('mentorship', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='mentorships.mentorship')),
                ('run', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pairs', to='matching.matchingrun')),
            ],
            options={
                'ordering': ['-score', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='RunUnmatched',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(max_length=300)),
                ('mentee', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('run', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='unmatched_rows', to='matching.matchingrun')),
            ],
            options={
                'ordering': ['pk'],
            },
        ),
        migrations.AddIndex(
            model_name='matchingrun',
            index=models.Index(fields=['program', '-created_at'], name='matching_ma_program_2495e0_idx'),
        ),
        migrations.AddConstraint(
            model_name='matchingrun',
            constraint=models.CheckConstraint(condition=models.Q(('progress__lte', 100)), name='run_progress_0_100'),
        ),
        migrations.AddConstraint(
            model_name='matchingrun',
            constraint=models.CheckConstraint(condition=models.Q(('floor__gte', 0), ('floor__lte', 1)), name='run_floor_0_1'),
        ),
        migrations.AddIndex(
            model_name='runpair',
            index=models.Index(fields=['run', '-score', 'id'], name='matching_ru_run_id_87e1eb_idx'),
        ),
        migrations.AddConstraint(
            model_name='runpair',
            constraint=models.UniqueConstraint(fields=('run', 'mentee'), name='one_pair_per_mentee_per_run'),
        ),
        migrations.AddConstraint(
            model_name='rununmatched',
            constraint=models.UniqueConstraint(fields=('run', 'mentee'), name='one_unmatched_row_per_mentee_per_run'),
        ),
    ]
