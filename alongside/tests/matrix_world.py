"""The authorization matrix's world: a pair in a given state with something of every kind
in it, and the text only one member (or only the pair) may ever read. Built once per state
by test_authorization_matrix.py's fixtures and shared by the rows of that state."""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone as tz
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from alongside.tests.matrix_rows import _terms
from conftest import make_person, make_program


@dataclass
class World:
    people: dict[str, Any]
    ids: dict[str, str]
    local_start: str  # a start for a meeting form, in the server's time zone
    starts_at: str  # the same start for the API, with its offset
    key: str = ""  # the row this world was built for
    # Text only one member may ever read, and who that is.
    secrets: dict[str, str] = field(default_factory=dict)
    # Text only the two members of the pair may read.
    pair_secrets: list[str] = field(default_factory=list)
    ready_at: dt.datetime | None = None  # when it was built: each row's clock starts there
    # Files the world wrote (the mentee's export): a row's rolled-back call may remove them.
    files: dict[Path, bytes] = field(default_factory=dict)


JOURNAL_SECRET = "journal-entry-nobody-else-reads-4d1"
NOTE_SECRET = "private-meeting-note-of-the-mentee-9b7"
FEEDBACK_SECRET = "blind-feedback-of-the-mentor-c52"
# The pair's message: both members read it; nobody else ever does (see _leaks).
MESSAGE_TEXT = "pair-message-between-the-two-of-them-7e3"


