"""The admins' insights pages (dashboard, pairs at risk, exports, the survey's sending) and
the survey page of a pair's member."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from alongside.insights import charts, services
from alongside.insights.access import get_program_insights_for, get_program_pair_for
from alongside.insights.at_risk import at_risk, with_details
from alongside.insights.audit import record_admin_action
from alongside.insights.exports import export
from alongside.insights.filters import default_filters, filters_from
from alongside.insights.forms import EndForm, SurveyForm
from alongside.insights.health import FORMULA
from alongside.insights.models import QUESTIONS
from alongside.insights.selectors import (
    K,
    answer_of,
    dashboard_cached,
    filter_choices,
    survey_for,
    survey_results,
)
from alongside.lib.errors import Forbidden, ServiceError
from alongside.lib.http import download
from alongside.lib.pages import act, form_page, success
from alongside.lib.routes import Routes
from alongside.mentorships.access import get_mentorship_for
from alongside.people.access import signed_in
from alongside.programs.models import Program

routes = Routes()


def _program(request: HttpRequest, program_id: str) -> Program:
    try:
        return get_program_insights_for(signed_in(request), program_id)
    except Forbidden as exc:
        raise PermissionDenied(exc.detail) from None


def _filters(request: HttpRequest) -> tuple[Any, dict[str, list[str]]]:
    try:
        return (
            filters_from(
                since=request.GET.get("since"),
                until=request.GET.get("until"),
                department=request.GET.get("department", ""),
                cohort=request.GET.get("cohort", ""),
            ),
            {},
        )
    except ValidationError as exc:
        return default_filters(), exc.message_dict


@routes.page("programs/<str:program_id>/insights/", name="insights")
def insights_page(request: HttpRequest, program_id: str) -> HttpResponse:
    program = _program(request, program_id)
    filters, errors = _filters(request)
    dash = dashboard_cached(program, filters)
    departments, cohorts = filter_choices(program)
    survey = survey_results(program)
    context = {
        "program": program,
        "dash": dash,
        "errors": errors,
        "departments": departments,
        "cohorts": cohorts,
        "k": K,
        "survey": survey,
        "questions": [(QUESTIONS[name], survey.averages[name]) for name in QUESTIONS],
        "query": "&".join(f"{k}={v}" for k, v in filters.query().items()),
        "meetings_svg": mark_safe(charts.meetings_chart(dash)),  # noqa: S308 - escaped by lib.svg
        "checkins_svg": mark_safe(charts.checkins_chart(dash)),  # noqa: S308
        "skills_svg": mark_safe(charts.skills_chart(dash)),  # noqa: S308
        "months": charts.month_rows(dash),
    }
    return render(request, "insights/dashboard.html", context, status=400 if errors else 200)


@routes.page("programs/<str:program_id>/at-risk/", name="insights_at_risk")
def at_risk_page(request: HttpRequest, program_id: str) -> HttpResponse:
    program = _program(request, program_id)
    page = Paginator(at_risk(program), 50).get_page(request.GET.get("page"))
    page.object_list = with_details(list(page.object_list))
    context = {"program": program, "page": page, "formula": FORMULA, "end_form": EndForm()}
    return render(request, "insights/at_risk.html", context)


@routes.page_re(
    r"^programs/(?P<program_id>[^/]+)/pairs/(?P<mentorship_id>[^/]+)/"
    r"(?P<action>nudge|rematch|end)/$",
    name="insights_pair_action",
)
@require_POST
def pair_action(
    request: HttpRequest, program_id: str, mentorship_id: str, action: str
) -> HttpResponse:
    person = signed_in(request)
    try:
        program, pair = get_program_pair_for(person, program_id, mentorship_id)
    except Forbidden as exc:
        raise PermissionDenied(exc.detail) from None
    names = f"{pair.mentor.name} and {pair.mentee.name}"
    try:
        if action == "nudge":
            services.pair_nudge(program=program, mentorship=pair, actor=person)
            messages.success(request, f"{names} are reminded to meet again.")
        elif action == "rematch":
            services.pair_offer_rematch(program=program, mentorship=pair, actor=person)
            messages.success(request, f"{pair.mentee.name} is offered a new match.")
        else:
            form = EndForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Choose why the pair ends.")
                return redirect("insights_at_risk", program_id=program.public_id)
            services.pair_end(
                program=program, mentorship=pair, actor=person, reason=form.cleaned_data["reason"]
            )
            messages.success(request, f"The mentorship of {names} is ended; both are told.")
    except ServiceError as exc:
        messages.error(request, exc.detail)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("insights_at_risk", program_id=program.public_id)


@routes.page_re(
    r"^programs/(?P<program_id>[^/]+)/exports/"
    r"(?P<kind>participants|pairs|aggregates)\.(?P<fmt>csv|xlsx)$",
    name="insights_export",
)
def export_file(request: HttpRequest, program_id: str, kind: str, fmt: str) -> HttpResponse:
    program = _program(request, program_id)
    filters, errors = _filters(request)
    if errors:
        return HttpResponse(
            "Bad filters: " + "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    content, name, content_type = export(program, kind, fmt, filters)
    record_admin_action(actor=signed_in(request), program=program, action="export", kind=kind)
    return download(content, filename=name, content_type=content_type)


@routes.page("programs/<str:program_id>/survey/send/", name="survey_send")
@require_POST
def survey_send_page(request: HttpRequest, program_id: str) -> HttpResponse:
    program = _program(request, program_id)
    return act(
        request,
        lambda: services.survey_send(program=program, actor=signed_in(request)),
        to=reverse("insights", kwargs={"program_id": program.public_id}),
        said=lambda sent: f"The survey is sent: {sent[1]} people were told.",
    )


@routes.page("mentorships/<str:mentorship_id>/survey/", name="survey")
def survey_page(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    """A member's end-of-program survey for their pair."""
    person = signed_in(request)
    pair = get_mentorship_for(person, mentorship_id)
    survey = survey_for(pair)
    answer = answer_of(survey, pair, person.pk) if survey else None
    form = SurveyForm(request.POST if request.method == "POST" else None)
    context = {"m": pair, "survey": survey, "answer": answer, "form": form}
    if request.method == "POST" and survey is None:
        form.add_error(None, "There is no survey for this mentorship.")
        return render(request, "insights/survey.html", context, status=409)
    return form_page(
        request,
        form,
        lambda: services.survey_answer(mentorship=pair, author=person, **form.cleaned_data),
        page=lambda status: render(request, "insights/survey.html", context, status=status),
        done=lambda _: success(
            request,
            "Thank you: your answer is saved.",
            "survey",
            mentorship_id=pair.public_id,
        ),
    )
