"""The reads behind the insights pages, the API and the exports: counts, dates, statuses and
aggregates of a program's pairs, never a word that a pair wrote.

Every average or share is over a group of at least K pairs; a smaller group answers None,
which every surface shows as "not enough data", so that no one can be singled out."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, CharField, Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast, Substr
from django.utils import timezone as tz

from alongside.insights import groups, reading, skills
from alongside.insights.filters import MAX_MONTHS, Filters, months_between
from alongside.insights.models import QUESTIONS, Survey, SurveyAnswer
from alongside.mentorships.models import Mentorship, Status
from alongside.programs.models import Enrollment, EnrollmentStatus, Program, Role

K = 5  # the smallest group an aggregate is shown for
NOT_ENOUGH = "not enough data"
# Pairs that have started: the ones the outcomes are about.
STARTED = groups.STARTED
MATCHED = (Status.PROPOSED, Status.ACTIVE, Status.COMPLETED)
# A mentee who was ever given a pair counts as matched in the match rate.
EVER_MATCHED = (*MATCHED, Status.ENDED)

# Reasons for ending early, grouped by the words in them: the reason itself is the pair's
# text, so only its group leaves the database. An admin who ends a pair picks a group.
REASON_GROUPS: list[tuple[str, str, tuple[str, ...]]] = [
    ("no_time", "No time", ("time", "busy", "workload", "schedule", "capacity")),
    (
        "moved_on",
        "Moved on (new role, left)",
        ("moved", "moving", "left", "leav", "new job", "new role", "relocat", "abroad"),
    ),
    ("not_a_match", "Not a good match", ("match", "fit", "chemistry", "click")),
    ("goals_reached", "Goals reached early", ("goal", "reached", "achieved", "done")),
    (
        "unreachable",
        "Could not reach the partner",
        ("reach", "respond", "ghost", "silent", "answer"),
    ),
]
OTHER_REASON = ("other", "Other")
REASON_LABELS = dict([(key, label) for key, label, _ in REASON_GROUPS] + [OTHER_REASON])


def reason_group(reason: str) -> str:
    """The group key of a free-text reason: the first group with one of its words."""
    text = reason.casefold()
    for key, label, _ in REASON_GROUPS:
        if text.startswith(f"ended by the program: {label.casefold()}"):
            return key
    for key, _, words in REASON_GROUPS:
        if any(word in text for word in words):
            return key
    return OTHER_REASON[0]


@dataclass
class Dashboard:
    filters: Filters
    months: list[str]
    mentors: int
    mentees: int
    pairs: int  # pairs that started, in the filtered group
    enough: bool  # at least K pairs: every pair figure below is shown
    match_rate: float | None
    active_pairs: int | None
    cadence_kept: float | None
    goals_set: int | None
    goals_achieved: int | None
    milestones_completed: int | None
    checkins: int | None
    meetings_held: int | None
    feedback_average: float | None
    feedback_pairs: int  # the pairs that gave feedback in the period, counted up to K
    meetings_per_month: list[tuple[str, int]]
    checkins_per_month: list[tuple[str, int]]
    milestones_per_month: list[tuple[str, int]]
    goals_per_month: list[tuple[str, int]]
    messages_per_month: list[tuple[str, int]]  # counts only: never a word of a thread
    skills: list[dict[str, Any]]  # skill, pairs, change (None below K)
    ended_early: int | None
    ended_reasons: list[dict[str, Any]] | None
    computed_at: dt.datetime | None = None


def bounds(filters: Filters) -> tuple[dt.datetime, dt.datetime]:
    """The period as moments [lo, hi): from the start of its first day to the end of its
    last, in the viewer's time zone."""
    lo = tz.make_aware(dt.datetime.combine(filters.since, dt.time.min))
    hi = tz.make_aware(dt.datetime.combine(filters.until + dt.timedelta(days=1), dt.time.min))
    return lo, hi


def _month_of(field_name: str) -> Substr:
    # The UTC month as "YYYY-MM" from the stored text of the timestamp: the same on SQLite
    # and on PostgreSQL (whose connections Django keeps in UTC), and no function per row.
    return Substr(Cast(field_name, CharField()), 1, 7)


