"""Fields that search and constraints rely on stay right on every write path, bulk ones
included: search_text and skills_text come from one function that save() and the bulk
paths (bulk_create, bulk_update, update) call; a pair's pair_key is computed by the
database."""

import pytest
from django.db import IntegrityError, transaction

from alongside.mentorships.models import Mentorship, Status
from alongside.people.models import Person
from alongside.people.selectors import people_search
from alongside.programs.selectors import community_program


def test_people_made_with_bulk_create_are_found_by_name_and_skill(db):
    Person.objects.bulk_create(
        [
            Person(
                email="zoe@example.org", name="Zoë Ångström", skills=["Rust", "Public Speaking"]
            ),
            Person(email="li@example.org", name="Li Wei", interests=["Chess"]),
        ]
    )
    zoe = Person.objects.get(email="zoe@example.org")
    assert zoe.skills_text == "|rust|public speaking|"
    assert zoe.search_text == "zoë ångström |  | rust | public speaking"
    assert list(people_search(q="ÅNGSTRÖM")) == [zoe]
    assert list(people_search(skill="public  speaking")) == [zoe]
    assert [p.name for p in people_search(q="chess")] == ["Li Wei"]


def test_bulk_update_of_a_searched_field_keeps_search_in_step(db):
    person = Person.objects.create(email="a@example.org", name="Ada", skills=["Python"])
    person.name, person.skills = "Ada Lovelace", ["Go"]
    Person.objects.bulk_update([person], ["name", "skills"])
    person.refresh_from_db()
    assert person.search_text == "ada lovelace |  | go"
    assert person.skills_text == "|go|"


def test_an_update_of_what_search_is_made_from_keeps_search_in_step(db):
    Person.objects.create(email="a@example.org", name="Ada", skills=["Python"])
    Person.objects.create(email="b@example.org", name="Bea", skills=["Python"])
    changed = Person.objects.filter(email="a@example.org").update(
        name="Ådá Lovelace", skills=["Go"]
    )
    assert changed == 1
    assert [p.email for p in people_search(q="ÅDÁ")] == ["a@example.org"]
    assert [p.email for p in people_search(skill="go")] == ["a@example.org"]
    assert [p.email for p in people_search(skill="python")] == ["b@example.org"]
    assert Person.objects.filter(email="b@example.org").update(mentor_capacity=3) == 1


def test_a_pair_made_with_bulk_create_gets_its_pair_key_from_the_database(db):
    program = community_program()
    a = Person.objects.create(email="a@example.org", name="A")
    b = Person.objects.create(email="b@example.org", name="B")
    Mentorship.objects.bulk_create(
        [Mentorship(program=program, mentor=b, mentee=a, status=Status.ACTIVE)]
    )
    low, high = sorted([a.pk, b.pk])
    assert Mentorship.objects.get().pair_key == f"{low}-{high}"
    # The other way round is the same pair: the one-open-mentorship rule holds in bulk too.
    with pytest.raises(IntegrityError), transaction.atomic():
        Mentorship.objects.bulk_create(
            [Mentorship(program=program, mentor=a, mentee=b, status=Status.REQUESTED)]
        )


def test_an_update_that_swaps_the_roles_keeps_the_pair_key(db):
    program = community_program()
    a = Person.objects.create(email="a@example.org", name="A")
    b = Person.objects.create(email="b@example.org", name="B")
    pair = Mentorship.objects.create(program=program, mentor=a, mentee=b)
    key = Mentorship.objects.get(pk=pair.pk).pair_key
    Mentorship.objects.filter(pk=pair.pk).update(mentor=b, mentee=a)
    assert Mentorship.objects.get(pk=pair.pk).pair_key == key
