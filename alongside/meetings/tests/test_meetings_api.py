import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone as tz

from alongside.meetings import services
from alongside.meetings.models import ActionItem, AgendaItem, Feedback, Meeting, Prompt
from alongside.meetings.selectors import cadence_for, feedback_for
from conftest import agreement


def soon(days=2, hours=0):
    return (tz.now() + dt.timedelta(days=days, hours=hours)).replace(microsecond=0)


@pytest.fixture
def meeting(pair, mentor):
    (m,) = services.meeting_schedule(mentorship=pair, organizer=mentor, starts_at=soon())
    return m


@pytest.fixture
def held(pair, mentor):
    """A meeting that started an hour ago: feedback is given once a meeting has started."""
    (m,) = services.meeting_schedule(
        mentorship=pair, organizer=mentor, starts_at=soon(days=0, hours=-1)
    )
    return m


def test_scheduling_emails_the_other_member_with_the_ics(pair, mentor, mentee, api_as):
    r = api_as(mentor).post(
        f"/mentorships/{pair.public_id}/meetings",
        {"starts_at": soon().isoformat(), "minutes": 45, "title": "Kick-off"},
    )
    assert r.status_code == 201
    (message,) = mail.outbox
    assert message.to == [mentee.email]
    assert "Kick-off" in message.subject
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    assert b"BEGIN:VEVENT" in (content if isinstance(content, bytes) else content.encode())


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"starts_at": "2026-12-01T09:00"}, "starts_at"),  # no offset
        ({"starts_at": "tomorrow"}, "starts_at"),
        ({"starts_at": "2001-01-01T09:00+00:00"}, "starts_at"),
        ({"starts_at": "2999-01-01T09:00+00:00"}, "starts_at"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": 600}, "minutes"),
        ({"title": "x" * 201}, "title"),
        ({"repeat_every_days": 7}, "repeat_until"),
        ({"repeat_every_days": 0, "repeat_until": "2030-01-01"}, "repeat_every_days"),
        ({"repeat_every_days": 7, "repeat_until": "2001-01-01"}, "repeat_until"),
        ({"surprise": True}, "surprise"),
    ],
)
def test_bad_meetings_are_refused_with_the_field_named(pair, mentor, api_as, body, field):
    r = api_as(mentor).post(
        f"/mentorships/{pair.public_id}/meetings", {"starts_at": soon().isoformat(), **body}
    )
    assert r.status_code == 422, r.content
    assert field in [e["field"] for e in r.json()["errors"]]
    assert not Meeting.objects.exists()


def test_meetings_need_an_active_mentorship(pair, mentor, api_as):
    api_as(mentor).post(f"/mentorships/{pair.public_id}/end", {"reason": "Moving on"})
    r = api_as(mentor).post(
        f"/mentorships/{pair.public_id}/meetings", {"starts_at": soon().isoformat()}
    )
    assert r.status_code == 409


def test_a_cancelled_meeting_takes_no_more_agenda_and_cannot_be_moved(meeting, mentee, api_as):
    api_as(mentee).post(f"/meetings/{meeting.public_id}/cancel", {"note": "Sick"})
    assert (
        api_as(mentee).post(f"/meetings/{meeting.public_id}/agenda", {"text": "x"}).status_code
        == 409
    )
    r = api_as(mentee).patch(f"/meetings/{meeting.public_id}", {"minutes": 30})
    assert r.status_code == 409
    assert api_as(mentee).post(f"/meetings/{meeting.public_id}/cancel", {}).status_code == 409


def test_the_prompt_bank_has_at_least_40_prompts_in_five_topics(mentee, api_as):
    page = api_as(mentee).get("/prompts?limit=100").json()
    assert page["count"] >= 40
    prompts = page["items"]
    assert len(prompts) == page["count"]
    topics = {p["topic"] for p in prompts}
    assert {"Career direction", "Skills", "Setbacks", "Feedback", "Well-being"} <= topics
    assert all(p["text"].endswith("?") for p in prompts)
    only = api_as(mentee).get("/prompts?topic=setbacks").json()["items"]
    assert only and {p["topic"] for p in only} == {"Setbacks"}


def test_the_prompt_bank_answers_twenty_at_a_time_unless_asked_for_more(mentee, api_as):
    page = api_as(mentee).get("/prompts").json()
    assert len(page["items"]) == 20
    assert page["count"] >= 40


