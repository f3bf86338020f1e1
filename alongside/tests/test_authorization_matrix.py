"""Who may call what: every API operation and every page, as each persona.

The tables below are "Who sees what" (docs/api.md) written out: one row for each operation
of the OpenAPI document and for each page of the URL conf, with the answer each persona
gets. An operation or a page without a row fails by name, so that adding an endpoint
means deciding who may call it.

Each row runs in a world of its pair's state (a pair with an agreement, a goal with
milestones and a suggestion, a meeting with agenda, notes and action items, a check-in, a
resource, a journal entry) and makes every persona's call in a savepoint that is rolled back:
the mentor ending the mentorship must not turn the mentee's call into a 409. A world is built
once for all the rows of its state (they run one after the other) and each row's test rolls
back what it did, with the clock back at the moment the world was ready: every row sees the
world as if it had just been built for it.
"""

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.contrib.messages import constants as message_levels
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from django.utils import timezone as tz
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from alongside.tests.apispec import OPERATIONS, required_body
from alongside.tests.matrix_rows import (  # noqa: E402
    ADMIN_PAGES,
    API,
    JSON,
    OK,
    PAGES,
    PERSONAS,
    PROGRAM_RULES,
    REFUSED,
    SIGNIN,
    UNAUTH,
    Row,
    _terms,
)
from conftest import (
    Api,
    make_mentee,
    make_mentor,
    make_outsider,
    make_person,
    make_program,
    make_program_admin,
    page_client,
    shared_rows,
)

# --- What exists ------------------------------------------------------------------------

SKIPPED_PREFIXES = ("admin/", "api/", "static/", "media/")


def _regex_routes(regex: str) -> list[str]:
    """Paths of a simple regex pattern, one per alternative of `(?P<action>a|b)`."""
    choice = re.search(r"\(\?P<\w+>([\w.-]+(?:\|[\w.-]+)+)\)", regex)
    if choice:
        start, end = choice.span()
        return [
            path
            for option in choice.group(1).split("|")
            for path in _regex_routes(regex[:start] + option + regex[end:])
        ]
    return [re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", regex).replace("\\", "")]


def _routes(pattern: Any) -> list[str]:
    if isinstance(pattern, RoutePattern):
        return [re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern))]
    return _regex_routes(str(pattern).removeprefix("^").removesuffix("$"))


def page_paths() -> list[str]:
    """Every page of the URL conf, as "/goals/{goal_id}/", with each fixed action apart."""
    found: list[str] = []

    def walk(patterns: list[Any], prefixes: list[str]) -> None:
        for entry in patterns:
            routes = [p + r for p in prefixes for r in _routes(entry.pattern)]
            if isinstance(entry, URLResolver):
                kept = [r for r in routes if not r.startswith(SKIPPED_PREFIXES)]
                if kept:
                    walk(entry.url_patterns, kept)
            else:
                found.extend("/" + r for r in routes)

    walk(get_resolver().url_patterns, [""])
    return sorted(set(found))


API_KEYS = [str(op) for op in OPERATIONS]
OPERATION_BY_KEY = {str(op): op for op in OPERATIONS}
PAGE_PATHS = page_paths()


def page_cases() -> list[str]:
    """One case per row of each page; a page without a row is a case that fails by name."""
    out = []
    for path in PAGE_PATHS:
        keys = [k for k in PAGES if k.split(" ", 1)[1] == path]
        out.extend(keys or [f"NO-ROW {path}"])
    return out


def test_every_operation_and_every_page_has_a_row_and_every_row_exists():
    no_row = [k for k in API_KEYS if k not in API] + [
        p for p in PAGE_PATHS if not any(k.split(" ", 1)[1] == p for k in PAGES)
    ]
    assert not no_row, f"Decide who may call these and add rows for them: {no_row}"
    stale = [k for k in API if k not in OPERATION_BY_KEY] + [
        k for k in PAGES if k.split(" ", 1)[1] not in PAGE_PATHS
    ]
    assert not stale, f"These rows name nothing that exists any more: {stale}"


def test_the_sweep_is_as_wide_as_the_site():
    assert len(API_KEYS) >= 69
    assert len(PAGE_PATHS) >= 60
    assert "/milestones/{milestone_id}/delete/" in PAGE_PATHS  # regex alternatives expanded
    assert not any(p.startswith(("/admin/", "/api/")) for p in PAGE_PATHS)


