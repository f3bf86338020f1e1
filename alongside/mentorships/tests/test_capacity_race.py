"""Capacity holds when many accepts arrive at once (PostgreSQL: real row locks)."""

import functools
import json
import threading
import time
import urllib.error
import urllib.request

import pytest

from alongside.lib.errors import Conflict
from alongside.mentorships import services
from alongside.mentorships.models import Mentorship, Status, Transition
from alongside.mentorships.services import mentorship_accept, mentorship_request
from alongside.people.services import token_create
from alongside.programs.selectors import community_program
from alongside.tests.servers import RACES, two_gunicorns
from alongside.tests.threads import at_once
from conftest import make_person

pytestmark = RACES

CAPACITY = 2
REQUESTS = 24


def many_requests(mentor):
    program = community_program()
    return [
        mentorship_request(
            requester=make_person(f"mentee{i}@example.org", f"Mentee {i}"),
            mentor=mentor,
            program=program,
        )
        for i in range(REQUESTS)
    ]


def assert_exactly_capacity_active(mentor):
    assert Mentorship.objects.filter(mentor=mentor, status=Status.ACTIVE).count() == CAPACITY
    assert Transition.objects.filter(to_status=Status.ACTIVE).count() == CAPACITY


def test_concurrent_accepts_in_threads_never_pass_capacity(monkeypatch):
    # Widen the window between counting and committing, so that a missing lock would
    # let every thread see room and the test would fail (it does, without the lock).
    real_count = services.active_mentee_count

    def slow_count(mentor):
        count = real_count(mentor)
        time.sleep(0.05)
        return count

    monkeypatch.setattr(services, "active_mentee_count", slow_count)
    mentor = make_person(
        "busy@example.org", "Busy Mentor", open_to_mentor=True, mentor_capacity=CAPACITY
    )
    pending = many_requests(mentor)
    outcomes: list[str] = []

    def accept(m):
        try:
            mentorship_accept(mentorship=m, actor=mentor)
            outcomes.append("accepted")
        except Conflict as exc:
            outcomes.append(exc.code)

    at_once(*[functools.partial(accept, m) for m in pending])
    assert outcomes.count("accepted") == CAPACITY
    assert outcomes.count("at_capacity") == REQUESTS - CAPACITY
    assert_exactly_capacity_active(mentor)


@pytest.fixture
def two_servers():
    with two_gunicorns() as ports:
        yield ports


def test_concurrent_accepts_on_two_servers_never_pass_capacity(two_servers):
    mentor = make_person(
        "busy@example.org", "Busy Mentor", open_to_mentor=True, mentor_capacity=CAPACITY
    )
    pending = many_requests(mentor)
    _, token = token_create(person=mentor)
    barrier = threading.Barrier(REQUESTS)
    statuses: list[int] = []
    bodies: list[dict] = []

    def accept(i, m):
        port = two_servers[i % 2]
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/mentorships/{m.public_id}/accept",
            data=b"{}",
            method="POST",
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        barrier.wait()
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                statuses.append(r.status)
        except urllib.error.HTTPError as e:
            statuses.append(e.code)
            bodies.append(json.loads(e.read()))

    threads = [threading.Thread(target=accept, args=(i, m)) for i, m in enumerate(pending)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses.count(200) == CAPACITY
    assert statuses.count(409) == REQUESTS - CAPACITY
    assert {b["code"] for b in bodies} == {"at_capacity"}
    assert_exactly_capacity_active(mentor)
