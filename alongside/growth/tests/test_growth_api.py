import pytest
from django.core import mail

from alongside.growth.models import CheckIn, JournalEntry, Resource, SharedEntry
from alongside.meetings import services as meetings
from alongside.mentorships.models import TimelineItem

SECRET = "Today I felt like a fraud"


def url(pair, tail):
    return f"/mentorships/{pair.public_id}/{tail}"


def test_only_the_mentee_checks_in_and_only_the_mentor_replies(pair, mentee, mentor, api_as):
    body = {"wins": "Spoke up", "feeling": 4, "ratings": [{"skill": "Python", "level": 3}]}
    assert api_as(mentor).post(url(pair, "checkins"), body).status_code == 403
    r = api_as(mentee).post(url(pair, "checkins"), body)
    assert r.status_code == 201
    cid = r.json()["id"]
    assert api_as(mentee).post(f"/checkins/{cid}/reply", {"reply": "x"}).status_code == 403
    r = api_as(mentor).post(f"/checkins/{cid}/reply", {"reply": "Proud of you"})
    assert r.json()["reply"] == "Proud of you"
    listed = api_as(mentee).get(url(pair, "checkins")).json()
    assert listed["count"] == 1 and listed["items"][0]["ratings"] == [
        {"skill": "Python", "level": 3}
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"feeling": 0}, "feeling"),
        ({"feeling": 6}, "feeling"),
        ({"feeling": "4"}, "feeling"),
        ({"feeling": 3, "ratings": [{"skill": "Py", "level": 9}]}, "ratings.0.level"),
        ({"feeling": 3, "ratings": [{"skill": "", "level": 3}]}, "ratings.0.skill"),
        (
            {"feeling": 3, "ratings": [{"skill": "Py", "level": 3}, {"skill": "py", "level": 2}]},
            "ratings.1.skill",
        ),
        ({"feeling": 3}, "wins"),  # nothing to say at all
        ({"feeling": 3, "wins": "x" * 4001}, "wins"),
    ],
)
def test_invalid_check_ins_are_refused(pair, mentee, api_as, body, field):
    r = api_as(mentee).post(url(pair, "checkins"), body)
    assert r.status_code == 422, r.content
    assert field in [e["field"] for e in r.json()["errors"]]
    assert not CheckIn.objects.exists()


def test_appreciation_is_on_the_timeline_and_emailed(pair, mentee, mentor, api_as):
    mail.outbox.clear()
    r = api_as(mentee).post(url(pair, "appreciations"), {"message": "Thank you for your time"})
    assert r.status_code == 201
    assert mail.outbox[0].to == [mentor.email]
    assert "Thank you for your time" in mail.outbox[0].body
    items = api_as(mentor).get(url(pair, "timeline?kind=appreciation")).json()["items"]
    assert "Thank you for your time" in items[0]["summary"]


def test_resources_are_shared_searched_and_answered(pair, mentee, mentor, api_as):
    r = api_as(mentor).post(
        url(pair, "resources"),
        {"url": "https://example.org/talks", "title": "On giving talks", "note": "Chapter 2"},
    )
    assert r.status_code == 201
    api_as(mentor).post(url(pair, "resources"), {"title": "An idea: record yourself"})
    rid = r.json()["id"]
    r = api_as(mentee).post(
        f"/resources/{rid}/responses", {"reaction": "helpful", "body": "Loved it"}
    )
    assert r.status_code == 201
    assert r.json()["responses"][0]["reaction"] == "helpful"
    found = api_as(mentee).get(url(pair, "resources?q=talks")).json()
    assert [x["title"] for x in found["items"]] == ["On giving talks"]
    assert api_as(mentee).get(url(pair, "resources")).json()["count"] == 2


