"""Pairs at risk: the signals, the health score and its formula, and the admins' actions
(nudge both, offer a re-match, end), each recorded for the audit log."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone as tz

from alongside.insights.at_risk import at_risk, pair_health
from alongside.insights.health import FORMULA, Signals, health_score, signal_labels
from alongside.insights.tests.world import add_pairs, make_program
from alongside.meetings.models import ActionItem, Feedback
from alongside.mentorships.models import Status
from alongside.notifications.models import Notification
from alongside.people.models import AuditEvent
from conftest import Api, make_person, page_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(program_admin):
    return make_program(program_admin)


def test_a_healthy_pair_scores_100_and_shows_no_signal():
    signals = Signals(cadence_days=14, gap=0.9)
    assert health_score(signals) == 100 and signal_labels(signals) == []


@pytest.mark.parametrize(
    "signals, score",
    [
        (Signals(cadence_days=14, gap=2.0), 80),
        (Signals(cadence_days=14, gap=3.0), 60),
        (Signals(cadence_days=14, gap=9.0), 60),
        (Signals(cadence_days=14, gap=1.0, overdue_actions=1), 90),
        (Signals(cadence_days=14, gap=1.0, overdue_actions=5), 80),
        (Signals(cadence_days=14, gap=1.0, low_feedback=True), 80),
        (Signals(cadence_days=14, gap=1.0, unreachable=True), 80),
        (Signals(cadence_days=7, gap=5, overdue_actions=3, low_feedback=True, unreachable=True), 0),
    ],
)
def test_the_score_follows_the_stated_formula(signals, score):
    assert health_score(signals) == score


def test_the_formula_is_stated_on_the_page_and_in_the_api(program, program_admin):
    page = page_client(program_admin).get(f"/programs/{program.public_id}/at-risk/")
    assert page.status_code == 200
    assert "less 40 x (cadences since the last meeting - 1) / 2" in page.content.decode()
    assert (
        Api(program_admin).get(f"/programs/{program.public_id}/at-risk").json()["formula"]
        == FORMULA
    )


def test_each_signal_lists_a_pair(program):
    quiet, overdue, low, unreachable, fine = add_pairs(program, 5)
    add_pairs(program, 1, last_meeting_days_ago=45)  # quiet: 45 days, every 14
    quiet.delete()
    ActionItem.objects.filter(mentorship=overdue).update(
        due_on=tz.localdate() - dt.timedelta(days=3)
    )
    Feedback.objects.filter(meeting__mentorship=low).update(rating=1)
    Notification.objects.create(
        person=program.admins.first(),
        kind="unreachable",
        key=f"unreachable:{unreachable.public_id}:someone:{tz.localdate()}",
        title="A member cannot reach their partner",
    )
    rows = {h.pair_pk: h for h in at_risk(program)}
    assert fine.pk not in rows
    assert rows[overdue.pk].labels == ["1 overdue action item"] and rows[overdue.pk].score == 90
    assert rows[low.pk].labels == ["Low meeting feedback"] and rows[low.pk].score == 80
    assert rows[unreachable.pk].labels == ["A member cannot reach their partner"]
    (gone_quiet,) = [h for h in rows.values() if h.labels[0].startswith("No meeting")]
    assert gone_quiet.labels == ["No meeting for 3.2x the agreed cadence (14 days)"]
    assert gone_quiet.score == 60
    assert [h.score for h in at_risk(program)] == sorted(h.score for h in rows.values())


def test_a_pair_that_ended_is_not_at_risk(program):
    (pair,) = add_pairs(program, 1, last_meeting_days_ago=60)
    pair.status = Status.ENDED
    pair.save()
    assert pair_health(program) == []


def test_the_at_risk_api_gives_metadata_and_the_last_activity(program, program_admin):
    add_pairs(program, 1, last_meeting_days_ago=60)
    body = Api(program_admin).get(f"/programs/{program.public_id}/at-risk").json()
    assert body["count"] == 1
    (item,) = body["items"]
    assert item["health_score"] == 60 and item["cadence_days"] == 14
    assert item["last_activity"] is not None
    assert set(item) >= {"mentor", "mentee", "signals", "overdue_actions", "unreachable"}


def test_nudging_tells_both_once_a_day_and_is_recorded(program, program_admin):
    (pair,) = add_pairs(program, 1, last_meeting_days_ago=60)
    api = Api(program_admin)
    path = f"/programs/{program.public_id}/pairs/{pair.public_id}/nudge"
    answer = api.post(path)
    assert answer.status_code == 200 and answer.json()["told"] == 2
    told = Notification.objects.filter(key__startswith=f"nudge:{pair.public_id}")
    assert {n.person_id for n in told} == {pair.mentor_id, pair.mentee_id}
    assert {m.to[0] for m in mail.outbox} >= {pair.mentor.email, pair.mentee.email}
    assert api.post(path).json()["code"] == "already_nudged"
    (action,) = AuditEvent.objects.filter(action="nudge_sent")
    assert (action.actor, action.program_pk) == (program_admin, program.pk)
    assert action.detail == {"pair": str(pair.public_id)}


def test_offering_a_rematch_tells_the_mentee(program, program_admin):
    (pair,) = add_pairs(program, 1)
    client = page_client(program_admin)
    response = client.post(f"/programs/{program.public_id}/pairs/{pair.public_id}/rematch/")
    assert response.status_code == 302
    assert Notification.objects.filter(person=pair.mentee, kind="rematch_offer").count() == 1
    assert AuditEvent.objects.filter(
        action="rematch_offered", program_pk=program.pk, detail__pair=str(pair.public_id)
    ).exists()


def test_ending_a_pair_goes_through_the_pair_core_and_tells_both(program, program_admin):
    (pair,) = add_pairs(program, 1)
    api = Api(program_admin)
    path = f"/programs/{program.public_id}/pairs/{pair.public_id}/end"
    assert api.post(path, {"reason": "secret words"}).status_code == 422
    answer = api.post(path, {"reason": "not_a_match"})
    assert answer.status_code == 200 and answer.json()["status"] == "ended"
    pair.refresh_from_db()
    assert pair.status == Status.ENDED
    assert pair.transitions.last().actor == program_admin
    assert pair.end_reason == "Ended by the program: Not a good match"
    ended = Notification.objects.filter(kind="ended", key__startswith="mentorship:ended:")
    assert {n.person_id for n in ended} == {pair.mentor_id, pair.mentee_id}
    assert AuditEvent.objects.get(action="pair_ended").detail == {
        "pair": str(pair.public_id),
        "reason": "not_a_match",
    }
    assert api.post(path, {"reason": "no_time"}).status_code == 409


def test_ending_from_the_page_needs_a_reason(program, program_admin):
    (pair,) = add_pairs(program, 1)
    client = page_client(program_admin)
    path = f"/programs/{program.public_id}/pairs/{pair.public_id}/end/"
    client.post(path, {"reason": "nonsense"})
    pair.refresh_from_db()
    assert pair.status == Status.ACTIVE
    client.post(path, {"reason": "no_time"})
    pair.refresh_from_db()
    assert pair.status == Status.ENDED


def test_a_pair_of_another_program_is_a_404(program, program_admin):
    other = make_program(make_person("kai@example.org", "Kai Admin"))
    (pair,) = add_pairs(other, 1)
    api = Api(program_admin)
    assert (
        api.post(f"/programs/{program.public_id}/pairs/{pair.public_id}/nudge").status_code == 404
    )
    assert api.post(f"/programs/{program.public_id}/pairs/not-an-id/nudge").status_code == 404


def test_staff_see_any_programs_insights_and_members_do_not(program, program_admin, outsider):
    (pair,) = add_pairs(program, 1)
    staff = make_person("sam@example.org", "Sam Staff")
    staff.is_staff = True
    staff.save()
    paths = ["insights", "at-risk", "exports/pairs.csv"]
    for path in paths:
        assert Api(staff).get(f"/programs/{program.public_id}/{path}").status_code == 200
        assert Api(outsider).get(f"/programs/{program.public_id}/{path}").status_code == 404
        assert Api(pair.mentee).get(f"/programs/{program.public_id}/{path}").status_code == 403
        assert Api(None).get(f"/programs/{program.public_id}/{path}").status_code == 401
    assert page_client(staff).get(f"/programs/{program.public_id}/insights/").status_code == 200
    assert page_client(outsider).get(f"/programs/{program.public_id}/insights/").status_code == 404
    assert (
        page_client(pair.mentee).get(f"/programs/{program.public_id}/at-risk/").status_code == 403
    )


def test_the_pairs_at_risk_come_in_pages(program, program_admin, monkeypatch):
    from django.core.paginator import Paginator

    from alongside.insights import views

    monkeypatch.setattr(views, "Paginator", lambda rows, per_page: Paginator(rows, 1))
    add_pairs(program, 3, last_meeting_days_ago=70)
    html = page_client(program_admin).get(f"/programs/{program.public_id}/at-risk/?page=2")
    (nav,) = re.findall(r"<nav class=.pagination.*?</nav>", html.content.decode(), re.S)
    assert " ".join(nav.split()) == (
        '<nav class="pagination" aria-label="Pages"> <a href="?page=1" rel="prev">Previous</a>'
        ' <span>Page 2 of 3</span> <a href="?page=3" rel="next">Next</a> </nav>'
    )


def test_the_at_risk_pages_link_to_the_page_alone(program, program_admin, monkeypatch):
    """The links carry the page number only, as before the page used pagination.html:
    whatever else the address held (a mail client's tracking words) is left behind."""
    from django.core.paginator import Paginator

    from alongside.insights import views

    monkeypatch.setattr(views, "Paginator", lambda rows, per_page: Paginator(rows, 1))
    add_pairs(program, 3, last_meeting_days_ago=70)
    html = page_client(program_admin).get(
        f"/programs/{program.public_id}/at-risk/?page=2&utm_source=email"
    )
    (nav,) = re.findall(r"<nav class=.pagination.*?</nav>", html.content.decode(), re.S)
    assert 'href="?page=1"' in nav
    assert 'href="?page=3"' in nav