# --- The world --------------------------------------------------------------------------


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


def _row_for(key: str) -> Row | None:
    return API.get(key) or PAGES.get(key) or ADMIN_PAGES.get(key)


MATCHING = "+matching"
PEOPLE_ONLY = "people only"


def _kind(key: str) -> str:
    """The world a row needs: its pair's state, and a matching run for the matching rows."""
    row = _row_for(key)
    state = row.state if row else "active"
    return state + MATCHING if "/matching/" in key else state


def by_world(keys: list[str]) -> list[str]:
    """The rows in their order, those of one world next to each other (built once for them)."""
    first: dict[str, int] = {}
    return sorted(keys, key=lambda key: first.setdefault(_kind(key), len(first)))


class Worlds:
    """The module's worlds: the personas made once, and the world of one kind on top of them
    in a savepoint, kept while rows of that kind ask for it and rolled back when another kind
    is asked for."""

    def __init__(self, people: dict[str, Any]) -> None:
        self.people = people
        self.kind: str | None = None
        self.world: World | None = None
        self.savepoint: Any = None

    def get(self, kind: str) -> World:
        if kind != self.kind or self.world is None:
            self.close()
            self.savepoint = transaction.atomic()
            self.savepoint.__enter__()
            self.kind = kind
            try:
                self.world = self._build(kind)
            except BaseException:
                self.close()
                raise
        return self.world

    def _build(self, kind: str) -> World:
        if kind == PEOPLE_ONLY:
            world = World(people=dict(self.people), ids={}, local_start="", starts_at="")
        else:
            p = self.people
            state = kind.removesuffix(MATCHING)
            world = build_world(state, p["mentee"], p["mentor"], p["admin"], p["outsider"])
            if kind.endswith(MATCHING):
                _with_a_matching_run(world)
        world.ready_at = tz.now()
        return world

    def close(self) -> None:
        if self.savepoint is not None:
            transaction.set_rollback(True)
            self.savepoint.__exit__(None, None, None)
        self.savepoint = self.kind = self.world = None


@pytest.fixture(scope="module")
def worlds(django_db_setup: None, django_db_blocker: Any) -> Iterator[Worlds]:
    with shared_rows(django_db_blocker):
        people = {
            "mentee": make_mentee(),
            "mentor": make_mentor(),
            "admin": make_program_admin(),
            "outsider": make_outsider(),
        }
        made = Worlds(people)
        yield made
        made.close()


@pytest.fixture
def _shared_world(request: Any, worlds: Worlds) -> World:
    """The world of this test's row, made (or kept) before the test's own savepoint (`db`)."""
    callspec = getattr(request.node, "callspec", None)
    key = callspec.params.get("world") if callspec else None
    return worlds.get(_kind(key) if key else PEOPLE_ONLY)


def _for_this_test(shared: World, key: str) -> Iterator[World]:
    import time_machine

    people = {name: type(p).objects.get(pk=p.pk) for name, p in shared.people.items()}
    cache.clear()  # what a rolled-back call cached (the insights) is gone with it
    for path, content in shared.files.items():
        if not path.exists():
            path.write_bytes(content)
    with time_machine.travel(shared.ready_at, tick=True):
        yield replace(shared, key=key, people=people)


@pytest.fixture
def world(request: Any, _shared_world: World, db: None) -> Iterator[World]:
    """The world of one row; its state (requested, proposed, active...) is the row's."""
    yield from _for_this_test(_shared_world, request.param)


@pytest.fixture
def people_only(_shared_world: World, db: None) -> Iterator[World]:
    """The four personas, and nothing else made yet."""
    yield from _for_this_test(_shared_world, "")


def _with_a_matching_run(world: World) -> None:
    """A run of the cohort: two more mentors (the mentee's own mentor was paired with them
    before, so matching never pairs them again); the mentee gets one, the swap the other."""
    from alongside.matching.models import RunPair
    from alongside.matching.services import matching_run
    from alongside.mentorships.models import Mentorship
    from alongside.programs.models import Program
    from alongside.programs.services import enrollment_create

    cohort = Program.objects.get(public_id=world.ids["program_id"])
    # The insights rows' active pair of the mentee in the cohort ends first: a run matches
    # only mentees who are not in an open pair of the program.
    Mentorship.objects.filter(public_id=world.ids["cohort_pair_id"]).update(status="ended")
    candidate = world.people["mentee"].__class__.objects.get(public_id=world.ids["candidate_id"])
    noor = make_person("noor@example.org", "Noor Second")
    for person in (candidate, noor):
        enrollment_create(program=cohort, person=person, role="mentor", capacity=1)
    run = matching_run(program=cohort, actor=world.people["admin"])
    paired = RunPair.objects.get(run=run, mentee=world.people["mentee"])
    other = noor if paired.mentor_id == candidate.pk else candidate
    world.ids.update(run_id=str(run.public_id), swap_to_id=str(other.public_id))


