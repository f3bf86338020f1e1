"""Correcting and taking back what was written about a meeting: only the author edits or
deletes, the other member sees "edited", and "covered" and "done" can be undone."""

import datetime as dt

import pytest
from django.utils import timezone as tz

from alongside.meetings import services as meetings
from alongside.meetings.models import ActionItem, AgendaItem, Note
from alongside.mentorships.models import TimelineItem
from conftest import page_client


@pytest.fixture
def meeting(pair, mentor):
    (m,) = meetings.meeting_schedule(
        mentorship=pair, organizer=mentor, starts_at=tz.now() + dt.timedelta(days=2)
    )
    return m


def timeline_text(api, pair):
    return api.get(f"/mentorships/{pair.public_id}/timeline").content.decode()


def test_the_author_edits_a_note_and_the_other_member_sees_it_edited(
    pair, meeting, mentee, mentor, api_as
):
    note = meetings.note_add(
        meeting=meeting, author=mentee, body="First words", visibility="shared"
    )
    r = api_as(mentee).patch(f"/notes/{note.public_id}", {"body": "Better words"})
    assert r.status_code == 200, r.content
    assert r.json()["body"] == "Better words" and r.json()["edited_at"]
    (seen,) = api_as(mentor).get(f"/meetings/{meeting.public_id}/notes").json()["items"]
    assert seen["body"] == "Better words" and seen["edited_at"]
    assert "Better words" in timeline_text(api_as(mentor), pair)
    assert "First words" not in timeline_text(api_as(mentor), pair)
    page = page_client(mentor).get(f"/meetings/{meeting.public_id}/").content.decode()
    assert "Better words" in page and ">edited<" in page


def test_the_other_member_may_read_a_shared_note_but_not_change_it(
    pair, meeting, mentee, mentor, outsider, api_as
):
    note = meetings.note_add(meeting=meeting, author=mentee, body="Mine", visibility="shared")
    for call in (
        lambda api: api.patch(f"/notes/{note.public_id}", {"body": "Theirs"}),
        lambda api: api.delete(f"/notes/{note.public_id}"),
    ):
        r = call(api_as(mentor))
        assert r.status_code == 403 and r.json()["code"] == "not_author"
        assert call(api_as(outsider)).status_code == 404
        assert call(api_as(None)).status_code == 401
    assert Note.objects.get(pk=note.pk).body == "Mine"


def test_another_members_private_note_is_a_404_as_if_it_did_not_exist(
    pair, meeting, mentee, mentor, api_as
):
    note = meetings.note_add(meeting=meeting, author=mentee, body="Only me", visibility="private")
    mentor_api = api_as(mentor)
    r = mentor_api.patch(f"/notes/{note.public_id}", {"body": "x"})
    assert r.status_code == 404 and "Only me" not in r.content.decode()
    assert mentor_api.delete(f"/notes/{note.public_id}").status_code == 404
    assert page_client(mentor).get(f"/notes/{note.public_id}/edit/").status_code == 404
    assert page_client(mentor).get(f"/notes/{note.public_id}/delete/").status_code == 404
    assert Note.objects.filter(pk=note.pk).exists()


def test_a_shared_note_made_private_leaves_the_timeline_and_comes_back_when_shared(
    pair, meeting, mentee, mentor, api_as
):
    note = meetings.note_add(meeting=meeting, author=mentee, body="About pay", visibility="shared")
    api = api_as(mentee)
    assert api.patch(f"/notes/{note.public_id}", {"visibility": "private"}).status_code == 200
    assert not TimelineItem.objects.filter(ref=note.public_id).exists()
    assert "About pay" not in timeline_text(api_as(mentor), pair)
    assert api_as(mentor).get(f"/meetings/{meeting.public_id}/notes").json()["count"] == 0

    assert api.patch(f"/notes/{note.public_id}", {"visibility": "shared"}).status_code == 200
    assert TimelineItem.objects.filter(ref=note.public_id).count() == 1
    assert "About pay" in timeline_text(api_as(mentor), pair)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "   "}, "body"),
        ({"body": None}, "body"),
        ({"body": "x" * 4001}, "body"),
        ({"visibility": "public"}, "visibility"),
        ({"kind": "gossip"}, "kind"),
        ({"visibility": None}, "visibility"),
        ({"author_id": "00000000-0000-4000-8000-000000000000"}, "author_id"),
    ],
)
def test_a_bad_note_edit_is_refused_and_loses_nothing(pair, meeting, mentee, api_as, body, field):
    note = meetings.note_add(meeting=meeting, author=mentee, body="Kept", visibility="shared")
    r = api_as(mentee).patch(f"/notes/{note.public_id}", body)
    assert r.status_code == 422, r.content
    assert field in [e["field"] for e in r.json()["errors"]] or field in r.content.decode()
    note.refresh_from_db()
    assert (note.body, note.visibility, note.edited_at) == ("Kept", "shared", None)


