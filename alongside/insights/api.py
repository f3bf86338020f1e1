"""The insights API: the dashboard, the pairs at risk and the admins' actions on them, the
exports, the end-of-program survey (sending and results for admins, answering for members)."""

from collections.abc import Callable
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from alongside.insights import services
from alongside.insights.access import get_program_insights_for, get_program_pair_for
from alongside.insights.at_risk import at_risk, with_details
from alongside.insights.audit import record_admin_action
from alongside.insights.exports import export
from alongside.insights.filters import filters_from
from alongside.insights.health import FORMULA
from alongside.insights.models import QUESTIONS
from alongside.insights.schemas import (
    ActionOut,
    AtRiskList,
    EndIn,
    InsightsOut,
    InsightsQuery,
    MySurveyOut,
    SurveyAnswerIn,
    SurveyAnswerOut,
    SurveyResultsOut,
    SurveySentOut,
)
from alongside.insights.selectors import (
    Dashboard,
    K,
    SurveyResults,
    answer_of,
    dashboard_cached,
    survey_for,
    survey_results,
)
from alongside.lib.http import download
from alongside.lib.schemas import PageQuery
from alongside.mentorships.access import me_and_pair
from alongside.people.access import signed_in

router = Router()  # under /programs
pair_router = Router()  # under /mentorships

Kind = Literal["participants", "pairs", "aggregates"]


def _months(rows: list[tuple[str, int]]) -> list[dict[str, Any]]:
    return [{"month": m, "count": n} for m, n in rows]


def survey_out(results: SurveyResults) -> dict[str, Any]:
    return {
        "sent_at": results.survey.sent_at if results.survey else None,
        "answers": results.answers,
        "pairs": results.pairs,
        "averages": results.averages,
        "shared": results.shared,
    }


def dashboard_out(dash: Dashboard, survey: SurveyResults) -> dict[str, Any]:
    f = dash.filters
    out: dict[str, Any] = {
        "since": f.since,
        "until": f.until,
        "department": f.department,
        "cohort": f.cohort,
        "min_group": K,
        "enrolled_mentors": dash.mentors,
        "enrolled_mentees": dash.mentees,
        "pairs_started": dash.pairs,
        "match_rate": dash.match_rate,
        "active_pairs": dash.active_pairs,
        "cadence_kept": dash.cadence_kept,
        "goals_set": dash.goals_set,
        "goals_achieved": dash.goals_achieved,
        "milestones_completed": dash.milestones_completed,
        "checkins": dash.checkins,
        "meetings_held": dash.meetings_held,
        "feedback_average": dash.feedback_average,
        "meetings_per_month": _months(dash.meetings_per_month),
        "checkins_per_month": _months(dash.checkins_per_month),
        "milestones_per_month": _months(dash.milestones_per_month),
        "goals_achieved_per_month": _months(dash.goals_per_month),
        "messages_per_month": _months(dash.messages_per_month),
        "skills": dash.skills,
        "ended_early": dash.ended_early,
        "ended_reasons": dash.ended_reasons,
        "survey": survey_out(survey),
    }
    out["not_enough_data"] = sorted(
        name for name, value in out.items() if value is None and name not in ("ended_reasons",)
    )
    return out


@router.get("/{program_id}/insights", response=InsightsOut)
def insights(request: HttpRequest, program_id: str, q: Query[InsightsQuery]) -> dict[str, Any]:
    """The program's dashboard (its admins and staff): counts and aggregates of its pairs,
    filtered by `since`/`until` (YYYY-MM-DD, at most 36 months), `department` (the mentee's)
    and `cohort` (YYYY-MM, the month pairs started). Any average or share over fewer than 5
    pairs is null, and its name is listed in `not_enough_data`."""
    program = get_program_insights_for(signed_in(request), program_id)
    filters = filters_from(since=q.since, until=q.until, department=q.department, cohort=q.cohort)
    return dashboard_out(dashboard_cached(program, filters), survey_results(program))


@router.get("/{program_id}/at-risk", response=AtRiskList)
def list_at_risk(request: HttpRequest, program_id: str, q: Query[PageQuery]) -> dict[str, Any]:
    """Active pairs with a signal (no meeting for 2x the cadence, overdue action items, low
    feedback, a member who cannot reach the other), the lowest health score first; only
    dates, counts and statuses. `formula` states how the score is computed."""
    program = get_program_insights_for(signed_in(request), program_id)
    found = at_risk(program)
    rows = with_details(found[q.offset : q.offset + q.limit])
    items = [
        {
            "id": h.public_id,
            "mentor": {"id": h.pair.mentor.public_id, "name": h.pair.mentor.name},
            "mentee": {"id": h.pair.mentee.public_id, "name": h.pair.mentee.name},
            "started_at": h.pair.started_at,
            "last_activity": h.last_activity,
            "cadence_days": h.signals.cadence_days,
            "cadences_since_meeting": round(h.signals.gap, 2),
            "overdue_actions": h.signals.overdue_actions,
            "low_feedback": h.signals.low_feedback,
            "unreachable": h.signals.unreachable,
            "signals": h.labels,
            "health_score": h.score,
        }
        for h in rows
        if h.pair is not None
    ]
    return {"items": items, "count": len(found), "formula": FORMULA}


