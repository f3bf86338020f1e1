"""A message refers to a goal, a meeting, an action item or a resource and shows it as a
card; it becomes an action item or an agenda item of the next meeting."""

import datetime as dt

from django.utils import timezone as tz

from alongside.goals import services as goals
from alongside.growth import services as growth
from alongside.meetings import services as meetings
from alongside.meetings.models import ActionItem, AgendaItem
from alongside.threads import services
from alongside.threads.models import Message
from conftest import make_pair, page_client


def thread(pair):
    return f"/mentorships/{pair.public_id}/messages/"


def _meeting(pair, mentor, days=2):
    (meeting,) = meetings.meeting_schedule(
        mentorship=pair, organizer=mentor, starts_at=tz.now() + dt.timedelta(days=days)
    )
    return meeting


def test_each_kind_of_thing_shows_as_a_card_as_it_reads_now(pair, mentee, mentor, api_as):
    goal = goals.goal_create(
        mentorship=pair, author=mentee, title="Give a talk", objective="Talk", measure="Given"
    )
    meeting = _meeting(pair, mentor)
    item = meetings.action_item_add(meeting=meeting, author=mentor, text="Draft", owner=mentee)
    resource = growth.resource_share(mentorship=pair, author=mentor, title="On pauses")
    api = api_as(mentee)
    for kind, thing in [
        ("goal", goal),
        ("meeting", meeting),
        ("action_item", item),
        ("resource", resource),
    ]:
        r = api.post(
            f"/mentorships/{pair.public_id}/messages",
            {"body": f"About this {kind}", "ref_kind": kind, "ref_id": str(thing.public_id)},
        )
        assert r.status_code == 201, r.content
        assert r.json()["ref"]["id"] == str(thing.public_id)
    goals.goal_update(goal=goal, author=mentee, title="Give a talk at PyCon")
    cards = [m["ref"] for m in api.get(f"/mentorships/{pair.public_id}/messages").json()["items"]]
    assert [c["label"] for c in cards] == ["Goal", "Meeting", "Action item", "Resource"]
    assert cards[0]["title"] == "Give a talk at PyCon"
    assert cards[2]["url"] == f"/meetings/{meeting.public_id}/#actions"
    html = page_client(mentor).get(thread(pair)).content.decode()
    assert 'class="msg-card"' in html and "Give a talk at PyCon" in html and "On pauses" in html


def test_a_reference_must_be_to_a_thing_of_this_pair(pair, mentee, mentor, outsider, api_as):
    elsewhere = make_pair(outsider, mentor)
    foreign = goals.goal_create(
        mentorship=elsewhere, author=outsider, title="Eve's goal", objective="x", measure="y"
    )
    url = f"/mentorships/{pair.public_id}/messages"
    r = api_as(mentee).post(
        url, {"body": "Look", "ref_kind": "goal", "ref_id": str(foreign.public_id)}
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "ref_id"
    r = api_as(mentee).post(url, {"body": "Look", "ref_kind": "journal", "ref_id": "x"})
    assert r.status_code == 422
    assert not Message.objects.exists()


def test_a_card_goes_when_its_thing_is_deleted(pair, mentee, mentor, api_as):
    meeting = _meeting(pair, mentor)
    item = meetings.action_item_add(meeting=meeting, author=mentor, text="Draft", owner=mentee)
    services.message_post(
        mentorship=pair, author=mentee, body="Done?", ref_kind="action_item", ref_id=item.public_id
    )
    ActionItem.objects.filter(pk=item.pk).delete()
    (shown,) = api_as(mentor).get(f"/mentorships/{pair.public_id}/messages").json()["items"]
    assert shown["ref"] is None and shown["body"] == "Done?"


def test_a_message_becomes_an_action_item_of_the_next_meeting(pair, mentee, mentor):
    meeting = _meeting(pair, mentor)
    sent = services.message_post(
        mentorship=pair, author=mentor, body="Read chapter 3\nand take notes"
    )
    r = page_client(mentee).post(f"/messages/{sent.public_id}/action-item/")
    assert r.status_code == 302 and r["Location"].endswith(thread(pair) + "#m-1")
    item = ActionItem.objects.get()
    assert (item.text, item.owner, item.meeting) == (
        "Read chapter 3 and take notes",
        mentee,
        meeting,
    )


def test_a_message_goes_on_the_next_meetings_agenda(pair, mentee, mentor):
    _meeting(pair, mentor, days=9)
    soonest = _meeting(pair, mentor, days=2)
    sent = services.message_post(mentorship=pair, author=mentee, body="x" * 3000)
    page_client(mentor).post(f"/messages/{sent.public_id}/agenda/")
    item = AgendaItem.objects.get()
    assert item.meeting == soonest and len(item.text) == 1000 and item.text.endswith("…")


def test_without_a_meeting_the_actions_say_what_to_do_first(pair, mentee):
    sent = services.message_post(mentorship=pair, author=mentee, body="Let's do this")
    client = page_client(mentee)
    r = client.post(f"/messages/{sent.public_id}/agenda/", follow=True)
    assert "schedule one" in r.content.decode()
    r = client.post(f"/messages/{sent.public_id}/action-item/", follow=True)
    assert "Schedule a meeting first" in r.content.decode()
    assert not ActionItem.objects.exists() and not AgendaItem.objects.exists()


def test_a_deleted_message_becomes_nothing(pair, mentee, mentor):
    _meeting(pair, mentor)
    sent = services.message_post(mentorship=pair, author=mentee, body="Gone soon")
    services.message_delete(message=sent, actor=mentee)
    page_client(mentor).post(f"/messages/{sent.public_id}/action-item/")
    assert not ActionItem.objects.exists()


def test_the_api_makes_a_message_an_action_item_or_an_agenda_item(pair, mentee, mentor, api_as):
    meeting = _meeting(pair, mentor)
    sent = services.message_post(mentorship=pair, author=mentor, body="Practise the opening")
    r = api_as(mentee).post(f"/messages/{sent.public_id}/action-item")
    assert r.status_code == 201, r.content
    assert r.json()["text"] == "Practise the opening"
    r = api_as(mentor).post(f"/messages/{sent.public_id}/agenda")
    assert r.status_code == 201 and r.json()["text"] == "Practise the opening"
    assert AgendaItem.objects.get().meeting == meeting
    services.message_delete(message=sent, actor=mentor)
    r = api_as(mentee).post(f"/messages/{sent.public_id}/agenda")
    assert r.status_code == 409 and r.json()["code"] == "deleted"
