"""Personas of the program tests: Sam is staff; Morgan runs the Spring cohort (invite-only,
admins match); Ada is enrolled in it as a mentee; Eve is an outsider; `anon` is not signed in."""

from typing import Any

import pytest

from alongside.programs.models import EnrollmentMode, MatchingMode, Program
from alongside.programs.services import enrollment_create
from conftest import make_program


@pytest.fixture
def cohort(mentee: Any, program_admin: Any) -> Program:
    program = make_program(program_admin)
    enrollment_create(program=program, person=mentee, role="mentee")
    return program


@pytest.fixture
def open_program(program_admin: Any) -> Program:
    return make_program(
        program_admin,
        slug="open-circle",
        name="Open circle",
        enrollment=EnrollmentMode.OPEN,
        matching=MatchingMode.MENTEE_CHOICE,
    )
