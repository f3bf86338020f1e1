"""What must happen once still happens once when it is asked for many times at once.

Two gunicorn servers with two workers each serve the PostgreSQL test database, as two
app machines behind a load balancer would. The same request is sent many times at the
same moment, alternating between them: a double-clicked button, a retried POST. Then two
`alongside worker --once` processes sweep the same due reminders and drain the same task
queue at once. Rows, timeline items, notifications and queued emails are counted after:
nothing doubled, nothing lost, and no answer is a 5xx.
"""

import datetime as dt
import email
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from django.utils import timezone as tz
from django_tasks_db.models import DBTaskResult

from alongside.tests.servers import RACES, at_once, bearer, database_url
from conftest import agreement, make_person

ROOT = Path(__file__).resolve().parents[2]
TIMES = 10  # copies of each request, sent at once

pytestmark = RACES


def counts() -> Counter[str]:
    """Rows that a doubled request would double."""
    from alongside.goals.models import Milestone
    from alongside.growth.models import SharedEntry
    from alongside.meetings.models import Feedback
    from alongside.mentorships.models import AgreementVersion, Celebration, TimelineItem, Transition
    from alongside.notifications.models import Notification

    found: Counter[str] = Counter()
    for kind, n in Counter(TimelineItem.objects.values_list("kind", flat=True)).items():
        found[f"timeline:{kind}"] = n
    found["notifications"] = Notification.objects.count()
    found["emails queued"] = DBTaskResult.objects.count()
    found["transitions"] = Transition.objects.count()
    found["celebrations"] = Celebration.objects.count()
    found["feedback"] = Feedback.objects.count()
    found["shared entries"] = SharedEntry.objects.count()
    found["agreement versions"] = AgreementVersion.objects.count()
    found["milestones done"] = Milestone.objects.filter(done_at__isnull=False).count()
    return found


def grew(before: Counter[str]) -> dict[str, int]:
    after = counts()
    return {k: after[k] - before[k] for k in after | before if after[k] != before[k]}


def same_moment(shown: str, stored: dt.datetime | None) -> bool:
    """The API shows times to the millisecond."""
    assert stored is not None
    return abs(dt.datetime.fromisoformat(shown) - stored) < dt.timedelta(milliseconds=1)


def statuses(answers: list[tuple[int, dict[str, Any]]]) -> Counter[int]:
    return Counter(status for status, _ in answers)


def once_of_many(
    servers: list[int],
    person: Any,
    path: str,
    *,
    refused: str,
    body: dict[str, Any] | None = None,
    done: int = 200,
) -> tuple[list[tuple[int, dict[str, Any]]], dict[str, int]]:
    """`person` sends the same POST TIMES times at once: one answer is `done`, every other
    a 409 whose code is `refused`. Answers the answers and the counts that grew."""
    token = bearer(person)
    before = counts()
    answers = at_once(servers, [(token, path, body or {})] * TIMES)
    assert statuses(answers) == {done: 1, 409: TIMES - 1}, answers
    assert {b["code"] for s, b in answers if s == 409} == {refused}
    return answers, grew(before)


# --- (a) Agreement acknowledgements ----------------------------------------------------