def pairs_of(program: Program, filters: Filters) -> QuerySet[Mentorship]:
    """The program's pairs that started, narrowed by the filters (a department is the
    mentee's, from their enrollment answers)."""
    pairs = Mentorship.objects.filter(program=program, status__in=STARTED)
    if filters.department:
        pairs = pairs.filter(
            Exists(
                Enrollment.objects.filter(
                    program=program,
                    person=OuterRef("mentee"),
                    role=Role.MENTEE,
                    answers__department__iexact=filters.department,
                )
            )
        )
    if filters.cohort:
        year, month = (int(part) for part in filters.cohort.split("-"))
        zone = tz.get_current_timezone()
        start = dt.datetime(year, month, 1, tzinfo=zone)
        end = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)
        pairs = pairs.filter(started_at__gte=start, started_at__lt=end)
    return pairs


def _period(
    program: Program, pairs: QuerySet[Mentorship], filters: Filters, now: dt.datetime
) -> reading.Period:
    sql, params = pairs.order_by().values("id").query.sql_with_params()
    lo, hi = bounds(filters)
    # The program's totals are kept per department, not per cohort.
    department = None if filters.cohort else filters.department
    return reading.Period(program.pk, sql, tuple(params), lo, hi, now, department)


def _skills(period: reading.Period) -> list[dict[str, Any]]:
    """Per skill: the pairs whose first and latest check-in of the period both rate it, and
    the mean of (latest - first) over them; None below K pairs (skills.py)."""
    return [
        {
            "skill": label,
            "pairs": count,
            "change": round(change, 2) if count >= K else None,
        }
        for _, label, count, change in skills.skills(period)
    ]


