"""The reads behind the insights pages, the API and the exports: counts, dates, statuses and
aggregates of a program's pairs, never a word that a pair wrote.

Every average or share is over a group of at least K pairs; a smaller group answers None,
which every surface shows as "not enough data", so that no one can be singled out."""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import (
    Avg,
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Cast, Substr
from django.utils import timezone as tz

from alongside.goals.models import Goal, Milestone
from alongside.growth.models import CheckIn
from alongside.insights import health
from alongside.insights.models import QUESTIONS, Survey, SurveyAnswer
from alongside.meetings.models import ActionItem, Feedback, Meeting, MeetingStatus
from alongside.mentorships.clock import DEFAULT_CADENCE_DAYS
from alongside.mentorships.models import Mentorship, Status, TimelineItem
from alongside.notifications.models import Notification
from alongside.programs.models import Enrollment, EnrollmentStatus, Program, Role
from alongside.threads.models import Message

K = 5  # the smallest group an aggregate is shown for
MAX_MONTHS = 36
NOT_ENOUGH = "not enough data"
# Pairs that have started: the ones the outcomes are about.
STARTED = (Status.ACTIVE, Status.COMPLETED, Status.ENDED)
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
class Filters:
    since: dt.date
    until: dt.date
    department: str = ""
    cohort: str = ""  # "YYYY-MM": the pairs that started in that month

    def query(self) -> dict[str, str]:
        out = {"since": self.since.isoformat(), "until": self.until.isoformat()}
        if self.department:
            out["department"] = self.department
        if self.cohort:
            out["cohort"] = self.cohort
        return out


def default_filters(today: dt.date | None = None) -> Filters:
    """The last twelve months, this one included."""
    today = today or tz.localdate()
    year, month = today.year, today.month - 11
    if month < 1:
        year, month = year - 1, month + 12
    return Filters(since=dt.date(year, month, 1), until=today)


def months_between(since: dt.date, until: dt.date) -> list[str]:
    months: list[str] = []
    year, month = since.year, since.month
    while (year, month) <= (until.year, until.month) and len(months) <= MAX_MONTHS:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


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
    feedback_pairs: int
    meetings_per_month: list[tuple[str, int]]
    checkins_per_month: list[tuple[str, int]]
    milestones_per_month: list[tuple[str, int]]
    goals_per_month: list[tuple[str, int]]
    messages_per_month: list[tuple[str, int]]  # counts only: never a word of a thread
    skills: list[dict[str, Any]]  # skill, pairs, change (None below K)
    ended_early: int | None
    ended_reasons: list[dict[str, Any]] | None
    computed_at: dt.datetime | None = None


def _bounds(filters: Filters) -> tuple[dt.datetime, dt.datetime]:
    lo = tz.make_aware(dt.datetime.combine(filters.since, dt.time.min))
    hi = tz.make_aware(dt.datetime.combine(filters.until + dt.timedelta(days=1), dt.time.min))
    return lo, hi


def _month_of(field_name: str) -> Substr:
    # The UTC month as "YYYY-MM" from the stored text of the timestamp: the same on SQLite
    # and on PostgreSQL (whose connections Django keeps in UTC), and no function per row.
    return Substr(Cast(field_name, CharField()), 1, 7)


def _per_month(rows: QuerySet[Any], field_name: str, months: list[str]) -> list[tuple[str, int]]:
    counts = dict(
        rows.annotate(month=_month_of(field_name))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
        .order_by()
    )
    return [(m, counts.get(m, 0)) for m in months]


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


def _skills(pairs: QuerySet[Mentorship], lo: dt.datetime, hi: dt.datetime) -> list[dict[str, Any]]:
    """Per skill: the pairs whose first and latest check-in of the period both rate it, and
    the mean of (latest - first) over them; None below K pairs. One query, aggregated in
    the database: each pair's two check-ins are found by the (pair, date) index."""
    pair_sql, pair_params = pairs.values("id").query.sql_with_params()
    sql = f"""
        SELECT LOWER(a.skill), MIN(a.skill), COUNT(*), AVG(CAST(b.level - a.level AS REAL))
        FROM (
            SELECT mentorship_id, MIN(created_at) AS first_at, MAX(created_at) AS last_at
            FROM growth_checkin
            WHERE mentorship_id IN ({pair_sql}) AND created_at >= %s AND created_at < %s
            GROUP BY mentorship_id
            HAVING COUNT(*) >= 2
        ) ends
        JOIN growth_checkin c1
            ON c1.mentorship_id = ends.mentorship_id AND c1.created_at = ends.first_at
        JOIN growth_skillrating a ON a.checkin_id = c1.id
        JOIN growth_checkin c2
            ON c2.mentorship_id = ends.mentorship_id AND c2.created_at = ends.last_at
        JOIN growth_skillrating b ON b.checkin_id = c2.id AND LOWER(b.skill) = LOWER(a.skill)
        GROUP BY LOWER(a.skill)
        ORDER BY LOWER(a.skill)
    """  # noqa: S608 - the inner query is Django's, with its parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [*pair_params, lo, hi])
        rows = cursor.fetchall()
    return [
        {
            "skill": label,
            "pairs": count,
            "change": round(float(change), 2) if count >= K else None,
        }
        for _, label, count, change in rows
    ]


def _feedback(pairs: QuerySet[Mentorship], lo: dt.datetime, hi: dt.datetime) -> dict[str, Any]:
    """The mean meeting rating of the period and how many pairs it covers. Read from the
    feedback (a tenth of the meetings or less) towards the meetings: a CROSS JOIN keeps
    SQLite to that order instead of walking every meeting of the program; PostgreSQL
    plans it as the inner join it is."""
    pair_sql, pair_params = pairs.values("id").query.sql_with_params()
    sql = f"""
        SELECT AVG(CAST(f.rating AS REAL)), COUNT(DISTINCT m.mentorship_id)
        FROM meetings_feedback f CROSS JOIN meetings_meeting m
        WHERE m.id = f.meeting_id AND f.created_at >= %s AND f.created_at < %s
            AND m.mentorship_id IN ({pair_sql})
    """  # noqa: S608 - the inner query is Django's, with its parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [lo, hi, *pair_params])
        avg, count = cursor.fetchone()
    return {"avg": avg, "pairs": count}


def dashboard(program: Program, filters: Filters, *, now: dt.datetime | None = None) -> Dashboard:
    now = now or tz.now()
    lo, hi = _bounds(filters)
    months = months_between(filters.since, filters.until)
    pairs = pairs_of(program, filters)

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

    held = Meeting.objects.filter(
        mentorship__in=pairs,
        status=MeetingStatus.SCHEDULED,
        starts_at__gte=lo,
        starts_at__lt=min(hi, now),
    )
    feedback = _feedback(pairs, lo, hi)
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
            round(float(feedback["avg"]), 2)
            if feedback["pairs"] >= K and feedback["avg"] is not None
            else None
        ),
        feedback_pairs=feedback["pairs"],
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
    dash.meetings_per_month = _per_month(held, "starts_at", months)
    dash.checkins_per_month = _per_month(
        CheckIn.objects.filter(mentorship__in=pairs, created_at__gte=lo, created_at__lt=hi),
        "created_at",
        months,
    )
    dash.milestones_per_month = _per_month(
        Milestone.objects.filter(goal__mentorship__in=pairs, done_at__gte=lo, done_at__lt=hi),
        "done_at",
        months,
    )
    dash.goals_per_month = _per_month(
        Goal.objects.filter(
            mentorship__in=pairs, status="achieved", closed_at__gte=lo, closed_at__lt=hi
        ),
        "closed_at",
        months,
    )
    dash.messages_per_month = _per_month(
        Message.objects.filter(mentorship__in=pairs, created_at__gte=lo, created_at__lt=hi),
        "created_at",
        months,
    )
    dash.meetings_held = sum(n for _, n in dash.meetings_per_month)
    dash.checkins = sum(n for _, n in dash.checkins_per_month)
    dash.milestones_completed = sum(n for _, n in dash.milestones_per_month)
    dash.goals_achieved = sum(n for _, n in dash.goals_per_month)
    dash.goals_set = Goal.objects.filter(
        mentorship__in=pairs, created_at__gte=lo, created_at__lt=hi
    ).count()
    dash.skills = _skills(pairs, lo, hi)
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


