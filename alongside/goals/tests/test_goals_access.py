"""Only the two members of the pair see or change a goal: outsiders and the program's
admins get 404 on every path, anonymous callers 401 (API) or the sign-in page."""

import pytest
from django.test import Client

from alongside.goals import services
from alongside.goals.models import Comment, Goal, Milestone, Suggestion
from conftest import make_goal, page_client


@pytest.fixture
def things(pair, mentee, mentor):
    goal = make_goal(
        pair,
        title="Private goal",
        objective="Secret objective",
        measure="Secret measure",
        in_days=None,
    )
    milestone = services.milestone_add(goal=goal, author=mentee, title="Secret step")
    suggestion = services.suggestion_create(
        goal=goal, author=mentor, note="Secret note", objective="Sharper secret"
    )
    services.comment_add(goal=goal, author=mentor, body="Secret comment")
    return {
        "m": pair.public_id,
        "g": goal.public_id,
        "ms": milestone.public_id,
        "s": suggestion.public_id,
    }


API = [
    ("get", "/mentorships/{m}/goals"),
    ("post", "/mentorships/{m}/goals"),
    ("get", "/goals/{g}"),
    ("patch", "/goals/{g}"),
    ("get", "/goals/{g}/revisions"),
    ("get", "/goals/{g}/comments"),
    ("post", "/goals/{g}/comments"),
    ("post", "/goals/{g}/milestones"),
    ("post", "/goals/{g}/milestones/order"),
    ("get", "/goals/{g}/suggestions"),
    ("post", "/goals/{g}/suggestions"),
    ("post", "/milestones/{ms}/complete"),
    ("post", "/milestones/{ms}/reopen"),
    ("delete", "/milestones/{ms}"),
    ("post", "/suggestions/{s}/accept"),
    ("post", "/suggestions/{s}/decline"),
]

BODIES = {
    "/mentorships/{m}/goals": {"title": "t", "objective": "o", "measure": "m"},
    "/goals/{g}": {"title": "Hijacked"},
    "/goals/{g}/comments": {"body": "hi"},
    "/goals/{g}/milestones": {"title": "x"},
    "/goals/{g}/milestones/order": {"ids": []},
    "/goals/{g}/suggestions": {"title": "x", "note": "y"},
}


def counts():
    return (
        Goal.objects.count(),
        Milestone.objects.count(),
        Comment.objects.count(),
        Suggestion.objects.filter(status="open").count(),
        Goal.objects.get().title,
        Milestone.objects.filter(done_at=None).count(),
    )


@pytest.mark.parametrize(("method", "path"), API)
def test_outsiders_and_admins_get_404_and_change_nothing(
    things, outsider, program_admin, api_as, method, path
):
    before = counts()
    url = path.format(**things)
    body = BODIES.get(path, {})
    for person in (outsider, program_admin):
        client = api_as(person)
        r = client.call(method.upper(), url, body if method != "get" else None)
        assert r.status_code == 404, (person, r.content)
        assert "Secret" not in r.content.decode()
    anon = api_as(None).call(method.upper(), url, body if method != "get" else None)
    assert anon.status_code == 401
    assert counts() == before


PAGES = [
    ("get", "/goals/{g}/"),
    ("get", "/mentorships/{m}/goals/new/"),
    ("post", "/mentorships/{m}/goals/new/"),
    ("post", "/goals/{g}/edit/"),
    ("post", "/goals/{g}/status/"),
    ("post", "/goals/{g}/milestones/"),
    ("post", "/goals/{g}/comments/"),
    ("post", "/goals/{g}/suggest/"),
    ("post", "/milestones/{ms}/complete/"),
    ("post", "/milestones/{ms}/up/"),
    ("post", "/milestones/{ms}/delete/"),
    ("post", "/suggestions/{s}/accept/"),
]


@pytest.mark.parametrize(("method", "path"), PAGES)
def test_pages_answer_404_to_outsiders_and_admins(things, outsider, program_admin, method, path):
    before = counts()
    url = path.format(**things)
    data = {"title": "x", "body": "x", "status": "dropped", "reason": "x", "note": "x"}
    for person in (outsider, program_admin):
        client = page_client(person)
        r = client.get(url) if method == "get" else client.post(url, data)
        assert r.status_code == 404
        assert "Secret" not in r.content.decode()
    r = Client().get(url) if method == "get" else Client().post(url, data)
    assert r.status_code == 302
    assert r["Location"].startswith("/signin/")
    assert counts() == before


def test_the_members_see_the_goal_page(things, mentee, mentor):
    for person in (mentee, mentor):
        html = page_client(person).get(f"/goals/{things['g']}/").content.decode()
        assert "Secret objective" in html
        assert "Secret comment" in html
