"""The home page says what is next, per mentorship: what the partner shared since the
viewer's last visit (a pause of 30 minutes ends a visit), in a fixed number of queries."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone as tz

from alongside.growth import services as growth
from alongside.mentorships.services import mentorship_accept, mentorship_request
from alongside.programs.selectors import community_program
from conftest import make_person, page_client

pytestmark = pytest.mark.django_db


def shared_line(person) -> str:
    page = page_client(person).get("/").content.decode()
    found = [line for line in page.splitlines() if "since your last visit" in line]
    return " ".join(found[0].split()) if found else ""


def test_what_the_partner_shared_since_the_last_visit(pair, mentee, mentor):
    t0 = tz.now()
    with time_machine.travel(t0, tick=False):
        page_client(mentee).get("/")  # Ada's visit
    with time_machine.travel(t0 + dt.timedelta(hours=1), tick=False):
        growth.resource_share(mentorship=pair, author=mentor, title="On pacing")
        growth.resource_share(mentorship=pair, author=mentee, title="Mine: not news to me")
    with time_machine.travel(t0 + dt.timedelta(hours=2), tick=False):
        mentee.refresh_from_db()
        assert "Grace shared 1 new thing since your last visit" in shared_line(mentee)
    with time_machine.travel(t0 + dt.timedelta(hours=2, minutes=10), tick=False):
        mentee.refresh_from_db()  # the same visit: still new
        assert "Grace shared 1 new thing since your last visit" in shared_line(mentee)
    with time_machine.travel(t0 + dt.timedelta(hours=4), tick=False):
        mentee.refresh_from_db()  # a new visit: seen in the last one
        assert shared_line(mentee) == ""


def test_a_mentor_sees_one_row_per_mentee_in_the_same_queries_with_more_pairs(mentor):
    mentor.mentor_capacity = 20
    mentor.save()

    def grow(n: int, start: int) -> None:
        for i in range(start, start + n):
            mentee = make_person(f"m{i}@example.org", f"Mentee {i}")
            m = mentorship_accept(
                mentorship=mentorship_request(
                    requester=mentee, mentor=mentor, program=community_program()
                ),
                actor=mentor,
            )
            growth.resource_share(mentorship=m, author=mentee, title="For you")

    def queries() -> tuple[int, str]:
        client = page_client(mentor)
        client.get("/")
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/").content.decode()
        return len(captured.captured_queries), page

    grow(2, 0)
    small, page = queries()
    assert page.count('class="pair-row"') == 2
    grow(10, 2)
    large, page = queries()
    assert page.count('class="pair-row"') == 12
    assert large == small
