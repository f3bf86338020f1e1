"""Finding 4 of the review: blind feedback opens 7 days after the first answer, whenever the
meeting is dated, and no one answers a meeting that has not started."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone as tz

from alongside.meetings import services
from alongside.meetings.models import Feedback, Meeting
from alongside.meetings.selectors import feedback_for

SECRET = "what-ada-would-do-differently-4f1"


def at(days: float) -> dt.datetime:
    return (tz.now() + dt.timedelta(days=days)).replace(microsecond=0)


@pytest.fixture
def upcoming(pair, mentor):
    (m,) = services.meeting_schedule(mentorship=pair, organizer=mentor, starts_at=at(2))
    return m


def page_as(person):
    client = Client()
    client.force_login(person)
    return client


def test_finding_4_moving_an_unanswered_meeting_into_the_past_does_not_open_feedback_early(
    upcoming, mentor, mentee, api_as
):
    # The review's steps: the mover takes the meeting 59 days back, the partner answers...
    moved = api_as(mentor).patch(
        f"/meetings/{upcoming.public_id}", {"starts_at": at(-59).isoformat()}
    )
    assert moved.status_code == 200
    given = api_as(mentee).post(
        f"/meetings/{upcoming.public_id}/feedback", {"rating": 2, "do_differently": SECRET}
    )
    assert given.status_code == 201
    # ...and the mover, who has not answered, still sees nothing of it: not in the API,
    body = api_as(mentor).get(f"/meetings/{upcoming.public_id}").json()
    assert body["feedback"]["theirs"] is None
    assert body["feedback"]["theirs_given"] is True
    assert SECRET not in str(body)
    # not on the page,
    html = page_as(mentor).get(f"/meetings/{upcoming.public_id}/").content.decode()
    assert "Ada Mentee has answered." in html
    assert SECRET not in html
    # and not for 7 days after the answer, whatever the meeting's date.
    answered = Feedback.objects.get().created_at
    meeting = Meeting.objects.get()
    assert (
        feedback_for(meeting, mentor, now=answered + dt.timedelta(days=6, hours=23)).theirs is None
    )
    opened = feedback_for(meeting, mentor, now=answered + dt.timedelta(days=7, seconds=1))
    assert opened.theirs is not None
    assert opened.theirs.do_differently == SECRET


def test_feedback_on_a_meeting_that_has_not_started_is_refused_in_the_api(upcoming, mentee, api_as):
    r = api_as(mentee).post(f"/meetings/{upcoming.public_id}/feedback", {"rating": 4})
    assert r.status_code == 409
    assert r.json()["code"] == "not_started"
    assert "has not started yet" in r.json()["detail"]
    assert not Feedback.objects.exists()
    assert Meeting.objects.get().feedback_opens_at is None


def test_feedback_on_a_meeting_that_has_not_started_is_refused_on_the_page(upcoming, mentee):
    client = page_as(mentee)
    html = client.get(f"/meetings/{upcoming.public_id}/").content.decode()
    assert "You can give feedback once the meeting has started." in html
    assert "Give feedback</button>" not in html
    r = client.post(f"/meetings/{upcoming.public_id}/feedback/", {"rating": "4"})
    assert r.status_code == 409
    assert "has not started yet" in r.content.decode()
    assert not Feedback.objects.exists()


def test_a_meeting_held_earlier_than_planned_is_moved_back_then_answered(upcoming, mentor, api_as):
    moved = api_as(mentor).patch(
        f"/meetings/{upcoming.public_id}", {"starts_at": at(-0.1).isoformat()}
    )
    assert moved.status_code == 200
    r = api_as(mentor).post(f"/meetings/{upcoming.public_id}/feedback", {"rating": 5})
    assert r.status_code == 201


def test_the_second_answer_does_not_move_the_opening_time(pair, mentor, mentee):
    (held,) = services.meeting_schedule(mentorship=pair, organizer=mentor, starts_at=at(-1))
    first = services.feedback_give(meeting=held, author=mentee, rating=3)
    held.refresh_from_db()
    opens = held.feedback_opens_at
    assert opens == first.created_at + dt.timedelta(days=7)
    services.feedback_give(meeting=held, author=mentor, rating=4)
    held.refresh_from_db()
    assert held.feedback_opens_at == opens


def test_a_stale_meeting_instance_still_keeps_the_answer_blind(pair, mentor, mentee):
    (held,) = services.meeting_schedule(mentorship=pair, organizer=mentor, starts_at=at(-1))
    stale = Meeting.objects.get(pk=held.pk)  # read before the first answer
    first = services.feedback_give(meeting=held, author=mentee, rating=3)
    seen = feedback_for(stale, mentor, now=first.created_at + dt.timedelta(days=6))
    assert seen.theirs is None
    assert seen.opens_at == first.created_at + dt.timedelta(days=7)
    mine = feedback_for(stale, mentee)
    assert mine.opens_at == first.created_at + dt.timedelta(days=7)
