"""The thread over the API: post, page, search, edit for 15 minutes, delete, read marks."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone as tz

from alongside.notifications.models import Notification
from alongside.threads.models import BODY_MAX, Message


def url(pair, tail=""):
    return f"/mentorships/{pair.public_id}/messages{tail}"


def send(api, pair, body, **extra):
    r = api.post(url(pair), {"body": body, **extra})
    assert r.status_code == 201, r.content
    return r.json()


def test_a_message_is_posted_and_both_members_read_it_newest_last(pair, mentee, mentor, api_as):
    first = send(api_as(mentee), pair, "Found a great article on pacing")
    second = send(api_as(mentor), pair, "Send it over!\nI will read it tonight.")
    assert (first["seq"], second["seq"]) == (1, 2)
    assert second["body"] == "Send it over!\nI will read it tonight."
    for person in (mentee, mentor):
        page = api_as(person).get(url(pair)).json()
        assert [m["id"] for m in page["items"]] == [first["id"], second["id"]]
        assert page["count"] == 2 and page["last_seq"] == 2


def test_pages_count_from_the_newest_and_each_page_reads_oldest_first(pair, mentee, api_as):
    api = api_as(mentee)
    for n in range(1, 8):
        send(api, pair, f"Message number {n}")
    newest = api.get(url(pair, "?limit=3")).json()
    assert [m["body"] for m in newest["items"]] == [f"Message number {n}" for n in (5, 6, 7)]
    older = api.get(url(pair, "?limit=3&offset=3")).json()
    assert [m["seq"] for m in older["items"]] == [2, 3, 4]
    assert older["count"] == 7
    polled = api.get(url(pair, "?after=5")).json()
    assert [m["seq"] for m in polled["items"]] == [6, 7]


def test_search_finds_messages_containing_the_words_in_any_case(pair, mentee, mentor, api_as):
    send(api_as(mentee), pair, "Shall we talk about the CONFERENCE talk?")
    send(api_as(mentor), pair, "Yes. Bring your slides.")
    send(api_as(mentor), pair, "And the conference schedule")
    found = api_as(mentee).get(url(pair, "?q=conference")).json()
    assert found["count"] == 2
    assert [m["seq"] for m in found["items"]] == [1, 3]
    assert api_as(mentee).get(url(pair, "?q=nothing-like-this")).json()["count"] == 0


def test_the_author_edits_within_15_minutes_and_it_shows_as_edited(pair, mentee, api_as):
    with time_machine.travel(tz.now(), tick=False) as clock:
        sent = send(api_as(mentee), pair, "See you on Tuesday")
        clock.shift(dt.timedelta(minutes=14))
        r = api_as(mentee).patch(f"/messages/{sent['id']}", {"body": "See you on Wednesday"})
        assert r.status_code == 200, r.content
        assert r.json()["body"] == "See you on Wednesday" and r.json()["edited_at"]
        clock.shift(dt.timedelta(minutes=2))
        r = api_as(mentee).patch(f"/messages/{sent['id']}", {"body": "Thursday then"})
        assert r.status_code == 409 and r.json()["code"] == "edit_window_over"
    assert Message.objects.get().body == "See you on Wednesday"


def test_only_the_author_edits_or_deletes_and_a_deleted_message_keeps_its_place(
    pair, mentee, mentor, api_as
):
    sent = send(api_as(mentee), pair, "Something I regret writing")
    send(api_as(mentor), pair, "Hm?")
    assert api_as(mentor).patch(f"/messages/{sent['id']}", {"body": "x"}).status_code == 403
    assert api_as(mentor).delete(f"/messages/{sent['id']}").status_code == 403
    assert api_as(mentee).delete(f"/messages/{sent['id']}").status_code == 204
    assert api_as(mentee).delete(f"/messages/{sent['id']}").status_code == 204  # twice is once
    row = Message.objects.get(seq=1)
    assert row.body == "" and row.deleted_at is not None
    items = api_as(mentor).get(url(pair)).json()["items"]
    assert [(m["seq"], m["body"], bool(m["deleted_at"])) for m in items] == [
        (1, "", True),
        (2, "Hm?", False),
    ]
    r = api_as(mentee).patch(f"/messages/{sent['id']}", {"body": "back"})
    assert r.status_code == 409


def test_read_marks_are_receipts_per_person_and_never_move_back(pair, mentee, mentor, api_as):
    a = send(api_as(mentee), pair, "One")
    send(api_as(mentee), pair, "Two")
    page = api_as(mentor).get(url(pair)).json()
    assert page["unread"] == 2
    assert all(m["read_by"] == [] for m in page["items"])
    r = api_as(mentor).post(url(pair, "/read"), {"up_to": a["id"]})
    assert r.status_code == 200 and r.json()["last_read_seq"] == 1 and r.json()["unread"] == 1
    r = api_as(mentor).post(url(pair, "/read"))
    assert r.json()["last_read_seq"] == 2 and r.json()["unread"] == 0
    r = api_as(mentor).post(url(pair, "/read"), {"up_to": a["id"]})
    assert r.json()["last_read_seq"] == 2  # an older tab reporting late moves nothing
    page = api_as(mentee).get(url(pair)).json()
    assert [m["read_by"] for m in page["items"]] == [[str(mentor.public_id)]] * 2
    reads = {r["person"]["id"]: r["last_read_seq"] for r in page["reads"]}
    assert reads == {str(mentor.public_id): 2, str(mentee.public_id): 2}


def test_a_read_mark_names_a_message_of_this_thread(pair, mentee, mentor, api_as, outsider):
    from conftest import make_pair

    other_pair = make_pair(outsider, mentor)
    foreign = send(api_as(mentor), other_pair, "For Eve")
    r = api_as(mentee).post(url(pair, "/read"), {"up_to": foreign["id"]})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "up_to"


def test_the_other_member_is_told_in_the_app_at_once_once_per_unread_stretch(
    pair, mentee, mentor, api_as
):
    mail.outbox.clear()
    send(api_as(mentee), pair, "Are you free Friday?")
    send(api_as(mentee), pair, "Or Monday?")
    notes = Notification.objects.filter(person=mentor, kind="message")
    assert [n.title for n in notes] == ["Ada Mentee sent you a message"]
    assert "Friday" not in notes[0].title
    assert mail.outbox == []  # the email is the digest's, later
    api_as(mentor).post(url(pair, "/read"))
    assert Notification.objects.get(person=mentor, kind="message").read_at is not None
    send(api_as(mentee), pair, "Friday works")
    assert Notification.objects.filter(person=mentor, kind="message").count() == 2
    assert not Notification.objects.filter(person=mentee, kind="message").exists()


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("a\x00b", "NUL"),
        ("bell\x07", "control character"),
        ("safe\u202eexe.txt", "text-direction"),
        ("isolate \u2066x\u2069", "text-direction"),
        ("   \n\t ", "Write something"),
        ("x" * (BODY_MAX + 1), "at most 10,000"),
        ("x" * 1_000_000, "at most 10,000"),
    ],
)
def test_hostile_or_empty_bodies_are_refused_with_422_and_a_message(
    pair, mentee, api_as, body, says
):
    r = api_as(mentee).post(url(pair), {"body": body})
    assert r.status_code == 422, r.content[:300]
    assert says in r.json()["detail"]
    assert not Message.objects.exists()


def test_html_and_script_are_stored_as_the_text_they_are(pair, mentee, api_as):
    body = '<script>alert(1)</script><img src=x onerror=alert(2)> & "quotes"'
    sent = send(api_as(mentee), pair, body)
    assert sent["body"] == body
    assert Message.objects.get().body == body


def test_a_message_of_exactly_the_limit_is_kept(pair, mentee, api_as):
    sent = send(api_as(mentee), pair, "y" * BODY_MAX)
    assert len(sent["body"]) == BODY_MAX


def test_no_messages_once_the_pair_is_not_active(pair, mentee, mentor, api_as):
    from alongside.mentorships.services import mentorship_end

    send(api_as(mentee), pair, "Thanks for everything")
    mentorship_end(mentorship=pair, actor=mentor, reason="Moving abroad")
    r = api_as(mentor).post(url(pair), {"body": "Good luck"})
    assert r.status_code == 409
    assert api_as(mentor).get(url(pair)).json()["count"] == 1  # kept, and still readable


def test_outsiders_program_admins_and_the_signed_out_never_see_a_thread(
    pair, mentee, outsider, program_admin, api_as
):
    sent = send(api_as(mentee), pair, "Between us")
    for person in (outsider, program_admin):
        api = api_as(person)
        assert api.get(url(pair)).status_code == 404
        assert api.post(url(pair), {"body": "hi"}).status_code == 404
        assert api.post(url(pair, "/read")).status_code == 404
        assert api.patch(f"/messages/{sent['id']}", {"body": "x"}).status_code == 404
        assert api.delete(f"/messages/{sent['id']}").status_code == 404
    assert api_as(None).get(url(pair)).status_code == 401
    assert Message.objects.get().body == "Between us"


@pytest.mark.parametrize("common_from", [1000, 1], ids=["from the index", "walking back"])
def test_search_matches_word_starts_every_word_any_case_and_follows_edits(
    pair, mentee, mentor, api_as, monkeypatch, common_from
):
    from alongside.threads import search, services

    # Both ways of reading give the same answers: a rare word's, and a common one's.
    monkeypatch.setattr(search, "SEARCH_COUNT_MAX", common_from)

    talks = send(api_as(mentee), pair, "Talks and SLIDES for the Überblick session")
    send(api_as(mentor), pair, "Slides only")
    gone = send(api_as(mentor), pair, "talk talk talk")

    def found(q):
        page = api_as(mentee).get(url(pair, f"?q={q}")).json()
        return [m["seq"] for m in page["items"]], page["count"]

    capped = min(2, common_from)
    assert found("talk") == ([1, 3], capped)
    assert found("talk slide") == ([1], 1)  # every word
    assert found("überblick") == ([1], 1)  # case-folded beyond ASCII
    assert found("alks") == ([], 0)  # word starts, not any substring
    services.message_delete(message=Message.objects.get(public_id=gone["id"]), actor=mentor)
    assert found("talk") == ([1], 1)
    services.message_edit(
        message=Message.objects.get(public_id=talks["id"]), actor=mentee, body="Slides only"
    )
    assert found("talk") == ([], 0)
    assert found("slides") == ([1, 2], capped)
