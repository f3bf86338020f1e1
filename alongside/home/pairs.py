"""The home page's row per active mentorship: what is next with each partner.

Per pair: the next meeting (shown in the viewer's zone, linking to its agenda), feedback
the viewer owes, a check-in due, agreement versions waiting for them, their open action
items, and what the partner shared since the viewer's last visit. A mentor with many
mentees gets one row per mentee, sorted by what needs them most.

One query however many pairs: the pairs with every count and their next meetings
(correlated subqueries); the check-ins due and the agreements waiting come from what the
home page read already.
"""

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone as tz

from alongside.growth.selectors import CheckInDue
from alongside.lib.compiled import Compiled
from alongside.meetings.models import ActionItem, Feedback, Meeting, MeetingStatus
from alongside.mentorships.models import Mentorship, Status, TimelineItem
from alongside.mentorships.selectors import NextStep
from alongside.people.models import Person
from alongside.people.services import VISIT_GAP

# Feedback is owed on meetings that started within this many days.
FEEDBACK_DAYS = 14
ROWS_MAX = 100


@dataclass
class Need:
    text: str
    url: str
    weight: int  # how much it needs the viewer: higher first


@dataclass
class NextMeeting:
    public_id: str
    starts_at: dt.datetime
    display_title: str


@dataclass
class PairRow:
    public_id: uuid.UUID  # the mentorship's
    partner_name: str
    role: str  # the viewer's role
    next_meeting: NextMeeting | None = None
    needs: list[Need] = field(default_factory=list)
    open_actions: int = 0
    shared_since: int = 0

    @property
    def weight(self) -> int:
        return sum(need.weight for need in self.needs)

    @property
    def sort_key(self) -> tuple[int, dt.datetime, str]:
        soon = (
            self.next_meeting.starts_at
            if self.next_meeting
            else dt.datetime.max.replace(tzinfo=dt.UTC)
        )
        return (-self.weight, soon, self.partner_name.casefold())


