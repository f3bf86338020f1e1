import datetime as dt

import pytest
from django.utils import timezone as tz

from alongside.goals import services
from alongside.goals.models import Goal, Milestone, Revision
from conftest import make_goal, page_client


@pytest.fixture
def goal(pair, mentee):
    return make_goal(pair, in_days=30)


def test_a_goal_is_set_through_the_page(pair, mentee):
    client = page_client(mentee)
    assert "Set a goal" in client.get(f"/mentorships/{pair.public_id}/").content.decode()
    r = client.post(
        f"/mentorships/{pair.public_id}/goals/new/",
        {
            "title": "Lead a review",
            "objective": "Run one design review",
            "measure": "Held",
            "target_date": (tz.localdate() + dt.timedelta(days=20)).isoformat(),
        },
    )
    goal = Goal.objects.get()
    assert r.status_code == 302
    assert r["Location"] == f"/goals/{goal.public_id}/"
    page = client.get(f"/mentorships/{pair.public_id}/").content.decode()
    assert "Lead a review" in page
    assert 'aria-valuenow="0"' in page


def test_an_invalid_goal_form_is_a_400_with_messages_beside_fields(pair, mentee):
    r = page_client(mentee).post(
        f"/mentorships/{pair.public_id}/goals/new/",
        {"title": "", "objective": "x", "measure": "y", "target_date": "2001-01-01"},
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert 'id="id_title_error"' in html
    assert not Goal.objects.exists()


def test_the_service_checks_the_past_date_on_the_page_too(pair, mentee):
    r = page_client(mentee).post(
        f"/mentorships/{pair.public_id}/goals/new/",
        {"title": "T", "objective": "x", "measure": "y", "target_date": "2001-01-01"},
    )
    assert r.status_code == 400
    assert "Choose today or a later date." in r.content.decode()


def test_editing_the_date_without_a_reason_keeps_the_goal_and_says_why(goal, mentee):
    new = (tz.localdate() + dt.timedelta(days=60)).isoformat()
    form = {
        "title": goal.title,
        "objective": goal.objective,
        "measure": goal.measure,
        "target_date": new,
        "progress": "0",
        "reason": "",
    }
    r = page_client(mentee).post(f"/goals/{goal.public_id}/edit/", form)
    assert r.status_code == 400
    assert "a reason is required when changing target date" in r.content.decode()
    goal.refresh_from_db()
    assert goal.target_date != dt.date.fromisoformat(new)
    r = page_client(mentee).post(
        f"/goals/{goal.public_id}/edit/", {**form, "reason": "New project at work"}
    )
    assert r.status_code == 302
    assert Revision.objects.get().reason == "New project at work"


def test_milestones_are_added_completed_and_moved_on_the_page(goal, mentee):
    client = page_client(mentee)
    for title in ("One", "Two", "Three"):
        client.post(f"/goals/{goal.public_id}/milestones/", {"title": title})
    one, two, three = Milestone.objects.order_by("position")
    client.post(f"/milestones/{three.public_id}/up/")
    assert list(Milestone.objects.order_by("position").values_list("title", flat=True)) == [
        "One",
        "Three",
        "Two",
    ]
    client.post(f"/milestones/{one.public_id}/complete/")
    client.post(f"/milestones/{two.public_id}/complete/")
    html = client.get(f"/goals/{goal.public_id}/").content.decode()
    assert 'aria-valuenow="67"' in html
    assert "67%" in html
    client.post(f"/milestones/{three.public_id}/complete/")
    html = client.get(f"/goals/{goal.public_id}/").content.decode()
    assert "Every milestone is done" in html
    client.post(f"/goals/{goal.public_id}/status/", {"status": "achieved"})
    goal.refresh_from_db()
    assert goal.status == "achieved"


def test_dropping_on_the_page_needs_a_reason(goal, mentee):
    r = page_client(mentee).post(f"/goals/{goal.public_id}/status/", {"status": "dropped"})
    assert r.status_code == 400
    assert "dropping a goal" in r.content.decode()
    goal.refresh_from_db()
    assert goal.status == "active"


def test_both_see_overdue_milestones_on_their_home_page(goal, mentee, mentor):
    ms = services.milestone_add(goal=goal, author=mentee, title="Draft the outline")
    Milestone.objects.filter(pk=ms.pk).update(due_on=tz.localdate() - dt.timedelta(days=2))
    for person in (mentee, mentor):
        html = page_client(person).get("/").content.decode()
        assert "Overdue milestones" in html
        assert "Draft the outline" in html
    services.milestone_complete(milestone=ms, actor=mentee)
    assert "Overdue milestones" not in page_client(mentee).get("/").content.decode()


def test_the_goal_page_query_count_stays_flat(goal, mentee, django_assert_max_num_queries):
    for i in range(12):
        services.milestone_add(goal=goal, author=mentee, title=f"Step {i}")
        services.comment_add(goal=goal, author=mentee, body=f"Comment {i}")
    client = page_client(mentee)
    with django_assert_max_num_queries(16):
        assert client.get(f"/goals/{goal.public_id}/").status_code == 200
