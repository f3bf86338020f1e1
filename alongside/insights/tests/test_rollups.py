"""The monthly rollups give the dashboard exactly the figures that counting every row gives:
on a program filled at random, for random periods (cut mid-month, or not), departments,
cohorts and viewers' time zones; while pairs wait for a refresh after a change; and after
it. The triggers note every kind of write, a refresh claims and clears the notes, and the
verification finds a row that went wrong."""

import datetime as dt
import random
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone as tz

from alongside.goals.models import Goal, Milestone
from alongside.growth.models import CheckIn, SkillRating
from alongside.insights.filters import Filters
from alongside.insights.models import PairChange, PairMonth, ProgramMonth
from alongside.insights.rollups import rollups_mark, rollups_refresh, rollups_verify
from alongside.insights.selectors import K, dashboard
from alongside.insights.tests.direct import direct_figures
from alongside.insights.tests.world import make_program
from alongside.meetings.models import Feedback, Meeting
from alongside.mentorships.models import Mentorship, Status
from alongside.people.models import Person
from alongside.programs.models import Enrollment
from alongside.threads.models import Message

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 15, 10, 30, tzinfo=dt.UTC)
ZONES = ["UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata"]
FIELDS = [
    "meetings_per_month",
    "checkins_per_month",
    "milestones_per_month",
    "goals_per_month",
    "messages_per_month",
    "goals_set",
    "feedback_average",
    "feedback_pairs",
    "skills",
]


def _moment(rng: random.Random) -> dt.datetime:
    """A moment within 14 months before NOW and 2 after it, often right on a month's edge
    (in UTC or in another zone), where a rollup could go wrong."""
    if rng.random() < 0.3:
        year, month = 2025, 4 + rng.randrange(16)
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        edge = dt.datetime(year, month, 1, tzinfo=dt.UTC)
        return edge + dt.timedelta(
            hours=rng.choice([-8, -2, 0, 0, 5, 12]), seconds=rng.choice([-1, 0, 1])
        )
    return NOW + dt.timedelta(days=rng.uniform(-420, 60))


def fill(program: Any, rng: random.Random, pairs: int) -> list[Mentorship]:
    people = Person.objects.bulk_create(
        [
            Person(email=f"r{program.pk}-{i}-{role}@example.org", name=f"{role} {i}")
            for i in range(pairs)
            for role in ("mentor", "mentee")
        ]
    )
    made = []
    for i in range(pairs):
        mentor, mentee = people[2 * i], people[2 * i + 1]
        department = rng.choice(["Engineering", "engineering", "Sales", "Finance"])
        Enrollment.objects.create(program=program, person=mentor, role="mentor")
        Enrollment.objects.create(
            program=program, person=mentee, role="mentee", answers={"department": department}
        )
        started = NOW - dt.timedelta(
            days=rng.choice([400, 300, 200, 120, 45]), hours=rng.randrange(48)
        )
        made.append(
            Mentorship.objects.create(
                program=program,
                mentor=mentor,
                mentee=mentee,
                status=rng.choice([Status.ACTIVE] * 4 + [Status.COMPLETED, Status.ENDED]),
                created_at=started,
                started_at=started,
            )
        )
    for pair in made:
        for _ in range(rng.randrange(12)):
            meeting = Meeting.objects.create(
                mentorship=pair,
                starts_at=_moment(rng),
                status=rng.choice(["scheduled"] * 5 + ["cancelled"]),
            )
            if rng.random() < 0.5:
                Feedback.objects.create(
                    meeting=meeting,
                    author=pair.mentee,
                    rating=rng.randint(1, 5),
                    created_at=_moment(rng),
                )
        for _ in range(rng.randrange(6)):
            checkin = CheckIn.objects.create(
                mentorship=pair, author=pair.mentee, feeling=3, created_at=_moment(rng)
            )
            for skill in rng.sample(["Public speaking", "SQL", "Leadership"], rng.randint(1, 3)):
                SkillRating.objects.create(checkin=checkin, skill=skill, level=rng.randint(1, 5))
        for _ in range(rng.randrange(4)):
            achieved = rng.random() < 0.5
            goal = Goal.objects.create(
                mentorship=pair,
                title="-",
                status="achieved" if achieved else "active",
                created_at=_moment(rng),
                closed_at=_moment(rng) if achieved else None,
            )
            for _ in range(rng.randrange(3)):
                Milestone.objects.create(
                    goal=goal, title="-", done_at=_moment(rng) if rng.random() < 0.7 else None
                )
        for seq in range(rng.randrange(8)):
            Message.objects.create(
                mentorship=pair, author=pair.mentor, seq=seq + 1, created_at=_moment(rng)
            )
    return made