def dashboard(program: Program, filters: Filters, *, now: dt.datetime | None = None) -> Dashboard:
    """The program's dashboard. The pairs' activity (meetings, check-ins, goals, milestones,
    messages, feedback) comes from the monthly rollups (rollups.py): a few queries over
    about one row per pair and month, whatever the number of meetings."""
    now = now or tz.now()
    lo, hi = bounds(filters)
    months = months_between(filters.since, filters.until)
    pairs = pairs_of(program, filters)
    period = _period(program, pairs, filters, now)

    enrolled = Enrollment.objects.filter(program=program, status=EnrollmentStatus.ACTIVE)
    if filters.department:
        enrolled = enrolled.filter(answers__department__iexact=filters.department)
    roles = dict(enrolled.values("role").annotate(n=Count("pk")).values_list("role", "n"))
    mentees = roles.get(Role.MENTEE, 0)
    counts = pairs.aggregate(
        started=Count("pk"),
        active=Count("pk", filter=Q(status=Status.ACTIVE)),
        kept=Count("pk", filter=Q(status=Status.ACTIVE, fading_at__gt=now)),
        ended=Count("pk", filter=Q(status=Status.ENDED, closed_at__gte=lo, closed_at__lt=hi)),
    )
    enough = counts["started"] >= K
    matched = (
        enrolled.filter(role=Role.MENTEE)
        .filter(
            Exists(
                Mentorship.objects.filter(
                    program=program, mentee=OuterRef("person"), status__in=EVER_MATCHED
                )
            )
        )
        .count()
        if mentees >= K
        else 0
    )
    average, feedback_pairs = reading.feedback(period, at_least=K)
    dash = Dashboard(
        filters=filters,
        months=months,
        mentors=roles.get(Role.MENTOR, 0),
        mentees=mentees,
        pairs=counts["started"],
        enough=enough,
        match_rate=round(matched / mentees, 3) if mentees >= K else None,
        active_pairs=counts["active"] if enough else None,
        cadence_kept=(
            round(counts["kept"] / counts["active"], 3) if counts["active"] >= K else None
        ),
        goals_set=None,
        goals_achieved=None,
        milestones_completed=None,
        checkins=None,
        meetings_held=None,
        feedback_average=(
            round(average, 2) if feedback_pairs >= K and average is not None else None
        ),
        feedback_pairs=feedback_pairs,
        meetings_per_month=[],
        checkins_per_month=[],
        milestones_per_month=[],
        goals_per_month=[],
        messages_per_month=[],
        skills=[],
        ended_early=None,
        ended_reasons=None,
        computed_at=now,
    )
    if not enough:
        return dash
    monthly = reading.per_month(period)

    def series(name: str) -> list[tuple[str, int]]:
        return [(m, monthly[name].get(m, 0)) for m in months]

    dash.meetings_per_month = series("meetings")
    dash.checkins_per_month = series("checkins")
    dash.milestones_per_month = series("milestones")
    dash.goals_per_month = series("goals_achieved")
    dash.messages_per_month = series("messages")
    dash.meetings_held = sum(n for _, n in dash.meetings_per_month)
    dash.checkins = sum(n for _, n in dash.checkins_per_month)
    dash.milestones_completed = sum(n for _, n in dash.milestones_per_month)
    dash.goals_achieved = sum(n for _, n in dash.goals_per_month)
    # Every goal set in the period, whichever UTC month it falls in.
    dash.goals_set = sum(monthly["goals_set"].values())
    dash.skills = _skills(period)
    dash.ended_early = counts["ended"]
    if counts["ended"] >= K:
        grouped: dict[str, int] = {}
        for reason in pairs.filter(
            status=Status.ENDED, closed_at__gte=lo, closed_at__lt=hi
        ).values_list("end_reason", flat=True):
            key = reason_group(reason)
            grouped[key] = grouped.get(key, 0) + 1
        dash.ended_reasons = [
            {"reason": key, "label": REASON_LABELS[key], "pairs": n}
            for key, n in sorted(grouped.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
    return dash


def _version_key(program: Program) -> str:
    return f"insights:version:{program.public_id}"


def insights_changed(program: Program) -> None:
    """Forget the program's cached dashboards: an admin just changed something in it."""
    from django.core.cache import cache

    try:
        cache.incr(_version_key(program))
    except ValueError:
        cache.set(_version_key(program), 1, None)


def dashboard_cached(program: Program, filters: Filters) -> Dashboard:
    """The dashboard as computed at most INSIGHTS_CACHE_SECONDS ago (0: always fresh). The
    aggregates of a big program read every meeting of its pairs; admins opening the page
    again and again, or paging through filters and back, read it from the cache."""
    from django.conf import settings
    from django.core.cache import cache
    from django.utils.http import urlencode

    seconds = settings.INSIGHTS_CACHE_SECONDS
    if seconds <= 0:
        return dashboard(program, filters)
    version = cache.get(_version_key(program), 0)
    key = f"insights:{program.public_id}:{version}:{urlencode(filters.query())}"
    found = cache.get(key)
    if not isinstance(found, Dashboard):
        found = dashboard(program, filters)
        cache.set(key, found, seconds)
    return found


def filter_choices(program: Program) -> tuple[list[str], list[str]]:
    """The departments in the enrollment answers and the months in which pairs started."""
    departments = sorted(
        {
            str(d).strip()
            for d in Enrollment.objects.filter(program=program)
            .values_list("answers__department", flat=True)
            .distinct()[:500]
            if d and str(d).strip()
        },
        key=str.casefold,
    )
    starts = (
        Mentorship.objects.filter(program=program, status__in=STARTED, started_at__isnull=False)
        .annotate(month=_month_of("started_at"))
        .values_list("month", flat=True)
        .distinct()
        .order_by("-month")[:MAX_MONTHS]
    )
    return departments, list(starts)


# --- The survey ------------------------------------------------------------------------


@dataclass
class SurveyResults:
    survey: Survey | None
    answers: int
    pairs: int
    averages: dict[str, float | None]
    shared: list[dict[str, str]]


def survey_results(program: Program) -> SurveyResults:
    survey = Survey.objects.filter(program=program).first()
    if survey is None:
        return SurveyResults(None, 0, 0, dict.fromkeys(QUESTIONS), [])
    answers = SurveyAnswer.objects.filter(survey=survey)
    totals = answers.aggregate(
        n=Count("pk"),
        pairs=Count("mentorship", distinct=True),
        **{name: Avg(name) for name in QUESTIONS},
    )
    enough = totals["pairs"] >= K
    shared = [
        {"role": "mentor" if author == mentor else "mentee", "text": text}
        for text, author, mentor in answers.filter(shared=True)
        .exclude(what_changed="")
        .values_list("what_changed", "author_id", "mentorship__mentor_id")
        .order_by("created_at", "pk")[:200]
    ]
    return SurveyResults(
        survey=survey,
        answers=totals["n"],
        pairs=totals["pairs"],
        averages={
            name: round(float(totals[name]), 2) if enough and totals[name] is not None else None
            for name in QUESTIONS
        },
        shared=shared,
    )


def survey_for(mentorship: Mentorship) -> Survey | None:
    return Survey.objects.filter(program_id=mentorship.program_id).first()


def answer_of(survey: Survey, mentorship: Mentorship, person_pk: int) -> SurveyAnswer | None:
    return SurveyAnswer.objects.filter(
        survey=survey, mentorship=mentorship, author_id=person_pk
    ).first()
