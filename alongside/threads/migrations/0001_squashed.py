"""Threads' tables, squashed on 2026-12-06 from the migrations named in `replaces`
(docs/migrations.md). Message.words is what search reads; on PostgreSQL a tsvector
generated from it with a GIN index, in place of the word table (which keeps serving SQLite;
see threads/search.py)."""

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models
from typing import Any


POSTGRES_ADD = [
    "ALTER TABLE threads_message ADD COLUMN search tsvector "
    "GENERATED ALWAYS AS (array_to_tsvector(string_to_array(words, ' '))) STORED",
    "CREATE INDEX message_search ON threads_message USING gin (search)",
]
POSTGRES_DROP = [
    "DROP INDEX message_search",
    "ALTER TABLE threads_message DROP COLUMN search",
]


def _on_postgres(statements: list[str]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):

    replaces = [('threads', '0001_initial'), ('threads', '0002_message_words_search')]

    initial = True

    dependencies = [
        ('mentorships', '0001_squashed'),
        ('people', '__first__'),
    ]

    operations = [
        migrations.CreateModel(
            name='Message',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('edited_at', models.DateTimeField(blank=True, null=True)),
                ('seq', models.PositiveIntegerField()),
                ('body', models.TextField(blank=True, max_length=10000)),
                ('ref_kind', models.CharField(blank=True, choices=[('resource', 'Resource'), ('goal', 'Goal'), ('meeting', 'Meeting'), ('action_item', 'Action item')], max_length=16)),
                ('ref_id', models.UUIDField(blank=True, null=True)),
                ('deleted_at', models.DateTimeField(blank=True, null=True)),
                ('changed_at', models.DateTimeField(blank=True, null=True)),
                ('words', models.TextField(blank=True, default='', editable=False)),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('mentorship', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='mentorships.mentorship')),
            ],
            options={
                'ordering': ['mentorship', 'seq'],
            },
        ),
        migrations.CreateModel(
            name='MessageWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('seq', models.PositiveIntegerField()),
                ('word', models.CharField(max_length=40)),
                ('mentorship', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='mentorships.mentorship')),
                ('message', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='threads.message')),
            ],
        ),
        migrations.CreateModel(
            name='ReadMark',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('last_read_seq', models.PositiveIntegerField(default=0)),
                ('read_at', models.DateTimeField(blank=True, null=True)),
                ('emailed_at', models.DateTimeField(blank=True, null=True)),
                ('emailed_seq', models.PositiveIntegerField(default=0)),
                ('mentorship', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='read_marks', to='mentorships.mentorship')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='Thread',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('last_seq', models.PositiveIntegerField(default=0)),
                ('mentorship', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='thread', to='mentorships.mentorship')),
            ],
        ),
        migrations.AddIndex(
            model_name='message',
            index=models.Index(fields=['mentorship', 'changed_at'], name='threads_mes_mentors_b0adbc_idx'),
        ),
        migrations.AddConstraint(
            model_name='message',
            constraint=models.UniqueConstraint(fields=('mentorship', 'seq'), name='one_message_per_place'),
        ),
        migrations.AddConstraint(
            model_name='message',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('ref_id__isnull', True), ('ref_kind', '')), models.Q(models.Q(('ref_kind', ''), _negated=True), ('ref_id__isnull', False)), _connector='OR'), name='message_ref_whole_or_none'),
        ),
        migrations.AddIndex(
            model_name='messageword',
            index=models.Index(fields=['mentorship', 'word', 'seq'], name='message_word_prefix', opclasses=['', 'text_pattern_ops', '']),
        ),
        migrations.AddConstraint(
            model_name='readmark',
            constraint=models.UniqueConstraint(fields=('mentorship', 'person'), name='one_read_mark_each'),
        ),
        migrations.RunPython(_on_postgres(POSTGRES_ADD), _on_postgres(POSTGRES_DROP)),
    ]
