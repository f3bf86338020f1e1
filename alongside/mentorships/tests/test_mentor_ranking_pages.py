"""The mentor ranking read a page at a time (its own SQL: sorted by match, then the page's
ties broken by room and name) answers exactly as the whole ranking read at once (the
four keys in one ORDER BY), whatever the page's bounds."""

import pytest

from alongside.mentorships.services import mentorship_accept, mentorship_request
from alongside.people.models import Person
from alongside.people.selectors import people_search
from alongside.programs.selectors import community_program
from conftest import make_person


def _world():
    """A viewer, and mentors in several match groups with ties on room and on name."""
    viewer = make_person("v@example.org", "Val Viewer", skills=["Python"], interests=["Design"])
    full = []
    for i, (name, skills, capacity) in enumerate(
        [
            ("Ann Both", ["Python", "Design"], 1),
            ("Bo Both", ["Design", "Python"], 2),
            ("Cy Python", ["Python"], 1),
            ("Cy Python", ["Python"], 1),
            ("Dee Design", ["Design"], 3),
            ("Eve Designer", ["Designer"], 1),
            ("Fay None", ["Knitting"], 1),
            ("Fay None", ["Knitting"], 2),
            ("Gus None", ["Gardening"], 1),
            ("Hal None", ["Gardening"], 1),
        ]
    ):
        person = make_person(
            f"m{i}@example.org", name, skills=skills, open_to_mentor=True, mentor_capacity=capacity
        )
        if capacity == 1 and i % 2 == 0:
            full.append(person)
    for i, mentor in enumerate(full):
        mentee = make_person(f"e{i}@example.org", f"Mentee {i}")
        pair = mentorship_request(requester=mentee, mentor=mentor, program=community_program())
        mentorship_accept(mentorship=pair, actor=mentor)
    return viewer


def test_every_slice_of_the_ranking_is_that_slice_of_the_whole(db):
    found = people_search(open_to_mentor=True, viewer=_world())
    whole = [p.pk for p in found]
    assert len(whole) == len(found) == 10
    for start in range(len(whole) + 2):
        for stop in [*range(start, len(whole) + 3), None]:
            assert [p.pk for p in found[start:stop]] == whole[start:stop], (start, stop)


def test_a_page_of_the_ranking_carries_each_mentors_active_mentees(db):
    found = people_search(open_to_mentor=True, viewer=_world())
    page = found[0:4]
    assert [p.active_mentees for p in page] == [
        p.mentoring.filter(status="active").count() for p in page
    ]
    assert [p.name for p in page] == ["Bo Both", "Ann Both", "Cy Python", "Dee Design"]


def test_one_mentor_of_the_ranking_by_position(db):
    found = people_search(open_to_mentor=True, viewer=_world())
    whole = [p.pk for p in found]
    assert [found[i].pk for i in range(len(whole))] == whole
    with pytest.raises(IndexError):
        found[len(whole)]


def test_a_time_zone_filter_no_one_passes_ranks_no_one(db, api_as):
    viewer = _world()
    # A zone no clock can be compared with (only an old row could hold one): no zone is near.
    Person.objects.filter(pk=viewer.pk).update(timezone="Nowhere/Atlantis")
    viewer.refresh_from_db()
    found = people_search(open_to_mentor=True, viewer=viewer, within_hours=3)
    assert found[0:20] == []
    assert len(found) == 0
    body = api_as(viewer).get("/people?open_to_mentor=true&within_hours=3").json()
    assert body == {"items": [], "count": 0}
