"""What a person's data export holds of programs: their enrollments and answers."""

from typing import Any

from pydantic import BaseModel

from alongside.people.export import iso, register
from alongside.people.models import Person
from alongside.programs.models import Enrollment


class EnrollmentRow(BaseModel):
    program: str
    role: str
    status: str
    capacity: int | None
    answers: dict[str, Any]
    created_at: str


def _enrollments(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "program": e.program.name,
            "role": e.role,
            "status": e.status,
            "capacity": e.capacity,
            "answers": e.answers,
            "created_at": iso(e.created_at),
        }
        for e in Enrollment.objects.filter(person=person).select_related("program")
    ]


register(
    "enrollments",
    EnrollmentRow,
    collect=_enrollments,
    title="Programs",
    about="The programs you take part in, your role in each and your answers when you joined.",
    count=lambda person: Enrollment.objects.filter(person=person).count(),
)