def test_both_members_acknowledging_many_times_at_once_acknowledge_once(
    servers, pair, mentee, mentor
):
    from alongside.mentorships.models import AgreementVersion

    version = agreement(
        pair, hopes="Speak at a conference", offers="Rehearsals", acknowledged=False
    )
    # Neither has acknowledged it yet: both race to.
    AgreementVersion.objects.filter(pk=version.pk).update(mentee_acknowledged_at=None)
    tokens = {"mentee": bearer(mentee), "mentor": bearer(mentor)}
    path = f"/mentorships/{pair.public_id}/agreement/acknowledge"
    # mentee, mentee, mentor, mentor, ...: each member through both servers (i % 2).
    roles = [("mentee", "mentor")[(i // 2) % 2] for i in range(2 * TIMES)]
    calls = [(tokens[role], path, {}) for role in roles]
    before = counts()
    answers = at_once(servers, calls)
    assert statuses(answers) == {200: 2 * TIMES}, answers
    assert grew(before) == {}
    version.refresh_from_db()
    assert version.mentee_acknowledged_at and version.mentor_acknowledged_at
    assert version.in_force
    # Each member's moment was written once: no answer saw it move.
    for role in ("mentee", "mentor"):
        field = f"{role}_acknowledged_at"
        theirs = [body for who, (_, body) in zip(roles, answers, strict=True) if who == role]
        assert len(theirs) == TIMES
        (moment,) = {body["latest"][field] for body in theirs}
        assert same_moment(moment, getattr(version, field))
    in_force = {body["in_force"]["id"] for _, body in answers if body["in_force"]}
    assert in_force == {str(version.public_id)}
    assert AgreementVersion.objects.filter(mentorship=pair).count() == 1


# --- (b) The same POST, many times at once ------------------------------------------------


def test_a_request_accepted_many_times_at_once_is_accepted_once(servers, mentee, mentor):
    from alongside.mentorships.models import Mentorship, Status
    from alongside.mentorships.services import mentorship_request
    from alongside.notifications.models import Notification
    from alongside.programs.selectors import community_program

    requested = mentorship_request(requester=mentee, mentor=mentor, program=community_program())
    _, grown = once_of_many(
        servers, mentor, f"/mentorships/{requested.public_id}/accept", refused="status_active"
    )
    # One transition, one "accepted" notification for the mentee and its one email.
    assert grown == {"transitions": 1, "notifications": 1, "emails queued": 1}
    assert Mentorship.objects.get(pk=requested.pk).status == Status.ACTIVE
    assert Notification.objects.filter(person=mentee, kind="answer").count() == 1


def test_a_milestone_completed_many_times_at_once_is_done_once(servers, pair, mentee):
    from alongside.goals import services as goals

    goal = goals.goal_create(
        mentorship=pair, author=mentee, title="First talk", objective="Talk", measure="Given"
    )
    milestone = goals.milestone_add(goal=goal, author=mentee, title="Outline")
    goals.milestone_add(goal=goal, author=mentee, title="Rehearse")  # the goal goes on
    _, grown = once_of_many(
        servers, mentee, f"/milestones/{milestone.public_id}/complete", refused="already_done"
    )
    # The milestone on the timeline once (its celebration rides on that item, not one of
    # its own), and the partner told once, in the app and by email.
    assert grown == {
        "milestones done": 1,
        "timeline:milestone": 1,
        "celebrations": 1,
        "notifications": 1,
        "emails queued": 1,
    }


def test_feedback_given_many_times_at_once_is_given_once(servers, pair, mentee, mentor):
    from alongside.meetings import services as meetings
    from alongside.meetings.models import Feedback

    (held,) = meetings.meeting_schedule(
        mentorship=pair, organizer=mentor, starts_at=tz.now() - dt.timedelta(hours=2)
    )
    body = {"rating": 4, "went_well": "Clear next steps", "do_differently": "Start on time"}
    _, grown = once_of_many(
        servers,
        mentee,
        f"/meetings/{held.public_id}/feedback",
        refused="duplicate",
        body=body,
        done=201,
    )
    assert grown == {"feedback": 1}
    assert Feedback.objects.get(meeting=held).author == mentee


def test_an_action_item_marked_done_many_times_at_once_is_done_once(servers, pair, mentee, mentor):
    from alongside.meetings import services as meetings
    from alongside.meetings.models import ActionItem

    (meeting,) = meetings.meeting_schedule(
        mentorship=pair, organizer=mentor, starts_at=tz.now() + dt.timedelta(days=1)
    )
    item = meetings.action_item_add(meeting=meeting, author=mentor, text="Draft", owner=mentee)
    answers, grown = once_of_many(
        servers, mentee, f"/action-items/{item.public_id}/complete", refused="already_done"
    )
    assert grown == {"timeline:action": 1}
    (winner,) = [b for s, b in answers if s == 200]
    done_at = ActionItem.objects.get(pk=item.pk).done_at
    assert same_moment(winner["done_at"], done_at)


def test_a_journal_entry_shared_many_times_at_once_is_shared_once(servers, pair, mentee):
    from alongside.growth import services as growth
    from alongside.growth.models import SharedEntry

    entry = growth.journal_write(author=mentee, body="I was nervous, then fine.", mentorship=pair)
    _, grown = once_of_many(
        servers, mentee, f"/journal/{entry.public_id}/share", refused="already_shared"
    )
    assert grown == {
        "shared entries": 1,
        "timeline:journal": 1,
        "notifications": 1,  # the partner told once, in the app and by email
        "emails queued": 1,
    }
    assert SharedEntry.objects.get().source_id == entry.pk


# --- (c) Two workers over the same due reminders ---------------------------------------

PAIRS = 6


def due_reminders(admin: Any) -> None:
    """PAIRS pairs, each with one reminder of every kind due now for each member it concerns."""
    from alongside.meetings import services as meetings
    from alongside.meetings.models import ActionItem
    from alongside.mentorships.models import AgreementVersion, Mentorship
    from alongside.mentorships.services import mentorship_accept, mentorship_request
    from alongside.programs.selectors import community_program

    now = tz.now()
    program = community_program()
    program.admins.add(admin)
    for i in range(PAIRS):
        mentee = make_person(f"mentee{i}@example.org", f"Mentee {i}")
        mentor = make_person(
            f"mentor{i}@example.org", f"Mentor {i}", open_to_mentor=True, mentor_capacity=1
        )
        m = mentorship_request(requester=mentee, mentor=mentor, program=program)
        m = mentorship_accept(mentorship=m, actor=mentor)
        # Meeting tomorrow: both members. Feedback missing on one three days ago: both.
        (soon,) = meetings.meeting_schedule(
            mentorship=m, organizer=mentor, starts_at=now + dt.timedelta(hours=3)
        )
        meetings.meeting_schedule(
            mentorship=m, organizer=mentor, starts_at=now - dt.timedelta(days=3)
        )
        # An overdue action item: its owner, the mentee (a due date in the past is
        # refused when adding it, so it is moved there after).
        item = meetings.action_item_add(
            meeting=soon, author=mentor, text=f"Read chapter {i}", owner=mentee
        )
        ActionItem.objects.filter(pk=item.pk).update(due_on=now.date() - dt.timedelta(days=3))
        # An agreement the mentee saved two days ago: the mentor has not acknowledged it.
        version = agreement(
            m,
            hopes="Lead a team",
            offers="Stories",
            every_days=7,
            minutes=30,
            ends_on=now.date() + dt.timedelta(days=90),
            acknowledged=False,
        )
        AgreementVersion.objects.filter(pk=version.pk).update(created_at=now - dt.timedelta(days=2))
        # A check-in due (the mentee), fading (both) and at risk (the program's admin).
        Mentorship.objects.filter(pk=m.pk).update(
            checkin_due_on=now.date(),
            fading_at=now - dt.timedelta(days=1),
            at_risk_at=now - dt.timedelta(hours=1),
        )


EXPECTED_PER_PAIR = {
    "meeting_tomorrow": 2,
    "feedback_missing": 2,
    "action_due": 1,
    "agreement_waiting": 1,
    "checkin_due": 1,
    "fading": 2,
    "at_risk": 1,  # in-app only: no email
}


def sent_emails(folder: Path) -> list[email.message.Message]:
    """The messages Django's file backend wrote, one file per connection."""
    messages = []
    for path in sorted(folder.glob("*.log")):
        separator = "-" * 79
        for chunk in path.read_text().split(separator):
            if chunk.strip():
                messages.append(email.message_from_string(chunk.strip() + "\n"))
    return messages


def test_two_workers_at_once_make_each_reminder_and_send_each_email_once(tmp_path):
    from alongside.home.sweep import sweep
    from alongside.notifications.models import Notification

    admin = make_person("morgan@example.org", "Morgan Admin")
    due_reminders(admin)
    queued_before = DBTaskResult.objects.count()
    assert Notification.objects.exclude(kind__in=EXPECTED_PER_PAIR).count() > 0  # set-up mail
    folder = tmp_path / "mail"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(folder),
    }
    command = [sys.executable, "-m", "alongside", "worker", "--once"]
    workers = [
        subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    errors = [w.communicate(timeout=120)[1] for w in workers]
    assert [w.returncode for w in workers] == [0, 0], errors
    assert not any("Traceback" in e for e in errors), errors

    made = Counter(
        Notification.objects.filter(kind__in=EXPECTED_PER_PAIR).values_list("kind", flat=True)
    )
    assert made == {kind: n * PAIRS for kind, n in EXPECTED_PER_PAIR.items()}
    keys = list(Notification.objects.values_list("person_id", "key"))
    assert len(keys) == len(set(keys))
    assert sum(sweep().values()) == 0  # nothing was left for a third sweep

    # Every queued email (set-up ones and reminders) ran once, by one of the two workers.
    emailed = sum(n for kind, n in EXPECTED_PER_PAIR.items() if kind != "at_risk") * PAIRS
    tasks = list(DBTaskResult.objects.all())
    assert len(tasks) == queued_before + emailed
    assert Counter(t.status for t in tasks) == {"SUCCESSFUL": len(tasks)}
    assert all(len(t.worker_ids) == 1 for t in tasks), [t.worker_ids for t in tasks]
    assert len({w for t in tasks for w in t.worker_ids}) <= 2
    messages = sent_emails(folder)
    assert len(messages) == len(tasks)
    sent = Counter((m["To"], m["Subject"]) for m in messages)
    assert max(sent.values()) == 1, [k for k, n in sent.items() if n > 1]
