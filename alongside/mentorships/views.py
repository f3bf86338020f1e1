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
from alongside.mentorships.forms import AgreementForm, ReasonForm, RequestForm
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
    if action in ("decline", "end"):
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
            "accept": "accepted",
            "decline": "declined",
            "withdraw": "withdrawn",
            "confirm": "confirmed",
            "end": "ended",
            "complete": "completed",
        }[action]
        messages.success(request, f"You {done} the mentorship.")
    return redirect("mentorship", mentorship.public_id)


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