def _caller(world: World, row: Row, persona: str) -> Any:
    """The person behind a persona of this row (None: not signed in)."""
    if persona == "anon":
        return None
    if persona == "owner":
        return world.people[row.owner_is]
    if persona == "other":
        return world.people["mentor" if row.owner_is == "mentee" else "mentee"]
    return world.people[persona]


def _fill(template: str, world: World, row: Row) -> str:
    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        return world.ids.get(row.ids.get(name, name), "00000000-0000-4000-8000-000000000000")

    return re.sub(r"\{([^}]+)\}", one, template)


def _body(row: Row, world: World) -> dict[str, Any] | None:
    return row.body(world) if callable(row.body) else row.body


def _rolled_back(call: Callable[[], Any]) -> Any:
    """Make the call, then undo whatever it changed: the next persona sees the same world."""
    with transaction.atomic():
        response = call()
        transaction.set_rollback(True)
    return response


def _error_messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level >= message_levels.ERROR]


def _matches(expected: str, response: Any, *, page: bool) -> bool:
    status = response.status_code
    location = response.get("Location", "")
    if expected == SIGNIN:
        return status == 302 and location.startswith("/signin/?next=")
    if expected == REFUSED:
        return status == 403 or (status == 302 and bool(_error_messages(response)))
    if expected == OK and page:
        if 300 <= status < 400:
            return not location.startswith("/signin/") and not _error_messages(response)
        return 200 <= status < 300
    if expected == OK:
        return 200 <= status < 300
    if not page and not response.get("Content-Type", "").startswith(JSON):
        return False  # an API error is JSON in the house format
    return status == int(expected)


def _said(response: Any) -> str:
    said = f"{response.status_code}"
    if response.get("Location"):
        said += f" -> {response['Location']}"
    errors = _error_messages(response)
    if errors:
        said += f" {errors}"
    elif response.get("Content-Type", "").startswith(JSON):
        said += f" {response.content[:200]!r}"
    return said


def _leaks(world: World, who: Any, response: Any) -> list[str]:
    """Text only someone else may read, found in the answer to `who`."""
    if getattr(response, "streaming", False):
        return []
    members = (world.people["mentee"], world.people["mentor"])
    return [
        text
        for text, author in world.secrets.items()
        if (who is None or who != world.people[author]) and text.encode() in response.content
    ] + [
        text
        for text in world.pair_secrets
        if who not in members and text.encode() in response.content
    ]


def _sweep(world: World, row: Row, call: Callable[[Any], Any], *, page: bool) -> list[str]:
    wrong = []
    for persona in PERSONAS:
        expected = getattr(row, persona)
        who = _caller(world, row, persona)
        response = _rolled_back(lambda who=who: call(who))
        name = f"{persona} ({who.name})" if who is not None else persona
        if not _matches(expected, response, page=page):
            wrong.append(f"{name}: expected {expected}, got {_said(response)}")
        for text in _leaks(world, who, response):
            wrong.append(f"{name}: the answer shows what only its author may read: {text}")
    return wrong


