# Squashed on 2026-12-06 from the migrations named in `replaces` (docs/migrations.md).

import django.db.models.deletion
import django.db.models.functions.comparison
import django.db.models.functions.text
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('mentorships', '0001_initial'), ('mentorships', '0002_celebration'), ('mentorships', '0003_mentorship_at_risk_at_mentorship_at_risk_since_and_more'), ('mentorships', '0004_pair_key'), ('mentorships', '0005_timelineitem'), ('mentorships', '0007_pair_key_computed_by_the_database'), ('mentorships', '0008_closing'), ('mentorships', '0009_alter_timelineitem_kind'), ('mentorships', '0010_timeline_rows_of_gone_things')]

    initial = True

    dependencies = [
        ('people', '__first__'),
        ('programs', '0001_squashed'),
    ]

    operations = [
        migrations.CreateModel(
            name='Mentorship',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('status', models.CharField(choices=[('requested', 'Requested'), ('proposed', 'Proposed'), ('active', 'Active'), ('completed', 'Completed'), ('declined', 'Declined'), ('withdrawn', 'Withdrawn'), ('ended', 'Ended early')], default='requested', max_length=16)),
                ('pair_key', models.GeneratedField(db_persist=True, expression=models.Case(models.When(mentor__lt=models.F('mentee'), then=django.db.models.functions.text.Concat(django.db.models.functions.comparison.Cast('mentor', models.CharField(max_length=20)), models.Value('-'), django.db.models.functions.comparison.Cast('mentee', models.CharField(max_length=20)))), default=django.db.models.functions.text.Concat(django.db.models.functions.comparison.Cast('mentee', models.CharField(max_length=20)), models.Value('-'), django.db.models.functions.comparison.Cast('mentor', models.CharField(max_length=20)))), output_field=models.CharField(max_length=41))),
                ('message', models.TextField(blank=True, max_length=2000)),
                ('decline_reason', models.TextField(blank=True, max_length=1000)),
                ('end_reason', models.TextField(blank=True, max_length=1000)),
                ('mentor_confirmed_at', models.DateTimeField(blank=True, null=True)),
                ('mentee_confirmed_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('started_at', models.DateTimeField(blank=True, null=True)),
                ('closed_at', models.DateTimeField(blank=True, null=True)),
                ('checkin_due_on', models.DateField(blank=True, db_index=True, null=True)),
                ('fading_at', models.DateTimeField(blank=True, db_index=True, null=True)),
                ('at_risk_at', models.DateTimeField(blank=True, db_index=True, null=True)),
                ('at_risk_since', models.DateTimeField(blank=True, null=True)),
                ('celebrations_checked_on', models.DateField(blank=True, null=True)),
                ('mentee', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='mentored', to=settings.AUTH_USER_MODEL)),
                ('mentor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='mentoring', to=settings.AUTH_USER_MODEL)),
                ('program', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='mentorships', to='programs.program')),
                ('requested_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='Closing',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('kind', models.CharField(choices=[('completed', 'Completed'), ('ended', 'Ended early')], max_length=16)),
                ('proposed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('reflection', models.TextField(blank=True, max_length=2000)),
                ('confirmed_at', models.DateTimeField(blank=True, null=True)),
                ('confirm_reflection', models.TextField(blank=True, max_length=2000)),
                ('declined_at', models.DateTimeField(blank=True, null=True)),
                ('decline_reason', models.TextField(blank=True, max_length=1000)),
                ('reopened_at', models.DateTimeField(blank=True, null=True)),
                ('confirmed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('proposed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('reopened_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('mentorship', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='closings', to='mentorships.mentorship')),
            ],
            options={
                'ordering': ['-proposed_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Celebration',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('kind', models.CharField(choices=[('milestone', 'Milestone completed'), ('goal', 'Goal achieved'), ('meetings', 'Meetings held'), ('anniversary', 'Time together'), ('cadence', 'Cadence kept'), ('manual', 'Celebration')], max_length=16)),
                ('title', models.CharField(max_length=300)),
                ('source', models.CharField(blank=True, max_length=100)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('mentorship', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='celebrations', to='mentorships.mentorship')),
            ],
            options={
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='AgreementVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('number', models.PositiveIntegerField()),
                ('mentee_hopes', models.TextField(max_length=4000)),
                ('mentor_offers', models.TextField(max_length=4000)),
                ('meeting_every_days', models.PositiveSmallIntegerField()),
                ('channel', models.CharField(choices=[('video', 'Video call'), ('phone', 'Phone'), ('in_person', 'In person'), ('chat', 'Chat')], max_length=16)),
                ('meeting_minutes', models.PositiveSmallIntegerField()),
                ('ends_on', models.DateField()),
                ('confidentiality', models.BooleanField()),
                ('reason', models.TextField(max_length=1000)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('mentee_acknowledged_at', models.DateTimeField(blank=True, null=True)),
                ('mentor_acknowledged_at', models.DateTimeField(blank=True, null=True)),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('mentorship', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agreement_versions', to='mentorships.mentorship')),
            ],
            options={
                'ordering': ['mentorship', '-number'],
            },
        ),
        migrations.CreateModel(
            name='TimelineItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('agreement', 'Agreement'), ('goal', 'Goal'), ('revision', 'Goal revision'), ('milestone', 'Milestone'), ('meeting', 'Meeting'), ('meeting_cancelled', 'Meeting cancelled'), ('note', 'Shared note'), ('action', 'Action item done'), ('checkin', 'Check-in'), ('appreciation', 'Appreciation'), ('resource', 'Resource'), ('celebration', 'Celebration'), ('journal', 'Shared journal entry'), ('requested', 'Mentorship requested'), ('proposed', 'Pair proposed by matching'), ('withdrawn', 'Request withdrawn'), ('accepted', 'Mentorship accepted'), ('declined', 'Mentorship declined'), ('confirmed', 'Matched pair confirmed'), ('ended', 'Mentorship ended'), ('completed', 'Mentorship completed'), ('reopened', 'Mentorship reopened'), ('completion_proposed', 'Completion proposed'), ('completion_declined', 'Completion declined'), ('checkin_reply', 'Reply to a check-in'), ('action_assigned', 'Action item assigned'), ('agreement_in_force', 'Agreement in force'), ('meeting_changed', 'Meeting changed'), ('message', 'Message sent')], max_length=32)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('ref', models.UUIDField(blank=True, null=True)),
                ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('mentorship', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='timeline', to='mentorships.mentorship')),
            ],
            options={
                'ordering': ['-at', '-pk'],
                # Renamed in 0002_squashed.
                'db_table': 'growth_timelineitem',
            },
        ),
        migrations.CreateModel(
            name='Transition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_status', models.CharField(blank=True, max_length=16)),
                ('to_status', models.CharField(choices=[('requested', 'Requested'), ('proposed', 'Proposed'), ('active', 'Active'), ('completed', 'Completed'), ('declined', 'Declined'), ('withdrawn', 'Withdrawn'), ('ended', 'Ended early')], max_length=16)),
                ('reason', models.TextField(blank=True, max_length=1000)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('mentorship', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='transitions', to='mentorships.mentorship')),
            ],
            options={
                'ordering': ['at', 'pk'],
            },
        ),
        migrations.AddIndex(
            model_name='mentorship',
            index=models.Index(fields=['mentor', 'status'], name='mentorships_mentor__189747_idx'),
        ),
        migrations.AddIndex(
            model_name='mentorship',
            index=models.Index(fields=['mentee', 'status'], name='mentorships_mentee__4b4cd8_idx'),
        ),
        migrations.AddConstraint(
            model_name='mentorship',
            constraint=models.CheckConstraint(condition=models.Q(('mentor', models.F('mentee')), _negated=True), name='mentorship_not_self'),
        ),
        migrations.AddConstraint(
            model_name='mentorship',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['requested', 'proposed', 'active'])), fields=('program', 'pair_key'), name='one_open_mentorship_per_pair'),
        ),
        migrations.AddConstraint(
            model_name='closing',
            constraint=models.UniqueConstraint(condition=models.Q(('confirmed_at__isnull', True), ('declined_at__isnull', True), ('kind', 'completed')), fields=('mentorship',), name='one_pending_completion'),
        ),
        migrations.AddConstraint(
            model_name='celebration',
            constraint=models.UniqueConstraint(condition=models.Q(('source', ''), _negated=True), fields=('mentorship', 'source'), name='celebrate_once'),
        ),
        migrations.AddConstraint(
            model_name='agreementversion',
            constraint=models.UniqueConstraint(fields=('mentorship', 'number'), name='one_agreement_version_number'),
        ),
        migrations.AddIndex(
            model_name='timelineitem',
            index=models.Index(fields=['mentorship', '-at', '-id'], name='timeline_pair_at'),
        ),
        migrations.AddIndex(
            model_name='timelineitem',
            index=models.Index(fields=['mentorship', 'kind', '-at', '-id'], name='timeline_pair_kind_at'),
        ),
    ]
