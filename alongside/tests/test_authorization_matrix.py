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

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from django.contrib.messages import constants as message_levels
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from django.utils import timezone as tz

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
)
from alongside.tests.matrix_world import World, build_world
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
