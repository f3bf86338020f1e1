"""Matching runs under concurrent callers (PostgreSQL: real row locks): a run runs once
whatever the number of workers, is published once whatever the number of tabs, and two
swaps never give a mentor more mentees than places."""

from alongside.matching.models import MatchingRun, RunPair
from alongside.matching.services import matching_run, run_execute, run_pair_swap, run_publish
from alongside.matching.tests.conftest import import_rows
from alongside.mentorships.models import Mentorship
from alongside.people.models import Person
from alongside.programs.tests.test_enrollment_races import run_at_once
from alongside.tests.servers import RACES

pytestmark = RACES
THREADS = 4


def test_a_queued_run_is_run_by_one_worker_of_many(cohort, program_admin):
    run = MatchingRun.objects.create(program=cohort, created_by=program_admin, weights={})

    def claim(_):
        return "ran" if run_execute(run_id=run.pk) is not None else "claimed elsewhere"

    outcomes = run_at_once(claim, THREADS)
    assert sorted(outcomes) == ["claimed elsewhere"] * (THREADS - 1) + ["ran"]
    assert RunPair.objects.filter(run=run).count() == 4


def test_a_run_published_from_several_tabs_at_once_proposes_each_pair_once(cohort, program_admin):
    run = matching_run(program=cohort, actor=program_admin)

    def publish(_):
        run_publish(run=MatchingRun.objects.get(pk=run.pk), actor=program_admin)
        return "published"

    outcomes = run_at_once(publish, THREADS)
    assert sorted(outcomes) == ["published"] + ["run_published"] * (THREADS - 1)
    assert Mentorship.objects.filter(program=cohort, status="proposed").count() == 4


def test_two_swaps_to_a_mentors_last_place_at_once_give_it_once(cohort, program_admin, mentee):
    run = matching_run(program=cohort, actor=program_admin)
    import_rows(
        cohort, program_admin, ["juan@example.org,Juan Gil,mentor,1,,design,Design,,UTC,,6,"]
    )
    juan = Person.objects.get(email="juan@example.org")
    kim = Person.objects.get(email="kim@example.org")

    def swap(i):
        who = (mentee, kim)[i]
        run_pair_swap(run=run, actor=program_admin, mentee=who, mentor=juan)
        return "swapped"

    outcomes = run_at_once(swap, 2)
    assert sorted(outcomes) == ["at_capacity", "swapped"]
    assert RunPair.objects.filter(run=run, mentor=juan).count() == 1