COHORT = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


# --- Pairs at risk ---------------------------------------------------------------------


@dataclass
class PairHealth:
    pair_pk: int
    public_id: Any
    signals: health.Signals
    score: int
    labels: list[str]
    started_at: dt.datetime | None = None
    last_activity: dt.datetime | None = None
    pair: Mentorship | None = None  # filled by with_details, for the rows shown


def _unreachable_pairs(program: Program, now: dt.datetime) -> set[str]:
    keys = Notification.objects.filter(
        person__administered_programs=program,
        kind="unreachable",
        created_at__gte=now - dt.timedelta(days=health.UNREACHABLE_DAYS),
    ).values_list("key", flat=True)
    return {key.split(":")[1] for key in keys if key.count(":") >= 2}


def pair_health(program: Program, *, now: dt.datetime | None = None) -> list[PairHealth]:
    """Every active pair of the program with its signals and score, lowest score first.
    Four queries, whatever the number of pairs: the pairs' clocks (plain values, no
    models: a program has thousands), the overdue action items, the recent feedback
    averages, the "cannot reach" reports."""
    now = now or tz.now()
    today = tz.localdate(now)
    active = Mentorship.objects.filter(program=program, status=Status.ACTIVE)
    overdue = dict(
        ActionItem.objects.filter(mentorship__in=active, done_at__isnull=True, due_on__lt=today)
        .values("mentorship_id")
        .annotate(n=Count("pk"))
        .values_list("mentorship_id", "n")
        .order_by()
    )
    low = {
        m
        for m, avg, n in Feedback.objects.filter(
            meeting__mentorship__in=active,
            created_at__gte=now - dt.timedelta(days=health.FEEDBACK_DAYS),
        )
        .values("meeting__mentorship_id")
        .annotate(avg=Avg("rating"), n=Count("pk"))
        .values_list("meeting__mentorship_id", "avg", "n")
        .order_by()
        if n >= 2 and avg is not None and avg < health.LOW_FEEDBACK_BELOW
    }
    unreachable = _unreachable_pairs(program, now)
    out = []
    for pk, public_id, started_at, fading_at, at_risk_at in active.values_list(
        "pk", "public_id", "started_at", "fading_at", "at_risk_at"
    ).order_by():
        days, gap = health.clock_gap(
            now=now,
            fading_at=fading_at,
            at_risk_at=at_risk_at,
            started_at=started_at,
            default_days=DEFAULT_CADENCE_DAYS,
        )
        signals = health.Signals(
            cadence_days=days,
            gap=gap,
            overdue_actions=overdue.get(pk, 0),
            low_feedback=pk in low,
            unreachable=str(public_id) in unreachable,
        )
        out.append(
            PairHealth(
                pair_pk=pk,
                public_id=public_id,
                signals=signals,
                score=health.health_score(signals),
                labels=health.signal_labels(signals),
                started_at=started_at,
            )
        )
    out.sort(key=lambda h: (h.score, h.pair_pk))
    return out


