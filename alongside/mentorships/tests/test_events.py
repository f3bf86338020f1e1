"""The one door for pair events, and a timeline that shows its things as they are now."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone as tz

from alongside.goals import services as goals
from alongside.growth import services as growth
from alongside.growth import services_edit as growth_edit
from alongside.meetings import services as meetings
from alongside.meetings import services_edit as meetings_edit
from alongside.meetings.models import Meeting, Note
from alongside.mentorships.events import Celebrate, pair_event
from alongside.mentorships.models import Celebration, CelebrationKind, Kind, TimelineItem
from conftest import agreement, page_client


def timeline(api_as: Any, person: Any, pair: Any, query: str = "") -> dict[str, Any]:
    r = api_as(person).get(f"/mentorships/{pair.public_id}/timeline{query}")
    assert r.status_code == 200, r.content
    return r.json()


def timeline_page(person: Any, pair: Any) -> str:
    r = page_client(person).get(f"/mentorships/{pair.public_id}/timeline/")
    assert r.status_code == 200
    return r.content.decode()


def soon() -> dt.datetime:
    return tz.now() + dt.timedelta(days=2)


def test_editing_a_shared_notes_text_changes_the_timeline_at_once(pair, mentee, mentor, api_as):
    meeting = meetings.meeting_schedule(mentorship=pair, organizer=mentor, starts_at=soon())[0]
    note = meetings.note_add(
        meeting=meeting, author=mentee, body="We talked about pacing", visibility="shared"
    )
    assert "We talked about pacing" in timeline_page(mentor, pair)

    Note.objects.filter(pk=note.pk).update(body="We talked about pauses")

    items = timeline(api_as, mentor, pair, "?kind=note")["items"]
    assert [i["summary"] for i in items] == ["Shared note: We talked about pauses"]
    assert items[0]["url"] == f"/meetings/{meeting.public_id}/"
    page = timeline_page(mentor, pair)
    assert "We talked about pauses" in page and "pacing" not in page


def test_deleting_an_appreciation_takes_it_off_the_timeline_at_once(pair, mentee, mentor, api_as):
    thanks = growth.appreciation_send(mentorship=pair, author=mentee, message="Thanks, Grace!")
    before = timeline(api_as, mentor, pair)
    assert "Thank you: Thanks, Grace!" in [i["summary"] for i in before["items"]]
    assert "Thanks, Grace!" in timeline_page(mentor, pair)

    growth_edit.appreciation_delete(appreciation=thanks, actor=mentee)

    after = timeline(api_as, mentor, pair)
    assert after["count"] == before["count"] - 1
    assert not TimelineItem.objects.filter(ref=thanks.public_id).exists()
    assert all(i["kind"] != "appreciation" for i in after["items"])
    assert "Thanks, Grace!" not in timeline_page(mentor, pair)
    assert timeline(api_as, mentor, pair, "?kind=appreciation") == {"items": [], "count": 0}


def test_a_note_made_private_leaves_the_timeline(pair, mentee, mentor, api_as):
    meeting = meetings.meeting_schedule(mentorship=pair, organizer=mentor, starts_at=soon())[0]
    note = meetings.note_add(meeting=meeting, author=mentee, body="Mine now", visibility="shared")
    meetings_edit.note_edit(note=note, actor=mentee, visibility="private")
    assert not TimelineItem.objects.filter(ref=note.public_id).exists()
    assert "Mine now" not in str(timeline(api_as, mentor, pair))
    assert "Mine now" not in timeline_page(mentor, pair)


def test_a_renamed_goal_shows_its_new_title_on_every_entry_about_it(pair, mentee, api_as):
    goal = goals.goal_create(
        mentorship=pair, author=mentee, title="Speak up", objective="o", measure="m"
    )
    goals.goal_update(goal=goal, author=mentee, title="Speak up in reviews", reason="Sharper")
    summaries = [i["summary"] for i in timeline(api_as, mentee, pair)["items"]]
    assert summaries[:2] == [
        "Goal revised: Speak up in reviews (Sharper)",
        "Goal set: Speak up in reviews",
    ]


def test_a_cancelled_meeting_is_filed_under_meetings_and_says_so(pair, mentee, mentor, api_as):
    first = meetings.meeting_schedule(
        mentorship=pair,
        organizer=mentor,
        starts_at=soon(),
        title="Catch-up",
        repeat_every_days=7,
        # The series ends on the organizer's own calendar day (their zone, not UTC's).
        repeat_until=(soon() + dt.timedelta(days=14)).astimezone(ZoneInfo(mentor.timezone)).date(),
    )[0]
    meetings.meeting_cancel(meeting=first, actor=mentee)
    items = timeline(api_as, mentor, pair, "?kind=meeting")["items"]
    assert [(i["kind"], i["summary"]) for i in items] == [
        ("meeting", "Meeting cancelled: Catch-up"),
        ("meeting", "Meeting scheduled: Catch-up and 2 more in a series"),
    ]
    assert TimelineItem.objects.filter(kind=Kind.MEETING_CANCELLED).count() == 1


def test_a_timeline_kind_that_is_not_shown_is_refused(pair, mentor, api_as):
    r = api_as(mentor).get(f"/mentorships/{pair.public_id}/timeline?kind=meeting_changed")
    assert r.status_code == 422


def test_the_door_writes_the_timeline_moves_the_clock_and_celebrates_once(pair, mentee):
    pair.checkin_due_on = None
    pair.save(update_fields=["checkin_due_on"])
    checkin = growth.checkin_create(mentorship=pair, author=mentee, wins="A win", feeling=4)
    pair.refresh_from_db()
    assert pair.checkin_due_on == tz.localdate(checkin.created_at) + dt.timedelta(days=30)
    assert TimelineItem.objects.filter(kind=Kind.CHECKIN, ref=checkin.public_id).exists()

    celebrate = Celebrate(kind=CelebrationKind.MEETINGS, title="5 meetings", source="meetings:5")
    made = pair_event(mentorship=pair, kind=Kind.CELEBRATION, actor=None, celebrate=celebrate)
    again = pair_event(mentorship=pair, kind=Kind.CELEBRATION, actor=None, celebrate=celebrate)
    assert made.celebration is not None and made.item is not None
    assert made.item.ref == made.celebration.public_id
    assert again.celebration is None and again.item is None
    assert TimelineItem.objects.filter(kind=Kind.CELEBRATION).count() == 1


def test_an_event_that_is_not_shown_writes_no_timeline_entry(pair, mentee, mentor):
    meeting = meetings.meeting_schedule(mentorship=pair, organizer=mentor, starts_at=soon())[0]
    before = TimelineItem.objects.count()
    meetings.meeting_update(meeting=meeting, actor=mentee, title="Renamed")
    assert TimelineItem.objects.count() == before


def celebration_due_world(pair: Any, mentor: Any) -> None:
    """A pair together for 200 days that met ten times: four celebrations are due."""
    now = tz.now()
    type(pair).objects.filter(pk=pair.pk).update(started_at=now - dt.timedelta(days=200))
    pair.refresh_from_db()
    for k in range(10):
        Meeting.objects.create(
            mentorship=pair, organizer=mentor, starts_at=now - dt.timedelta(days=1 + 15 * k)
        )


def row_counts() -> dict[str, int]:
    from django.apps import apps

    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_a_get_of_the_timeline_page_and_api_writes_no_row(pair, mentee, mentor, api_as):
    celebration_due_world(pair, mentor)
    path = f"/mentorships/{pair.public_id}"
    client, api = page_client(mentee), api_as(mentee)
    client.get("/")  # the first request of the day notes last_active; not what is tested
    api.get("/me")
    before = row_counts()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"{path}/timeline/").status_code == 200
        assert api.get(f"{path}/timeline").status_code == 200
        assert api.get(f"{path}/celebrations").status_code == 200
    assert row_counts() == before
    writes = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "DELETE"))
    ]
    assert writes == []
    assert not Celebration.objects.filter(mentorship=pair).exists()


def test_the_sweep_makes_the_celebrations_that_come_with_time_once(pair, mentee, mentor, api_as):
    from alongside.home.sweep import sweep

    celebration_due_world(pair, mentor)
    now = tz.now()
    assert sweep(now)["celebration"] == 4
    assert sweep(now + dt.timedelta(minutes=1))["celebration"] == 0
    titles = sorted(Celebration.objects.filter(mentorship=pair).values_list("title", flat=True))
    assert titles == [
        "10 meetings held together",
        "3 months together",
        "5 meetings held together",
        "6 months together",
    ]
    shown = [i["summary"] for i in timeline(api_as, mentee, pair, "?kind=celebration")["items"]]
    assert sorted(shown) == titles


def test_the_sweep_looks_for_a_kept_cadence_once_a_day(pair, mentee, mentor):
    from alongside.home.sweep import sweep

    agreement(pair, every_days=30, ends_on=tz.localdate() + dt.timedelta(days=300))
    now = tz.now()
    Meeting.objects.create(mentorship=pair, organizer=mentor, starts_at=now - dt.timedelta(days=1))
    sweep(now)
    pair.refresh_from_db()
    assert pair.celebrations_checked_on == now.date()
    # Meetings that make the quarter arrive later the same day: the next day's sweep sees them.
    for k in (1, 2):  # three meetings 30 days apart: a quarter kept
        Meeting.objects.create(
            mentorship=pair, organizer=mentor, starts_at=now - dt.timedelta(days=1 + 30 * k)
        )
    assert sweep(now + dt.timedelta(minutes=1))["celebration"] == 0
    assert sweep(now + dt.timedelta(days=1))["celebration"] == 1
    assert Celebration.objects.filter(mentorship=pair, kind=CelebrationKind.CADENCE).exists()


@pytest.mark.parametrize("kind", [Kind.CELEBRATION])
def test_a_celebration_event_must_say_what_it_celebrates(pair, kind):
    with pytest.raises(TypeError):
        pair_event(mentorship=pair, kind=kind, actor=None)


def test_a_notice_holds_keywords_of_notify_only():
    """pair_event hands a Notice to notify() by its fields (`notify(**vars(notice))`), which
    mypy cannot check: a field notify() does not take fails here, not in a pair's event."""
    import dataclasses
    import inspect

    from alongside.mentorships.events import Notice
    from alongside.notifications.services import notify

    takes = inspect.signature(notify).parameters
    for field in dataclasses.fields(Notice):
        assert field.name in takes, field.name
        assert takes[field.name].kind is inspect.Parameter.KEYWORD_ONLY
    assert not hasattr(Notice, "__slots__")  # vars() reads the instance's __dict__
