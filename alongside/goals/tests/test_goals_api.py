import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone as tz

from alongside.goals.models import Goal, Milestone, Revision, Suggestion
from alongside.mentorships.models import Celebration, TimelineItem

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")  # the mentee's time zone


def day(n):
    """n days from today where the mentee lives: her API calls read dates in her time zone
    (just after midnight UTC, her today is still yesterday)."""
    return str(tz.localdate(timezone=NEW_YORK) + dt.timedelta(days=n))


GOAL = {"title": "Give a talk", "objective": "Speak at the local meetup", "measure": "Talk given"}


@pytest.fixture
def goal(pair, mentee, api_as):
    r = api_as(mentee).post(
        f"/mentorships/{pair.public_id}/goals", {**GOAL, "target_date": day(60)}
    )
    assert r.status_code == 201, r.content
    return r.json()


def add_milestones(api, goal, n):
    return [
        api.post(
            f"/goals/{goal['id']}/milestones", {"title": f"Step {i}", "due_on": day(10)}
        ).json()
        for i in range(n)
    ]


def test_a_goal_starts_active_with_manual_progress(goal):
    assert goal["status"] == "active"
    assert goal["progress"] == 0
    assert goal["progress_from_milestones"] is False
    assert goal["milestones"] == []


def test_progress_is_set_by_hand_without_milestones(goal, mentee, api_as):
    r = api_as(mentee).patch(f"/goals/{goal['id']}", {"progress": 40})
    assert r.json()["progress"] == 40


def test_progress_comes_from_milestones_when_there_are_some(goal, mentee, mentor, api_as):
    steps = add_milestones(api_as(mentee), goal, 3)
    for step in steps[:2]:
        r = api_as(mentor).post(f"/milestones/{step['id']}/complete")
        assert r.status_code == 200
        assert r.json()["goal_can_be_achieved"] is False
    body = api_as(mentee).get(f"/goals/{goal['id']}").json()
    assert body["progress"] == 67
    assert body["progress_from_milestones"] is True
    r = api_as(mentee).patch(f"/goals/{goal['id']}", {"progress": 10})
    assert r.status_code == 409
    assert r.json()["code"] == "progress_from_milestones"
    last = api_as(mentee).post(f"/milestones/{steps[2]['id']}/complete").json()
    assert last["goal_can_be_achieved"] is True


def test_completing_twice_is_a_409_and_reopening_works(goal, mentee, api_as):
    (step,) = add_milestones(api_as(mentee), goal, 1)
    api_as(mentee).post(f"/milestones/{step['id']}/complete")
    again = api_as(mentee).post(f"/milestones/{step['id']}/complete")
    assert again.status_code == 409
    reopened = api_as(mentee).post(f"/milestones/{step['id']}/reopen")
    assert reopened.json()["done_at"] is None
    assert api_as(mentee).post(f"/milestones/{step['id']}/reopen").status_code == 409


def test_milestones_can_be_reordered_with_every_id_once(goal, mentee, api_as):
    steps = add_milestones(api_as(mentee), goal, 3)
    ids = [s["id"] for s in steps]
    r = api_as(mentee).post(f"/goals/{goal['id']}/milestones/order", {"ids": ids[::-1]})
    assert [m["id"] for m in r.json()["items"]] == ids[::-1]
    assert r.json()["count"] == len(ids)
    got = api_as(mentee).get(f"/goals/{goal['id']}").json()["milestones"]
    assert [m["id"] for m in got] == ids[::-1]
    bad = api_as(mentee).post(f"/goals/{goal['id']}/milestones/order", {"ids": ids[:2]})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "ids"


def test_changing_the_objective_measure_or_date_needs_a_reason(goal, mentee, mentor, api_as):
    for change in (
        {"objective": "Speak twice"},
        {"measure": "Two talks"},
        {"target_date": day(90)},
    ):
        r = api_as(mentee).patch(f"/goals/{goal['id']}", change)
        assert r.status_code == 422, change
        assert r.json()["errors"][0]["field"] == "reason"
        assert "a reason is required" in r.json()["errors"][0]["message"]
    r = api_as(mentee).patch(
        f"/goals/{goal['id']}",
        {"target_date": day(90), "reason": "My job responsibilities changed"},
    )
    assert r.status_code == 200
    revisions = api_as(mentor).get(f"/goals/{goal['id']}/revisions").json()["items"]
    assert revisions[0]["reason"] == "My job responsibilities changed"
    assert revisions[0]["changes"] == {"target_date": [day(60), day(90)]}
    assert revisions[0]["author"]["id"] == str(mentee.public_id)


