"""The matching pages of a program's console: its runs, a run (totals, pairs with their
explanations, the unmatched with reasons, progress while it runs), a pair (its factors,
lock, another mentor), re-run and publish. The same services as the API."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from alongside.lib.errors import Forbidden
from alongside.lib.pages import attempt, form_page
from alongside.lib.routes import Routes
from alongside.matching import services
from alongside.matching.access import (
    get_program_to_match,
    get_run_for,
    get_run_mentee,
    get_run_pair,
)
from alongside.matching.forms import FACTOR_LABELS, RunForm, SwapForm
from alongside.matching.models import MatchingRun, RunPair, RunUnmatched
from alongside.matching.selectors import (
    alternatives,
    pair_factors,
    run_pairs,
    run_unmatched,
    runs_of,
)
from alongside.people.access import get_person_for, signed_in
from alongside.programs.models import Program

routes = Routes()
RUN = "programs/<str:program_id>/matching/<str:run_id>/"

PAIRS_PER_PAGE = 50


def _program(request: HttpRequest, program_id: str) -> Program:
    try:
        return get_program_to_match(signed_in(request), program_id)
    except Forbidden as exc:
        raise PermissionDenied(exc.detail) from None


def _run(request: HttpRequest, program_id: str, run_id: str) -> MatchingRun:
    try:
        return get_run_for(signed_in(request), program_id, run_id)
    except Forbidden as exc:
        raise PermissionDenied(exc.detail) from None


def _to_run(run: MatchingRun) -> HttpResponse:
    return redirect("matching_run", program_id=run.program.public_id, run_id=run.public_id)


def _started_message(run: MatchingRun) -> str:
    if run.status == "done":
        return f"The run matched {run.matched} mentees; {run.unmatched} are left unmatched."
    if run.status == "failed":
        return "The run failed; its page says why."
    return "The run is queued for the worker; this page shows its progress."


@routes.page("programs/<str:program_id>/matching/", name="matching_runs")
def run_list(request: HttpRequest, program_id: str) -> HttpResponse:
    """The program's runs, and the form that starts a new one."""
    program = _program(request, program_id)
    form = RunForm(request.POST) if request.method == "POST" else RunForm()

    def page(status: int) -> HttpResponse:
        runs = Paginator(runs_of(program), 20).get_page(request.GET.get("page"))
        context = {"program": program, "form": form, "page": runs}
        return render(request, "matching/run_list.html", context, status=status)

    def started(run: MatchingRun) -> HttpResponse:
        messages.success(request, _started_message(run))
        return _to_run(run)

    return form_page(
        request,
        form,
        lambda: services.matching_run(
            program=program,
            actor=signed_in(request),
            weights=form.weights(),
            fairness=form.cleaned_data["fairness"],
            floor=form.cleaned_data["floor"],
        ),
        page=page,
        done=started,
    )


@routes.page(RUN, name="matching_run")
def run_detail(request: HttpRequest, program_id: str, run_id: str) -> HttpResponse:
    run = _run(request, program_id, run_id)
    pairs = Paginator(run_pairs(run), PAIRS_PER_PAGE).get_page(request.GET.get("page"))
    unmatched = Paginator(run_unmatched(run), PAIRS_PER_PAGE).get_page(request.GET.get("upage"))
    context = {
        "program": run.program,
        "run": run,
        "pairs": pairs,
        "unmatched": unmatched,
        "factors": FACTOR_LABELS,
        "locked_count": RunPair.objects.filter(run=run, locked=True).count(),
        "refresh": not run.is_finished or (run.status == "published" and not run.published_at),
    }
    return render(request, "matching/run_detail.html", context)


@routes.page(RUN + "pairs/<str:mentee_id>/", name="matching_pair")
def pair_detail(request: HttpRequest, program_id: str, run_id: str, mentee_id: str) -> HttpResponse:
    """One mentee of the run: the pair's factors and explanation (or why they are left
    unmatched), lock, and the best other mentors to swap to."""
    run = _run(request, program_id, run_id)
    mentee = get_run_mentee(run, mentee_id)
    pair = RunPair.objects.filter(run=run, mentee=mentee).select_related("mentor").first()
    waiting = RunUnmatched.objects.filter(run=run, mentee=mentee).first()
    context = {
        "program": run.program,
        "run": run,
        "mentee": mentee,
        "pair": pair,
        "waiting": waiting,
        "factors": [
            (FACTOR_LABELS[name], value, run.weights.get(name, 1.0))
            for name, value in (pair_factors(pair) if pair else {}).items()
        ],
        "choices": alternatives(run, mentee.pk) if run.status == "done" else [],
    }
    return render(request, "matching/pair_detail.html", context)


@routes.page_re(
    r"^programs/(?P<program_id>[^/]+)/matching/(?P<run_id>[^/]+)/pairs/(?P<mentee_id>[^/]+)/"
    r"(?P<action>lock|unlock)/$",
    name="matching_pair_lock",
)
@require_POST
def pair_lock(
    request: HttpRequest, program_id: str, run_id: str, mentee_id: str, action: str
) -> HttpResponse:
    run = _run(request, program_id, run_id)
    pair = get_run_pair(run, mentee_id)
    on = action == "lock"
    attempt(
        request,
        lambda: services.run_pair_lock(run=run, actor=signed_in(request), pair=pair, locked=on),
        said=f"{pair.mentee.name} and {pair.mentor.name}: "
        + ("locked; a re-run keeps this pair." if on else "unlocked."),
    )
    back = request.POST.get("next", "")
    if back == "pair":
        return redirect(
            "matching_pair",
            program_id=run.program.public_id,
            run_id=run.public_id,
            mentee_id=pair.mentee.public_id,
        )
    return _to_run(run)


@routes.page(RUN + "pairs/<str:mentee_id>/swap/", name="matching_pair_swap")
@require_POST
def pair_swap(request: HttpRequest, program_id: str, run_id: str, mentee_id: str) -> HttpResponse:
    run = _run(request, program_id, run_id)
    mentee = get_run_mentee(run, mentee_id)
    form = SwapForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a mentor.")
    else:
        try:
            mentor = get_person_for(signed_in(request), form.cleaned_data["mentor"])
        except Http404:
            messages.error(request, "There is no such mentor.")
        else:
            attempt(
                request,
                lambda: services.run_pair_swap(
                    run=run, actor=signed_in(request), mentee=mentee, mentor=mentor
                ),
                said=f"{mentor.name} now mentors {mentee.name} in this run (locked).",
            )
    return redirect(
        "matching_pair",
        program_id=run.program.public_id,
        run_id=run.public_id,
        mentee_id=mentee.public_id,
    )


@routes.page(RUN + "rerun/", name="matching_rerun")
@require_POST
def run_rerun(request: HttpRequest, program_id: str, run_id: str) -> HttpResponse:
    run = _run(request, program_id, run_id)
    new = attempt(
        request,
        lambda: services.run_rerun(run=run, actor=signed_in(request)),
        said="A new run keeps the locked pairs.",
    )
    return _to_run(new) if new is not None else _to_run(run)


@routes.page(RUN + "publish/", name="matching_publish")
@require_POST
def run_publish(request: HttpRequest, program_id: str, run_id: str) -> HttpResponse:
    run = _run(request, program_id, run_id)
    attempt(
        request,
        lambda: services.run_publish(run=run, actor=signed_in(request)),
        said="Published: each pair is proposed to its mentee and mentor, who both confirm.",
    )
    return _to_run(run)
