# Squashed on 2026-12-06 (docs/migrations.md). The timeline was born in growth (growth's
# TimelineItem) and its table took the pair core's name in 0006: created under growth's
# name in 0001_squashed and renamed here, after that migration's keys and indexes are in,
# its keys, indexes and sequence have the names they have in a database migrated before
# the squash.
from django.db import migrations


class Migration(migrations.Migration):

    replaces = [('mentorships', '0006_timeline_refers_to_its_thing')]

    dependencies = [
        ('mentorships', '0001_squashed'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='timelineitem',
            table=None,
        ),
    ]
