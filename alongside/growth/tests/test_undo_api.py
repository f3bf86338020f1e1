"""Correcting and taking back thank-you notes, resources, check-ins, replies, journal
entries and goal comments: the author only, "edited" for the other member, a check-in for
seven days, and a shared journal entry that can be unshared."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone as tz

from alongside.goals import services as goals
from alongside.goals.models import Comment
from alongside.growth import services as growth
from alongside.growth.models import CheckIn, JournalEntry, Resource, SharedEntry
from alongside.mentorships.models import TimelineItem
from conftest import make_checkin, page_client


def timeline_text(api, pair):
    return api.get(f"/mentorships/{pair.public_id}/timeline").content.decode()


def test_a_thank_you_edited_shows_its_new_words_marked_edited(pair, mentee, mentor, api_as):
    thanks = growth.appreciation_send(mentorship=pair, author=mentee, message="Thanks!")
    path = f"/appreciations/{thanks.public_id}"
    assert api_as(mentor).patch(path, {"message": "Mine now"}).status_code == 403
    r = api_as(mentee).patch(path, {"message": "Thank you for Tuesday"})
    assert r.status_code == 200 and r.json()["edited_at"]
    (item,) = api_as(mentor).get(f"/mentorships/{pair.public_id}/appreciations").json()["items"]
    assert item["message"] == "Thank you for Tuesday" and item["edited_at"]
    timeline = api_as(mentor).get(f"/mentorships/{pair.public_id}/timeline").json()["items"]
    (shown,) = [t for t in timeline if t["kind"] == "appreciation"]
    assert "Thank you for Tuesday" in shown["summary"] and shown["edited"] is True
    page = page_client(mentor).get(f"/mentorships/{pair.public_id}/timeline/").content.decode()
    assert "Thank you for Tuesday" in page and ">edited<" in page
    assert f"/thanks/{thanks.public_id}/edit/" not in page  # not the mentor's to change
    own = page_client(mentee).get(f"/mentorships/{pair.public_id}/timeline/").content.decode()
    assert f"/thanks/{thanks.public_id}/edit/" in own


@pytest.mark.parametrize(
    "body", [{"message": ""}, {"message": "x" * 2001}, {"message": "Bell\x07"}, {"oops": 1}]
)
def test_a_bad_thank_you_edit_is_refused_and_loses_nothing(pair, mentee, api_as, body):
    thanks = growth.appreciation_send(mentorship=pair, author=mentee, message="Thanks!")
    r = api_as(mentee).patch(f"/appreciations/{thanks.public_id}", body)
    assert r.status_code == 422 and r.json()["errors"]
    thanks.refresh_from_db()
    assert (thanks.message, thanks.edited_at) == ("Thanks!", None)


def test_a_resource_is_corrected_by_its_author_and_deleted_with_its_replies(
    pair, mentee, mentor, api_as
):
    resource = growth.resource_share(mentorship=pair, author=mentor, title="Pacing", url="")
    growth.resource_respond(resource=resource, author=mentee, reaction="helpful")
    path = f"/resources/{resource.public_id}"
    r = api_as(mentor).patch(path, {"url": "javascript:alert(1)"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "url"
    r = api_as(mentor).patch(path, {"title": ""})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "title"
    r = api_as(mentor).patch(path, {"url": "https://example.org/pacing", "note": "Part 2"})
    assert r.status_code == 200 and r.json()["title"] == "Pacing" and r.json()["edited_at"]
    assert api_as(mentee).delete(path).status_code == 403
    assert api_as(mentor).delete(path).status_code == 204
    assert not Resource.objects.exists()
    assert not TimelineItem.objects.filter(ref=resource.public_id).exists()


def test_a_check_in_can_be_corrected_for_seven_days(pair, mentee, mentor, api_as):
    checkin = make_checkin(pair, wins="Spoke up", ratings={"Python": 2})
    path = f"/checkins/{checkin.public_id}"
    assert api_as(mentor).patch(path, {"feeling": 5}).status_code == 403
    r = api_as(mentee).patch(path, {"feeling": 4, "ratings": [{"skill": "SQL", "level": 3}]})
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["wins"] == "Spoke up" and body["feeling"] == 4 and body["edited_at"]
    assert body["ratings"] == [{"skill": "SQL", "level": 3}]
    r = api_as(mentee).patch(path, {"wins": "", "ratings": []})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "wins"
    assert CheckIn.objects.get(pk=checkin.pk).wins == "Spoke up"

    with time_machine.travel(tz.now() + dt.timedelta(days=8), tick=False):
        r = api_as(mentee).patch(path, {"wins": "Later thoughts"})
        assert r.status_code == 409 and r.json()["code"] == "too_late"
        page = page_client(mentee).get(f"/mentorships/{pair.public_id}/growth/")
        assert f"/checkins/{checkin.public_id}/edit/" not in page.content.decode()
        # Taking it back stays possible.
        assert api_as(mentee).delete(path).status_code == 204
    assert not CheckIn.objects.exists()


def test_the_mentor_corrects_and_takes_back_a_reply(pair, mentee, mentor, api_as):
    checkin = growth.checkin_create(mentorship=pair, author=mentee, wins="Won", feeling=3)
    api_as(mentor).post(f"/checkins/{checkin.public_id}/reply", {"reply": "Well done"})
    r = api_as(mentor).post(f"/checkins/{checkin.public_id}/reply", {"reply": "Very well done"})
    assert r.json()["reply"] == "Very well done" and r.json()["reply_edited_at"]
    assert r.json()["edited_at"] is None  # the check-in itself is the mentee's, unchanged
    assert api_as(mentee).delete(f"/checkins/{checkin.public_id}/reply").status_code == 403
    r = api_as(mentor).delete(f"/checkins/{checkin.public_id}/reply")
    assert r.status_code == 200 and r.json()["reply"] == "" and r.json()["replied_at"] is None
    r = api_as(mentor).delete(f"/checkins/{checkin.public_id}/reply")
    assert r.status_code == 409 and r.json()["code"] == "no_reply"


def test_an_edited_shared_entry_shows_its_new_words_and_unsharing_takes_it_back(
    pair, mentee, mentor, api_as
):
    entry = growth.journal_write(author=mentee, body="I doubt myself", mentorship=pair)
    growth.journal_share(entry=entry, author=mentee)
    api = api_as(mentee)
    r = api.patch(f"/journal/{entry.public_id}", {"body": "I doubt myself less"})
    assert r.status_code == 200 and r.json()["edited_at"]
    assert "I doubt myself less" in timeline_text(api_as(mentor), pair)

    r = api.post(f"/journal/{entry.public_id}/unshare")
    assert r.status_code == 200 and r.json()["shared_at"] is None
    assert not SharedEntry.objects.exists()
    assert "doubt" not in timeline_text(api_as(mentor), pair)
    assert JournalEntry.objects.get(pk=entry.pk).body == "I doubt myself less"  # still hers
    r = api.post(f"/journal/{entry.public_id}/unshare")
    assert r.status_code == 409 and r.json()["code"] == "not_shared"
    # Shared again, it is back, once.
    assert api.post(f"/journal/{entry.public_id}/share").status_code == 200
    assert timeline_text(api_as(mentor), pair).count("doubt myself less") == 1


def test_nobody_else_can_touch_a_journal_entry_not_even_the_other_member(
    pair, mentee, mentor, outsider, api_as
):
    entry = growth.journal_write(author=mentee, body="Private", mentorship=pair)
    growth.journal_share(entry=entry, author=mentee)
    for person in (mentor, outsider):
        api = api_as(person)
        assert api.patch(f"/journal/{entry.public_id}", {"body": "x"}).status_code == 404
        assert api.delete(f"/journal/{entry.public_id}").status_code == 404
        assert api.post(f"/journal/{entry.public_id}/unshare").status_code == 404
    assert JournalEntry.objects.get(pk=entry.pk).body == "Private"


def test_sharing_a_journal_entry_asks_first_naming_who_will_read_it(pair, mentee, mentor):
    entry = growth.journal_write(author=mentee, body="Ready to tell", mentorship=pair)
    client = page_client(mentee)
    journal = client.get("/journal/").content.decode()
    assert f'href="/journal/{entry.public_id}/share/"' in journal
    ask = client.get(f"/journal/{entry.public_id}/share/").content.decode()
    assert "Grace will be able to read this." in ask and "Ready to tell" in ask
    assert JournalEntry.objects.get(pk=entry.pk).shared_at is None  # asking shares nothing
    client.post(f"/journal/{entry.public_id}/share/")
    assert JournalEntry.objects.get(pk=entry.pk).shared_at is not None
    journal = client.get("/journal/").content.decode()
    assert f"/journal/{entry.public_id}/unshare/" in journal
    client.post(f"/journal/{entry.public_id}/unshare/")
    assert JournalEntry.objects.get(pk=entry.pk).shared_at is None


def test_a_goal_comment_is_its_authors_to_correct_and_take_back(pair, mentee, mentor, api_as):
    goal = goals.goal_create(
        mentorship=pair, author=mentee, title="Talk", objective="Give it", measure="Given"
    )
    comment = goals.comment_add(goal=goal, author=mentee, body="Proud")
    path = f"/comments/{comment.public_id}"
    assert api_as(mentor).patch(path, {"body": "Mine"}).status_code == 403
    assert api_as(mentee).patch(path, {"body": "x" * 4001}).status_code == 422
    r = api_as(mentee).patch(path, {"body": "Very proud"})
    assert r.status_code == 200 and r.json()["edited_at"]
    (seen,) = api_as(mentor).get(f"/goals/{goal.public_id}/comments").json()["items"]
    assert seen["body"] == "Very proud" and seen["edited_at"]
    assert api_as(mentor).delete(path).status_code == 403
    assert api_as(mentee).delete(path).status_code == 204
    assert not Comment.objects.exists()


def test_the_check_in_edit_page_keeps_the_ratings_it_had(pair, mentee):
    checkin = make_checkin(pair, wins="Won", ratings={"Negotiation": 2})
    client = page_client(mentee)
    page = client.get(f"/checkins/{checkin.public_id}/edit/").content.decode()
    assert "Confidence in Negotiation" in page
    r = client.post(
        f"/checkins/{checkin.public_id}/edit/",
        {"wins": "Won twice", "challenges": "", "feeling": "4", "skill_0": "3"},
    )
    assert r.status_code == 302
    checkin.refresh_from_db()
    assert checkin.wins == "Won twice" and checkin.feeling == 4
    assert [(x.skill, x.level) for x in checkin.ratings.all()] == [("Negotiation", 3)]