@pytest.mark.parametrize(
    "body",
    [{"text": ""}, {"text": "Two\nlines"}, {"text": "x" * 1001}, {"text": "Bell\x07"}, {}],
)
def test_an_agenda_item_keeps_the_rules_of_one_line_when_edited(
    pair, meeting, mentee, api_as, body
):
    item = meetings.agenda_add(meeting=meeting, author=mentee, text="Timing")
    r = api_as(mentee).patch(f"/agenda/{item.public_id}", body)
    assert r.status_code == 422, r.content
    assert r.json()["errors"] and r.json()["detail"]
    assert AgendaItem.objects.get(pk=item.pk).text == "Timing"


def test_the_author_edits_and_deletes_an_agenda_item(pair, meeting, mentee, mentor, api_as):
    item = meetings.agenda_add(meeting=meeting, author=mentee, text="Timing")
    assert api_as(mentor).patch(f"/agenda/{item.public_id}", {"text": "x"}).status_code == 403
    r = api_as(mentee).patch(f"/agenda/{item.public_id}", {"text": "Timing and pauses"})
    assert r.json()["text"] == "Timing and pauses" and r.json()["edited_at"]
    assert api_as(mentor).delete(f"/agenda/{item.public_id}").status_code == 403
    assert api_as(mentee).delete(f"/agenda/{item.public_id}").status_code == 204
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    assert api_as(mentee).delete(f"/agenda/{item.public_id}").status_code == 404


def test_covered_can_be_undone_by_either_member(pair, meeting, mentee, mentor, api_as):
    item = meetings.agenda_add(meeting=meeting, author=mentee, text="Timing")
    r = api_as(mentor).post(f"/agenda/{item.public_id}/uncover")
    assert r.status_code == 409 and r.json()["code"] == "not_covered"
    api_as(mentor).post(f"/agenda/{item.public_id}/cover")
    r = api_as(mentor).post(f"/agenda/{item.public_id}/uncover")
    assert r.status_code == 200 and r.json()["covered_at"] is None
    assert api_as(mentee).post(f"/agenda/{item.public_id}/cover").status_code == 200


def test_done_can_be_undone_and_leaves_the_timeline_until_done_again(
    pair, meeting, mentee, mentor, api_as
):
    item = meetings.action_item_add(
        meeting=meeting, author=mentor, text="Send slides", owner=mentee
    )
    api_as(mentee).post(f"/action-items/{item.public_id}/complete")
    assert "Action item done: Send slides" in timeline_text(api_as(mentor), pair)

    r = api_as(mentor).post(f"/action-items/{item.public_id}/reopen")
    assert r.status_code == 200 and r.json()["done_at"] is None
    assert "Send slides" not in timeline_text(api_as(mentor), pair)
    assert api_as(mentor).post(f"/action-items/{item.public_id}/reopen").status_code == 409

    api_as(mentee).post(f"/action-items/{item.public_id}/complete")
    assert timeline_text(api_as(mentor), pair).count("Action item done: Send slides") == 1


def test_the_one_who_wrote_an_action_item_edits_it_not_its_owner(
    pair, meeting, mentee, mentor, outsider, api_as
):
    item = meetings.action_item_add(
        meeting=meeting, author=mentor, text="Send slides", owner=mentee
    )
    path = f"/action-items/{item.public_id}"
    assert api_as(mentee).patch(path, {"text": "Skip it"}).status_code == 403
    r = api_as(mentor).patch(
        path, {"text": "Send the slides", "owner_id": str(mentor.public_id), "due_on": None}
    )
    assert r.status_code == 200, r.content
    assert r.json()["owner"]["id"] == str(mentor.public_id) and r.json()["edited_at"]
    r = api_as(mentor).patch(path, {"owner_id": str(outsider.public_id)})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "owner_id"
    long_ago = (tz.localdate() - dt.timedelta(days=30)).isoformat()
    r = api_as(mentor).patch(path, {"due_on": long_ago})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "due_on"
    assert ActionItem.objects.get(pk=item.pk).owner == mentor


