"""Personas and harnesses every test reuses.

The mentee and the mentor are the pair; the program admin runs the Community program;
the outsider is signed in but has nothing to do with them; `anon` is not signed in.
"""

import datetime as dt
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.test import Client

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make between browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery-42"

# ALONGSIDE_TEST_CLOCK=2027-03-28T00:30:00Z runs every test as if it started at that moment
# (the clock ticks on from there): `make check-all` runs the suite at a few awkward moments,
# so a test that only passes at some hours or on some days fails there and not on a
# contributor's machine at 07:20 some morning.
TEST_CLOCK = os.environ.get("ALONGSIDE_TEST_CLOCK", "").strip()


def clock_from_env() -> dt.datetime | None:
    if not TEST_CLOCK:
        return None
    moment = dt.datetime.fromisoformat(TEST_CLOCK)
    if moment.tzinfo is None:
        raise pytest.UsageError(f"ALONGSIDE_TEST_CLOCK needs a time zone (Z): {TEST_CLOCK}")
    return moment


def pytest_report_header() -> str | None:
    moment = clock_from_env()
    return f"ALONGSIDE_TEST_CLOCK: every test starts at {moment.isoformat()}" if moment else None


@contextmanager
def clock_travel() -> Iterator[None]:
    """Moves the clock of this process (the live server's thread too) to ALONGSIDE_TEST_CLOCK,
    ticking on from there; a test may still move it further with time-machine."""
    moment = clock_from_env()
    if moment is None:
        yield
        return
    import time_machine

    with time_machine.travel(moment, tick=True):
        yield


@pytest.fixture(autouse=True)
def _test_clock() -> Iterator[None]:
    with clock_travel():
        yield


SCREENSHOTS = Path(__file__).resolve().parent / "var" / "screenshots"


def make_person(email: str, name: str, **profile: Any) -> Any:
    from alongside.people.models import Person
    from alongside.people.services import profile_update

    person = Person.objects.create_user(email=email, password=PASSWORD, name=name)
    if profile:
        profile_update(person=person, **profile)
    return person


def make_mentee() -> Any:
    return make_person(
        "ada@example.org",
        "Ada Mentee",
        skills=["Python"],
        interests=["Public speaking"],
        seeking_mentor=True,
        timezone="America/New_York",
    )


def make_mentor() -> Any:
    return make_person(
        "grace@example.org",
        "Grace Mentor",
        skills=["Public speaking", "Leadership"],
        open_to_mentor=True,
        mentor_capacity=2,
        timezone="Europe/Berlin",
    )


def make_program_admin() -> Any:
    from alongside.programs.selectors import community_program

    admin = make_person("morgan@example.org", "Morgan Admin")
    community_program().admins.add(admin)
    return admin


def make_outsider() -> Any:
    return make_person("eve@example.org", "Eve Outsider", skills=["Python"])


@pytest.fixture
def mentee(db: None) -> Any:
    return make_mentee()


@pytest.fixture
def mentor(db: None) -> Any:
    return make_mentor()


@pytest.fixture
def program_admin(db: None) -> Any:
    return make_program_admin()


@pytest.fixture
def outsider(db: None) -> Any:
    return make_outsider()


def make_staff() -> Any:
    """Sam, staff: may create programs and run any of them."""
    person = make_person("sam@example.org", "Sam Staff")
    person.is_staff = True
    person.save(update_fields=["is_staff"])
    return person


@pytest.fixture
def staff(db: None) -> Any:
    return make_staff()


def make_program(
    admin: Any,
    *,
    slug: str = "spring-cohort",
    name: str = "Spring cohort",
    enrollment: str = "invite",
    matching: str = "admin",
) -> Any:
    """A program run by `admin`, nobody enrolled yet: by default the Spring cohort
    (invite-only, admins match)."""
    from alongside.programs.models import Program

    program = Program.objects.create(slug=slug, name=name, enrollment=enrollment, matching=matching)
    program.admins.add(admin)
    return program


