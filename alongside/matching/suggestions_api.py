"""GET /programs/{id}/suggestions: a mentee's ranked mentors in a mentee-choice program."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from alongside.lib.schemas import Out, Page, PageQuery
from alongside.matching.suggestions import RANKED_MAX, suggestions_for
from alongside.people.access import signed_in
from alongside.programs.access import get_program_for

router = Router()


class SuggestedMentor(Out):
    name: str
    headline: str


class MentorSuggestionOut(Schema):
    rank: int
    mentor: SuggestedMentor
    score: float
    factors: dict[str, float]
    explanation: str
    free_places: int


class MentorSuggestionList(Page):
    items: list[MentorSuggestionOut]


@router.get("/{program_id}/suggestions", response=MentorSuggestionList)
def list_suggestions(request: HttpRequest, program_id: str, q: Query[PageQuery]) -> dict[str, Any]:
    """The mentors who fit you best in a program where mentees choose (`mentee_choice` or
    `both`), best first: each with its `score` (0-1), `factors` (each 0-1) and
    `explanation` in words, as the matching engine gives them, and the mentor's
    `free_places`; `count` is how many fit (the best 500 at most), `limit` and `offset`
    page through them. Mentors at capacity, and those you already asked, are paired with or
    who declined you here, are left out. 403 `admin_matching` where the admins match;
    403 `not_enrolled_mentee` unless you are enrolled as a mentee; 404 for a program you
    may not see. Request one with `POST /mentorships` (`mentor_id`, `program_id`)."""
    person = signed_in(request)
    program = get_program_for(person, program_id)
    ranked = suggestions_for(program=program, person=person, limit=RANKED_MAX)
    return {"items": ranked[q.offset : q.offset + q.limit], "count": len(ranked)}