def test_the_edit_page_shows_the_current_words_and_saves_new_ones(pair, meeting, mentee, mentor):
    note = meetings.note_add(meeting=meeting, author=mentee, body="Draft", visibility="shared")
    client = page_client(mentee)
    page = client.get(f"/notes/{note.public_id}/edit/")
    assert page.status_code == 200 and "Draft" in page.content.decode()
    r = client.post(
        f"/notes/{note.public_id}/edit/",
        {"body": "x" * 4001, "kind": "note", "visibility": "shared"},
    )
    assert r.status_code == 400 and "Error: " in r.content.decode()
    assert Note.objects.get(pk=note.pk).body == "Draft"  # nothing lost on a bad edit
    r = client.post(
        f"/notes/{note.public_id}/edit/", {"body": "Final", "kind": "note", "visibility": "shared"}
    )
    assert r.status_code == 302 and r["Location"] == f"/meetings/{meeting.public_id}/#notes"
    assert Note.objects.get(pk=note.pk).body == "Final"
    assert page_client(mentor).get(f"/notes/{note.public_id}/edit/").status_code == 403


def test_the_delete_page_asks_first_then_deletes(pair, meeting, mentee):
    item = meetings.agenda_add(meeting=meeting, author=mentee, text="Salary")
    client = page_client(mentee)
    ask = client.get(f"/agenda/{item.public_id}/delete/").content.decode()
    assert "Delete your agenda item?" in ask and "Salary" in ask
    assert AgendaItem.objects.filter(pk=item.pk).exists()  # asking deletes nothing
    r = client.post(f"/agenda/{item.public_id}/delete/")
    assert r.status_code == 302 and not AgendaItem.objects.filter(pk=item.pk).exists()


def test_the_meeting_page_offers_undo_for_covered_and_done(pair, meeting, mentee, mentor):
    item = meetings.agenda_add(meeting=meeting, author=mentee, text="Timing")
    meetings.agenda_cover(item=item, actor=mentee)
    task = meetings.action_item_add(meeting=meeting, author=mentor, text="Slides", owner=mentee)
    meetings.action_item_complete(item=task, actor=mentee)
    client = page_client(mentee)
    page = client.get(f"/meetings/{meeting.public_id}/").content.decode()
    assert f"/agenda/{item.public_id}/uncover/" in page
    assert f"/action-items/{task.public_id}/reopen/" in page
    assert f"/agenda/{item.public_id}/edit/" in page  # hers
    assert f"/action-items/{task.public_id}/edit/" not in page  # the mentor wrote it
    client.post(f"/action-items/{task.public_id}/reopen/")
    assert ActionItem.objects.get(pk=task.pk).done_at is None
    client.post(f"/agenda/{item.public_id}/uncover/")
    assert AgendaItem.objects.get(pk=item.pk).covered_at is None


def test_the_agenda_edit_page_keeps_an_item_to_one_line(pair, meeting, mentee):
    item = meetings.agenda_add(meeting=meeting, author=mentee, text="Timing")
    client = page_client(mentee)
    for text in ("Two\nlines", "x" * 1001, ""):
        r = client.post(f"/agenda/{item.public_id}/edit/", {"text": text})
        assert r.status_code == 400, text
        assert 'role="alert"' in r.content.decode() or "has-error" in r.content.decode()
    assert AgendaItem.objects.get(pk=item.pk).text == "Timing"
    assert AgendaItem.objects.get(pk=item.pk).edited_at is None


def test_the_edit_page_of_a_private_note_does_not_speak_of_another_reader(pair, meeting, mentee):
    private = meetings.note_add(meeting=meeting, author=mentee, body="Mine", visibility="private")
    shared = meetings.note_add(meeting=meeting, author=mentee, body="Ours", visibility="shared")
    client = page_client(mentee)
    said = "The other person sees the new words"
    assert said not in client.get(f"/notes/{private.public_id}/edit/").content.decode()
    assert said in client.get(f"/notes/{shared.public_id}/edit/").content.decode()