def build_world(state: str, mentee: Any, mentor: Any, admin: Any, outsider: Any) -> World:
    """A pair in `state` and, when active, something of every kind in it."""
    from alongside.goals import services as goals
    from alongside.growth import services as growth
    from alongside.meetings import calendar
    from alongside.meetings import services as meetings
    from alongside.mentorships import agreements
    from alongside.mentorships import services as mentorships
    from alongside.notifications import services as notifications
    from alongside.people.models import BrowserSession
    from alongside.people.services import token_create
    from alongside.privacy.services import export_path, export_request, export_write
    from alongside.programs.selectors import community_program
    from alongside.programs.services import enrollment_create
    from alongside.threads import services as threads

    if state == "throttled":  # an active pair, and too many failed sign-ins for the mentee
        from alongside.people import throttle

        rules = throttle.signin_rules(email=mentee.email, client="127.0.0.1")
        for _ in range(5):
            throttle.take(rules, doing="failed sign-ins")
        state = "active"
    closing = ""
    if state in ("completion_proposed", "ended"):  # an active pair, then closed or closing
        closing, state = state, "active"
    candidate = make_person(
        "lin@example.org", "Lin Candidate", open_to_mentor=True, mentor_capacity=3
    )
    program = community_program()
    # A program of its own, invite-only and admin-matched, with the pair enrolled in it.
    cohort = make_program(admin, slug="matrix-cohort", name="Matrix cohort")
    enrollment_create(program=cohort, person=mentee, role="mentee")
    enrollment_create(program=cohort, person=mentor, role="mentor", capacity=2)
    cohort.invite_token = "matrix-invite-link"
    cohort.save(update_fields=["invite_token"])
    # A program where mentees choose from suggestions, with the same two enrolled.
    choice = make_program(
        admin, slug="matrix-choice", name="Matrix choice", matching="mentee_choice"
    )
    enrollment_create(program=choice, person=mentee, role="mentee")
    enrollment_create(program=choice, person=mentor, role="mentor", capacity=2)
    if state == "proposed":
        m = mentorships.mentorship_propose(
            program=program, mentor=mentor, mentee=mentee, proposer=admin
        )
    else:
        m = mentorships.mentorship_request(
            requester=mentee, mentor=mentor, program=program, message="Help me grow"
        )
    feed = calendar.feed_url(mentee).rstrip("/").rsplit("/", 1)[-1].removesuffix(".ics")
    token, _ = token_create(person=mentee, name="spare")
    export = export_write(export=export_request(person=mentee))
    export_file = export_path(export)
    other_browser = BrowserSession.objects.create(
        session_key="matrix-other-browser", person=mentee, user_agent="Another browser"
    )
    notification = notifications.notify(
        person=mentee, kind="appreciation", key="matrix", title="A thank-you", url="/journal/"
    )
    assert notification is not None
    ids = {
        "person_id": str(mentor.public_id),
        "program_id": str(cohort.public_id),
        "choice_program_id": str(choice.public_id),
        "token": cohort.invite_token,
        "mentee_id": str(mentee.public_id),
        "candidate_id": str(candidate.public_id),
        "mentorship_id": str(m.public_id),
        "token_id": str(token.public_id),
        "export_id": str(export.public_id),
        "session_id": str(other_browser.public_id),
        "feed_token": feed,
        "uidb64": urlsafe_base64_encode(force_bytes(mentee.pk)),
        "reset_token": default_token_generator.make_token(mentee),
        "notification_id": str(notification.public_id),
        "unsubscribe_token": notifications.unsubscribe_token(mentee, "appreciation"),
    }
    start = tz.localtime() + dt.timedelta(days=3)
    world = World(
        people={"mentee": mentee, "mentor": mentor, "admin": admin, "outsider": outsider},
        ids=ids,
        local_start=start.strftime("%Y-%m-%dT%H:%M"),
        starts_at=start.replace(second=0, microsecond=0).isoformat(),
        files={export_file: export_file.read_bytes()},
    )
    if state != "active":
        return world
    m = mentorships.mentorship_accept(mentorship=m, actor=mentor)
    # An active pair of the two in the cohort too, for its admin to act on (made straight
    # in the database: the mentor's capacity is not what these rows are about), and the
    # Community program's end-of-program survey, for the pair's members to answer.
    from alongside.insights.models import Survey
    from alongside.mentorships.models import Mentorship

    cohort_pair = Mentorship.objects.create(
        program=cohort, mentor=mentor, mentee=mentee, status="active", started_at=tz.now()
    )
    Survey.objects.create(program=program, sent_by=admin)
    ids.update(cohort_pair_id=str(cohort_pair.public_id), export_kind="pairs")

    terms = _terms(meeting_every_days=14, reason="")
    terms["ends_on"] = dt.date.fromisoformat(terms["ends_on"])
    agreements.agreement_save(mentorship=m, author=mentee, **terms)
    goal = goals.goal_create(
        mentorship=m, author=mentee, title="Give my first talk", objective="Talk", measure="Given"
    )
    done = goals.milestone_add(goal=goal, author=mentee, title="Pick a topic")
    goals.milestone_complete(milestone=done, actor=mentee)
    milestone = goals.milestone_add(goal=goal, author=mentee, title="Write the outline")
    suggestion = goals.suggestion_create(
        goal=goal, author=mentor, note="Give it a date", title="My first talk, in May"
    )
    (meeting,) = meetings.meeting_schedule(
        mentorship=m, organizer=mentor, starts_at=tz.now() + dt.timedelta(days=2)
    )
    agenda = meetings.agenda_add(meeting=meeting, author=mentee, text="Timing")
    covered = meetings.agenda_add(meeting=meeting, author=mentee, text="Nerves")
    meetings.agenda_cover(item=covered, actor=mentor)
    note = meetings.note_add(meeting=meeting, author=mentor, body="Shared", visibility="shared")
    action = meetings.action_item_add(meeting=meeting, author=mentor, text="Do", owner=mentee)
    done_item = meetings.action_item_add(meeting=meeting, author=mentor, text="Did", owner=mentee)
    meetings.action_item_complete(item=done_item, actor=mentee)
    checkin = growth.checkin_create(mentorship=m, author=mentee, wins="Spoke up", feeling=3)
    growth.checkin_reply(checkin=checkin, author=mentor, reply="Well done")
    resource = growth.resource_share(mentorship=m, author=mentor, title="Pacing", url="", note="")
    thanks = growth.appreciation_send(mentorship=m, author=mentee, message="Thanks for Tuesday")
    comment = goals.comment_add(goal=goal, author=mentee, body="Proud of this one")
    entry = growth.journal_write(author=mentee, body=JOURNAL_SECRET, mentorship=m)
    shared = growth.journal_write(author=mentee, body="Ready to share this", mentorship=m)
    growth.journal_share(entry=shared, author=mentee)
    # A meeting held three days ago: the mentee's private note, the mentor's feedback,
    # blind to the mentee until they answer too.
    (held,) = meetings.meeting_schedule(
        mentorship=m, organizer=mentor, starts_at=tz.now() - dt.timedelta(days=3)
    )
    meetings.note_add(meeting=held, author=mentee, body=NOTE_SECRET, visibility="private")
    meetings.feedback_give(meeting=held, author=mentor, rating=2, went_well=FEEDBACK_SECRET)
    (answerable,) = meetings.meeting_schedule(
        mentorship=m, organizer=mentor, starts_at=tz.now() - dt.timedelta(days=1)
    )
    message = threads.message_post(mentorship=m, author=mentee, body=MESSAGE_TEXT)
    world.secrets = {JOURNAL_SECRET: "mentee", NOTE_SECRET: "mentee", FEEDBACK_SECRET: "mentor"}
    world.pair_secrets = [MESSAGE_TEXT]
    ids.update(
        goal_id=str(goal.public_id),
        milestone_id=str(milestone.public_id),
        done_milestone_id=str(done.public_id),
        suggestion_id=str(suggestion.public_id),
        meeting_id=str(meeting.public_id),
        held_meeting_id=str(held.public_id),
        answerable_meeting_id=str(answerable.public_id),
        agenda_item_id=str(agenda.public_id),
        covered_id=str(covered.public_id),
        note_id=str(note.public_id),
        item_id=str(action.public_id),
        done_item_id=str(done_item.public_id),
        checkin_id=str(checkin.public_id),
        resource_id=str(resource.public_id),
        appreciation_id=str(thanks.public_id),
        comment_id=str(comment.public_id),
        entry_id=str(entry.public_id),
        shared_entry_id=str(shared.public_id),
        message_id=str(message.public_id),
    )
    if closing == "completion_proposed":  # the mentor proposed completing: either answers
        mentorships.mentorship_complete(mentorship=m, actor=mentor, reflection="We got there")
    elif closing == "ended":  # the mentor ended it early: either may reopen
        mentorships.mentorship_end(mentorship=m, actor=mentor, reason="Moving abroad")
    return world
