from django.db import migrations, models
from django.db.models import Q


def fill_pair_keys(apps, schema_editor):
    Mentorship = apps.get_model("mentorships", "Mentorship")
    for m in Mentorship.objects.only("pk", "mentor_id", "mentee_id").iterator():
        low, high = sorted([m.mentor_id, m.mentee_id])
        Mentorship.objects.filter(pk=m.pk).update(pair_key=f"{low}-{high}")


class Migration(migrations.Migration):
    dependencies = [("mentorships", "0003_mentorship_at_risk_at_mentorship_at_risk_since_and_more")]

    operations = [
        migrations.AddField(
            model_name="mentorship",
            name="pair_key",
            field=models.CharField(default="", editable=False, max_length=41),
            preserve_default=False,
        ),
        migrations.RunPython(fill_pair_keys, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="mentorship", name="one_open_mentorship_per_pair"),
        migrations.AddConstraint(
            model_name="mentorship",
            constraint=models.UniqueConstraint(
                condition=Q(status__in=["requested", "proposed", "active"]),
                fields=("program", "pair_key"),
                name="one_open_mentorship_per_pair",
            ),
        ),
    ]