class Api:
    """A JSON client for /api/v1, signed in with a real bearer token (or anonymous)."""

    def __init__(self, person: Any = None) -> None:
        self.client = Client()
        self.headers: dict[str, str] = {}
        if person is not None:
            from alongside.people.services import token_create

            _, raw = token_create(person=person, name="tests")
            self.headers["Authorization"] = f"Bearer {raw}"

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        raw: str | bytes | None = None,
        content_type: str = "application/json",
    ) -> Any:
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        kwargs: dict[str, Any] = {"headers": self.headers}
        if data is not None:
            kwargs.update(data=data, content_type=content_type)
        response = getattr(self.client, method.lower())("/api/v1" + path, **kwargs)
        deliver_mail()  # what a request enqueued, the worker would now send
        return response

    def get(self, path: str) -> Any:
        return self.call("GET", path)

    def post(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.call("POST", path, {} if body is None and "raw" not in kw else body, **kw)

    def put(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.call("PUT", path, body, **kw)

    def patch(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.call("PATCH", path, body, **kw)

    def delete(self, path: str) -> Any:
        return self.call("DELETE", path)


@pytest.fixture
def api_as() -> Any:
    """api_as(person) -> Api signed in as that person; api_as(None) -> anonymous."""
    return Api


def deliver_mail() -> None:
    """Run what is queued through the real task worker, as `alongside worker` would.

    The worker's own loop closes "old" connections between tasks, which would close the
    test's transaction; so the tasks are claimed and run with its parts, one by one.
    """
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    from django.db import transaction

    while True:
        with transaction.atomic():
            task = DBTaskResult.objects.ready().get_locked()
            if task is None:
                return
            task.claim(worker.worker_id)
        worker.run_task(task)


def page_client(person: Any) -> Client:
    client = Client()
    client.force_login(person)
    return client


# --- Browser harness -----------------------------------------------------------------

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="module")
def servers(django_db_setup: None) -> Iterator[list[int]]:
    """Two gunicorn servers on the test database, started once for a module of races
    (alongside/tests/servers.py)."""
    from alongside.tests.servers import two_gunicorns

    with two_gunicorns() as ports:
        yield ports


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """new_page(width=1280, **context options such as timezone_id) -> a page in a fresh
    context; `page.base` is the live server."""
    contexts = []
    violations: list[str] = []

    def open_page(width: int = 1280, height: int = 900, **options: Any) -> Any:
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.base = live_server.url
        # Chromium reports what the Content-Security-Policy refused on the console.
        page.on(
            "console",
            lambda msg: (
                violations.append(f"{page.url}: {msg.text}")
                if "Content Security Policy" in msg.text
                else None
            ),
        )
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not violations, "The Content-Security-Policy refused:\n" + "\n".join(violations)


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --- A pair ---------------------------------------------------------------------------


@pytest.fixture
def pair(mentee: Any, mentor: Any) -> Any:
    """An active mentorship of the mentee with the mentor, in the Community program."""
    return make_pair(mentee, mentor)


def make_pair(mentee: Any, mentor: Any) -> Any:
    from alongside.mentorships.services import mentorship_accept, mentorship_request
    from alongside.programs.selectors import community_program

    requested = mentorship_request(
        requester=mentee, mentor=mentor, program=community_program(), message="Help me grow"
    )
    active = mentorship_accept(mentorship=requested, actor=mentor)
    deliver_mail()  # the request and acceptance emails are sent and out of the way
    mail.outbox.clear()
    return active


def agreement(
    mentorship: Any,
    *,
    every_days: int = 14,
    minutes: int = 45,
    ends_on: dt.date | None = None,
    hopes: str = "Speak with confidence",
    offers: str = "Practice and honest feedback",
    acknowledged: bool = True,
) -> Any:
    """The mentee saves the pair's agreement (video calls, confidential, for 180 days unless
    `ends_on` says otherwise); the mentor acknowledges it, so that it is in force, unless
    `acknowledged=False`. Answers the version."""
    from django.utils import timezone as tz

    from alongside.mentorships.agreements import agreement_acknowledge, agreement_save

    version = agreement_save(
        mentorship=mentorship,
        author=mentorship.mentee,
        mentee_hopes=hopes,
        mentor_offers=offers,
        meeting_every_days=every_days,
        channel="video",
        meeting_minutes=minutes,
        ends_on=ends_on or tz.localdate() + dt.timedelta(days=180),
        confidentiality=True,
    )
    if acknowledged:
        agreement_acknowledge(mentorship=mentorship, actor=mentorship.mentor)
        version.refresh_from_db()
    return version


def make_goal(
    mentorship: Any,
    *,
    title: str = "Give a talk",
    objective: str = "Speak at the meetup",
    measure: str = "Talk given",
    in_days: int | None = 60,
) -> Any:
    """The mentee's goal in the pair, due `in_days` days from today (None: no date)."""
    from django.utils import timezone as tz

    from alongside.goals.services import goal_create

    return goal_create(
        mentorship=mentorship,
        author=mentorship.mentee,
        title=title,
        objective=objective,
        measure=measure,
        target_date=None if in_days is None else tz.localdate() + dt.timedelta(days=in_days),
    )


def make_meeting(
    mentorship: Any, *, title: str = "Planning", in_days: int = 2, **options: Any
) -> Any:
    """A meeting of the pair the mentor schedules `in_days` days from now (`options` as
    meeting_schedule takes them: place, minutes...)."""
    from alongside.meetings.services import meeting_schedule

    (meeting,) = meeting_schedule(
        mentorship=mentorship,
        organizer=mentorship.mentor,
        starts_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=in_days),
        title=title,
        **options,
    )
    return meeting


def make_checkin(
    mentorship: Any, *, feeling: int = 3, ratings: dict[str, int] | None = None, **words: str
) -> Any:
    """The mentee's check-in in the pair: `words` are its wins and challenges, `ratings`
    is {skill: level}."""
    from alongside.growth.services import checkin_create

    levels = [{"skill": skill, "level": level} for skill, level in (ratings or {}).items()]
    return checkin_create(
        mentorship=mentorship, author=mentorship.mentee, feeling=feeling, ratings=levels, **words
    )


# Tests hash a password for every persona; the production cost only slows them down.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(scope="session")
def _exports_dir(tmp_path_factory: Any) -> Path:
    return Path(tmp_path_factory.mktemp("exports"))


@pytest.fixture(autouse=True)
def _exports_out_of_the_repository(settings: Any, _exports_dir: Path) -> None:
    """Data exports the tests build are written to a temporary folder, not under var/."""
    settings.EXPORTS_DIR = _exports_dir


@contextmanager
def shared_rows(django_db_blocker: Any) -> Iterator[None]:
    """For a module-scoped fixture that builds what many tests use and each test leaves as
    it found it: the rows are made once, in a transaction that every test's own savepoint
    (pytest-django's `db`) nests in, rolled back after the module. Not for transactional
    (live server) tests, which would not see them."""
    from django.db import transaction
    from django.test.utils import override_settings

    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        clock_travel(),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)