def test_a_prompt_is_pulled_into_the_agenda(meeting, mentee, api_as):
    prompt = Prompt.objects.get(text__startswith="What experiences have shaped")
    r = api_as(mentee).post(
        f"/meetings/{meeting.public_id}/agenda", {"prompt_id": str(prompt.public_id)}
    )
    assert r.status_code == 201
    assert r.json()["text"] == prompt.text
    assert r.json()["from_prompt"] is True
    bad = api_as(mentee).post(
        f"/meetings/{meeting.public_id}/agenda",
        {"prompt_id": "7b0c4a0e-6c1f-4a57-9a55-1a4d1a1b6b0f"},
    )
    assert bad.status_code == 404
    empty = api_as(mentee).post(f"/meetings/{meeting.public_id}/agenda", {"text": "  "})
    assert empty.status_code == 422


def test_uncovered_items_carry_forward_to_the_next_meeting(pair, mentor, mentee, api_as):
    (first,) = services.meeting_schedule(mentorship=pair, organizer=mentor, starts_at=soon(1))
    (second,) = services.meeting_schedule(mentorship=pair, organizer=mentor, starts_at=soon(8))
    covered = services.agenda_add(meeting=first, author=mentee, text="Covered one")
    services.agenda_add(meeting=first, author=mentor, text="Left over")
    services.agenda_cover(item=covered, actor=mentee)
    # Before the first meeting has ended nothing carries.
    assert api_as(mentee).get(f"/meetings/{second.public_id}").json()["carried_forward"] == []
    Meeting.objects.filter(pk=first.pk).update(starts_at=tz.now() - dt.timedelta(days=1))
    carried = api_as(mentee).get(f"/meetings/{second.public_id}").json()["carried_forward"]
    assert [i["text"] for i in carried] == ["Left over"]
    r = api_as(mentor).post(f"/agenda/{carried[0]['id']}/cover")
    assert r.json()["covered_at"]
    assert api_as(mentee).get(f"/meetings/{second.public_id}").json()["carried_forward"] == []


def test_open_action_items_carry_into_the_next_meeting_and_my_list(pair, mentor, mentee, api_as):
    (first,) = services.meeting_schedule(mentorship=pair, organizer=mentor, starts_at=soon(1))
    (second,) = services.meeting_schedule(mentorship=pair, organizer=mentor, starts_at=soon(8))
    r = api_as(mentor).post(
        f"/meetings/{first.public_id}/action-items",
        {"text": "Draft outline", "owner_id": str(mentee.public_id), "due_on": str(soon(5).date())},
    )
    assert r.status_code == 201
    on_second = api_as(mentee).get(f"/meetings/{second.public_id}").json()["open_action_items"]
    assert [i["text"] for i in on_second] == ["Draft outline"]
    mine = api_as(mentee).get("/me/action-items").json()
    assert [i["text"] for i in mine["items"]] == ["Draft outline"]
    assert api_as(mentor).get("/me/action-items").json()["count"] == 0
    api_as(mentee).post(f"/action-items/{r.json()['id']}/complete")
    assert api_as(mentee).get("/me/action-items").json()["count"] == 0
    assert api_as(mentee).get("/me/action-items?include_done=true").json()["count"] == 1
    again = api_as(mentee).post(f"/action-items/{r.json()['id']}/complete")
    assert again.status_code == 409


