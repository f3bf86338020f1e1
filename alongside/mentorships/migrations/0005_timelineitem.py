# The timeline moves here from growth. State only: the model is declared as it stands in
# growth's table, which the next migration reshapes and renames.
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mentorships", "0004_pair_key"),
        ("growth", "0003_timeline_moves_to_mentorships"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="TimelineItem",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("kind", models.CharField(max_length=16)),
                        ("at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("summary", models.CharField(max_length=300)),
                        ("ref", models.UUIDField(blank=True, null=True)),
                        ("url", models.CharField(blank=True, max_length=200)),
                        (
                            "actor",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "mentorship",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="timeline",
                                to="mentorships.mentorship",
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["-at", "-pk"],
                        "db_table": "growth_timelineitem",
                        "indexes": [
                            models.Index(
                                fields=["mentorship", "-at", "-id"],
                                name="growth_time_mentors_da111b_idx",
                            ),
                            models.Index(
                                fields=["mentorship", "kind", "-at", "-id"],
                                name="growth_time_mentors_c5f6bf_idx",
                            ),
                        ],
                    },
                ),
            ],
        )
    ]
