from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from alongside.lib.errors import ServiceError
from alongside.lib.forms import add_service_errors
from alongside.mentorships import agreements, services
from alongside.mentorships.access import get_mentorship_for
from alongside.mentorships.forms import (
    AgreementForm,
    CompleteForm,
    EndForm,
    ReasonForm,
    RequestForm,
)
from alongside.mentorships.models import REOPEN_DAYS
from alongside.mentorships.unreachable import report_unreachable
from alongside.people.access import get_person_for, signed_in
from alongside.programs.access import get_program_for


@login_required
def request_mentorship(request: HttpRequest, person_id: str) -> HttpResponse:
    """Ask someone to mentor you, or offer to mentor them (?as=mentor)."""
    me = signed_in(request)
    other = get_person_for(me, person_id)
    offer = request.GET.get("as") == "mentor" or request.POST.get("as") == "mentor"
    form = RequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                mentorship = services.mentorship_request(
                    requester=me,
                    mentor=None if offer else other,
                    mentee=other if offer else None,
                    program=get_program_for(me, None),
                    message=form.cleaned_data["message"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            except ServiceError as exc:
                form.add_error(None, exc.detail)
                status = exc.status
            else:
                messages.success(request, f"Your request is on its way to {other.name}.")
                return redirect("mentorship", mentorship.public_id)
    context = {"other": other, "offer": offer, "form": form}
    return render(request, "mentorships/request.html", context, status=status)


@login_required
@require_POST
def transition(request: HttpRequest, mentorship_id: str, action: str) -> HttpResponse:
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    service = services.TRANSITIONS[action]
    kwargs = {}
    if action in ("decline", "complete_decline"):
        form = ReasonForm(request.POST)
        kwargs["reason"] = form.data.get("reason", "")[:5000]
    try:
        service(mentorship=mentorship, actor=me, **kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except ServiceError as exc:
        messages.error(request, exc.detail)
    else:
        done = {
            "accept": "You accepted the mentorship.",
            "decline": "You declined the mentorship.",
            "withdraw": "You withdrew your request.",
            "confirm": "You confirmed the mentorship.",
            "complete_decline": "The mentorship goes on.",
            "reopen": "You reopened the mentorship: it is active again.",
        }[action]
        messages.success(request, done)
    return redirect("mentorship", mentorship.public_id)


@login_required
def end(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    """Ending early: one-sided, after a page that says what follows and asks for the
    reason to share with the partner."""
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    form = EndForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.mentorship_end(
                    mentorship=mentorship, actor=me, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            except ServiceError as exc:
                form.add_error(None, exc.detail)
                status = exc.status
            else:
                messages.success(
                    request,
                    f"You ended the mentorship. {mentorship.other(me).get_short_name()} "
                    f"is told, with your reason. You can reopen it within {REOPEN_DAYS} days.",
                )
                return redirect("mentorship", mentorship.public_id)
    context = {"m": mentorship, "other": mentorship.other(me), "form": form}
    return render(request, "mentorships/end.html", context, status=status)


@login_required
def complete(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    """Completing together: the first member proposes with a closing reflection, the
    other reads it and confirms (or declines, from the pair's page)."""
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    pending = services.pending_completion(mentorship)
    confirming = pending is not None and pending.proposed_by_id != me.pk
    form = CompleteForm(request.POST or None, confirming=confirming)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.mentorship_complete(
                    mentorship=mentorship, actor=me, reflection=form.cleaned_data["reflection"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            except ServiceError as exc:
                form.add_error(None, exc.detail)
                status = exc.status
            else:
                other = mentorship.other(me).get_short_name()
                messages.success(
                    request,
                    "The mentorship is complete. Your closing summary is below."
                    if confirming
                    else f"You proposed completing the mentorship. {other} is told, and it is "
                    f"complete once {other} confirms.",
                )
                return redirect("mentorship", mentorship.public_id)
    context = {
        "m": mentorship,
        "other": mentorship.other(me),
        "form": form,
        "pending": pending,
        "confirming": confirming,
    }
    return render(request, "mentorships/complete.html", context, status=status)


@login_required
def agreement(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    view = agreements.agreement_for(mentorship)
    defaults = {
        "meeting_every_days": mentorship.mentee.meeting_every_days,
        "channel": mentorship.mentee.channel,
        "meeting_minutes": mentorship.mentee.meeting_minutes,
    }
    form = AgreementForm.for_version(
        view.latest,
        defaults,
        request.POST or None,
        mentee_name=mentorship.mentee.get_short_name(),
        mentor_name=mentorship.mentor.get_short_name(),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                agreements.agreement_save(mentorship=mentorship, author=me, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            except ServiceError as exc:
                form.add_error(None, exc.detail)
                status = exc.status
            else:
                messages.success(
                    request, "Saved. It is in force once the other person acknowledges it too."
                )
                return redirect("mentorship_agreement", mentorship.public_id)
    context = {
        "m": mentorship,
        "agreement": view,
        "form": form,
        "role": mentorship.role_of(me),
        "other": mentorship.other(me),
    }
    return render(request, "mentorships/agreement.html", context, status=status)


@login_required
@require_POST
def agreement_acknowledge(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    try:
        raw = request.POST.get("number", "")
        version = agreements.agreement_acknowledge(
            mentorship=mentorship, actor=me, number=int(raw) if raw.isdigit() else None
        )
    except ServiceError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(
            request,
            f"You acknowledged version {version.number}."
            + (" It is now in force." if version.in_force else ""),
        )
    return redirect("mentorship_agreement", mentorship.public_id)


@login_required
@require_POST
def unreachable(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    try:
        report_unreachable(mentorship=mentorship, reporter=me)
    except ServiceError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, "The program's admins know, and will reach out to you both.")
    return redirect("mentorship", mentorship.public_id)
