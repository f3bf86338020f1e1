# The timeline moves to the pair core (mentorships.TimelineItem). The table stays: this
# removes the model from growth's state only; mentorships takes it over.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("growth", "0002_one_line_values"),
        ("mentorships", "0004_pair_key"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="TimelineItem")],
            database_operations=[],
        )
    ]
