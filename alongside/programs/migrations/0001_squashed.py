# Squashed on 2026-12-06 from the migrations named in `replaces` (docs/migrations.md).
# The open community program is created here.
import alongside.programs.models
import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


def create_community(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    Program.objects.get_or_create(
        is_default=True,
        defaults={
            "slug": "community",
            "name": "Community",
            "description": "The open community: anyone can find a mentor here, no admin needed.",
        },
    )


class Migration(migrations.Migration):

    replaces = [('programs', '0001_initial'), ('programs', '0002_community'), ('programs', '0003_enrollment'), ('programs', '0004_program_matching_rules'), ('programs', '0005_console_invitations_questions')]

    initial = True

    dependencies = [
        ('people', '__first__'),
    ]

    operations = [
        migrations.CreateModel(
            name='Program',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('slug', models.SlugField(max_length=80, unique=True)),
                ('name', models.CharField(max_length=120)),
                ('description', models.TextField(blank=True, max_length=4000)),
                ('is_default', models.BooleanField(default=False)),
                ('starts_on', models.DateField(blank=True, null=True)),
                ('ends_on', models.DateField(blank=True, null=True)),
                ('enrollment', models.CharField(choices=[('open', 'Open'), ('invite', 'By invitation'), ('import', 'CSV import')], default='open', max_length=16)),
                ('matching', models.CharField(choices=[('mentee_choice', 'Mentees choose'), ('admin', 'Admins match'), ('both', 'Both')], default='mentee_choice', max_length=16)),
                ('require_shared_language', models.BooleanField(default=False)),
                ('avoid_same_department', models.BooleanField(default=False)),
                ('questions', models.JSONField(blank=True, default=alongside.programs.models.all_questions)),
                ('invite_token', models.CharField(blank=True, default='', editable=False, max_length=64)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('admins', models.ManyToManyField(blank=True, related_name='administered_programs', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Enrollment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('role', models.CharField(choices=[('mentor', 'Mentor'), ('mentee', 'Mentee')], max_length=8)),
                ('status', models.CharField(choices=[('invited', 'Invited'), ('active', 'Enrolled'), ('left', 'Left')], default='active', max_length=8)),
                ('capacity', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('answers', models.JSONField(blank=True, default=dict)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('invited_at', models.DateTimeField(blank=True, null=True)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='enrollments', to=settings.AUTH_USER_MODEL)),
                ('program', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='enrollments', to='programs.program')),
            ],
            options={
                'ordering': ['created_at', 'pk'],
            },
        ),
        migrations.AddConstraint(
            model_name='program',
            constraint=models.UniqueConstraint(condition=models.Q(('is_default', True)), fields=('is_default',), name='one_default_program'),
        ),
        migrations.AddConstraint(
            model_name='program',
            constraint=models.UniqueConstraint(condition=models.Q(('invite_token', ''), _negated=True), fields=('invite_token',), name='one_invite_token'),
        ),
        migrations.AddIndex(
            model_name='enrollment',
            index=models.Index(fields=['person', 'status'], name='programs_en_person__600aff_idx'),
        ),
        migrations.AddConstraint(
            model_name='enrollment',
            constraint=models.UniqueConstraint(fields=('program', 'person', 'role'), name='one_enrollment_per_role'),
        ),
        migrations.AddConstraint(
            model_name='enrollment',
            constraint=models.CheckConstraint(condition=models.Q(('capacity__isnull', True), ('capacity__lte', 20), _connector='OR'), name='enrollment_capacity_0_to_20'),
        ),
        migrations.RunPython(create_community, migrations.RunPython.noop),
    ]
