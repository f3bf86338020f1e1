"""The `alongside` command and the demo data it loads."""

import subprocess
import sys
from pathlib import Path

from alongside.cli import build_parser
from alongside.demo import DEMO_PASSWORD, PEOPLE, load_demo
from alongside.people.models import Person
from alongside.programs.models import Program

ROOT = Path(__file__).resolve().parents[2]


def test_it_lists_serve_demo_and_manage_in_its_help():
    result = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "alongside", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "usage: alongside" in result.stdout
    for command in ["serve", "demo", "manage"]:
        assert command in result.stdout


def test_it_passes_everything_after_manage_to_django():
    args = build_parser().parse_args(["manage", "check", "--deploy", "--fail-level", "ERROR"])
    assert args.rest == ["check", "--deploy", "--fail-level", "ERROR"]


def test_it_loads_the_demo_data_once_however_often_it_runs(db):
    first = load_demo()
    assert all(created for _, created in first)
    people, programs = Person.objects.count(), Program.objects.count()
    assert people == len(PEOPLE) + 40  # and the second program's imported participants
    second = load_demo()
    assert not any(created for _, created in second)
    assert Person.objects.count() == people
    assert Program.objects.count() == programs == 2


def test_it_makes_the_demo_admin_an_admin_of_the_community(db):
    load_demo()
    load_demo()
    community = Program.objects.get(is_default=True)
    assert list(community.admins.values_list("email", flat=True)) == ["admin@demo.alongside.test"]


def test_it_gives_demo_people_a_profile_and_the_shared_password(db):
    load_demo()
    grace = Person.objects.get(email="grace@demo.alongside.test")
    assert grace.check_password(DEMO_PASSWORD)
    assert grace.open_to_mentor is True
    assert grace.skills == ["Public speaking", "System design", "Leadership"]
    assert Person.objects.filter(open_to_mentor=True).count() == 3
    assert Person.objects.filter(seeking_mentor=True).count() == 3


def test_it_keeps_what_a_demo_person_changed_since(db):
    load_demo()
    Person.objects.filter(email="ada@demo.alongside.test").update(headline="Changed by Ada")
    load_demo()
    assert Person.objects.get(email="ada@demo.alongside.test").headline == "Changed by Ada"


def test_the_demo_has_a_second_program_with_imported_people_and_a_published_run(db):
    from alongside.matching.models import MatchingRun
    from alongside.mentorships.models import Mentorship

    load_demo()
    load_demo()
    cohort = Program.objects.get(slug="autumn-circle")
    assert cohort.enrollments.count() == 40
    assert cohort.admins.filter(email="admin@demo.alongside.test").exists()
    (run,) = MatchingRun.objects.filter(program=cohort)
    assert run.status == "published" and run.published_at is not None
    assert run.matched >= 20
    assert run.unmatched >= 1  # the mentee who speaks only Japanese, with the reason
    assert run.unmatched_rows.filter(reason="no mentor shares a language").exists()
    proposed = Mentorship.objects.filter(program=cohort, status="proposed")
    assert proposed.count() == run.matched
    member = proposed.first().mentee
    assert member.check_password(DEMO_PASSWORD)