def test_a_title_change_needs_no_reason_but_is_recorded(goal, mentee, api_as):
    r = api_as(mentee).patch(f"/goals/{goal['id']}", {"title": "Give my first talk"})
    assert r.status_code == 200
    assert Revision.objects.get().changes == {"title": ["Give a talk", "Give my first talk"]}


def test_dropping_a_goal_needs_a_reason(goal, mentee, api_as):
    r = api_as(mentee).patch(f"/goals/{goal['id']}", {"status": "dropped"})
    assert r.status_code == 422
    assert "dropping a goal" in r.json()["errors"][0]["message"]
    r = api_as(mentee).patch(f"/goals/{goal['id']}", {"status": "dropped", "reason": "Not now"})
    assert r.json()["status"] == "dropped"
    assert r.json()["closed_at"]


def test_achieving_a_goal_and_its_milestones_are_celebrated_once(goal, mentee, api_as):
    (step,) = add_milestones(api_as(mentee), goal, 1)
    api_as(mentee).post(f"/milestones/{step['id']}/complete")
    api_as(mentee).post(f"/milestones/{step['id']}/reopen")
    api_as(mentee).post(f"/milestones/{step['id']}/complete")
    api_as(mentee).patch(f"/goals/{goal['id']}", {"status": "achieved"})
    kinds = sorted(Celebration.objects.values_list("kind", flat=True))
    assert kinds == ["goal", "milestone"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**GOAL, "target_date": "2001-01-01"}, "target_date"),
        ({**GOAL, "target_date": "2999-01-01"}, "target_date"),
        ({**GOAL, "title": "x" * 201}, "title"),
        ({**GOAL, "title": "   "}, "title"),
        ({**GOAL, "objective": "x" * 4001}, "objective"),
        ({**GOAL, "progress": 101}, "progress"),
        ({**GOAL, "progress": -1}, "progress"),
        ({"title": "Only a title"}, "objective"),
        ({**GOAL, "colour": "red"}, "colour"),
    ],
)
def test_invalid_goals_are_refused_with_the_field_named(pair, mentee, api_as, body, field):
    r = api_as(mentee).post(f"/mentorships/{pair.public_id}/goals", body)
    assert r.status_code == 422, r.content
    assert field in [e["field"] for e in r.json()["errors"]]
    assert not Goal.objects.exists()


