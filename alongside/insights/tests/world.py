"""A program full of pairs for the insights tests, built straight in the database (the
services are tested in their apps): people enrolled with a department, active pairs with
an agreement in force, goals, milestones, meetings with notes and feedback, action items,
check-ins with skill ratings, journal entries. `marker` goes into every text they wrote."""

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone as tz

from alongside.goals.models import Goal, Milestone
from alongside.growth.models import CheckIn, JournalEntry, SkillRating
from alongside.meetings.models import ActionItem, Feedback, Meeting, Note
from alongside.mentorships.clock import pair_clock_update
from alongside.mentorships.models import AgreementVersion, Mentorship, Status
from alongside.people.models import Person
from alongside.programs.models import Enrollment, Program

_serial = itertools.count(1)


def make_program(admin: Any, *, name: str = "Autumn leaders", **fields: Any) -> Program:
    n = next(_serial)
    program = Program.objects.create(
        slug=f"cohort-{n}", name=name, enrollment="invite", matching="admin", **fields
    )
    program.admins.add(admin)
    return program


def agreement_in_force(
    mentorship_id: int, *, since: dt.datetime, now: dt.datetime, hopes: str, offers: str
) -> AgreementVersion:
    """A pair's first agreement, acknowledged by both at `since` and running until 90 days
    after `now`: every 14 days, 45 minutes by video, confidential. Not saved yet
    (bench/insights.py creates thousands at once)."""
    return AgreementVersion(
        mentorship_id=mentorship_id,
        number=1,
        mentee_hopes=hopes,
        mentor_offers=offers,
        meeting_every_days=14,
        channel="video",
        meeting_minutes=45,
        ends_on=(now + dt.timedelta(days=90)).date(),
        confidentiality=True,
        reason="",
        mentee_acknowledged_at=since,
        mentor_acknowledged_at=since,
    )


def add_pairs(
    program: Program,
    count: int,
    *,
    marker: str = "",
    department: str = "Engineering",
    started_days_ago: int = 120,
    last_meeting_days_ago: int = 5,
    now: dt.datetime | None = None,
) -> list[Mentorship]:
    now = now or tz.now()
    pairs = []
    for _ in range(count):
        n = next(_serial)
        mentor = Person.objects.create_user(
            email=f"mentor{n}@example.org", password="x-unused-9", name=f"Mentor {n}"
        )
        mentee = Person.objects.create_user(
            email=f"mentee{n}@example.org", password="x-unused-9", name=f"Mentee {n}"
        )
        Enrollment.objects.create(
            program=program, person=mentor, role="mentor", answers={"department": "Sales"}
        )
        Enrollment.objects.create(
            program=program, person=mentee, role="mentee", answers={"department": department}
        )
        started = now - dt.timedelta(days=started_days_ago)
        pair = Mentorship.objects.create(
            program=program,
            mentor=mentor,
            mentee=mentee,
            status=Status.ACTIVE,
            message=f"Please mentor me {marker}",
            created_at=started,
            started_at=started,
        )
        agreement_in_force(
            pair.pk, since=started, now=now, hopes=f"Hopes {marker}", offers=f"Offers {marker}"
        ).save()
        goal = Goal.objects.create(
            mentorship=pair,
            title=f"Goal {marker}",
            objective=f"Objective {marker}",
            measure=f"Measure {marker}",
            status="achieved",
            created_at=started,
            closed_at=now - dt.timedelta(days=10),
        )
        Milestone.objects.create(
            goal=goal, title=f"Milestone {marker}", done_at=now - dt.timedelta(days=20)
        )
        meeting = Meeting.objects.create(
            mentorship=pair,
            starts_at=now - dt.timedelta(days=last_meeting_days_ago),
            title=f"Meeting {marker}",
            place=f"Place {marker}",
            organizer=mentor,
        )
        Note.objects.create(
            meeting=meeting, author=mentee, body=f"Private {marker}", visibility="private"
        )
        Note.objects.create(
            meeting=meeting, author=mentor, body=f"Shared {marker}", visibility="shared"
        )
        Feedback.objects.create(
            meeting=meeting,
            author=mentee,
            rating=4,
            went_well=f"Well {marker}",
            do_differently=f"Differently {marker}",
        )
        Feedback.objects.create(
            meeting=meeting, author=mentor, rating=5, went_well=f"Fine {marker}"
        )
        ActionItem.objects.create(
            mentorship=pair,
            meeting=meeting,
            text=f"Action {marker}",
            owner=mentee,
            due_on=(now + dt.timedelta(days=3)).date(),
        )
        for days, level in ((90, 2), (30, 4)):
            checkin = CheckIn.objects.create(
                mentorship=pair,
                author=mentee,
                wins=f"Wins {marker}",
                challenges=f"Challenges {marker}",
                feeling=3,
                reply=f"Reply {marker}",
                created_at=now - dt.timedelta(days=days),
            )
            SkillRating.objects.create(checkin=checkin, skill="Public speaking", level=level)
        JournalEntry.objects.create(author=mentee, body=f"Journal {marker}", mentorship=pair)
        pair_clock_update(pair)
        pairs.append(pair)
    return pairs
