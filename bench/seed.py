"""Seed a large Alongside database fast, for the benchmark.

    python bench/seed.py --database-url sqlite:///var/bench/bench.sqlite3 --scale 0.01

At --scale 1: 20,000 people (mentors and mentees with skills), 8,000 active pairs in the
Community program (each with its Transition rows and an agreement version in force),
200,000 meetings over the last two years and 1,000,000 timeline items, plus a modest layer
of goals, milestones, action items and check-ins so that the home page has something to
show. Rows go in with bulk_create in batches, not through the services: the services send
emails and write a timeline item per event, which would take hours at this size.

One pair is the showcase: the busy mentor (20 mentees, the most capacity allows) and their
first mentee, together for two years, meeting weekly, with a long timeline. The benchmark
measures that pair's pages. The database must be migrated and hold no bench people yet.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EMAIL_DOMAIN = "bench.alongside.test"
BUSY_MENTOR_EMAIL = f"busy-mentor@{EMAIL_DOMAIN}"
PASSWORD = "walk-alongside-bench-2026"  # noqa: S105 - a throwaway benchmark database

FULL = {"people": 20_000, "pairs": 8_000, "meetings": 200_000, "timeline": 1_000_000}
BUSY_MENTEES = 20  # the most a mentor's capacity allows
SHOWCASE_TIMELINE = 5_000  # at scale 1; the showcase pair's timeline is 40x the average
CHUNK = 50_000  # rows built in memory at once before they are written

SKILLS = [
    "Python", "Go", "Rust", "TypeScript", "SQL", "Data analysis", "Machine learning",
    "Statistics", "Product management", "UX research", "Interaction design", "Accessibility",
    "Public speaking", "Writing", "Negotiation", "Leadership", "People management",
    "Hiring", "Coaching", "Conflict resolution", "Career change", "Salary negotiation",
    "Time management", "Delegation", "Stakeholder management", "Roadmapping", "Budgeting",
    "Fundraising", "Marketing", "Sales", "Customer success", "Security", "DevOps",
    "Cloud architecture", "Testing", "Code review", "Open source", "Mobile development",
    "Frontend", "Backend", "Distributed systems", "Databases", "Technical writing",
    "Research", "Teaching", "Facilitation", "Design systems", "Analytics", "Finance",
    "Entrepreneurship", "Operations", "Strategy", "Storytelling", "Feedback",
    "Presentation skills", "Mentoring", "Remote work", "Work-life balance",
]  # fmt: skip
FIRST = [
    "Ada", "Grace", "Alan", "Katherine", "Linus", "Margaret", "Edsger", "Barbara", "Donald",
    "Frances", "Ken", "Radia", "Tim", "Hedy", "John", "Sophie", "Guido", "Anita", "Bjarne",
    "Joan", "Dennis", "Karen", "Leslie", "Shafi", "Yukihiro", "Mary", "Niklaus", "Adele",
    "Ivan", "Lynn", "Amara", "Chen", "Diego", "Fatima", "Hiro", "Ines", "Kwame", "Lena",
    "Mateo", "Noor", "Olu", "Priya", "Rafael", "Sana", "Tomás", "Uma", "Viktor", "Wen",
]  # fmt: skip
LAST = [
    "Lovelace", "Hopper", "Turing", "Johnson", "Torvalds", "Hamilton", "Dijkstra", "Liskov",
    "Knuth", "Allen", "Thompson", "Perlman", "Berners-Lee", "Lamarr", "Backus", "Wilson",
    "Van Rossum", "Borg", "Stroustrup", "Clarke", "Ritchie", "Spärck Jones", "Lamport",
    "Goldwasser", "Matsumoto", "Keller", "Wirth", "Goldberg", "Sutherland", "Conway",
    "Okafor", "Wang", "Silva", "Haddad", "Tanaka", "Moreau", "Mensah", "Novak", "García",
    "Rahman", "Adeyemi", "Iyer", "Costa", "Qureshi", "Nguyen", "Petrov", "Schmidt", "Kim",
]  # fmt: skip
TIMEZONES = [
    "UTC", "Europe/London", "Europe/Berlin", "Europe/Paris", "America/New_York",
    "America/Chicago", "America/Los_Angeles", "America/Sao_Paulo", "Asia/Tokyo",
    "Asia/Kolkata", "Asia/Singapore", "Africa/Lagos", "Australia/Sydney",
]  # fmt: skip
LANGUAGES = ["English", "Spanish", "French", "German", "Portuguese", "Japanese", "Hindi"]
CHANNELS = ["video", "phone", "in_person", "chat"]
WORDS = [
    "talk", "team", "plan", "next", "step", "draft", "review", "feedback", "promotion",
    "portfolio", "interview", "roadmap", "retro", "launch", "demo", "course", "book",
    "article", "pairing", "estimate", "budget", "hire",
]  # fmt: skip
TIMELINE_KINDS = [  # (kind, weight): meetings and notes are the bulk of a pair's history
    ("meeting", 25), ("note", 20), ("action", 12), ("checkin", 8), ("appreciation", 8),
    ("resource", 8), ("goal", 5), ("milestone", 6), ("revision", 3), ("celebration", 3),
    ("agreement", 1), ("journal", 1),
]  # fmt: skip


@dataclass
class Facts:
    scale: float
    people: int
    pairs: int
    meetings: int
    timeline_items: int
    goals: int
    milestones: int
    action_items: int
    checkins: int
    seconds: float
    busy_mentor_email: str
    password: str
    showcase_mentorship: str
    showcase_meetings: int
    showcase_timeline_items: int


def _setup_django(database_url: str | None) -> None:
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _batched(rows: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _write(model: Any, rows: Iterator[Any], *, batch_size: int = 2000) -> list[Any]:
    """bulk_create in chunks of CHUNK rows, each chunk one transaction. Returns the rows
    (with primary keys) only for models whose keys later rows need."""
    from django.db import transaction

    kept: list[Any] = []
    keep = model.__name__ in {"Person", "Mentorship", "Meeting", "Goal", "CheckIn"}
    for chunk in _batched(rows, CHUNK):
        with transaction.atomic():
            model.objects.bulk_create(chunk, batch_size=batch_size)
        if keep:
            kept.extend(chunk)
    return kept


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def seed(scale: float, *, rng_seed: int = 2026, log: Callable[[str], None] = print) -> Facts:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone as tz

    from alongside.goals.models import Goal, Milestone
    from alongside.growth.models import CheckIn, SkillRating
    from alongside.meetings.models import ActionItem, Meeting
    from alongside.mentorships.models import AgreementVersion, Mentorship, TimelineItem, Transition
    from alongside.people.models import Person
    from alongside.programs.selectors import community_program

    if Person.objects.filter(email__endswith="@" + EMAIL_DOMAIN).exists():
        raise SystemExit("This database already holds bench people; seed a fresh one.")

    from django.db import connection

    if connection.vendor == "sqlite":
        # A bulk load needs no fsync per commit and wants its indexes in memory; these
        # last for this connection only, the server's own connections are unaffected.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-262144")
    started = time.perf_counter()
    rng = random.Random(rng_seed)
    now = tz.now().replace(microsecond=0)
    two_years = dt.timedelta(days=730)
    n_people = max(60, round(FULL["people"] * scale))
    n_pairs = max(BUSY_MENTEES + 5, min(round(FULL["pairs"] * scale), n_people // 2))
    n_meetings = max(200, round(FULL["meetings"] * scale))
    n_timeline = max(500, round(FULL["timeline"] * scale))
    program = community_program()
    # One hash for everyone: hashing 20,000 passwords would take longer than the rest.
    password = make_password(PASSWORD)

    # People: about a third mentors (with capacity), the rest mentees. Index 0 is the
    # busy mentor.
    n_mentors = max(BUSY_MENTEES, round(n_people * 0.35))

    def people() -> Iterator[Person]:
        for i in range(n_people):
            mentor = i < n_mentors
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            skills = rng.sample(SKILLS, rng.randint(3, 6) if mentor else rng.randint(1, 3))
            interests = rng.sample(SKILLS, rng.randint(1, 4))
            headline = f"{skills[0]} {'mentor' if mentor else 'learner'}"
            yield Person(
                email=BUSY_MENTOR_EMAIL if i == 0 else f"p{i:06d}@{EMAIL_DOMAIN}",
                password=password,
                name=name,
                headline=headline,
                bio=_sentence(rng, 20),
                timezone=rng.choice(TIMEZONES),
                skills=skills,
                interests=interests,
                languages=["English", *rng.sample(LANGUAGES[1:], rng.randint(0, 1))],
                open_to_mentor=mentor,
                mentor_capacity=(
                    BUSY_MENTEES
                    if i == 0
                    else rng.choice([1, 2, 2, 3, 3, 4, 5, 8])
                    if mentor
                    else 0
                ),
                seeking_mentor=not mentor,
                channel=rng.choice(CHANNELS),
                meeting_every_days=rng.choice([7, 14, 14, 21, 30]),
                meeting_minutes=rng.choice([30, 45, 60]),
                last_active=now - dt.timedelta(minutes=rng.randint(0, 60 * 24 * 60)),
                date_joined=now - dt.timedelta(days=rng.randint(0, 900)),
            )

    persons = _write(Person, people(), batch_size=1000)
    mentors, mentees = persons[:n_mentors], persons[n_mentors:]
    log(f"  people       {len(persons):>9,}  {time.perf_counter() - started:6.1f} s")

    # Pairs: the busy mentor takes BUSY_MENTEES, the rest fill other mentors' capacity.
    slots = [m for m in mentors[1:] for _ in range(m.mentor_capacity)]
    rng.shuffle(slots)
    pair_mentors = [mentors[0]] * BUSY_MENTEES + slots[: n_pairs - BUSY_MENTEES]
    pair_mentees = rng.sample(mentees, len(pair_mentors))
    starts = [now - two_years] + [
        now - dt.timedelta(minutes=rng.randint(60 * 24 * 7, 730 * 24 * 60))
        for _ in pair_mentors[1:]
    ]

    def mentorships() -> Iterator[Mentorship]:
        for mentor, mentee, start in zip(pair_mentors, pair_mentees, starts, strict=True):
            yield Mentorship(
                program=program,
                mentor=mentor,
                mentee=mentee,
                status="active",
                requested_by=mentee,
                message="Would you walk alongside me for a while?",
                created_at=start - dt.timedelta(hours=rng.randint(1, 72)),
                started_at=start,
                mentor_confirmed_at=start,
                mentee_confirmed_at=start,
            )

    pairs = _write(Mentorship, mentorships())
    showcase = pairs[0]

    def transitions() -> Iterator[Transition]:
        for m in pairs:
            yield Transition(mentorship=m, actor=m.mentee, to_status="requested", at=m.created_at)
            yield Transition(
                mentorship=m,
                actor=m.mentor,
                from_status="requested",
                to_status="active",
                at=m.started_at,
            )

    cadences: dict[int, int] = {}

    def agreements() -> Iterator[AgreementVersion]:
        for m in pairs:
            acked = m.started_at + dt.timedelta(days=2)
            cadences[m.pk] = 7 if m is showcase else rng.choice([7, 14, 14, 21, 30])
            yield AgreementVersion(
                mentorship=m,
                number=1,
                mentee_hopes=_sentence(rng, 12),
                mentor_offers=_sentence(rng, 12),
                meeting_every_days=cadences[m.pk],
                channel=rng.choice(CHANNELS),
                meeting_minutes=rng.choice([30, 45, 60]),
                ends_on=(now + dt.timedelta(days=rng.randint(30, 365))).date(),
                confidentiality=True,
                reason="First version",
                author=m.mentee,
                created_at=m.started_at + dt.timedelta(days=1),
                mentee_acknowledged_at=acked,
                mentor_acknowledged_at=acked,
            )

    _write(Transition, transitions())
    all_agreements = _write(AgreementVersion, agreements())
    log(f"  pairs        {len(pairs):>9,}  {time.perf_counter() - started:6.1f} s")

    # Pairs that started earlier have more history: weight by days together.
    others = pairs[1:]
    weights = [max(1.0, (now - m.started_at).total_seconds() / 86400) for m in others]
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)

    def moment(m: Mentorship, *, ahead: dt.timedelta = dt.timedelta(0)) -> dt.datetime:
        span = (now + ahead - m.started_at).total_seconds()
        return m.started_at + dt.timedelta(seconds=rng.uniform(0, span))

    def meeting(m: Mentorship, starts_at: dt.datetime) -> Meeting:
        starts_at = starts_at.replace(minute=starts_at.minute // 15 * 15, second=0)
        organizer = m.mentor if rng.random() < 0.6 else m.mentee
        return Meeting(
            mentorship=m,
            starts_at=starts_at,
            timezone=organizer.timezone,
            minutes=rng.choice([30, 45, 60]),
            title=rng.choice(["", "Catch-up", "Career chat", "Goal review", "Mock interview"]),
            place="https://meet.example.org/" + uuid.uuid4().hex[:10],
            status="cancelled" if rng.random() < 0.04 else "scheduled",
            organizer=organizer,
            created_at=starts_at - dt.timedelta(days=rng.randint(1, 14)),
            updated_at=starts_at - dt.timedelta(days=1),
        )

    weekly = [
        showcase.started_at + dt.timedelta(days=7 * w, hours=9)
        for w in range((now - showcase.started_at).days // 7 + 4)
    ]

    def meetings() -> Iterator[Meeting]:
        for starts_at in weekly:
            yield meeting(showcase, starts_at)
        for m in rng.choices(others, cum_weights=cumulative, k=n_meetings - len(weekly)):
            # A few are still to come.
            yield meeting(m, moment(m, ahead=dt.timedelta(days=21)))

    all_meetings = _write(Meeting, meetings())
    log(f"  meetings     {len(all_meetings):>9,}  {time.perf_counter() - started:6.1f} s")

    # A modest layer the home page reads: goals with milestones (some overdue), open and
    # done action items, monthly-ish check-ins with two skill ratings each.
    def goals() -> Iterator[Goal]:
        for m in pairs:
            for g in range(2):
                created = moment(m)
                yield Goal(
                    mentorship=m,
                    title=f"Goal {g + 1}: {_sentence(rng, 4)}",
                    objective=_sentence(rng, 15),
                    measure=_sentence(rng, 10),
                    target_date=(created + dt.timedelta(days=rng.randint(30, 365))).date(),
                    status="achieved" if rng.random() < 0.3 else "active",
                    created_by=m.mentee,
                    created_at=created,
                    updated_at=created,
                )

    all_goals = _write(Goal, goals())

    def milestones() -> Iterator[Milestone]:
        for goal in all_goals:
            for position in range(3):
                due = goal.created_at + dt.timedelta(days=30 * (position + 1))
                done = goal.status == "achieved" or rng.random() < 0.5
                yield Milestone(
                    goal=goal,
                    title=f"Step {position + 1}: {_sentence(rng, 3)}",
                    due_on=due.date(),
                    done_at=min(due, now) if done else None,
                    position=position,
                    created_at=goal.created_at,
                )

    n_milestones = len(all_goals) * 3
    all_milestones = _write(Milestone, milestones())

    def action_items() -> Iterator[ActionItem]:
        for mt in all_meetings:
            if rng.random() < 0.1 or (mt.mentorship is showcase and rng.random() < 0.5):
                m = mt.mentorship
                due = mt.starts_at + dt.timedelta(days=7)
                yield ActionItem(
                    mentorship=m,
                    meeting=mt,
                    text=_sentence(rng, 6),
                    owner=rng.choice((m.mentor, m.mentee)),
                    due_on=due.date(),
                    done_at=due if due < now and rng.random() < 0.8 else None,
                    created_by=mt.organizer,
                    created_at=mt.starts_at,
                )

    n_actions = 0

    def counted_actions() -> Iterator[ActionItem]:
        nonlocal n_actions
        for a in action_items():
            n_actions += 1
            yield a

    all_actions = _write(ActionItem, counted_actions())

    def checkins() -> Iterator[CheckIn]:
        for m in pairs:
            months = max(1, (now - m.started_at).days // 30)
            for k in range(min(months, 3)):
                at = now - dt.timedelta(days=30 * k + rng.randint(0, 20))
                yield CheckIn(
                    mentorship=m,
                    author=m.mentee,
                    wins=_sentence(rng, 10),
                    challenges=_sentence(rng, 8),
                    feeling=rng.randint(2, 5),
                    created_at=max(at, m.started_at),
                )

    all_checkins = _write(CheckIn, checkins())

    def ratings() -> Iterator[SkillRating]:
        for c in all_checkins:
            for skill in rng.sample(SKILLS[:12], 2):
                yield SkillRating(checkin=c, skill=skill, level=rng.randint(1, 5))

    _write(SkillRating, ratings())
    # The timeline refers to things (its words are read from them): each item is about
    # one of the pair's own meetings, goals, milestones, action items, check-ins or
    # agreement versions, by the kinds' weights.
    things: dict[int, dict[str, list[uuid.UUID]]] = {}
    for kind, rows, pair_of in (
        ("meeting", all_meetings, lambda r: r.mentorship_id),
        ("agreement", all_agreements, lambda r: r.mentorship_id),
        ("goal", all_goals, lambda r: r.mentorship_id),
        ("milestone", all_milestones, lambda r: r.goal.mentorship_id),
        ("action", all_actions, lambda r: r.mentorship_id),
        ("checkin", all_checkins, lambda r: r.mentorship_id),
    ):
        for row in rows:
            things.setdefault(pair_of(row), {}).setdefault(kind, []).append(row.public_id)
    weight_of = dict(TIMELINE_KINDS)
    n_showcase_items = max(100, round(SHOWCASE_TIMELINE * scale))

    def item(m: Mentorship) -> TimelineItem:
        mine = things.get(m.pk) or {"agreement": []}
        kinds = [k for k in mine if mine[k]]
        kind = rng.choices(kinds, weights=[weight_of[k] for k in kinds])[0]
        return TimelineItem(
            mentorship=m,
            kind=kind,
            at=moment(m),
            actor=rng.choice((m.mentor, m.mentee)),
            ref=rng.choice(mine[kind]),
        )

    def timeline() -> Iterator[TimelineItem]:
        for _ in range(n_showcase_items):
            yield item(showcase)
        for m in rng.choices(others, cum_weights=cumulative, k=n_timeline - n_showcase_items):
            yield item(m)

    _write(TimelineItem, timeline(), batch_size=5000)
    log(f"  timeline     {n_timeline:>9,}  {time.perf_counter() - started:6.1f} s")
    _set_clocks(pairs, all_meetings, all_checkins, cadences)
    seconds = time.perf_counter() - started
    log(f"  goals etc.   {len(all_goals):>9,}  {seconds:6.1f} s")
    return Facts(
        scale=scale,
        people=len(persons),
        pairs=len(pairs),
        meetings=len(all_meetings),
        timeline_items=n_timeline,
        goals=len(all_goals),
        milestones=n_milestones,
        action_items=n_actions,
        checkins=len(all_checkins),
        seconds=round(seconds, 1),
        busy_mentor_email=BUSY_MENTOR_EMAIL,
        password=PASSWORD,
        showcase_mentorship=str(showcase.public_id),
        showcase_meetings=len(weekly),
        showcase_timeline_items=n_showcase_items,
    )


def _set_clocks(
    pairs: list[Any], meetings: list[Any], checkins: list[Any], cadences: dict[int, int]
) -> None:
    """What mentorships.clock.pair_clock_update computes, for every pair in one pass."""
    from django.db import transaction
    from django.utils import timezone as tz

    from alongside.mentorships.clock import CHECKIN_EVERY_DAYS
    from alongside.mentorships.models import Mentorship

    last_meeting: dict[int, dt.datetime] = {}
    for mt in meetings:
        if mt.status == "scheduled":
            last_meeting[mt.mentorship_id] = max(
                mt.starts_at, last_meeting.get(mt.mentorship_id, mt.starts_at)
            )
    last_checkin: dict[int, dt.datetime] = {}
    for c in checkins:
        last_checkin[c.mentorship_id] = max(
            c.created_at, last_checkin.get(c.mentorship_id, c.created_at)
        )
    for m in pairs:
        cadence = dt.timedelta(days=cadences[m.pk])
        anchor = max(last_meeting.get(m.pk, m.started_at), m.started_at)
        base = last_checkin.get(m.pk, m.started_at)
        m.checkin_due_on = tz.localtime(base).date() + dt.timedelta(days=CHECKIN_EVERY_DAYS)
        m.fading_at = anchor + cadence * 1.5
        m.at_risk_at = anchor + cadence * 3
    with transaction.atomic():
        Mentorship.objects.bulk_update(
            pairs, ["checkin_due_on", "fading_at", "at_risk_at"], batch_size=500
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 is full size; 0.01 a smoke")
    parser.add_argument("--database-url", default="", help="default: DATABASE_URL")
    parser.add_argument("--facts", default="", help="write what was seeded here as JSON")
    parser.add_argument("--migrate", action="store_true", help="migrate the database first")
    args = parser.parse_args(argv)
    if not 0 < args.scale <= 10:
        parser.error("--scale must be above 0 and at most 10")
    _setup_django(args.database_url or None)
    if args.migrate:
        from django.core.management import call_command

        call_command("migrate", "--noinput", verbosity=0)
    print(f"Seeding at scale {args.scale:g}…", flush=True)
    facts = seed(args.scale, log=lambda line: print(line, flush=True))
    print(
        f"Seeded {facts.people:,} people, {facts.pairs:,} pairs, {facts.meetings:,} meetings "
        f"and {facts.timeline_items:,} timeline items in {facts.seconds:.1f} s."
    )
    if args.facts:
        Path(args.facts).write_text(json.dumps(asdict(facts), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
