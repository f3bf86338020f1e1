# pair_key is computed by the database (a stored generated column), so that no write
# path (bulk_create, update) can skip it. A field cannot be altered into a generated
# one: the constraint on it is dropped, the field re-added, the constraint restored.
from django.db import migrations, models
from django.db.models import Q
from django.db.models.functions import Cast, Concat


def _text(field):
    return Cast(field, models.CharField(max_length=20))


CONSTRAINT = models.UniqueConstraint(
    condition=Q(status__in=["requested", "proposed", "active"]),
    fields=("program", "pair_key"),
    name="one_open_mentorship_per_pair",
)


def fill_pair_keys(apps, schema_editor):
    """Going back: the plain field is filled again before its constraint returns."""
    Mentorship = apps.get_model("mentorships", "Mentorship")
    for m in Mentorship.objects.only("pk", "mentor_id", "mentee_id"):
        low, high = sorted([m.mentor_id, m.mentee_id])
        Mentorship.objects.filter(pk=m.pk).update(pair_key=f"{low}-{high}")


class Migration(migrations.Migration):
    dependencies = [("mentorships", "0006_timeline_refers_to_its_thing")]

    operations = [
        migrations.RemoveConstraint(model_name="mentorship", name="one_open_mentorship_per_pair"),
        migrations.RunPython(migrations.RunPython.noop, fill_pair_keys),
        migrations.RemoveField(model_name="mentorship", name="pair_key"),
        migrations.AddField(
            model_name="mentorship",
            name="pair_key",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Case(
                    models.When(
                        mentor__lt=models.F("mentee"),
                        then=Concat(_text("mentor"), models.Value("-"), _text("mentee")),
                    ),
                    default=Concat(_text("mentee"), models.Value("-"), _text("mentor")),
                ),
                output_field=models.CharField(max_length=41),
            ),
        ),
        migrations.AddConstraint(model_name="mentorship", constraint=CONSTRAINT),
    ]
