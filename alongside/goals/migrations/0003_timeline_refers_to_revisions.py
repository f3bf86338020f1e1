# A "goal revised" entry on the timeline referred to the goal; it now refers to the
# revision itself, so that it can show that revision's reason. Each entry was written in
# the same transaction as its revision: the goal's revision nearest in time is the one.
from django.db import migrations


def to_revisions(apps, schema_editor):
    TimelineItem = apps.get_model("mentorships", "TimelineItem")
    Goal = apps.get_model("goals", "Goal")
    Revision = apps.get_model("goals", "Revision")
    items = TimelineItem.objects.filter(kind="revision", ref__isnull=False)
    goals = dict(
        Goal.objects.filter(public_id__in=items.values("ref")).values_list("public_id", "pk")
    )
    for item in items.iterator():
        goal = goals.get(item.ref)
        if goal is None:
            continue  # the goal is gone: the entry no longer shows either way
        revisions = list(Revision.objects.filter(goal_id=goal).values_list("public_id", "at"))
        if revisions:
            ref = min(revisions, key=lambda r: abs(r[1] - item.at))[0]
            TimelineItem.objects.filter(pk=item.pk).update(ref=ref)


def to_goals(apps, schema_editor):
    TimelineItem = apps.get_model("mentorships", "TimelineItem")
    Revision = apps.get_model("goals", "Revision")
    for item in TimelineItem.objects.filter(kind="revision", ref__isnull=False).iterator():
        goal = Revision.objects.filter(public_id=item.ref).values("goal__public_id").first()
        if goal is not None:
            TimelineItem.objects.filter(pk=item.pk).update(ref=goal["goal__public_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0002_revision_public_id"),
        ("mentorships", "0006_timeline_refers_to_its_thing"),
    ]

    operations = [migrations.RunPython(to_revisions, to_goals)]
