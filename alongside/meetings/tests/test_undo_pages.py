"""Undoing "covered" and "done" from the meeting page: either member, then back to the
list it is in, with a word of what happened (or of why not)."""

import datetime as dt

from django.utils import timezone as tz

from alongside.meetings import services as meetings
from alongside.meetings.models import ActionItem, AgendaItem
from conftest import page_client


def _meeting(pair, mentor):
    (meeting,) = meetings.meeting_schedule(
        mentorship=pair, organizer=mentor, starts_at=tz.now() + dt.timedelta(days=2)
    )
    return meeting


def test_the_other_member_marks_a_covered_agenda_item_not_covered_once(pair, mentee, mentor):
    meeting = _meeting(pair, mentor)
    item = meetings.agenda_add(meeting=meeting, author=mentee, text="Feedback on the talk")
    meetings.agenda_cover(item=item, actor=mentee)
    client = page_client(mentor)
    r = client.post(f"/agenda/{item.public_id}/uncover/", follow=True)
    assert r.redirect_chain == [(f"/meetings/{meeting.public_id}/#agenda", 302)]
    assert "Marked as not covered yet." in r.content.decode()
    assert AgendaItem.objects.get(pk=item.pk).covered_at is None
    again = client.post(f"/agenda/{item.public_id}/uncover/", follow=True).content.decode()
    assert "This agenda item is not marked covered." in again
    assert "Marked as not covered yet." not in again


def test_a_done_action_item_is_reopened_and_the_page_says_so(pair, mentee, mentor):
    meeting = _meeting(pair, mentor)
    item = meetings.action_item_add(meeting=meeting, author=mentor, text="Draft", owner=mentee)
    meetings.action_item_complete(item=item, actor=mentee)
    r = page_client(mentee).post(f"/action-items/{item.public_id}/reopen/", follow=True)
    assert r.redirect_chain == [(f"/meetings/{meeting.public_id}/#actions", 302)]
    assert "The action item is open again." in r.content.decode()
    assert ActionItem.objects.get(pk=item.pk).done_at is None


def test_an_outsider_cannot_undo_anything(pair, mentee, mentor, outsider):
    meeting = _meeting(pair, mentor)
    item = meetings.agenda_add(meeting=meeting, author=mentee, text="Private plans")
    meetings.agenda_cover(item=item, actor=mentee)
    assert page_client(outsider).post(f"/agenda/{item.public_id}/uncover/").status_code == 404
    assert AgendaItem.objects.get(pk=item.pk).covered_at is not None
