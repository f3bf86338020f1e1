from datetime import timedelta

from django.conf import settings
from django.db import migrations, models
from django.utils.crypto import salted_hmac


def give_old_tokens_an_end(apps, schema_editor):
    """Tokens made before expiry existed end API_TOKEN_DAYS after they were made (at
    the earliest a day from now, so that no client breaks without warning), under the
    password their person has now."""
    ApiToken = apps.get_model("people", "ApiToken")
    from django.utils import timezone

    tomorrow = timezone.now() + timedelta(days=1)
    for token in ApiToken.objects.select_related("person"):
        token.expires_at = max(
            token.created_at + timedelta(days=settings.API_TOKEN_DAYS), tomorrow
        )
        token.password_mark = salted_hmac(
            "alongside.people.ApiToken.password_mark", token.person.password, algorithm="sha256"
        ).hexdigest()
        token.save(update_fields=["expires_at", "password_mark"])


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="SignInFailure"),
        migrations.CreateModel(
            name="RateCounter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=64, unique=True)),
                ("count", models.PositiveIntegerField(default=0)),
                ("window_ends", models.DateTimeField()),
            ],
            options={
                "indexes": [models.Index(fields=["window_ends"], name="people_rate_window__e22fe1_idx")],
            },
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="password_mark",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(give_old_tokens_an_end, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(),
        ),
        migrations.AddIndex(
            model_name="apitoken",
            index=models.Index(fields=["person", "expires_at"], name="people_apit_person__3f0750_idx"),
        ),
    ]
