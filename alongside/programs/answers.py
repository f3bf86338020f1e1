"""Answers to a program's enrollment questions: which are asked of whom, and their checks.

The answers are stored on the enrollment under the same keys as the CSV import's columns,
so that matching reads imported and self-enrolled people alike."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError

from alongside.lib.inputs import clean_text
from alongside.lib.text import one_line_problem, text_problem
from alongside.people.services import TIMEZONES, normalize_tags
from alongside.programs.models import QUESTION_ROLES, Program, Question

LIST_QUESTIONS = (Question.SKILLS_WANTED, Question.SKILLS_OFFERED, Question.LANGUAGES)
TEXT_QUESTIONS = (Question.GOALS, Question.MENTOR_TRAITS)
TEXT_MAX = 4000
DEPARTMENT_MAX = 120
SENIORITY_MAX = 10
LIST_MAX = 30


def questions_for(program: Program, role: str) -> list[str]:
    """The questions `program` asks of someone enrolling as `role`, in its order."""
    asked = program.questions if isinstance(program.questions, list) else []
    return [
        q
        for q in asked
        if q in Question.values and role in QUESTION_ROLES.get(q, ("mentor", "mentee"))
    ]


def clean_questions(value: Any) -> list[str]:
    """A program's choice of questions: known names, each once, in the order given."""
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValidationError({"questions": "Give a list of question names."})
    unknown = [v for v in value if v not in Question.values]
    if unknown:
        raise ValidationError(
            {
                "questions": f"'{unknown[0][:40]}' is not a question; choose from "
                + ", ".join(Question.values)
                + "."
            }
        )
    return list(dict.fromkeys(value))


def _list(value: Any, field: str) -> list[str]:
    if isinstance(value, str):
        value = [part for chunk in value.split(";") for part in chunk.split(",")]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValidationError({field: "Give a list of short entries."})
    tags = normalize_tags(value, field=field)
    if len(tags) > LIST_MAX:
        raise ValidationError({field: f"Give at most {LIST_MAX} entries."})
    return tags


def _text(question: str, value: Any, *, limit: int, problem_of: Callable[..., str | None]) -> str:
    """A text answer cleaned, then refused with what `problem_of` finds wrong in it."""
    if not isinstance(value, str):
        raise ValidationError({question: "Give a text."})
    text = clean_text(value, field=question, limit=limit)
    problem = problem_of(text, field=question)
    if problem:
        raise ValidationError({question: problem})
    return text


def _one(question: str, value: Any) -> Any:
    if question in LIST_QUESTIONS:
        return _list(value, question)
    if question in TEXT_QUESTIONS:
        return _text(question, value, limit=TEXT_MAX, problem_of=text_problem)
    if question == Question.TIMEZONE:
        if not isinstance(value, str) or (value and value not in TIMEZONES):
            shown = str(value)[:40]
            raise ValidationError(
                {question: f"'{shown}' is not a time zone; use a name like Europe/Paris."}
            )
        return value
    if question == Question.SENIORITY:
        if value in ("", None):
            return None
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
            raise ValidationError({question: f"Give a whole number from 0 to {SENIORITY_MAX}."})
        return value
    # The department: one line.
    return _text(question, value, limit=DEPARTMENT_MAX, problem_of=one_line_problem)


def clean_answers(program: Program, role: str, answers: Any) -> dict[str, Any]:
    """The answers checked: only questions the program asks of this role, each valid.
    All problems are reported at once, each beside its question."""
    if answers is None:
        return {}
    if not isinstance(answers, dict):
        raise ValidationError({"answers": "Give the answers as an object."})
    asked = questions_for(program, role)
    problems: dict[str, str] = {}
    out: dict[str, Any] = {}
    for key, value in answers.items():
        if key not in asked:
            problems[str(key)[:60]] = f"{program.name} does not ask its {role}s this; leave it out."
            continue
        try:
            out[key] = _one(key, value)
        except ValidationError as exc:
            problems[key] = " ".join(exc.messages)
    if problems:
        raise ValidationError(problems)
    return out