def test_an_action_item_owner_must_be_in_the_pair(meeting, mentor, outsider, api_as):
    r = api_as(mentor).post(
        f"/meetings/{meeting.public_id}/action-items",
        {"text": "x", "owner_id": str(outsider.public_id)},
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "owner_id"
    assert not ActionItem.objects.exists()


def test_feedback_is_blind_until_both_answered(held, mentor, mentee, api_as):
    meeting = held
    r = api_as(mentee).post(
        f"/meetings/{meeting.public_id}/feedback",
        {"rating": 4, "went_well": "Good questions", "do_differently": "Talk less"},
    )
    assert r.status_code == 201
    seen = api_as(mentor).get(f"/meetings/{meeting.public_id}").json()["feedback"]
    assert seen["theirs"] is None
    assert seen["theirs_given"] is True
    assert "Good questions" not in str(api_as(mentor).get(f"/meetings/{meeting.public_id}").json())
    api_as(mentor).post(f"/meetings/{meeting.public_id}/feedback", {"rating": 5})
    seen = api_as(mentor).get(f"/meetings/{meeting.public_id}").json()["feedback"]
    assert seen["theirs"]["went_well"] == "Good questions"
    assert seen["mine"]["rating"] == 5
    twice = api_as(mentor).post(f"/meetings/{meeting.public_id}/feedback", {"rating": 1})
    assert twice.status_code == 409
    assert Feedback.objects.get(author=mentor).rating == 5


def test_feedback_opens_7_days_after_the_first_answer_even_unanswered(held, mentor, mentee):
    meeting = held
    first = services.feedback_give(meeting=meeting, author=mentee, rating=3, went_well="ok")
    meeting.refresh_from_db()
    assert meeting.feedback_opens_at == first.created_at + dt.timedelta(days=7)
    six_days = first.created_at + dt.timedelta(days=6, hours=23)
    seven_days = first.created_at + dt.timedelta(days=7, seconds=1)
    assert feedback_for(meeting, mentor, now=six_days).theirs is None
    assert feedback_for(meeting, mentor, now=seven_days).theirs.went_well == "ok"
    # My own answer I always see.
    assert feedback_for(meeting, mentee, now=six_days).mine.rating == 3


@pytest.mark.parametrize("rating", [0, 6, "5", True, None])
def test_a_rating_outside_1_to_5_is_refused(held, mentee, api_as, rating):
    r = api_as(mentee).post(f"/meetings/{held.public_id}/feedback", {"rating": rating})
    assert r.status_code == 422
    assert not Feedback.objects.exists()


def test_the_cadence_streak_counts_meetings_in_a_row(pair, mentor, mentee):
    agreement(pair, ends_on=tz.localdate() + dt.timedelta(days=300))
    now = tz.now()
    # Held 70, 40 (gap 30: broke it), 26, 12 days ago; then one next week.
    for days_ago in (70, 40, 26, 12):
        Meeting.objects.create(
            mentorship=pair, organizer=mentor, starts_at=now - dt.timedelta(days=days_ago)
        )
    nxt = Meeting.objects.create(
        mentorship=pair, organizer=mentor, starts_at=now + dt.timedelta(days=7)
    )
    cadence = cadence_for(pair, now=now)
    assert cadence.every_days == 14
    assert cadence.streak == 3
    assert cadence.next == nxt
    assert (now - cadence.last.starts_at).days == 12


def test_an_outsider_cannot_reach_items_by_id(meeting, mentee, outsider, api_as):
    item = services.agenda_add(meeting=meeting, author=mentee, text="mine")
    assert api_as(outsider).post(f"/agenda/{item.public_id}/cover").status_code == 404
    assert AgendaItem.objects.get().covered_at is None


def test_a_start_given_as_a_number_of_seconds_is_refused(pair, mentor, api_as):
    r = api_as(mentor).post(f"/mentorships/{pair.public_id}/meetings", {"starts_at": 1795000000})
    assert r.status_code == 422
    assert "ISO 8601" in r.json()["errors"][0]["message"]


def test_a_page_form_without_its_csrf_token_gets_a_friendly_403(pair, mentee):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(mentee)
    r = client.post(f"/mentorships/{pair.public_id}/thanks/", {"message": "hi"})
    assert r.status_code == 403
    assert "That form had expired" in r.content.decode()


def test_an_answered_meeting_cannot_be_moved_to_open_feedback_early(held, mentee, mentor, api_as):
    meeting = held
    services.feedback_give(meeting=meeting, author=mentee, rating=2, do_differently="SECRET")
    moved = api_as(mentor).patch(
        f"/meetings/{meeting.public_id}",
        {"starts_at": (tz.now() - dt.timedelta(days=8)).isoformat()},
    )
    assert moved.status_code == 409
    assert moved.json()["code"] == "has_feedback"
    body = api_as(mentor).get(f"/meetings/{meeting.public_id}").json()
    assert body["feedback"]["theirs"] is None
    assert "SECRET" not in str(body)
    assert (
        api_as(mentor).patch(f"/meetings/{meeting.public_id}", {"title": "Renamed"}).status_code
        == 200
    )
