"""The suggestions page: a mentee's best-fitting mentors in a program where mentees
choose, each with the engine's explanation, and the request of one of them."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from alongside.lib.errors import Forbidden
from alongside.lib.forms import AccessibleForm
from alongside.lib.pages import attempt
from alongside.lib.routes import Routes
from alongside.matching.suggestions import FACTOR_NAMES, check_may_choose, suggestions_for
from alongside.mentorships import services as mentorships
from alongside.mentorships.models import MESSAGE_MAX, Mentorship, Status
from alongside.people.access import get_person_for, signed_in
from alongside.programs.access import get_program_for
from alongside.programs.models import Program

routes = Routes()

SHOWN = 5


class SuggestionRequestForm(AccessibleForm):
    mentor_id = forms.UUIDField(widget=forms.HiddenInput)
    message = forms.CharField(
        required=False,
        max_length=MESSAGE_MAX,
        label="A word to them (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _choosing(request: HttpRequest, program_id: str) -> Program:
    person = signed_in(request)
    program = get_program_for(person, program_id)
    try:
        check_may_choose(person, program)
    except Forbidden as exc:
        raise PermissionDenied(exc.detail) from None
    return program


@routes.page("programs/<str:program_id>/suggestions/", name="program_suggestions")
def suggestions(request: HttpRequest, program_id: str) -> HttpResponse:
    program = _choosing(request, program_id)
    person = signed_in(request)
    found = suggestions_for(program=program, person=person, limit=SHOWN)
    items = [
        {
            "s": s,
            "factors": [
                {"name": FACTOR_NAMES.get(k, k), "percent": round(v * 100)}
                for k, v in s.factors.items()
            ],
            "form": SuggestionRequestForm(
                initial={"mentor_id": s.mentor.public_id}, prefix=f"m{s.rank}"
            ),
        }
        for s in found
    ]
    asked = (
        Mentorship.objects.filter(
            program=program, mentee=person, status__in=(Status.REQUESTED, Status.ACTIVE)
        )
        .select_related("mentor")
        .order_by("-created_at")
    )
    context = {"program": program, "items": items, "asked": asked}
    return render(request, "matching/suggestions.html", context)


@routes.page("programs/<str:program_id>/suggestions/request/", name="program_suggestion_request")
@require_POST
def suggestion_request(request: HttpRequest, program_id: str) -> HttpResponse:
    """Ask one of the suggested mentors, through the same service as every request (the
    program's rules are checked there again)."""
    program = _choosing(request, program_id)
    person = signed_in(request)
    prefix = request.POST.get("prefix", "")
    form = SuggestionRequestForm(
        request.POST, prefix=prefix if prefix.startswith("m") and prefix[1:].isdigit() else None
    )
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label or 'Mentor'}: {' '.join(map(str, errors))}")
        return redirect("program_suggestions", program_id=program.public_id)
    mentor = get_person_for(person, form.cleaned_data["mentor_id"])
    mentorship = attempt(
        request,
        lambda: mentorships.mentorship_request(
            requester=person, mentor=mentor, program=program, message=form.cleaned_data["message"]
        ),
        said=f"Your request is on its way to {mentor.name}.",
    )
    if mentorship is not None:
        return redirect("mentorship", mentorship.public_id)
    return redirect("program_suggestions", program_id=program.public_id)
