"""Message.words, what search reads; on PostgreSQL a tsvector generated from it with a GIN
index, in place of the word table (which keeps serving SQLite; see threads/search.py)."""

from typing import Any

from django.db import migrations, models

POSTGRES_ADD = [
    "ALTER TABLE threads_message ADD COLUMN search tsvector "
    "GENERATED ALWAYS AS (array_to_tsvector(string_to_array(words, ' '))) STORED",
    "CREATE INDEX message_search ON threads_message USING gin (search)",
    # PostgreSQL reads the index above; the word table stays empty there.
    "TRUNCATE threads_messageword",
]
POSTGRES_DROP = [
    "DROP INDEX message_search",
    "ALTER TABLE threads_message DROP COLUMN search",
]


def fill_words(apps: Any, schema_editor: Any) -> None:
    from alongside.threads.search import words_text

    Message = apps.get_model("threads", "Message")
    changed = []
    for message in Message.objects.exclude(body="").only("id", "body").iterator(chunk_size=2000):
        message.words = words_text(message.body)
        changed.append(message)
        if len(changed) == 2000:
            Message.objects.bulk_update(changed, ["words"])
            changed = []
    Message.objects.bulk_update(changed, ["words"])


def _on_postgres(statements: list[str]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("threads", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="message",
            name="words",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_words, migrations.RunPython.noop),
        migrations.RunPython(_on_postgres(POSTGRES_ADD), _on_postgres(POSTGRES_DROP)),
    ]
