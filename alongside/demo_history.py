"""Six months of a demo pair's life, so that `make run` shows growth, charts and a
timeline from the first click. Built through the services, then moved back in time."""

import datetime as dt
import uuid

from django.utils import timezone as tz

from alongside.goals import services as goals
from alongside.goals.models import Goal, Milestone
from alongside.growth import services as growth
from alongside.growth.models import Appreciation, CheckIn, Resource
from alongside.meetings import services as meetings
from alongside.meetings.models import Meeting
from alongside.mentorships import agreements
from alongside.mentorships.models import (
    AgreementVersion,
    Celebration,
    Kind,
    Mentorship,
    TimelineItem,
    Transition,
)
from alongside.mentorships.services import mentorship_accept, mentorship_request
from alongside.people.models import Person
from alongside.programs.selectors import community_program

MONTHS = 6
# (days ago, {skill: level}, wins, challenges, feeling)
CHECKINS = [
    (
        170,
        {"Public speaking": 1, "System design": 2},
        "Said yes to presenting at the team demo.",
        "I freeze when someone senior asks a question.",
        2,
    ),
    (
        140,
        {"Public speaking": 2, "System design": 2},
        "Presented the demo; it went better than I feared.",
        "I rushed through the slides.",
        3,
    ),
    (
        110,
        {"Public speaking": 2, "System design": 3},
        "Drew the architecture of our service from memory.",
        "Design reviews still feel like an exam.",
        3,
    ),
    (
        80,
        {"Public speaking": 3, "System design": 3},
        "Asked two questions in the design review.",
        "Finding time to prepare the meetup talk.",
        4,
    ),
    (
        50,
        {"Public speaking": 4, "System design": 4},
        "Gave a lightning talk to 40 people.",
        "Handling a tough question on the spot.",
        4,
    ),
    (
        15,
        {"Public speaking": 4, "System design": 4},
        "My proposal was accepted for the spring meetup.",
        "Keeping the talk to 20 minutes.",
        5,
    ),
]


def _backdate(model: type, pk: int, **fields: object) -> None:
    model.objects.filter(pk=pk).update(**fields)  # type: ignore[attr-defined]


