# The timeline stops checking, on every read, that each row's thing still exists and may
# be shown: the services remove a row with its thing (events.pair_event_undone). Rows
# left from before that (a thing deleted, a note made private, an action item reopened,
# a row of a kind no longer shown) go now, once. The kinds are written out as they stood
# in the timeline's registry at this migration, so later code cannot change what it does.
from django.db import migrations
from django.db.models import Exists, OuterRef, Q

# kind: (app, model, the lookup from the model to its mentorship, the rows that may show)
SHOWN = {
    "agreement": ("mentorships", "AgreementVersion", "mentorship", Q()),
    "celebration": ("mentorships", "Celebration", "mentorship", Q()),
    "completed": ("mentorships", "Closing", "mentorship", Q()),
    "ended": ("mentorships", "Closing", "mentorship", Q()),
    "reopened": ("mentorships", "Closing", "mentorship", Q()),
    "goal": ("goals", "Goal", "mentorship", Q()),
    "revision": ("goals", "Revision", "goal__mentorship", Q()),
    "milestone": ("goals", "Milestone", "goal__mentorship", Q()),
    "meeting": ("meetings", "Meeting", "mentorship", Q()),
    "meeting_cancelled": ("meetings", "Meeting", "mentorship", Q()),
    "note": ("meetings", "Note", "meeting__mentorship", Q(visibility="shared")),
    "action": ("meetings", "ActionItem", "mentorship", Q(done_at__isnull=False)),
    "checkin": ("growth", "CheckIn", "mentorship", Q()),
    "appreciation": ("growth", "Appreciation", "mentorship", Q()),
    "resource": ("growth", "Resource", "mentorship", Q()),
    "journal": ("growth", "SharedEntry", "mentorship", Q()),
}


def rows_of_gone_things_go(apps, schema_editor):
    TimelineItem = apps.get_model("mentorships", "TimelineItem")
    TimelineItem.objects.exclude(kind__in=list(SHOWN)).delete()
    for kind, (app, name, pair, visible) in SHOWN.items():
        things = apps.get_model(app, name).objects.filter(
            visible, public_id=OuterRef("ref"), **{pair: OuterRef("mentorship")}
        )
        TimelineItem.objects.filter(kind=kind).exclude(Exists(things)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("mentorships", "0009_alter_timelineitem_kind"),
        ("goals", "0004_edited_at"),
        ("growth", "0004_edited_at"),
        ("meetings", "0005_meeting_pair_start_status"),
    ]

    operations = [migrations.RunPython(rows_of_gone_things_go, migrations.RunPython.noop)]