def at_risk(program: Program, *, now: dt.datetime | None = None) -> list[PairHealth]:
    """The active pairs with at least one signal, lowest score first."""
    return [h for h in pair_health(program, now=now) if h.labels]


def with_details(rows: list[PairHealth]) -> list[PairHealth]:
    """Fill the rows shown (a page of them) with their pair and its two members, and the
    last activity: the latest event on the pair's timeline (its date, never its text).
    Two queries for the rows given."""
    from django.db.models import Max

    ids = [h.pair_pk for h in rows]
    pairs = Mentorship.objects.filter(pk__in=ids).select_related("mentor", "mentee").in_bulk()
    latest = dict(
        TimelineItem.objects.filter(mentorship_id__in=ids)
        .values("mentorship_id")
        .annotate(at=Max("at"))
        .values_list("mentorship_id", "at")
        .order_by()
    )
    for h in rows:
        h.pair = pairs.get(h.pair_pk)
        h.last_activity = latest.get(h.pair_pk) or h.started_at
    return [h for h in rows if h.pair is not None]


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


# --- Reading the filters -----------------------------------------------------------------

DEPARTMENT_MAX = 120


def filters_from(
    *, since: Any = None, until: Any = None, department: Any = "", cohort: Any = ""
) -> Filters:
    """The filters from a query string: dates as YYYY-MM-DD (at most 36 months apart, the
    last twelve months when none), a department, a cohort as YYYY-MM. Bad input raises a
    ValidationError naming the field."""
    from django.core.exceptions import ValidationError

    chosen = default_filters()
    errors: dict[str, str] = {}
    dates: dict[str, dt.date] = {"since": chosen.since, "until": chosen.until}
    for name, raw in (("since", since), ("until", until)):
        if raw in (None, ""):
            continue
        try:
            dates[name] = dt.date.fromisoformat(str(raw))
        except ValueError:
            errors[name] = "Give a date as YYYY-MM-DD."
    if not errors:
        if dates["since"] > dates["until"]:
            errors["until"] = "The end of the period comes before its start."
        elif len(months_between(dates["since"], dates["until"])) > MAX_MONTHS:
            errors["since"] = f"Choose a period of at most {MAX_MONTHS} months."
        elif dates["since"].year < 2000 or dates["until"].year > 2100:
            errors["since"] = "Choose dates between 2000 and 2100."
    department = str(department or "").strip()
    if len(department) > DEPARTMENT_MAX or any(ord(c) < 32 for c in department):
        errors["department"] = f"Give a department name of at most {DEPARTMENT_MAX} characters."
    cohort = str(cohort or "").strip()
    if cohort and not COHORT.match(cohort):
        errors["cohort"] = "Give a cohort as the month its pairs started: YYYY-MM."
    if errors:
        raise ValidationError(errors)
    return Filters(since=dates["since"], until=dates["until"], department=department, cohort=cohort)