def load_history(*, mentor: Person, mentee: Person) -> bool:
    """Create the pair's history once; answers whether it was created now."""
    if Mentorship.objects.filter(mentor=mentor, mentee=mentee).exists():
        return False
    now = tz.now()
    start = now - dt.timedelta(days=MONTHS * 30 + 5)
    m = mentorship_request(
        requester=mentee,
        mentor=mentor,
        program=community_program(),
        message="I want to speak up in design reviews and give my first meetup talk.",
    )
    mentorship_accept(mentorship=m, actor=mentor)
    _backdate(Mentorship, m.pk, created_at=start - dt.timedelta(days=2), started_at=start)
    for t in Transition.objects.filter(mentorship=m):
        _backdate(
            Transition,
            t.pk,
            at=start - dt.timedelta(days=2 if t.to_status == "requested" else 0),
        )
    m.refresh_from_db()
    v1 = agreements.agreement_save(
        mentorship=m,
        author=mentee,
        mentee_hopes="Speak up in design reviews; give a talk at the local meetup.",
        mentor_offers="Rehearsals, honest feedback on drafts, and my meetup contacts.",
        meeting_every_days=14,
        channel="video",
        meeting_minutes=45,
        ends_on=tz.localdate() + dt.timedelta(days=60),
        confidentiality=True,
    )
    agreements.agreement_acknowledge(mentorship=m, actor=mentor)
    _backdate(
        AgreementVersion,
        v1.pk,
        created_at=start + dt.timedelta(days=1),
        mentee_acknowledged_at=start + dt.timedelta(days=1),
        mentor_acknowledged_at=start + dt.timedelta(days=2),
    )

    talk = goals.goal_create(
        mentorship=m,
        author=mentee,
        title="Give my first meetup talk",
        objective="Give a 20-minute talk at the local Python meetup.",
        measure="The talk is given and I ask for feedback from three people.",
        target_date=tz.localdate() + dt.timedelta(days=45),
    )
    review = goals.goal_create(
        mentorship=m,
        author=mentee,
        title="Speak up in design reviews",
        objective="Ask at least one question or raise one concern in every design review.",
        measure="Five reviews in a row where I spoke.",
    )
    done_days = {"Pick a topic": 150, "Write the outline": 95, "Rehearse with Grace": 40}
    for title in ["Pick a topic", "Write the outline", "Rehearse with Grace", "Give the talk"]:
        ms = goals.milestone_add(goal=talk, author=mentee, title=title)
        if title in done_days:
            goals.milestone_complete(milestone=ms, actor=mentee)
            _backdate(Milestone, ms.pk, done_at=now - dt.timedelta(days=done_days[title]))
    for i, days in enumerate((120, 90, 60)):
        ms = goals.milestone_add(goal=review, author=mentee, title=f"Speak in review {i + 1}")
        goals.milestone_complete(milestone=ms, actor=mentee)
        _backdate(Milestone, ms.pk, done_at=now - dt.timedelta(days=days))
    goals.goal_update(goal=review, author=mentee, status="achieved")
    _backdate(Goal, review.pk, closed_at=now - dt.timedelta(days=58))

    first = start + dt.timedelta(days=3)
    held = []
    day = 0
    while first + dt.timedelta(days=day) < now + dt.timedelta(days=30):
        when = (first + dt.timedelta(days=day)).replace(hour=16, minute=0, second=0, microsecond=0)
        meeting = Meeting.objects.create(
            mentorship=m,
            organizer=mentor,
            starts_at=when,
            timezone=mentor.timezone,
            minutes=45,
            title="Fortnightly",
            place="https://meet.example.org/grace-ada",
        )
        if when + dt.timedelta(minutes=45) <= now:  # over by now: one under way is not held
            held.append(meeting)
        day += 14
    last = held[-1]
    meetings.agenda_add(meeting=last, author=mentee, text="Timing of the talk")
    meetings.note_add(
        meeting=last,
        author=mentor,
        visibility="shared",
        body="Ada cut the talk to 19 minutes. Next: practise the Q&A.",
    )
    meetings.action_item_add(
        meeting=last,
        author=mentor,
        owner=mentee,
        text="Send Grace the final slides",
        due_on=tz.localdate() + dt.timedelta(days=5),
    )

    for days, levels, wins, challenges, feeling in CHECKINS:
        c = growth.checkin_create(
            mentorship=m,
            author=mentee,
            wins=wins,
            challenges=challenges,
            feeling=feeling,
            ratings=[{"skill": s, "level": v} for s, v in levels.items()],
        )
        _backdate(CheckIn, c.pk, created_at=now - dt.timedelta(days=days))
    a = growth.appreciation_send(
        mentorship=m,
        author=mentor,
        message="Watching you take that tough question on stage was the highlight of my month.",
    )
    _backdate(Appreciation, a.pk, created_at=now - dt.timedelta(days=48))
    r = growth.resource_share(
        mentorship=m,
        author=mentor,
        title="Talk like you mean it: notes on pacing",
        url="https://example.org/pacing",
        note="The part on pauses is what you asked about.",
    )
    _backdate(Resource, r.pk, created_at=now - dt.timedelta(days=100))
    growth.celebrate_due(mentorship=m, now=now)
    # The timeline was written "now": give each item the time of what it records.
    times: dict[object, dt.datetime | None] = {
        **{c.public_id: c.created_at for c in CheckIn.objects.filter(mentorship=m)},
        **{x.public_id: x.done_at for x in Milestone.objects.filter(goal__mentorship=m)},
        **{x.public_id: x.created_at for x in Appreciation.objects.filter(mentorship=m)},
        **{x.public_id: x.created_at for x in Resource.objects.filter(mentorship=m)},
        **{x.public_id: x.created_at for x in AgreementVersion.objects.filter(mentorship=m)},
        review.public_id: now - dt.timedelta(days=58),
        **{r.public_id: now - dt.timedelta(days=58) for r in review.revisions.all()},
    }
    moments = {
        "meetings:5": held[4].starts_at,
        "meetings:10": held[9].starts_at,
        "months:3": start + dt.timedelta(days=90),
        "months:6": start + dt.timedelta(days=180),
    }
    for celebration in Celebration.objects.filter(mentorship=m):
        kind, _, ref = celebration.source.partition(":")
        if celebration.source in moments:
            times[celebration.public_id] = moments[celebration.source]
        elif kind in ("milestone", "goal"):
            source = times.get(uuid.UUID(ref)) if kind == "milestone" else times[review.public_id]
            times[celebration.public_id] = source and source + dt.timedelta(minutes=1)
    for item in TimelineItem.objects.filter(mentorship=m):
        if item.kind == Kind.GOAL:
            moment: dt.datetime | None = start + dt.timedelta(days=4)
        elif item.kind == Kind.NOTE:
            moment = last.ends_at
        else:
            moment = times.get(item.ref)
        if moment is not None:
            _backdate(TimelineItem, item.pk, at=moment)
    return True