def _count(found: QuerySet) -> Coalesce:
    return Coalesce(
        Subquery(
            found.order_by().values("mentorship").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def _pairs(
    *,
    person_id: int,
    now: dt.datetime,
    feedback_from: dt.datetime,
    today: dt.date,
    since: dt.datetime | None = None,
) -> QuerySet:
    """The person's active pairs with every count and their next meeting (correlated
    subqueries): one query however many pairs."""
    upcoming = Meeting.objects.filter(
        mentorship=OuterRef("pk"), status=MeetingStatus.SCHEDULED, starts_at__gt=now
    ).order_by("starts_at", "pk")
    owed = Meeting.objects.filter(
        mentorship=OuterRef("pk"),
        status=MeetingStatus.SCHEDULED,
        starts_at__lte=now,
        starts_at__gte=feedback_from,
    ).filter(~Exists(Feedback.objects.filter(meeting=OuterRef("pk"), author_id=person_id)))
    mine = ActionItem.objects.filter(
        mentorship=OuterRef("pk"), owner_id=person_id, done_at__isnull=True
    )
    shared = TimelineItem.objects.filter(mentorship=OuterRef("pk"), actor__isnull=False).exclude(
        actor_id=person_id
    )
    if since is not None:
        shared = shared.filter(at__gt=since)
    return (
        Mentorship.objects.filter(
            Q(mentor_id=person_id) | Q(mentee_id=person_id), status=Status.ACTIVE
        )
        .annotate(
            next_id=Subquery(upcoming.values("public_id")[:1]),
            next_at=Subquery(upcoming.values("starts_at")[:1]),
            next_title=Subquery(upcoming.values("title")[:1]),
            feedback_owed=_count(owed),
            feedback_meeting=Subquery(owed.order_by("-starts_at", "-pk").values("public_id")[:1]),
            open_actions=_count(mine),
            overdue_actions=_count(mine.filter(due_on__lt=today)),
            shared_since=_count(shared),
        )
        .order_by("-started_at", "-pk")
        .values(
            "pk",
            "public_id",
            "mentor_id",
            "mentor__name",
            "mentor__email",
            "mentee__name",
            "mentee__email",
            "next_id",
            "next_at",
            "next_title",
            "feedback_owed",
            "feedback_meeting",
            "open_actions",
            "overdue_actions",
            "shared_since",
        )[:ROWS_MAX]
    )


# Built and compiled once per connection (lib/compiled.py): building this queryset and
# compiling its eight subqueries cost the home page 7 ms a request, running it 1 ms.
_PAIRS = Compiled(_pairs, person_id=int, now=dt.datetime, feedback_from=dt.datetime, today=dt.date)
_PAIRS_SINCE = Compiled(
    _pairs,
    person_id=int,
    now=dt.datetime,
    feedback_from=dt.datetime,
    today=dt.date,
    since=dt.datetime,
)


def pair_rows(
    person: Person,
    *,
    checkins_due: list[CheckInDue],
    agreements_waiting: list[NextStep],
    now: dt.datetime | None = None,
) -> list[PairRow]:
    """One row per active mentorship of `person`, most in need first."""
    now = now or tz.now()
    values: dict[str, Any] = {
        "person_id": person.pk,
        "now": now,
        "feedback_from": now - dt.timedelta(days=FEEDBACK_DAYS),
        "today": tz.localdate(now),
    }
    # Since the end of the person's previous visit (people.services.person_touch); on a
    # first visit, all the partner shared is new.
    since = last_visit_end(person, now)
    pairs = _PAIRS.rows(**values) if since is None else _PAIRS_SINCE.rows(**values, since=since)
    due = {d.mentorship.pk: d for d in checkins_due}
    waiting = {step.mentorship.pk: step for step in agreements_waiting}
    rows = []
    for m in pairs:
        mentoring = m["mentor_id"] == person.pk
        partner = "mentee" if mentoring else "mentor"
        partner_name = m[f"{partner}__name"]
        row = PairRow(
            public_id=m["public_id"],
            partner_name=partner_name,
            role="mentor" if mentoring else "mentee",
            next_meeting=NextMeeting(
                m["next_id"],
                m["next_at"],
                m["next_title"] or "Meeting",
            )
            if m["next_id"]
            else None,
            open_actions=m["open_actions"],
            shared_since=m["shared_since"],
        )
        owed_n = m["feedback_owed"]
        if owed_n:
            row.needs.append(
                Need(
                    f"Give feedback on {owed_n} meeting{'s' if owed_n != 1 else ''}",
                    reverse("meeting", args=[m["feedback_meeting"]]) + "#feedback",
                    3,
                )
            )
        if m["pk"] in waiting:
            step = waiting[m["pk"]]
            row.needs.append(Need(step.text.split(" with ")[0], step.url, 3))
        if m["pk"] in due:
            checkin = due[m["pk"]]
            row.needs.append(
                Need(
                    "Your check-in is overdue" if checkin.overdue else "Your check-in is due",
                    reverse("growth", args=[m["public_id"]]) + "#checkin-form",
                    3 if checkin.overdue else 2,
                )
            )
        overdue = m["overdue_actions"]
        if overdue:
            row.needs.append(
                Need(
                    f"{overdue} action item{'s' if overdue != 1 else ''} overdue",
                    "#my-actions",
                    2,
                )
            )
        if row.next_meeting and row.next_meeting.starts_at <= now + dt.timedelta(hours=48):
            row.needs.append(Need("Meeting soon: add to the agenda", _agenda(row.next_meeting), 1))
        if row.shared_since:
            # What Person.get_short_name() says.
            short = partner_name.split(" ")[0] if partner_name else m[f"{partner}__email"]
            row.needs.append(
                Need(
                    f"{short} shared {row.shared_since} new "
                    f"thing{'s' if row.shared_since != 1 else ''} since your last visit",
                    reverse("timeline", args=[m["public_id"]]),
                    1,
                )
            )
        rows.append(row)
    return sorted(rows, key=lambda r: r.sort_key)


def last_visit_end(person: Person, now: dt.datetime) -> dt.datetime | None:
    """When the person's previous visit ended. The request that begins a new visit is
    read before person_touch notes it, so then the previous visit is the one that
    `last_active` ends."""
    if person.last_active is not None and now - person.last_active > VISIT_GAP:
        return person.last_active
    return person.previous_visit_at


def _agenda(meeting: NextMeeting) -> str:
    return reverse("meeting", args=[meeting.public_id]) + "#agenda"
