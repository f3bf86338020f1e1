"""The data migration that folds single-line values written before the one-line rule."""

import datetime as dt
import importlib

from django.apps import apps

from alongside.goals.services import goal_create, milestone_add
from alongside.meetings.models import Meeting
from alongside.meetings.services import meeting_schedule
from alongside.people.models import Person

migration = importlib.import_module("alongside.growth.migrations.0002_one_line_values")
fold = migration.fold


def test_the_migration_folds_old_single_line_values_and_keeps_several_line_ones(
    pair, mentee, mentor, monkeypatch
):
    # It runs here on today's models: the timeline it also folded has since moved to the
    # pair core and keeps no text (mentorships 0006), so it is left out of this run.
    monkeypatch.setattr(
        migration, "COLUMNS", [c for c in migration.COLUMNS if c[:2] != ("growth", "TimelineItem")]
    )
    (meeting,) = meeting_schedule(
        mentorship=pair, organizer=mentor, starts_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    )
    goal = goal_create(mentorship=pair, author=mentee, title="T", objective="O", measure="M")
    milestone = milestone_add(goal=goal, author=mentee, title="Step")
    Meeting.objects.filter(pk=meeting.pk).update(title="Poison\nline", place="Room\r\n4")
    type(goal).objects.filter(pk=goal.pk).update(title="Goal\u202e", objective="Two\nlines")
    type(milestone).objects.filter(pk=milestone.pk).update(title="\tStep\x07one")
    Person.objects.filter(pk=mentee.pk).update(
        name="Ada\nMentee", skills=["Py\nthon", "SQL"], bio="Bio\nkept"
    )
    untouched = Person.objects.get(pk=mentor.pk).search_text

    fold(apps, None)

    meeting.refresh_from_db()
    goal.refresh_from_db()
    milestone.refresh_from_db()
    mentee.refresh_from_db()
    assert (meeting.title, meeting.place) == ("Poison line", "Room 4")
    assert (goal.title, goal.objective) == ("Goal", "Two\nlines")
    assert milestone.title == "Step one"
    assert (mentee.name, mentee.skills, mentee.bio) == (
        "Ada Mentee",
        ["Py thon", "SQL"],
        "Bio\nkept",
    )
    assert mentee.search_text.startswith("ada mentee | ")
    assert mentee.skills_text == "|py thon|sql|"
    assert Person.objects.get(pk=mentor.pk).search_text == untouched