def random_filters(rng: random.Random) -> Filters:
    since = (NOW - dt.timedelta(days=rng.randrange(30, 420))).date()
    if rng.random() < 0.4:
        since = since.replace(day=1)
    until = since + dt.timedelta(days=rng.randrange(0, 500))
    until = min(until, since + dt.timedelta(days=365 * 2))
    department = rng.choice(["", "", "engineering", "Sales"])
    cohort = rng.choice(["", "", "", (NOW - dt.timedelta(days=120)).strftime("%Y-%m")])
    return Filters(since=since, until=until, department=department, cohort=cohort)


def assert_same(program: Any, rng: random.Random, tries: int) -> None:
    for _ in range(tries):
        filters = random_filters(rng)
        with tz.override(rng.choice(ZONES)):
            dash = dashboard(program, filters, now=NOW)
            want = direct_figures(program, filters, NOW)
        want["feedback_pairs"] = min(want["feedback_pairs"], K)  # all the page needs
        if not dash.enough:  # the figures per month are not shown below K pairs
            want = {k: want[k] for k in ("feedback_average", "feedback_pairs")}
        got = {name: getattr(dash, name) for name in want}
        assert got == want, (filters, tz.get_current_timezone_name())


@pytest.fixture
def program(program_admin):
    return make_program(program_admin)


@pytest.mark.parametrize("seed", [1, 2])
def test_the_rollups_count_what_the_rows_count(program, seed):
    rng = random.Random(seed)
    fill(program, rng, 14)
    assert_same(program, rng, 3)  # every pair noted: all counted from the rows
    assert rollups_refresh() == 14
    assert not PairChange.objects.exists() and PairMonth.objects.exists()
    assert_same(program, rng, 12)
    assert rollups_verify(program_id=program.pk) == []


def test_figures_stay_right_between_a_change_and_the_refresh(program):
    rng = random.Random(7)
    pairs = fill(program, rng, 12)
    before = NOW - dt.timedelta(days=3)
    meeting = Meeting.objects.create(mentorship=pairs[0], starts_at=before)
    CheckIn.objects.create(mentorship=pairs[2], author=pairs[2].mentee, feeling=3)
    goal = Goal.objects.create(mentorship=pairs[3], title="-", created_at=before)
    Milestone.objects.create(goal=goal, title="-", done_at=before)
    rated = Meeting.objects.create(mentorship=pairs[5], starts_at=before)
    Feedback.objects.create(meeting=rated, author=pairs[5].mentor, rating=5, created_at=before)
    rollups_refresh()

    Meeting.objects.filter(pk=meeting.pk).update(status="cancelled")
    Meeting.objects.create(mentorship=pairs[1], starts_at=NOW - dt.timedelta(days=40))
    CheckIn.objects.filter(mentorship=pairs[2]).delete()
    Goal.objects.filter(pk=goal.pk).update(status="achieved", closed_at=NOW)
    Milestone.objects.filter(goal=goal).update(done_at=None)
    Feedback.objects.filter(meeting=rated).update(rating=1)
    Message.objects.create(mentorship=pairs[6], author=pairs[6].mentee, seq=99, created_at=NOW)
    noted = set(PairChange.objects.values_list("mentorship_id", flat=True))
    assert noted == {pairs[i].pk for i in (0, 1, 2, 3, 5, 6)}
    assert_same(program, rng, 8)
    rollups_refresh()
    assert not PairChange.objects.exists()
    assert_same(program, rng, 8)
    assert rollups_verify(program_id=program.pk) == []


def test_an_update_that_changes_nothing_counted_notes_nothing(program):
    pairs = fill(program, random.Random(3), 3)
    rollups_refresh()
    Meeting.objects.filter(mentorship=pairs[0]).update(title="New title", minutes=30)
    Mentorship.objects.filter(pk=pairs[0].pk).update(message="hello")
    assert not PairChange.objects.exists()


