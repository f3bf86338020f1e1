"""Review (pgpeople): the ranking's hand-written SQL against the rule, computed in Python,
for a viewer whose terms hold LIKE's wildcards, its escape, quotes, "|", the longest tag,
and more than 40 terms; and for a viewer with no terms at all."""

import pytest

from alongside.people.models import TAG_MAX, Person
from alongside.people.selectors import people_search
from conftest import make_person

HOSTILE = ["a%b", "c_d", "e\\f", "o'brien", 'say "hi"', "x|y", "%", "_", "\\", "z" * TAG_MAX]


def score(viewer: Person, mentor: Person) -> int:
    terms = sorted({t.lower() for t in [*viewer.interests, *viewer.skills] if t.strip()})[:40]
    total = 0
    for term in terms:
        skill = f"|{term}|" in mentor.skills_text
        word = term in mentor.search_text
        if "|" in term:
            total += 2 if skill else 1 if word else 0
        elif word:
            total += 2 if skill else 1
    return total


def expected(viewer: Person) -> list[int]:
    mentors = Person.objects.filter(open_to_mentor=True, is_active=True).exclude(pk=viewer.pk)
    rows = []
    for m in mentors.exclude(name=""):
        active = m.mentoring.filter(status="active").count()
        rows.append((-score(viewer, m), -(1 if m.mentor_capacity > active else 0), m.name, m.pk))
    return [pk for *_, pk in sorted(rows)]


def mentors() -> None:
    skills = [
        ["a%b"],
        ["axb"],
        ["c_d"],
        ["cxd"],
        ["e\\f"],
        ["ef"],
        ["o'brien"],
        ["obrien"],
        ['say "hi"'],
        ["x", "y"],
        ["x y"],
        ["100%"],
        ["snake_case"],
        ["back\\slash"],
        ["z" * TAG_MAX],
        ["z" * (TAG_MAX - 1)],
        ["term07"],
        ["term39"],
        ["term45"],
        [],
    ]
    for i, mine in enumerate(skills):
        make_person(
            f"m{i}@example.org",
            f"Mentor {i:02d}",
            skills=mine,
            open_to_mentor=True,
            mentor_capacity=1 + i % 2,
        )


@pytest.mark.parametrize(
    "terms",
    [HOSTILE, [], [*HOSTILE, *(f"term{n:02d}" for n in range(45))]],
    ids=["hostile", "none", "over-40"],
)
def test_the_ranking_follows_the_rule_on_hostile_terms(db, terms):
    mentors()
    viewer = make_person("v@example.org", "Val Viewer")
    # Past the profile's own limits (30 a list) straight into the row, as an old row could be.
    Person.objects.filter(pk=viewer.pk).update(interests=terms[:30], skills=terms[30:])
    viewer.refresh_from_db()
    found = people_search(open_to_mentor=True, viewer=viewer)
    want = expected(viewer)
    assert [p.pk for p in found] == want
    for start in (0, 3, 7, len(want) - 1, len(want), len(want) + 5):
        for size in (1, 5, 20):
            assert [p.pk for p in found[start : start + size]] == want[start : start + size]
