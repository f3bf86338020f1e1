"""Enrollments and imports arriving at once (PostgreSQL: real row locks): nobody is
enrolled twice in a role, and no import fails on another's rows."""

from alongside.lib.errors import Conflict
from alongside.people.models import Person
from alongside.programs.importer import participants_import
from alongside.programs.models import Enrollment, EnrollmentMode, Program
from alongside.programs.services import enrollment_join
from alongside.tests.servers import RACES
from alongside.tests.threads import at_once
from conftest import make_person

pytestmark = RACES
THREADS = 8
FILE = "email,name,role,capacity\n" + "".join(
    f"p{i}@example.org,Person {i}," + ("mentor,2\n" if i % 4 == 0 else "mentee,\n")
    for i in range(200)
)


def run_at_once(work, n):
    """`work(i)` for i in 0..n-1, all released together; what each answered, in order."""
    outcomes = [""] * n

    def job(i):
        def run():
            try:
                outcomes[i] = work(i)
            except Conflict as exc:
                outcomes[i] = exc.code
            except Exception as exc:  # noqa: BLE001 - the test reports what went wrong
                outcomes[i] = f"{type(exc).__name__}: {exc}"

        return run

    at_once(*(job(i) for i in range(n)))
    return outcomes


def test_one_person_enrolling_from_many_tabs_at_once_is_enrolled_once():
    program = Program.objects.create(slug="open", name="Open", enrollment=EnrollmentMode.OPEN)
    person = make_person("ada@example.org", "Ada")

    def join(_):
        enrollment_join(program=program, actor=person, person=person, role="mentee")
        return "enrolled"

    outcomes = run_at_once(join, THREADS)
    assert sorted(outcomes) == ["already_enrolled"] * (THREADS - 1) + ["enrolled"]
    assert Enrollment.objects.filter(program=program, person=person).count() == 1


def test_the_same_file_imported_twice_at_once_creates_everyone_once():
    programs = [
        Program.objects.create(slug=f"p{i}", name=f"P{i}", enrollment="import") for i in range(2)
    ]
    # Two imports into one program, and one into another naming the same new people.
    targets = [programs[0], programs[0], programs[1]]

    def load(i):
        result = participants_import(program=targets[i], actor=None, rows_or_file=FILE)
        return f"{result.created}+{result.updated}"

    outcomes = run_at_once(load, len(targets))
    assert all("+" in o for o in outcomes), outcomes
    assert Person.objects.filter(email__endswith="@example.org").count() == 200
    assert Enrollment.objects.filter(program=programs[0]).count() == 200
    assert Enrollment.objects.filter(program=programs[1]).count() == 200
    assert sorted(outcomes[:2]) == ["0+200", "200+0"]  # one created, the other updated
    assert outcomes[2] == "200+0"
