"""Personas of the matching-run tests: Morgan runs the Spring cohort (invite-only, admins
match); Ada is one of its mentees and Grace one of its mentors, beside the people a CSV
import brought in; Eve is an outsider; Sam is staff."""

from typing import Any

import pytest

from alongside.programs.importer import participants_import
from alongside.programs.models import Program
from alongside.programs.services import enrollment_create
from conftest import make_program

HEADER = (
    "email,name,role,capacity,skills_wanted,skills_offered,goals,bio,timezone,languages,"
    "seniority,department\n"
)
ROWS = [
    "lena@example.org,Lena Park,mentee,,python;sql,,Lead a data team,,"
    "Europe/Berlin,English;German,2,eng",
    "omar@example.org,Omar Diaz,mentee,,sales;hiring,,Grow a sales team,,"
    "America/Mexico_City,Spanish,3,sales",
    "kim@example.org,Kim Lee,mentee,,design,,Ship a design system,,Asia/Seoul,English,1,design",
    "ravi@example.org,Ravi Shah,mentor,2,,python;sql;leadership,Data leadership and hiring,"
    "Led data teams,Europe/London,English,7,ops",
    "sofia@example.org,Sofia Ruiz,mentor,1,,sales;hiring,Sales leadership,Built sales teams,"
    "America/Bogota,Spanish;English,8,ops",
]


def import_rows(program: Program, admin: Any, rows: list[str]) -> None:
    participants_import(
        program=program, actor=admin, rows_or_file=(HEADER + "\n".join(rows) + "\n").encode()
    )


@pytest.fixture
def cohort(mentee: Any, mentor: Any, program_admin: Any) -> Program:
    program = make_program(program_admin)
    enrollment_create(
        program=program,
        person=mentee,
        role="mentee",
        answers={"skills_wanted": ["public speaking"], "goals": "Speak at a conference"},
    )
    enrollment_create(
        program=program,
        person=mentor,
        role="mentor",
        capacity=1,
        answers={"skills_offered": ["public speaking"], "goals": "Conference talks"},
    )
    import_rows(program, program_admin, ROWS)
    return program
