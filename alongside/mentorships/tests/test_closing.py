"""Ending a mentorship is mutual: completing needs both members, ending early is
one-sided but tells the partner and offers the program a re-match, and either member can
reopen a mistaken close within 14 days."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone as tz

from alongside.mentorships.models import REOPEN_DAYS, Closing, Kind, Mentorship, Status
from alongside.mentorships.timeline import rendered, timeline_for
from alongside.notifications.models import Notification
from conftest import make_person, page_client

pytestmark = pytest.mark.django_db


def url(m: Mentorship, action: str) -> str:
    return f"/mentorships/{m.public_id}/{action}"


def kinds_of(person) -> list[str]:
    return list(Notification.objects.filter(person=person).values_list("kind", flat=True))


def test_one_proposes_with_a_reflection_and_the_other_confirms(pair, mentee, mentor, api_as):
    missing = api_as(mentor).post(url(pair, "complete"), {"reflection": "   "})
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "reflection"

    Notification.objects.all().delete()
    mail.outbox.clear()
    r = api_as(mentor).post(url(pair, "complete"), {"reflection": "Ada now leads meetings."})
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["status"] == "active"
    assert body["pending_completion"]["reflection"] == "Ada now leads meetings."
    assert body["pending_completion"]["proposed_by"]["name"] == "Grace Mentor"
    # The partner hears of it, in the app and by email; the proposer does not.
    assert kinds_of(mentee) == ["completion"]
    assert kinds_of(mentor) == []
    assert [m.to for m in mail.outbox] == [[mentee.email]]
    assert "proposes completing" in mail.outbox[0].subject

    again = api_as(mentor).post(url(pair, "complete"), {"reflection": "Again"})
    assert again.status_code == 409
    assert again.json()["code"] == "waiting_for_partner"

    mail.outbox.clear()
    r = api_as(mentee).post(url(pair, "complete"), {"reflection": "I found my voice."})
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "completed"
    assert body["pending_completion"] is None
    assert body["reopen_until"]
    closing = body["closings"][0]
    assert (closing["kind"], closing["confirm_reflection"]) == ("completed", "I found my voice.")
    # Both are told it is complete, once each.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([mentee.email, mentor.email])
    assert all(m.subject == "Your mentorship is complete" for m in mail.outbox)
    assert Notification.objects.filter(kind="completion", person=mentor).count() == 1
    assert Notification.objects.filter(kind="completion", person=mentee).count() == 2
    # The timeline shows the completion once, with both reflections.
    (item,) = rendered(timeline_for(pair, kind=Kind.COMPLETED))
    assert "confirmed by Ada Mentee" in item.summary
    assert "Ada now leads meetings." in item.full_text
    assert "I found my voice." in item.full_text


def test_the_partner_declines_and_the_mentorship_goes_on(pair, mentee, mentor, api_as):
    api_as(mentee).post(url(pair, "complete"), {"reflection": "I think we are done"})
    mail.outbox.clear()
    r = api_as(mentor).post(url(pair, "complete/decline"), {"reason": "One more goal first"})
    assert r.status_code == 200
    assert r.json()["status"] == "active"
    assert r.json()["pending_completion"] is None
    assert [m.to for m in mail.outbox] == [[mentee.email]]
    assert "One more goal first" in mail.outbox[0].body
    # Nothing is waiting any more, and a new proposal starts over.
    assert api_as(mentee).post(url(pair, "complete/decline")).json()["code"] == "no_proposal"
    r = api_as(mentor).post(url(pair, "complete"), {"reflection": "Now we are"})
    assert r.json()["pending_completion"]["proposed_by"]["name"] == "Grace Mentor"


def test_the_proposer_takes_their_proposal_back_without_telling_anyone(
    pair, mentee, mentor, api_as
):
    api_as(mentee).post(url(pair, "complete"), {"reflection": "Done?"})
    Notification.objects.all().delete()
    r = api_as(mentee).post(url(pair, "complete/decline"))
    assert r.json()["pending_completion"] is None
    assert not Notification.objects.exists()


def test_ending_early_is_one_sided_tells_the_partner_and_offers_a_rematch(
    pair, mentee, mentor, program_admin, api_as
):
    Notification.objects.all().delete()
    mail.outbox.clear()
    r = api_as(mentor).post(url(pair, "end"), {"reason": "I am moving abroad"})
    assert r.json()["status"] == "ended"
    assert kinds_of(mentee) == ["ended"]
    assert kinds_of(mentor) == []
    (rematch,) = Notification.objects.filter(person=program_admin)
    assert rematch.kind == "rematch"
    assert "Ada Mentee" in rematch.title
    assert "moving abroad" not in rematch.title  # the reason was for the partner alone
    told = {m.to[0]: m for m in mail.outbox}
    assert "I am moving abroad" in told[mentee.email].body
    assert "I am moving abroad" not in told[program_admin.email].body
    (item,) = rendered(timeline_for(pair, kind=Kind.ENDED))
    assert item.summary == "Grace Mentor ended the mentorship early"


def test_ending_overtakes_a_completion_waiting_for_an_answer(pair, mentee, mentor, api_as):
    api_as(mentee).post(url(pair, "complete"), {"reflection": "Done"})
    api_as(mentor).post(url(pair, "end"), {"reason": "Leaving"})
    assert not any(c.pending for c in Closing.objects.all())
    assert api_as(mentee).post(url(pair, "complete"), {}).status_code == 409


@pytest.mark.parametrize("closer", ["complete", "end"])
def test_either_member_reopens_within_14_days_and_not_after(pair, mentee, mentor, api_as, closer):
    start = tz.now()
    with time_machine.travel(start, tick=False):
        if closer == "complete":
            api_as(mentee).post(url(pair, "complete"), {"reflection": "All done"})
            api_as(mentor).post(url(pair, "complete"))
        else:
            api_as(mentee).post(url(pair, "end"), {"reason": "Too busy"})
    with time_machine.travel(start + dt.timedelta(days=REOPEN_DAYS, hours=-1), tick=False):
        Notification.objects.all().delete()
        r = api_as(mentor).post(url(pair, "reopen"))
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "active"
        assert r.json()["closed_at"] is None
        assert r.json()["closings"][0]["reopened_by"]["name"] == "Grace Mentor"
        assert kinds_of(mentee) == ["shared"]  # the partner hears of it
        assert api_as(mentee).post(url(pair, "reopen")).status_code == 409  # already active
        api_as(mentee).post(url(pair, "end"), {"reason": "Now really"})
    with time_machine.travel(start + dt.timedelta(days=2 * REOPEN_DAYS, minutes=1), tick=False):
        r = api_as(mentee).post(url(pair, "reopen"))
        assert r.status_code == 409
        assert r.json()["code"] == "reopen_too_late"
    pair.refresh_from_db()
    assert pair.status == Status.ENDED


def test_reopening_respects_the_mentors_capacity(pair, mentee, mentor, api_as):
    api_as(mentee).post(url(pair, "end"), {"reason": "Too busy"})
    mentor.mentor_capacity = 1
    mentor.save()
    other = make_person("lin@example.org", "Lin Mentee")
    from alongside.mentorships.services import mentorship_accept, mentorship_request
    from alongside.programs.selectors import community_program

    asked = mentorship_request(requester=other, mentor=mentor, program=community_program())
    mentorship_accept(mentorship=asked, actor=mentor)
    r = api_as(mentee).post(url(pair, "reopen"))
    assert r.status_code == 409
    assert r.json()["code"] == "at_capacity"


def test_the_pages_ask_for_confirmation_and_show_the_closing_summary(pair, mentee, mentor):
    ada, grace = page_client(mentee), page_client(mentor)
    page = grace.get(f"/mentorships/{pair.public_id}/complete/").content.decode()
    assert "Propose completing" in page
    refused = grace.post(f"/mentorships/{pair.public_id}/complete/", {"reflection": ""})
    assert refused.status_code == 400
    r = grace.post(
        f"/mentorships/{pair.public_id}/complete/", {"reflection": "Ada leads now"}, follow=True
    )
    assert "complete once Ada confirms" in r.content.decode()
    page = ada.get(f"/mentorships/{pair.public_id}/complete/").content.decode()
    assert "Ada leads now" in page
    assert "Confirm: the mentorship is complete" in page
    r = ada.post(f"/mentorships/{pair.public_id}/complete/", {"reflection": ""}, follow=True)
    page = r.content.decode()
    assert "Your closing summary" in page
    assert "Thank-yous from Ada" in page
    assert "Reopen the mentorship" in page
    pair.refresh_from_db()
    assert pair.status == Status.COMPLETED


def test_the_end_page_says_what_follows_before_it_ends(pair, mentee):
    ada = page_client(mentee)
    page = ada.get(f"/mentorships/{pair.public_id}/end/").content.decode()
    assert "Either of you can reopen it within 14 days" in page
    pair.refresh_from_db()
    assert pair.status == Status.ACTIVE
    r = ada.post(f"/mentorships/{pair.public_id}/end/", {"reason": "New job"}, follow=True)
    assert "You can reopen it within 14 days" in r.content.decode()
    pair.refresh_from_db()
    assert pair.status == Status.ENDED