def _tell(
    request: HttpRequest, program_id: str, mentorship_id: str, service: Callable[..., int]
) -> dict[str, Any]:
    """An admin's word to a pair through `service`, which answers how many it told."""
    person = signed_in(request)
    program, pair = get_program_pair_for(person, program_id, mentorship_id)
    told = service(program=program, mentorship=pair, actor=person)
    return {"told": told, "status": pair.status}


@router.post("/{program_id}/pairs/{mentorship_id}/nudge", response=ActionOut)
def nudge(request: HttpRequest, program_id: str, mentorship_id: str) -> dict[str, Any]:
    """Remind both members of a pair to meet again (once a day; 409 `already_nudged`)."""
    return _tell(request, program_id, mentorship_id, services.pair_nudge)


@router.post("/{program_id}/pairs/{mentorship_id}/rematch", response=ActionOut)
def rematch(request: HttpRequest, program_id: str, mentorship_id: str) -> dict[str, Any]:
    """Offer the pair's mentee a new match (once; 409 `already_offered`)."""
    return _tell(request, program_id, mentorship_id, services.pair_offer_rematch)


@router.post("/{program_id}/pairs/{mentorship_id}/end", response=ActionOut)
def end(
    request: HttpRequest, program_id: str, mentorship_id: str, payload: EndIn
) -> dict[str, Any]:
    """End an active pair early, with a `reason` group: no_time, moved_on, not_a_match,
    goals_reached, unreachable or other. Both members are told."""
    person = signed_in(request)
    program, pair = get_program_pair_for(person, program_id, mentorship_id)
    ended = services.pair_end(program=program, mentorship=pair, actor=person, reason=payload.reason)
    return {"told": 2, "status": ended.status}


def _export(
    request: HttpRequest, program_id: str, kind: str, fmt: str, q: InsightsQuery
) -> HttpResponse:
    program = get_program_insights_for(signed_in(request), program_id)
    filters = filters_from(since=q.since, until=q.until, department=q.department, cohort=q.cohort)
    content, name, content_type = export(program, kind, fmt, filters)
    record_admin_action(actor=signed_in(request), program=program, action="export", kind=kind)
    return download(content, filename=name, content_type=content_type)


@router.get("/{program_id}/exports/{kind}.csv", response={200: None})
def export_csv(
    request: HttpRequest, program_id: str, kind: Kind, q: Query[InsightsQuery]
) -> HttpResponse:
    """An export as CSV: `participants`, `pairs` (with metadata and health) or
    `aggregates` (the dashboard, with the same filters). Cells that start with = + - @ are
    neutralised with a leading apostrophe."""
    return _export(request, program_id, kind, "csv", q)


@router.get("/{program_id}/exports/{kind}.xlsx", response={200: None})
def export_xlsx(
    request: HttpRequest, program_id: str, kind: Kind, q: Query[InsightsQuery]
) -> HttpResponse:
    """The same exports as an Excel workbook."""
    return _export(request, program_id, kind, "xlsx", q)


@router.get("/{program_id}/survey", response=SurveyResultsOut)
def survey(request: HttpRequest, program_id: str) -> dict[str, Any]:
    """The end-of-program survey's results: average ratings (null below 5 pairs) and the
    free text of those who chose to share it with the program."""
    program = get_program_insights_for(signed_in(request), program_id)
    return survey_out(survey_results(program))


@router.post("/{program_id}/survey", response={201: SurveySentOut})
def send_survey(request: HttpRequest, program_id: str) -> Status:
    """Send the end-of-program survey to both members of every active or completed pair now
    (otherwise it goes out on the program's end date); once (409 `already_sent`)."""
    person = signed_in(request)
    program = get_program_insights_for(person, program_id)
    sent, told = services.survey_send(program=program, actor=person)
    return Status(201, {"id": sent.public_id, "sent_at": sent.sent_at, "told": told})


@pair_router.get("/{mentorship_id}/survey", response=MySurveyOut)
def my_survey(request: HttpRequest, mentorship_id: str) -> dict[str, Any]:
    """The end-of-program survey of your pair's program: whether it is open, its questions,
    and your answer once given."""
    person, pair = me_and_pair(request, mentorship_id)
    found = survey_for(pair)
    return {
        "open": found is not None,
        "questions": QUESTIONS,
        "answer": answer_of(found, pair, person.pk) if found else None,
    }


@pair_router.post("/{mentorship_id}/survey", response={201: SurveyAnswerOut})
def answer_survey(request: HttpRequest, mentorship_id: str, payload: SurveyAnswerIn) -> Status:
    """Answer the survey once: `useful`, `goals`, `recommend` (1-5), `what_changed`, and
    `shared` (true lets the program's admins read what you wrote). 409 `no_survey`,
    `already_answered`."""
    person, pair = me_and_pair(request, mentorship_id)
    answer = services.survey_answer(mentorship=pair, author=person, **payload.dict())
    return Status(201, answer)
