from collections.abc import Callable
from typing import Any

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from alongside.lib.pages import act, form_page, success
from alongside.lib.routes import Routes
from alongside.mentorships import agreements, services
from alongside.mentorships.access import get_mentorship_for
from alongside.mentorships.forms import (
    AgreementForm,
    CompleteForm,
    EndForm,
    ReasonForm,
    RequestForm,
)
from alongside.mentorships.models import REOPEN_DAYS, Mentorship
from alongside.mentorships.unreachable import report_unreachable
from alongside.people.access import get_person_for, signed_in
from alongside.programs.access import get_program_for

routes = Routes()


def _pair_page(mentorship: Mentorship) -> str:
    return reverse("mentorship", args=[mentorship.public_id])


@routes.page("people/<str:person_id>/request/", name="request_mentorship")
def request_mentorship(request: HttpRequest, person_id: str) -> HttpResponse:
    """Ask someone to mentor you, or offer to mentor them (?as=mentor)."""
    me = signed_in(request)
    other = get_person_for(me, person_id)
    offer = request.GET.get("as") == "mentor" or request.POST.get("as") == "mentor"
    form = RequestForm(request.POST or None)
    context = {"other": other, "offer": offer, "form": form}
    return form_page(
        request,
        form,
        lambda: services.mentorship_request(
            requester=me,
            mentor=None if offer else other,
            mentee=other if offer else None,
            program=get_program_for(me, None),
            message=form.cleaned_data["message"],
        ),
        page=lambda status: render(request, "mentorships/request.html", context, status=status),
        done=lambda mentorship: success(
            request,
            f"Your request is on its way to {other.name}.",
            "mentorship",
            mentorship.public_id,
        ),
    )


@routes.page_re(
    r"^mentorships/(?P<mentorship_id>[^/]+)/(?P<action>accept|decline|withdraw|confirm|reopen)/$",
    name="mentorship_transition",
)
@routes.page(
    "mentorships/<str:mentorship_id>/complete/decline/",
    name="mentorship_complete_decline",
    kwargs={"action": "complete_decline"},
)
@require_POST
def transition(request: HttpRequest, mentorship_id: str, action: str) -> HttpResponse:
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    service = services.TRANSITIONS[action]
    kwargs = {}
    if action in ("decline", "complete_decline"):
        form = ReasonForm(request.POST)
        kwargs["reason"] = form.data.get("reason", "")[:5000]
    done = {
        "accept": "You accepted the mentorship.",
        "decline": "You declined the mentorship.",
        "withdraw": "You withdrew your request.",
        "confirm": "You confirmed the mentorship.",
        "complete_decline": "The mentorship goes on.",
        "reopen": "You reopened the mentorship: it is active again.",
    }[action]
    return act(
        request,
        lambda: service(mentorship=mentorship, actor=me, **kwargs),
        to=_pair_page(mentorship),
        said=done,
    )


def _closing_page(
    request: HttpRequest,
    mentorship: Mentorship,
    form: Form,
    service: Callable[..., object],
    *,
    template: str,
    said: str,
    **context: Any,
) -> HttpResponse:
    """Ending and completing: a page of their own that says what follows and asks for
    words to share (the form's one field), then back to the pair's page."""
    me = signed_in(request)
    context = {"m": mentorship, "other": mentorship.other(me), "form": form, **context}
    return form_page(
        request,
        form,
        lambda: service(mentorship=mentorship, actor=me, **form.cleaned_data),
        page=lambda status: render(request, template, context, status=status),
        done=lambda _: success(request, said, _pair_page(mentorship)),
    )


@routes.page("mentorships/<str:mentorship_id>/end/", name="mentorship_end")
def end(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    """Ending early: one-sided, after a page that says what follows and asks for the
    reason to share with the partner."""
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    form = EndForm(request.POST or None)
    said = (
        f"You ended the mentorship. {mentorship.other(me).get_short_name()} "
        f"is told, with your reason. You can reopen it within {REOPEN_DAYS} days."
    )
    return _closing_page(
        request,
        mentorship,
        form,
        services.mentorship_end,
        template="mentorships/end.html",
        said=said,
    )


@routes.page("mentorships/<str:mentorship_id>/complete/", name="mentorship_complete")
def complete(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    """Completing together: the first member proposes with a closing reflection, the
    other reads it and confirms (or declines, from the pair's page)."""
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    pending = services.pending_completion(mentorship)
    confirming = pending is not None and pending.proposed_by_id != me.pk
    form = CompleteForm(request.POST or None, confirming=confirming)
    other = mentorship.other(me).get_short_name()
    said = (
        "The mentorship is complete. Your closing summary is below."
        if confirming
        else f"You proposed completing the mentorship. {other} is told, and it is "
        f"complete once {other} confirms."
    )
    return _closing_page(
        request,
        mentorship,
        form,
        services.mentorship_complete,
        template="mentorships/complete.html",
        said=said,
        pending=pending,
        confirming=confirming,
    )


@routes.page("mentorships/<str:mentorship_id>/agreement/", name="mentorship_agreement")
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
    context = {
        "m": mentorship,
        "agreement": view,
        "form": form,
        "role": mentorship.role_of(me),
        "other": mentorship.other(me),
    }
    return form_page(
        request,
        form,
        lambda: agreements.agreement_save(mentorship=mentorship, author=me, **form.cleaned_data),
        page=lambda status: render(request, "mentorships/agreement.html", context, status=status),
        done=lambda _: success(
            request,
            "Saved. It is in force once the other person acknowledges it too.",
            "mentorship_agreement",
            mentorship.public_id,
        ),
    )


@routes.page(
    "mentorships/<str:mentorship_id>/agreement/acknowledge/",
    name="mentorship_agreement_acknowledge",
)
@require_POST
def agreement_acknowledge(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    raw = request.POST.get("number", "")
    return act(
        request,
        lambda: agreements.agreement_acknowledge(
            mentorship=mentorship, actor=me, number=int(raw) if raw.isdigit() else None
        ),
        to=reverse("mentorship_agreement", args=[mentorship.public_id]),
        said=lambda version: (
            f"You acknowledged version {version.number}."
            + (" It is now in force." if version.in_force else "")
        ),
    )


@routes.page("mentorships/<str:mentorship_id>/unreachable/", name="unreachable")
@require_POST
def unreachable(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    return act(
        request,
        lambda: report_unreachable(mentorship=mentorship, reporter=me),
        to=_pair_page(mentorship),
        said="The program's admins know, and will reach out to you both.",
    )