@pytest.mark.parametrize("link", ["javascript:alert(1)", "ftp://example.org", "not a url"])
def test_only_web_links_are_shared(pair, mentor, api_as, link):
    r = api_as(mentor).post(url(pair, "resources"), {"url": link, "title": "x"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "url"
    assert not Resource.objects.exists()


def test_an_empty_response_is_refused(pair, mentor, mentee, api_as):
    rid = api_as(mentor).post(url(pair, "resources"), {"title": "x"}).json()["id"]
    assert api_as(mentee).post(f"/resources/{rid}/responses", {}).status_code == 422


def test_the_journal_is_private_to_its_author_on_every_api_path(
    pair, mentee, mentor, program_admin, outsider, api_as
):
    r = api_as(mentee).post("/journal", {"body": SECRET, "mentorship_id": str(pair.public_id)})
    assert r.status_code == 201
    eid = r.json()["id"]
    assert api_as(mentee).get(f"/journal/{eid}").json()["body"] == SECRET
    for person in (mentor, program_admin, outsider):
        client = api_as(person)
        assert client.get(f"/journal/{eid}").status_code == 404
        assert client.post(f"/journal/{eid}/share").status_code == 404
        assert SECRET not in client.get("/journal").content.decode()
    for path in ("timeline", "growth", "checkins", "appreciations", "resources", "celebrations"):
        assert SECRET not in api_as(mentor).get(url(pair, path)).content.decode()
    assert SECRET not in api_as(mentor).get(f"/mentorships/{pair.public_id}").content.decode()
    assert api_as(None).get(f"/journal/{eid}").status_code == 401
    assert not any(SECRET in m.body for m in mail.outbox)


def test_sharing_one_entry_copies_it_to_the_timeline(pair, mentee, mentor, api_as):
    kept = api_as(mentee).post(
        "/journal", {"body": "Still private", "mentorship_id": str(pair.public_id)}
    )
    shared = api_as(mentee).post("/journal", {"body": SECRET, "mentorship_id": str(pair.public_id)})
    r = api_as(mentee).post(f"/journal/{shared.json()['id']}/share")
    assert r.json()["shared_at"]
    again = api_as(mentee).post(f"/journal/{shared.json()['id']}/share")
    assert again.status_code == 409
    timeline = api_as(mentor).get(url(pair, "timeline")).content.decode()
    assert SECRET in timeline
    assert "Still private" not in timeline
    assert SharedEntry.objects.count() == 1
    assert JournalEntry.objects.get(public_id=kept.json()["id"]).shared_at is None


def test_an_entry_without_a_mentorship_cannot_be_shared(mentee, api_as):
    eid = api_as(mentee).post("/journal", {"body": "Just for me"}).json()["id"]
    r = api_as(mentee).post(f"/journal/{eid}/share")
    assert r.status_code == 422


def test_a_journal_entry_cannot_be_tied_to_someone_elses_mentorship(pair, outsider, api_as):
    r = api_as(outsider).post("/journal", {"body": "x", "mentorship_id": str(pair.public_id)})
    assert r.status_code == 404
    assert not JournalEntry.objects.exists()


def test_the_timeline_holds_shared_items_never_private_notes(pair, mentee, mentor, api_as):
    import datetime as dt

    from django.utils import timezone as tz

    (meeting,) = meetings.meeting_schedule(
        mentorship=pair, organizer=mentor, starts_at=tz.now() + dt.timedelta(days=1)
    )
    meetings.note_add(meeting=meeting, author=mentee, body="private worry", visibility="private")
    meetings.note_add(meeting=meeting, author=mentee, body="shared plan", visibility="shared")
    body = api_as(mentor).get(url(pair, "timeline")).json()
    text = str(body)
    assert "shared plan" in text and "private worry" not in text
    kinds = {i["kind"] for i in body["items"]}
    assert {"meeting", "note"} <= kinds
    assert body["count"] == TimelineItem.objects.filter(mentorship=pair).count()
    only = api_as(mentor).get(url(pair, "timeline?kind=note&limit=1")).json()
    assert only["count"] == 1 and only["items"][0]["kind"] == "note"
    assert api_as(mentor).get(url(pair, "timeline?kind=secret")).status_code == 422


def test_outsiders_and_admins_get_404_on_every_pair_growth_path(
    pair, outsider, program_admin, api_as
):
    for person in (outsider, program_admin):
        for path in (
            "timeline",
            "growth",
            "checkins",
            "appreciations",
            "resources",
            "celebrations",
        ):
            assert api_as(person).get(url(pair, path)).status_code == 404, path
        assert api_as(person).post(url(pair, "appreciations"), {"message": "hi"}).status_code == 404
    assert api_as(None).get(url(pair, "timeline")).status_code == 401


def test_a_member_adds_a_celebration_by_hand(pair, mentee, mentor, api_as):
    r = api_as(mentor).post(url(pair, "celebrations"), {"title": "First talk delivered!"})
    assert r.status_code == 201
    listed = api_as(mentee).get(url(pair, "celebrations")).json()["items"]
    assert [c["title"] for c in listed] == ["First talk delivered!"]
