"""The program dashboard: what it counts, the 5-pair rule, the filters, and a query count
that does not grow with the data."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone as tz

from alongside.insights.filters import filters_from
from alongside.insights.rollups import rollups_refresh
from alongside.insights.selectors import K, dashboard
from alongside.insights.tests.world import add_pairs, make_program
from alongside.mentorships.models import Mentorship, Status
from conftest import Api, page_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(program_admin):
    return make_program(program_admin)


def test_the_dashboard_counts_a_programs_pairs(program, program_admin):
    add_pairs(program, 6)
    dash = dashboard(program, filters_from())
    assert (dash.mentors, dash.mentees, dash.pairs, dash.active_pairs) == (6, 6, 6, 6)
    assert dash.match_rate == 1.0
    assert dash.cadence_kept == 1.0  # every pair met 5 days ago, every 14 days agreed
    assert dash.goals_set == 6 and dash.goals_achieved == 6
    assert dash.milestones_completed == 6
    assert dash.checkins == 12
    assert dash.meetings_held == 6
    assert dash.feedback_average == 4.5
    assert dash.skills == [{"skill": "Public speaking", "pairs": 6, "change": 2.0}]
    assert sum(n for _, n in dash.meetings_per_month) == 6
    assert len(dash.meetings_per_month) == 12


def test_a_pair_that_stopped_meeting_does_not_keep_its_cadence(program):
    add_pairs(program, 5)
    add_pairs(program, 5, last_meeting_days_ago=40)
    dash = dashboard(program, filters_from())
    assert dash.cadence_kept == 0.5


def test_pairs_ended_early_are_grouped_by_reason_and_never_quoted(program):
    pairs = add_pairs(program, 7)
    reasons = ["Too busy at work, no time"] * 3 + ["Moved abroad"] * 2 + ["Secret words xyz"] * 2
    for pair, reason in zip(pairs, reasons, strict=True):
        Mentorship.objects.filter(pk=pair.pk).update(
            status=Status.ENDED, end_reason=reason, closed_at=tz.now()
        )
    dash = dashboard(program, filters_from())
    assert dash.ended_early == 7
    assert dash.ended_reasons == [
        {"reason": "no_time", "label": "No time", "pairs": 3},
        {"reason": "moved_on", "label": "Moved on (new role, left)", "pairs": 2},
        {"reason": "other", "label": "Other", "pairs": 2},
    ]


def test_fewer_than_five_pairs_is_not_enough_data_on_the_api_and_the_page(program, program_admin):
    add_pairs(program, K - 1)
    answer = Api(program_admin).get(f"/programs/{program.public_id}/insights")
    assert answer.status_code == 200
    body = answer.json()
    assert body["pairs_started"] == K - 1
    for name in (
        "feedback_average",
        "cadence_kept",
        "meetings_held",
        "goals_achieved",
        "checkins",
        "match_rate",
        "active_pairs",
    ):
        assert body[name] is None and name in body["not_enough_data"]
    assert body["skills"] == [] and body["meetings_per_month"] == []
    page = page_client(program_admin).get(f"/programs/{program.public_id}/insights/")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("not enough data") >= 7
    assert "4.5" not in html


def test_five_pairs_are_enough(program, program_admin):
    add_pairs(program, K)
    body = Api(program_admin).get(f"/programs/{program.public_id}/insights").json()
    assert body["feedback_average"] == 4.5
    assert body["not_enough_data"] == []
    page = page_client(program_admin).get(f"/programs/{program.public_id}/insights/")
    assert "4.5" in page.content.decode()


def test_a_skill_rated_by_fewer_than_five_pairs_has_no_average(program):
    pairs = add_pairs(program, 6)
    from alongside.growth.models import CheckIn, SkillRating

    for pair in pairs[:2]:
        for checkin in CheckIn.objects.filter(mentorship=pair):
            SkillRating.objects.create(checkin=checkin, skill="SQL", level=3)
    skills = dashboard(program, filters_from()).skills
    assert {"skill": "SQL", "pairs": 2, "change": None} in skills


def test_the_dashboard_is_cached_until_an_admin_changes_the_program(
    program, program_admin, settings
):
    settings.INSIGHTS_CACHE_SECONDS = 60
    pairs = add_pairs(program, 6)
    api = Api(program_admin)
    path = f"/programs/{program.public_id}/insights"
    assert api.get(path).json()["active_pairs"] == 6
    Mentorship.objects.filter(pk=pairs[0].pk).update(status=Status.COMPLETED)
    assert api.get(path).json()["active_pairs"] == 6  # as computed a moment ago
    api.post(f"/programs/{program.public_id}/pairs/{pairs[1].public_id}/end", {"reason": "other"})
    assert api.get(path).json()["active_pairs"] == 4


def test_the_department_filter_narrows_to_the_mentees_department(program, program_admin):
    add_pairs(program, 5, department="Engineering")
    add_pairs(program, 3, department="Finance")
    api = Api(program_admin)
    body = api.get(f"/programs/{program.public_id}/insights?department=finance").json()
    assert body["pairs_started"] == 3
    assert body["feedback_average"] is None  # 3 pairs: not enough
    body = api.get(f"/programs/{program.public_id}/insights?department=Engineering").json()
    assert body["pairs_started"] == 5 and body["feedback_average"] == 4.5


def test_the_cohort_filter_takes_the_pairs_that_started_that_month(program, program_admin):
    add_pairs(program, 5, started_days_ago=120)
    add_pairs(program, 2, started_days_ago=20)
    month = (tz.now() - dt.timedelta(days=120)).strftime("%Y-%m")
    body = Api(program_admin).get(f"/programs/{program.public_id}/insights?cohort={month}").json()
    assert body["pairs_started"] == 5


@pytest.mark.parametrize(
    "query, field",
    [
        ("since=yesterday", "since"),
        ("since=2026-05-01&until=2026-01-01", "until"),
        ("since=2020-01-01&until=2026-01-01", "since"),
        ("cohort=2026-13", "cohort"),
        ("cohort=%00", "cohort"),
    ],
)
def test_bad_filters_are_a_422_naming_the_field(program, program_admin, query, field):
    answer = Api(program_admin).get(f"/programs/{program.public_id}/insights?{query}")
    assert answer.status_code == 422
    assert field in {e["field"] for e in answer.json()["errors"]}


def test_a_bad_filter_on_the_page_says_so_beside_the_field(program, program_admin):
    page = page_client(program_admin).get(f"/programs/{program.public_id}/insights/?since=soon")
    assert page.status_code == 400
    assert "Give a date as YYYY-MM-DD." in page.content.decode()


def _queries(client, path, headers=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, headers=headers or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_dashboard_makes_as_many_queries_with_four_times_the_pairs(
    program, program_admin, settings
):
    settings.INSIGHTS_CACHE_SECONDS = 0  # every request computes it
    client = page_client(program_admin)
    api = Api(program_admin)
    add_pairs(program, 6)
    add_pairs(program, 2, last_meeting_days_ago=60)
    page_path = f"/programs/{program.public_id}/insights/"
    risk_path = f"/programs/{program.public_id}/at-risk/"
    api_path = f"/api/v1/programs/{program.public_id}/insights"
    # The first request of a session (or a token) also notes the visit.
    _queries(client, page_path)
    _queries(api.client, api_path, api.headers)

    def counts():
        return (
            _queries(client, page_path),
            _queries(client, risk_path),
            _queries(api.client, api_path, api.headers),
        )

    waiting = counts()  # every pair waits for its rollups: counted from its rows
    rollups_refresh()
    small = counts()  # from the rollups
    add_pairs(program, 24, last_meeting_days_ago=60)
    large_waiting = counts()
    rollups_refresh()
    large = counts()
    assert waiting == small == large_waiting == large
    assert large[0] <= 20