def test_a_past_target_date_is_refused_when_set_but_may_stay(goal, mentee, api_as):
    Goal.objects.update(target_date=tz.localdate() - dt.timedelta(days=3))
    r = api_as(mentee).patch(f"/goals/{goal['id']}", {"title": "Renamed"})
    assert r.status_code == 200
    r = api_as(mentee).patch(f"/goals/{goal['id']}", {"target_date": day(-1), "reason": "oops"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "target_date"


def test_a_milestone_due_in_the_past_is_refused(goal, mentee, api_as):
    r = api_as(mentee).post(f"/goals/{goal['id']}/milestones", {"title": "x", "due_on": day(-2)})
    assert r.status_code == 422
    assert not Milestone.objects.exists()


def test_goals_are_set_only_in_an_active_mentorship(pair, mentee, api_as):
    api_as(mentee).post(f"/mentorships/{pair.public_id}/end", {"reason": "Moving on"})
    r = api_as(mentee).post(f"/mentorships/{pair.public_id}/goals", GOAL)
    assert r.status_code == 409


def test_the_mentor_suggests_and_the_mentee_accepts_as_a_revision(goal, mentee, mentor, api_as):
    r = api_as(mentor).post(
        f"/goals/{goal['id']}/suggestions",
        {"measure": "A 10-minute talk given to 30 people", "note": "Make it checkable"},
    )
    assert r.status_code == 201, r.content
    sid = r.json()["id"]
    assert r.json()["proposed"] == {"measure": "A 10-minute talk given to 30 people"}
    assert api_as(mentor).post(f"/suggestions/{sid}/accept").status_code == 403
    r = api_as(mentee).post(f"/suggestions/{sid}/accept")
    assert r.json()["status"] == "accepted"
    g = api_as(mentor).get(f"/goals/{goal['id']}").json()
    assert g["measure"] == "A 10-minute talk given to 30 people"
    revision = api_as(mentor).get(f"/goals/{goal['id']}/revisions").json()["items"][0]
    assert revision["from_suggestion"] is True
    assert "Make it checkable" in revision["reason"]
    assert api_as(mentee).post(f"/suggestions/{sid}/decline").status_code == 409


def test_the_mentee_declines_a_suggestion_and_nothing_changes(goal, mentee, mentor, api_as):
    sid = (
        api_as(mentor)
        .post(f"/goals/{goal['id']}/suggestions", {"objective": "Speak twice", "note": "Stretch"})
        .json()["id"]
    )
    assert api_as(mentee).post(f"/suggestions/{sid}/decline").json()["status"] == "declined"
    assert Goal.objects.get().objective == GOAL["objective"]
    assert not Revision.objects.exists()


def test_only_the_mentor_suggests_and_a_suggestion_must_change_something(
    goal, mentee, mentor, api_as
):
    r = api_as(mentee).post(f"/goals/{goal['id']}/suggestions", {"title": "x", "note": "n"})
    assert r.status_code == 403
    r = api_as(mentor).post(
        f"/goals/{goal['id']}/suggestions", {"title": GOAL["title"], "note": "same"}
    )
    assert r.status_code == 422
    r = api_as(mentor).post(f"/goals/{goal['id']}/suggestions", {"title": "New", "note": " "})
    assert r.status_code == 422
    assert not Suggestion.objects.exists()


def test_either_member_comments_and_both_read(goal, mentee, mentor, api_as):
    r = api_as(mentor).post(f"/goals/{goal['id']}/comments", {"body": "Nice scope <b>!</b>"})
    assert r.status_code == 201
    got = api_as(mentee).get(f"/goals/{goal['id']}/comments").json()
    assert [c["body"] for c in got["items"]] == ["Nice scope <b>!</b>"]
    assert got["count"] == 1
    assert api_as(mentee).post(f"/goals/{goal['id']}/comments", {"body": ""}).status_code == 422


def test_comments_come_a_page_at_a_time_with_the_total(goal, mentee, mentor, api_as):
    for n in range(3):
        api_as(mentor).post(f"/goals/{goal['id']}/comments", {"body": f"Comment {n}"})
    first = api_as(mentee).get(f"/goals/{goal['id']}/comments?limit=2").json()
    rest = api_as(mentee).get(f"/goals/{goal['id']}/comments?limit=2&offset=2").json()
    assert (len(first["items"]), first["count"]) == (2, 3)
    assert (len(rest["items"]), rest["count"]) == (1, 3)
    bodies = {c["body"] for c in first["items"] + rest["items"]}
    assert bodies == {"Comment 0", "Comment 1", "Comment 2"}
    assert api_as(mentee).get(f"/goals/{goal['id']}/comments?limit=101").status_code == 422


def test_the_list_filters_by_status(goal, pair, mentee, api_as):
    api_as(mentee).post(f"/mentorships/{pair.public_id}/goals", {**GOAL, "title": "Second"})
    api_as(mentee).patch(f"/goals/{goal['id']}", {"status": "achieved"})
    body = api_as(mentee).get(f"/mentorships/{pair.public_id}/goals?status=achieved").json()
    assert body["count"] == 1
    assert body["items"][0]["id"] == goal["id"]
    assert api_as(mentee).get(f"/mentorships/{pair.public_id}/goals").json()["count"] == 2


def test_a_reached_milestone_deleted_leaves_the_timeline_with_nothing_in_its_place(
    goal, pair, mentee, mentor, api_as
):
    (step,) = add_milestones(api_as(mentee), goal, 1)
    assert api_as(mentee).post(f"/milestones/{step['id']}/complete").status_code == 200
    timeline = f"/mentorships/{pair.public_id}/timeline?kind=milestone"
    (reached,) = api_as(mentor).get(timeline).json()["items"]
    assert reached["summary"] == "Milestone reached: Step 0"

    assert api_as(mentee).delete(f"/milestones/{step['id']}").status_code == 204
    assert not TimelineItem.objects.filter(ref=step["id"]).exists()
    after = api_as(mentor).get(timeline).json()
    assert (after["items"], after["count"]) == ([], 0)
