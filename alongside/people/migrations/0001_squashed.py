# Squashed on 2026-12-06 from the migrations named in `replaces` (docs/migrations.md).

import alongside.people.models
import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('people', '0001_initial'), ('people', '0002_tokens_expire_and_rate_counters'), ('people', '0003_audit_log'), ('people', '0004_person_deleted_at'), ('people', '0005_previous_visit'), ('people', '0006_two_factor_and_sessions'), ('people', '0007_kinds_for_insights'), ('people', '0008_directory_index_counts_open_mentors'), ('people', '0009_mentor_ranking_index')]

    initial = True

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.CreateModel(
            name='Person',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('password', models.CharField(max_length=128, verbose_name='password')),
                ('last_login', models.DateTimeField(blank=True, null=True, verbose_name='last login')),
                ('is_superuser', models.BooleanField(default=False, help_text='Designates that this user has all permissions without explicitly assigning them.', verbose_name='superuser status')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('email', models.EmailField(max_length=254, unique=True)),
                ('name', models.CharField(max_length=120)),
                ('headline', models.CharField(blank=True, max_length=200)),
                ('bio', models.TextField(blank=True, max_length=4000)),
                ('timezone', models.CharField(default='UTC', max_length=64)),
                ('skills', models.JSONField(blank=True, default=list)),
                ('interests', models.JSONField(blank=True, default=list)),
                ('languages', models.JSONField(blank=True, default=list)),
                ('open_to_mentor', models.BooleanField(default=False)),
                ('mentor_capacity', models.PositiveSmallIntegerField(default=0)),
                ('seeking_mentor', models.BooleanField(default=False)),
                ('channel', models.CharField(choices=[('video', 'Video call'), ('phone', 'Phone'), ('in_person', 'In person'), ('chat', 'Chat')], default='video', max_length=16)),
                ('meeting_every_days', models.PositiveSmallIntegerField(default=14)),
                ('meeting_minutes', models.PositiveSmallIntegerField(default=45)),
                ('last_active', models.DateTimeField(blank=True, null=True)),
                ('previous_visit_at', models.DateTimeField(blank=True, null=True)),
                ('search_text', models.TextField(blank=True, editable=False)),
                ('skills_text', models.TextField(blank=True, editable=False)),
                ('is_active', models.BooleanField(default=True)),
                ('is_staff', models.BooleanField(default=False)),
                ('date_joined', models.DateTimeField(default=django.utils.timezone.now)),
                ('deleted_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('sessions_epoch', models.PositiveIntegerField(db_default=0, default=0, editable=False)),
                ('groups', models.ManyToManyField(blank=True, help_text='The groups this user belongs to. A user will get all permissions granted to each of their groups.', related_name='user_set', related_query_name='user', to='auth.group', verbose_name='groups')),
                ('user_permissions', models.ManyToManyField(blank=True, help_text='Specific permissions for this user.', related_name='user_set', related_query_name='user', to='auth.permission', verbose_name='user permissions')),
            ],
            options={
                'ordering': ['name'],
            },
            managers=[
                ('objects', alongside.people.models.PersonManager()),
            ],
        ),
        migrations.CreateModel(
            name='ApiToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('name', models.CharField(blank=True, max_length=100)),
                ('digest', models.CharField(max_length=64, unique=True)),
                ('prefix', models.CharField(max_length=12)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('expires_at', models.DateTimeField()),
                ('last_used_at', models.DateTimeField(blank=True, null=True)),
                ('password_mark', models.CharField(editable=False, max_length=64)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='api_tokens', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='AuditEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('action', models.CharField(choices=[('signin', 'Signed in'), ('signin_failed', 'A sign-in failed (wrong password)'), ('signout', 'Signed out'), ('token_created', 'An API token was created'), ('token_revoked', 'An API token was revoked'), ('password_changed', 'The password was changed'), ('password_reset', 'The password was reset by email'), ('password_set_by_staff', 'Staff set the password'), ('twofactor_enabled', 'Two-factor sign-in was turned on'), ('twofactor_disabled', 'Two-factor sign-in was turned off'), ('twofactor_failed', 'A two-factor code was wrong'), ('recovery_code_used', 'A recovery code was used to sign in'), ('recovery_codes_renewed', 'New recovery codes were made'), ('session_revoked', 'A signed-in browser was signed out'), ('signed_out_everywhere', 'Signed out everywhere'), ('role_changed', 'Site role changed (staff or superuser)'), ('export_requested', 'A copy of the data was asked for'), ('export_downloaded', 'A copy of the data was downloaded'), ('account_deleted', 'The account was deleted'), ('program_created', 'Created the program'), ('program_updated', "Changed the program's settings"), ('program_admin_added', 'A program admin was added'), ('participants_imported', 'Imported participants'), ('enrollment_changed', 'Changed an enrollment'), ('matching_run', 'Ran the matching'), ('matching_published', 'Published a matching'), ('nudge_sent', 'Sent a nudge'), ('program_exported', 'Exported program data'), ('rematch_offered', "Offered a pair's mentee a new match"), ('pair_ended', 'Ended a pair early'), ('survey_sent', 'Sent the end-of-program survey'), ('backup_made', 'A backup was made'), ('backup_restored', 'A backup was restored')], max_length=40)),
                ('program_pk', models.BigIntegerField(blank=True, null=True)),
                ('address', models.CharField(blank=True, max_length=64)),
                ('user_agent', models.CharField(blank=True, max_length=200)),
                ('detail', models.JSONField(blank=True, default=dict)),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('target', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='BrowserSession',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('session_key', models.CharField(max_length=40, unique=True)),
                ('user_agent', models.CharField(blank=True, max_length=200)),
                ('address', models.CharField(blank=True, max_length=64)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('last_seen_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('auth_mark', models.CharField(blank=True, max_length=64)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='browser_sessions', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-last_seen_at'],
            },
        ),
        migrations.CreateModel(
            name='RateCounter',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=64, unique=True)),
                ('count', models.PositiveIntegerField(default=0)),
                ('window_ends', models.DateTimeField()),
            ],
            options={
                'indexes': [models.Index(fields=['window_ends'], name='people_rate_window__e22fe1_idx')],
            },
        ),
        migrations.CreateModel(
            name='RecoveryCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('digest', models.CharField(max_length=64, unique=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('used_at', models.DateTimeField(blank=True, null=True)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='recovery_codes', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='TwoFactor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('secret', models.CharField(max_length=64)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('confirmed_at', models.DateTimeField(blank=True, null=True)),
                ('last_step', models.BigIntegerField(default=0)),
                ('person', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='two_factor', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(fields=['open_to_mentor', 'is_active', 'name', 'id'], name='person_directory'),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(condition=models.Q(('is_active', True), ('open_to_mentor', True)), fields=['id'], include=('name', 'mentor_capacity', 'search_text', 'skills_text'), name='person_mentor_ranking'),
        ),
        migrations.AddConstraint(
            model_name='person',
            constraint=models.CheckConstraint(condition=models.Q(('mentor_capacity__lte', 20)), name='person_capacity_at_most_20'),
        ),
        migrations.AddIndex(
            model_name='apitoken',
            index=models.Index(fields=['person', 'expires_at'], name='people_apit_person__3f0750_idx'),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(fields=['target', '-at'], name='people_audi_target__2142bc_idx'),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(fields=['program_pk', '-at'], name='people_audi_program_0d1ac3_idx'),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(fields=['at'], name='people_audi_at_ef5e68_idx'),
        ),
    ]