def test_a_deleted_pair_leaves_the_figures_at_once_and_its_rows_with_the_refresh(program):
    rng = random.Random(4)
    pairs = fill(program, rng, 10)
    Meeting.objects.create(mentorship=pairs[0], starts_at=NOW - dt.timedelta(days=70))
    rollups_refresh()
    assert PairMonth.objects.filter(mentorship_id=pairs[0].pk).exists()
    pairs[0].delete()
    assert_same(program, rng, 6)  # its rows wait for the refresh, and count for nothing
    rollups_refresh()
    assert not PairMonth.objects.filter(mentorship_id=pairs[0].pk).exists()
    assert not PairChange.objects.exists()
    assert rollups_verify(program_id=program.pk) == []
    assert_same(program, rng, 6)


def test_a_pair_that_changes_department_status_or_ratings_is_counted_again(program):
    rng = random.Random(12)
    pairs = fill(program, rng, 12)
    for days in (100, 10):
        checkin = CheckIn.objects.create(
            mentorship=pairs[5],
            author=pairs[5].mentee,
            feeling=3,
            created_at=NOW - dt.timedelta(days=days),
        )
        SkillRating.objects.create(checkin=checkin, skill="SQL", level=2)
    rollups_refresh()
    Enrollment.objects.filter(program=program, person=pairs[0].mentee, role="mentee").update(
        answers={"department": "Sales"}
    )
    Enrollment.objects.filter(program=program, person=pairs[1].mentee, role="mentee").delete()
    Mentorship.objects.filter(pk=pairs[2].pk).update(status=Status.PROPOSED)
    other = Status.ENDED if pairs[3].status != Status.ENDED else Status.ACTIVE
    Mentorship.objects.filter(pk=pairs[3].pk).update(status=other)
    Mentorship.objects.filter(pk=pairs[4].pk).update(end_reason="nothing the totals read")
    SkillRating.objects.filter(checkin=checkin).update(level=5)  # a rating, not a check-in
    noted = set(PairChange.objects.values_list("mentorship_id", flat=True))
    assert noted == {pairs[i].pk for i in (0, 1, 2, 3, 5)}
    assert_same(program, rng, 10)
    rollups_refresh()
    assert rollups_verify(program_id=program.pk) == []
    assert_same(program, rng, 10)


def test_a_change_reaches_the_dashboard_after_a_sweep(program):
    from alongside.home.sweep import sweep

    pairs = fill(program, random.Random(13), 8)
    sweep(NOW)
    filters = Filters(since=dt.date(2025, 7, 1), until=NOW.date())
    before = dashboard(program, filters, now=NOW)
    april = NOW - dt.timedelta(days=60)  # 2026-04: a month wholly inside the period
    Meeting.objects.create(mentorship=pairs[0], starts_at=april)
    Goal.objects.create(
        mentorship=pairs[1], title="-", status="achieved", created_at=april, closed_at=april
    )
    CheckIn.objects.create(mentorship=pairs[2], author=pairs[2].mentee, feeling=3, created_at=april)
    assert sweep(NOW)["rollups_refreshed"] == 3
    assert not PairChange.objects.exists()  # read from the totals, not from the rows
    after = dashboard(program, filters, now=NOW)

    def month(dash: Any, series: str) -> int:
        return dict(getattr(dash, series))["2026-04"]

    for series in ("meetings_per_month", "goals_per_month", "checkins_per_month"):
        assert month(after, series) == month(before, series) + 1
    assert after.goals_set == before.goals_set + 1
    assert rollups_verify(program_id=program.pk) == []


def test_a_refresh_takes_the_pairs_in_batches_up_to_its_limit(program):
    fill(program, random.Random(5), 6)
    assert rollups_refresh(limit=4) == 4
    assert PairChange.objects.values("mentorship_id").distinct().count() == 2
    assert rollups_refresh() == 2