@pytest.mark.sweep
@pytest.mark.matrix
@pytest.mark.parametrize("world", by_world(API_KEYS), indirect=True)
def test_each_persona_gets_the_api_answer_of_its_row(world):
    key = world.key
    row = API.get(key)
    if row is None:
        pytest.fail(f"No row for the API operation {key}: decide who may call it.")
    op = OPERATION_BY_KEY[key]
    clients = {id(p): Api(p) for p in world.people.values()}
    anonymous = Api(None)
    path = _fill(op.template, world, row).removeprefix("/api/v1")
    body = _body(row, world)
    if body is None and op.body is not None:  # an optional body is still a JSON object
        body = required_body(op.body)

    def call(who: Any) -> Any:
        # The bare request, without Api.call's run of the mail worker: this sweep is about
        # who gets in, and whatever a call queued is rolled back with it.
        api = anonymous if who is None else clients[id(who)]
        data = {} if body is None else {"data": json.dumps(body), "content_type": JSON}
        if row.csv is not None:
            data = {"data": row.csv, "content_type": "text/csv"}
        return api.client.generic(op.method, "/api/v1" + path, headers=api.headers, **data)

    wrong = _sweep(world, row, call, page=False)
    # An expired token is no sign-in at all: the owner with one gets the anonymous answer,
    # and the 401 says the token expired.
    from alongside.people.models import ApiToken

    owner = _caller(world, row, "owner")
    expired = Api(owner)
    ApiToken.objects.filter(person=owner, name="tests").update(expires_at=tz.now())
    response = _rolled_back(
        lambda: expired.client.generic(
            op.method,
            "/api/v1" + path,
            headers=expired.headers,
            **({} if body is None else {"data": json.dumps(body), "content_type": JSON}),
        )
    )
    if not _matches(row.anon, response, page=False):
        wrong.append(f"an expired token: expected {row.anon}, got {_said(response)}")
    elif row.anon == UNAUTH and response.json()["code"] != "token_expired":
        wrong.append(f"an expired token: the 401 does not say so: {_said(response)}")
    assert not wrong, f"{key} ({path}):\n  " + "\n  ".join(wrong)


@pytest.mark.sweep
@pytest.mark.matrix
@pytest.mark.parametrize("world", by_world(page_cases()), indirect=True)
def test_each_persona_gets_the_page_answer_of_its_row(world):
    key = world.key
    row = PAGES.get(key)
    if row is None:
        pytest.fail(f"No row for the page {key.split(' ', 1)[1]}: decide who may open it.")
    _page_sweep(world, row)


@pytest.mark.parametrize("world", by_world(list(ADMIN_PAGES)), indirect=True)
def test_each_persona_gets_the_admin_sign_in_answer_of_its_row(world):
    _page_sweep(world, ADMIN_PAGES[world.key])


def _page_sweep(world: World, row: Row) -> None:
    key = world.key
    method, template = key.split(" ", 1)
    path = _fill(template, world, row)
    body = _body(row, world) or {}

    def call(who: Any) -> Any:
        client = Client() if who is None else page_client(who)
        if method == "GET":
            return client.get(path)
        return client.post(path, body)

    wrong = _sweep(world, row, call, page=True)
    assert not wrong, f"{key} ({path}):\n  " + "\n  ".join(wrong)


@pytest.mark.parametrize("key", list(PROGRAM_RULES))
def test_each_persona_gets_the_answer_of_the_program_rules(key, people_only):
    from alongside.mentorships.models import Mentorship, Transition
    from alongside.programs.selectors import community_program
    from alongside.programs.services import enrollment_create

    spec = PROGRAM_RULES[key]
    row = spec.row
    world = people_only
    mentee, mentor = world.people["mentee"], world.people["mentor"]
    program_admin = world.people["admin"]
    if "Community" in key:
        program = community_program()
    else:
        program = make_program(
            program_admin,
            slug="cohort",
            name="Cohort",
            enrollment=spec.enrollment,
            matching=spec.matching,
        )
        enrollment_create(program=program, person=mentee, role="mentee")
        enrollment_create(program=program, person=mentor, role="mentor")
    clients = {id(p): Api(p) for p in world.people.values()}
    anonymous = Api(None)
    if spec.call == "accept":
        # Made as an earlier rule or path would have left it: straight in the database.
        asked = Mentorship.objects.create(
            program=program, mentor=mentor, mentee=mentee, requested_by=mentee
        )
        Transition.objects.create(mentorship=asked, actor=mentee, to_status="requested")

    def call(who: Any) -> Any:
        api = anonymous if who is None else clients[id(who)]
        if spec.call == "accept":
            path, body = f"/mentorships/{asked.public_id}/accept", {}
        elif who is mentor:
            path, body = "/mentorships", {"mentee_id": str(mentee.public_id)}
        else:
            path, body = "/mentorships", {"mentor_id": str(mentor.public_id)}
        if spec.call == "request":
            body["program_id"] = str(program.public_id)
        data = {"data": json.dumps(body), "content_type": JSON}
        return api.client.generic("POST", "/api/v1" + path, headers=api.headers, **data)

    wrong = _sweep(world, row, call, page=False)
    assert not wrong, f"{key}:\n  " + "\n  ".join(wrong)
