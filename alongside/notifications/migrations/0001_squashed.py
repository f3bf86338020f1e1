# Squashed on 2026-12-06 from the migrations named in `replaces` (docs/migrations.md).

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('notifications', '0001_initial'), ('notifications', '0002_shared_and_completion_kinds'), ('notifications', '0003_kinds_for_insights'), ('notifications', '0004_alter_notification_kind')]

    initial = True

    dependencies = [
        ('people', '__first__'),
    ]

    operations = [
        migrations.CreateModel(
            name='Preferences',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email_off', models.JSONField(blank=True, default=list)),
                ('weekly_digest', models.BooleanField(default=False)),
                ('last_digest_at', models.DateTimeField(blank=True, null=True)),
                ('person', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='notification_prefs', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('kind', models.CharField(choices=[('request', 'Mentorship requests'), ('answer', 'Answers to your requests'), ('ended', 'A mentorship ends'), ('agreement', 'Agreement changes'), ('meeting', 'Meetings scheduled, moved or cancelled'), ('meeting_tomorrow', 'Meeting reminder'), ('checkin_due', 'Check-in due'), ('action_due', 'Action item due or overdue'), ('agreement_waiting', 'Agreement waiting for you'), ('feedback_missing', 'Feedback not given yet'), ('fading', 'Time to meet again'), ('appreciation', 'Thank-you notes'), ('message', 'New messages from your mentor or mentee'), ('at_risk', 'Pairs at risk (program admins)'), ('unreachable', 'A member cannot reach their partner (program admins)'), ('shared', 'What your partner shares with you'), ('completion', 'Completing a mentorship together'), ('rematch', 'A mentee may need a new mentor (program admins)'), ('rematch_offer', 'A new match offered by your program'), ('survey', 'End-of-program surveys')], max_length=24)),
                ('title', models.CharField(max_length=300)),
                ('url', models.CharField(blank=True, max_length=300)),
                ('key', models.CharField(max_length=200)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('read_at', models.DateTimeField(blank=True, null=True)),
                ('emailed_at', models.DateTimeField(blank=True, null=True)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at', '-pk'],
                'indexes': [models.Index(fields=['person', 'read_at'], name='notificatio_person__250368_idx')],
                'constraints': [models.UniqueConstraint(fields=('person', 'key'), name='notify_once')],
            },
        ),
        migrations.CreateModel(
            name='ReminderDay',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=24)),
                ('day', models.DateField()),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('person', 'kind', 'day'), name='one_reminder_a_day')],
            },
        ),
    ]
