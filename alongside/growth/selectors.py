import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone as tz

from alongside.goals.models import Goal, Milestone
from alongside.growth.models import CHECKIN_EVERY_DAYS, Appreciation, CheckIn, Resource, SkillRating
from alongside.meetings.models import Meeting, MeetingStatus
from alongside.mentorships.models import Mentorship, Status
from alongside.people.models import Person


@dataclass
class SkillGrowth:
    skill: str
    first: int
    latest: int
    change: int
    series: list[tuple[dt.date, int]]


@dataclass
class Growth:
    since: dt.date
    until: dt.date
    skills: list[SkillGrowth]
    feeling: list[tuple[dt.date, int]]
    goals_achieved: list[tuple[str, int]]  # ("2026-03", 2), every month of the period
    milestones_completed: list[tuple[str, int]]
    meetings_held: list[tuple[str, int]]
    then: CheckIn | None
    now: CheckIn | None
    totals: dict[str, int] = field(default_factory=dict)


def _months(since: dt.date, until: dt.date) -> list[str]:
    months, year, month = [], since.year, since.month
    while (year, month) <= (until.year, until.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months[-36:]


def _per_month(moments: list[dt.datetime], months: list[str]) -> list[tuple[str, int]]:
    counts: dict[str, int] = defaultdict(int)
    for moment in moments:
        counts[tz.localtime(moment).strftime("%Y-%m")] += 1
    return [(m, counts.get(m, 0)) for m in months]


def growth_for(
    mentorship: Mentorship, *, since: dt.date | None = None, until: dt.date | None = None
) -> Growth:
    """First and latest rating per skill with the change, the series for charts, goals and
    milestones per month, meetings held, and the earliest and latest check-in words."""
    start = tz.localtime(mentorship.started_at or mentorship.created_at).date()
    today = tz.localdate()
    # Clamp to the pair's life: a far-off date is no period at all (and would overflow).
    since = min(max(since or start, start), today)
    until = max(min(until or today, today), since)
    lo = tz.make_aware(dt.datetime.combine(since, dt.time.min))
    hi = tz.make_aware(dt.datetime.combine(until, dt.time.max))
    checkins = list(
        CheckIn.objects.filter(mentorship=mentorship, created_at__range=(lo, hi)).order_by(
            "created_at", "pk"
        )
    )
    ratings = (
        SkillRating.objects.filter(checkin__in=checkins)
        .select_related("checkin")
        .order_by("checkin__created_at", "checkin_id")
    )
    by_skill: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    names: dict[str, str] = {}
    for rating in ratings:
        key = rating.skill.casefold()
        names[key] = rating.skill  # the latest spelling wins
        by_skill[key].append((tz.localtime(rating.checkin.created_at).date(), rating.level))
    skills = [
        SkillGrowth(names[k], s[0][1], s[-1][1], s[-1][1] - s[0][1], s)
        for k, s in sorted(by_skill.items(), key=lambda kv: names[kv[0]].casefold())
    ]
    months = _months(since, until)
    achieved = list(
        Goal.objects.filter(
            mentorship=mentorship, status="achieved", closed_at__range=(lo, hi)
        ).values_list("closed_at", flat=True)
    )
    done = list(
        Milestone.objects.filter(goal__mentorship=mentorship, done_at__range=(lo, hi)).values_list(
            "done_at", flat=True
        )
    )
    now = tz.now()
    held = [
        m.starts_at
        for m in Meeting.objects.filter(
            mentorship=mentorship,
            status=MeetingStatus.SCHEDULED,
            starts_at__range=(lo, min(hi, now)),
        )
        if m.has_ended(now)
    ]
    return Growth(
        since=since,
        until=until,
        skills=skills,
        feeling=[(tz.localtime(c.created_at).date(), c.feeling) for c in checkins],
        goals_achieved=_per_month([a for a in achieved if a], months),
        milestones_completed=_per_month([d for d in done if d], months),
        meetings_held=_per_month(held, months),
        then=checkins[0] if checkins else None,
        now=checkins[-1] if len(checkins) > 1 else None,
        totals={
            "checkins": len(checkins),
            "goals_achieved": len(achieved),
            "milestones_completed": len(done),
            "meetings_held": len(held),
        },
    )


@dataclass
class CheckInDue:
    mentorship: Mentorship
    due_on: dt.date
    overdue: bool


def checkins_due_for(
    person: Person, *, today: dt.date | None = None, active: list[Mentorship] | None = None
) -> list[CheckInDue]:
    """Check-ins the person (as mentee) owes: monthly, overdue a week after the due date.
    `active`: the person's active mentorships when the caller read them already."""
    today = today or tz.localdate()
    if active is not None:
        pairs = [m for m in active if m.mentee_id == person.pk and m.status == Status.ACTIVE]
    else:
        pairs = list(
            Mentorship.objects.filter(mentee=person, status=Status.ACTIVE).select_related("mentor")
        )
    latest: dict[int, dt.datetime] = {}
    for checkin in CheckIn.objects.filter(mentorship__in=pairs).order_by("created_at"):
        latest[checkin.mentorship_id] = checkin.created_at
    due = []
    for m in pairs:
        base = latest.get(m.pk) or m.started_at or m.created_at
        due_on = tz.localtime(base).date() + dt.timedelta(days=CHECKIN_EVERY_DAYS)
        if due_on <= today:
            due.append(CheckInDue(m, due_on, today > due_on + dt.timedelta(days=7)))
    return due


def checkins_for(mentorship: Mentorship) -> QuerySet[CheckIn]:
    """The pair's check-ins, newest first, each with its author and ratings."""
    return (
        CheckIn.objects.filter(mentorship=mentorship)
        .select_related("author")
        .prefetch_related("ratings")
        .order_by("-created_at", "-pk")
    )


def resources_matching(mentorship: Mentorship, q: str = "") -> QuerySet[Resource]:
    """The pair's shared resources with every word of `q` (up to 8) in the title, the note
    or the link, each with its author and responses."""
    found = Resource.objects.filter(mentorship=mentorship)
    for word in q.split()[:8]:
        found = found.filter(
            Q(title__icontains=word) | Q(note__icontains=word) | Q(url__icontains=word)
        )
    return found.select_related("author").prefetch_related("responses__author")


@dataclass
class ClosingSummary:
    """What the pair takes away when they complete: the growth numbers, the goals
    achieved and the thank-yous."""

    skills: list[SkillGrowth]
    goals_achieved: list[str]
    goals_total: int
    milestones_completed: int
    meetings_held: int
    checkins: int
    thanks: dict[str, int]  # short name -> thank-you notes written


def closing_summary(mentorship: Mentorship) -> ClosingSummary:
    growth = growth_for(mentorship)
    goals = list(Goal.objects.filter(mentorship=mentorship).values_list("title", "status"))
    written = dict(
        Appreciation.objects.filter(mentorship=mentorship)
        .values_list("author")
        .annotate(n=Count("pk"))
        .values_list("author", "n")
    )
    return ClosingSummary(
        skills=growth.skills,
        goals_achieved=[title for title, status in goals if status == "achieved"],
        goals_total=len(goals),
        milestones_completed=growth.totals["milestones_completed"],
        meetings_held=growth.totals["meetings_held"],
        checkins=growth.totals["checkins"],
        thanks={
            person.get_short_name(): written.get(person.pk, 0)
            for person in (mentorship.mentee, mentorship.mentor)
        },
    )
