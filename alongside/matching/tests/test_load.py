"""What a run takes from the database: answers first, the profile where they are silent,
picks by public id, places left, and who is never paired."""

import pytest

from alongside.matching.load import load
from alongside.mentorships.services import mentorship_propose
from alongside.people.models import Person
from alongside.programs.services import enrollment_create

pytestmark = pytest.mark.django_db


def test_the_profile_stands_in_for_answers_left_out(cohort, mentee):
    found = load(cohort)
    ada = found.mentees[found.mentee_at()[mentee.pk]]
    assert ada.timezone == "America/New_York"  # from her profile: her answers have none
    assert list(ada.skills_wanted) == ["public speaking"]  # from her answers
    lena = found.mentees[found.mentee_at()[Person.objects.get(email="lena@example.org").pk]]
    assert (lena.timezone, list(lena.languages)) == ("Europe/Berlin", ["English", "German"])


def test_a_mentors_places_are_the_programs_capacity_less_their_pairs_there(
    cohort, mentor, program_admin
):
    ravi = Person.objects.get(email="ravi@example.org")
    lena = Person.objects.get(email="lena@example.org")
    mentorship_propose(program=cohort, mentor=ravi, mentee=lena, proposer=program_admin)
    found = load(cohort)
    places = {pk: found.mentors[j].capacity for pk, j in found.mentor_at().items()}
    assert places[ravi.pk] == 1  # 2 in the program, 1 proposed
    assert places[mentor.pk] == 1
    assert lena.pk not in found.mentee_at()  # in an open pair here already
    assert found.already_paired == 1


def test_picks_name_mentors_by_public_id_the_favourite_first(cohort, program_admin):
    ravi = Person.objects.get(email="ravi@example.org")
    sofia = Person.objects.get(email="sofia@example.org")
    kim = Person.objects.get(email="kim@example.org")
    from alongside.programs.models import Enrollment

    picks = [str(sofia.public_id), "not-an-id", str(ravi.public_id), str(sofia.public_id)]
    Enrollment.objects.filter(program=cohort, person=kim).update(answers={"picks": picks})
    found = load(cohort)
    at = found.mentor_at()
    assert list(found.mentees[found.mentee_at()[kim.pk]].picks) == [at[sofia.pk], at[ravi.pk]]


def test_a_person_on_both_sides_is_never_their_own_mentor(cohort, mentee):
    enrollment_create(program=cohort, person=mentee, role="mentor", capacity=1)
    found = load(cohort)
    assert (found.mentee_at()[mentee.pk], found.mentor_at()[mentee.pk]) in found.blocked


def test_people_who_left_or_closed_their_account_are_not_in_the_run(cohort, mentee):
    from alongside.programs.models import Enrollment

    Enrollment.objects.filter(program=cohort, person=mentee).update(status="left")
    Person.objects.filter(email="kim@example.org").update(is_active=False)
    found = load(cohort)
    emails = set(Person.objects.filter(pk__in=found.mentee_pks).values_list("email", flat=True))
    assert emails == {"lena@example.org", "omar@example.org"}