def test_the_verification_names_a_row_that_went_wrong(program):
    pairs = fill(program, random.Random(6), 4)
    rollups_refresh()
    row = PairMonth.objects.filter(mentorship=pairs[0]).first()
    assert row is not None
    with connection.cursor() as cursor:  # behind the triggers' back, as a bug would
        cursor.execute(
            "UPDATE insights_pairmonth SET meetings = meetings + 1 WHERE id = %s", [row.pk]
        )
    wrong = rollups_verify(program_id=program.pk)
    # The row, and the program's total of its month, made from the row as it was.
    assert len(wrong) == 2 and f"pair {pairs[0].pk}, {row.month}" in wrong[0]
    assert f"program {program.pk}, {row.month}, department" in wrong[1]
    assert rollups_mark(program_id=program.pk) == 4
    rollups_refresh()
    assert rollups_verify(program_id=program.pk) == []
    total = ProgramMonth.objects.filter(program=program).first()
    assert total is not None
    ProgramMonth.objects.filter(pk=total.pk).update(checkins=total.checkins + 2)
    wrong = rollups_verify(program_id=program.pk)
    assert len(wrong) == 1 and f"program {program.pk}, {total.month}" in wrong[0]
    assert rollups_mark(program_id=program.pk) == 4
    rollups_refresh()
    assert rollups_verify(program_id=program.pk) == []


def test_the_sweep_counts_the_pairs_that_changed(program):
    from alongside.home.sweep import sweep

    fill(program, random.Random(8), 5)
    assert sweep(NOW)["rollups_refreshed"] == 5
    assert not PairChange.objects.exists()
    assert "rollups_refreshed" not in sweep(NOW)


def test_the_command_rebuilds_and_verifies_the_rollups(program):
    from io import StringIO

    from django.core.management import CommandError, call_command

    pairs = fill(program, random.Random(9), 5)
    out = StringIO()
    call_command("insights_rollups", "--verify", stdout=out)
    assert "Counted the rollups of 5 pairs" in out.getvalue()
    assert "Every rollup row matches" in out.getvalue()
    row = PairMonth.objects.filter(mentorship=pairs[1]).first()
    assert row is not None
    with connection.cursor() as cursor:
        cursor.execute("UPDATE insights_pairmonth SET checkins = 7 WHERE id = %s", [row.pk])
    # The row, and the program's total of its month, made from the row as it was.
    with pytest.raises(CommandError, match="2 rollup rows differ"):
        call_command("insights_rollups", "--verify", stdout=StringIO())
    out = StringIO()
    call_command(
        "insights_rollups", "--rebuild", "--verify", f"--program={program.slug}", stdout=out
    )
    assert "Counted the rollups of 5 pairs" in out.getvalue()
    with pytest.raises(CommandError, match="No program"):
        call_command("insights_rollups", "--program=nothing-here", stdout=StringIO())


@pytest.mark.parametrize("seed", [10, 11])
def test_low_feedback_at_risk_comes_out_the_same_from_the_rollups(program, seed):
    from alongside.insights.at_risk import pair_health
    from alongside.insights.tests.direct import direct_low_feedback

    rng = random.Random(seed)
    pairs = fill(program, rng, 14)
    for pair in pairs[:6]:  # low ratings on both sides of the 90-day cut, in its month
        meeting = Meeting.objects.create(mentorship=pair, starts_at=NOW - dt.timedelta(days=95))
        for days, rating in ((89, 1), (91, 5), (10, 2)):
            Feedback.objects.create(
                meeting=Meeting.objects.create(
                    mentorship=pair, starts_at=NOW - dt.timedelta(days=days)
                ),
                author=pair.mentor,
                rating=rating,
                created_at=NOW - dt.timedelta(days=days),
            )
        Feedback.objects.create(meeting=meeting, author=pair.mentor, rating=2, created_at=NOW)

    def low() -> set[int]:
        return {h.pair_pk for h in pair_health(program, now=NOW) if h.signals.low_feedback}

    want = direct_low_feedback(program, NOW)
    assert want and low() == want
    rollups_refresh()
    assert low() == want


@pytest.mark.django_db
def test_every_source_table_keeps_its_triggers_after_migrate():
    """SQLite rebuilds a table to alter it and the copy has no triggers (threads' 0002 lost
    the messages' one that way): after migrating, every source table has them again."""
    from django.core.management import call_command

    from alongside.insights import triggers

    assert triggers.installed(connection) == {table for table, _, _ in triggers.SOURCES}
    triggers.uninstall(connection)
    assert triggers.installed(connection) == set()
    call_command("migrate", verbosity=0)
    assert triggers.installed(connection) == {table for table, _, _ in triggers.SOURCES}
