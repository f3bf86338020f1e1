from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone as tz
from django.views.decorators.http import require_POST

from alongside.lib.pages import FormsPage, act, form_page, success
from alongside.lib.routes import Routes
from alongside.meetings import calendar, services
from alongside.meetings.access import get_action_item_for, get_agenda_item_for, get_meeting_for
from alongside.meetings.forms import (
    ActionItemForm,
    AgendaForm,
    CancelForm,
    FeedbackForm,
    MeetingForm,
    NoteForm,
    ScheduleForm,
    local_start_default,
)
from alongside.meetings.models import ActionItem, Meeting, MeetingStatus
from alongside.meetings.selectors import (
    done_action_items,
    meeting_view_for,
    prompt_by_id,
    upcoming_for,
)
from alongside.mentorships.access import get_mentorship_for
from alongside.mentorships.agreements import agreement_for
from alongside.people.access import get_person_for, signed_in
from alongside.people.models import Person

routes = Routes()


@routes.page("mentorships/<str:mentorship_id>/meetings/new/", name="meeting_new")
def schedule(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    in_force = agreement_for(mentorship).in_force
    initial = {
        "starts_at": local_start_default(tz.localtime()),
        "minutes": in_force.meeting_minutes if in_force else me.meeting_minutes,
        "repeat_every_days": in_force.meeting_every_days if in_force else me.meeting_every_days,
        "repeat_until": in_force.ends_on if in_force else None,
    }
    form = ScheduleForm(request.POST or None, initial=initial)

    def scheduled(meetings: list[Meeting]) -> HttpResponse:
        said = (
            "Meeting scheduled." if len(meetings) == 1 else f"{len(meetings)} meetings scheduled."
        )
        said += f" {mentorship.other(me).name} gets an email with the calendar file."
        return success(request, said, "meeting", meetings[0].public_id)

    context = {"m": mentorship, "form": form, "in_force": in_force}
    return form_page(
        request,
        form,
        lambda: services.meeting_schedule(
            mentorship=mentorship, organizer=me, **form.schedule_kwargs()
        ),
        page=lambda status: render(request, "meetings/schedule.html", context, status=status),
        done=scheduled,
    )


def _meeting_page(
    request: HttpRequest, meeting: Meeting, *, status: int = 200, **forms: Any
) -> HttpResponse:
    me = signed_in(request)
    m = meeting.mentorship
    seen = meeting_view_for(meeting, me)
    context = {
        "meeting": meeting,
        "m": m,
        "other": m.other(me),
        "agenda": seen.agenda,
        "carried": seen.carried,
        "notes": seen.notes,
        "action_items": seen.action_items,
        "done_items": done_action_items(meeting),
        "feedback": seen.feedback,
        "active": m.status == "active" and meeting.status == MeetingStatus.SCHEDULED,
        "ended": meeting.has_ended(),
        "started": meeting.has_started(),
        "details_form": forms.pop("details_form", None)
        or MeetingForm(
            initial={
                "starts_at": tz.localtime(meeting.starts_at),
                "minutes": meeting.minutes,
                "title": meeting.title,
                "place": meeting.place,
            }
        ),
        "cancel_form": forms.pop("cancel_form", None) or CancelForm(),
        "agenda_form": forms.pop("agenda_form", None) or AgendaForm(),
        "note_form": forms.pop("note_form", None) or NoteForm(),
        "action_form": forms.pop("action_form", None) or ActionItemForm(mentorship=m),
        "feedback_form": forms.pop("feedback_form", None) or FeedbackForm(),
        **forms,
    }
    return render(request, "meetings/meeting.html", context, status=status)


MEETING_PAGE = FormsPage(
    _meeting_page, url=lambda meeting: reverse("meeting", args=[meeting.public_id])
)


@routes.page("meetings/<str:meeting_id>/", name="meeting")
def meeting_detail(request: HttpRequest, meeting_id: str) -> HttpResponse:
    return _meeting_page(request, get_meeting_for(signed_in(request), meeting_id))


@routes.page("meetings/<str:meeting_id>/meeting.ics", name="meeting_ics")
def meeting_ics(request: HttpRequest, meeting_id: str) -> HttpResponse:
    return calendar.ics_file(get_meeting_for(signed_in(request), meeting_id))


@routes.page("meetings/<str:meeting_id>/edit/", name="meeting_edit")
@require_POST
def reschedule(request: HttpRequest, meeting_id: str) -> HttpResponse:
    me = signed_in(request)
    meeting = get_meeting_for(me, meeting_id)
    form = MeetingForm(request.POST)
    return MEETING_PAGE.post(
        request,
        meeting,
        lambda: services.meeting_update(meeting=meeting, actor=me, **form.cleaned_data),
        details_form=form,
        open_details=True,
        said="Meeting updated; calendars will follow.",
    )


@routes.page("meetings/<str:meeting_id>/cancel/", name="meeting_cancel")
@require_POST
def cancel(request: HttpRequest, meeting_id: str) -> HttpResponse:
    me = signed_in(request)
    meeting = get_meeting_for(me, meeting_id)
    form = CancelForm(request.POST)
    return MEETING_PAGE.post(
        request,
        meeting,
        lambda: services.meeting_cancel(meeting=meeting, actor=me, **form.cleaned_data),
        cancel_form=form,
        said="Meeting cancelled.",
    )


@routes.page("meetings/<str:meeting_id>/agenda/", name="agenda_add")
@require_POST
def agenda_add(request: HttpRequest, meeting_id: str) -> HttpResponse:
    me = signed_in(request)
    meeting = get_meeting_for(me, meeting_id)
    form = AgendaForm(request.POST)
    return MEETING_PAGE.post(
        request,
        meeting,
        lambda: services.agenda_add(
            meeting=meeting,
            author=me,
            text=form.cleaned_data["text"],
            prompt=prompt_by_id(form.cleaned_data["prompt"])
            if form.cleaned_data["prompt"]
            else None,
        ),
        agenda_form=form,
        said="Added to the agenda.",
        anchor="agenda",
    )


@routes.page("agenda/<str:item_id>/cover/", name="agenda_cover")
@require_POST
def agenda_cover(request: HttpRequest, item_id: str) -> HttpResponse:
    me = signed_in(request)
    item = get_agenda_item_for(me, item_id)
    into = request.POST.get("meeting")
    meeting = get_meeting_for(me, into) if into else None
    if meeting is not None and meeting.mentorship_id != item.meeting.mentorship_id:
        raise Http404
    return act(
        request,
        lambda: services.agenda_cover(item=item, actor=me, meeting=meeting),
        to=MEETING_PAGE.url(meeting or item.meeting) + "#agenda",
    )


@routes.page("meetings/<str:meeting_id>/notes/", name="note_add")
@require_POST
def note_add(request: HttpRequest, meeting_id: str) -> HttpResponse:
    me = signed_in(request)
    meeting = get_meeting_for(me, meeting_id)
    form = NoteForm(request.POST)
    return MEETING_PAGE.post(
        request,
        meeting,
        lambda: services.note_add(meeting=meeting, author=me, **form.cleaned_data),
        note_form=form,
        said=lambda note: (
            "Your note is saved"
            + (
                f"; {meeting.mentorship.other(me).get_short_name()} can read it."
                if note.visibility == "shared"
                else ", for you alone."
            )
        ),
        anchor="notes",
    )


@routes.page("meetings/<str:meeting_id>/action-items/", name="action_add")
@require_POST
def action_item_add(request: HttpRequest, meeting_id: str) -> HttpResponse:
    me = signed_in(request)
    meeting = get_meeting_for(me, meeting_id)
    form = ActionItemForm(request.POST, mentorship=meeting.mentorship)

    def added(item: ActionItem) -> str:
        whose = "yours" if item.owner_id == me.pk else f"{item.owner.get_short_name()}'s"
        return f"Action item added: it is {whose}."

    return MEETING_PAGE.post(
        request,
        meeting,
        lambda: services.action_item_add(
            meeting=meeting,
            author=me,
            text=form.cleaned_data["text"],
            owner=get_person_for(me, form.cleaned_data["owner"]),
            due_on=form.cleaned_data["due_on"],
        ),
        action_form=form,
        said=added,
        anchor="actions",
    )


@routes.page("action-items/<str:item_id>/complete/", name="action_done")
@require_POST
def action_item_complete(request: HttpRequest, item_id: str) -> HttpResponse:
    me = signed_in(request)
    item = get_action_item_for(me, item_id)
    back = request.POST.get("next", "")
    return act(
        request,
        lambda: services.action_item_complete(item=item, actor=me),
        to=back if back in ("/",) else MEETING_PAGE.url(item.meeting) + "#actions",
    )


@routes.page("meetings/<str:meeting_id>/feedback/", name="feedback_give")
@require_POST
def feedback_give(request: HttpRequest, meeting_id: str) -> HttpResponse:
    me = signed_in(request)
    meeting = get_meeting_for(me, meeting_id)
    form = FeedbackForm(request.POST)
    return MEETING_PAGE.post(
        request,
        meeting,
        lambda: services.feedback_give(meeting=meeting, author=me, **form.cleaned_data),
        feedback_form=form,
        said="Thank you for your feedback.",
        anchor="feedback",
    )


@routes.page("calendar/", name="calendar")
def calendar_page(request: HttpRequest) -> HttpResponse:
    me = signed_in(request)
    if request.method == "POST":
        calendar.feed_reset(me)
        messages.success(request, "A new feed address is ready; the old one no longer works.")
        return redirect("calendar")
    url = calendar.feed_url(me)
    context = {
        "url": url,
        # Calendar apps open webcal:// addresses as a subscription, not a one-off import.
        "webcal": "webcal://" + url.split("://", 1)[1],
        "upcoming": upcoming_for(me),
    }
    return render(request, "meetings/calendar.html", context)


@routes.page("calendar/<str:person_id>/<str:token>.ics", name="calendar_feed", public=True)
def calendar_feed(request: HttpRequest, person_id: str, token: str) -> HttpResponse:
    """The secret feed: no sign-in, the token is the key. A wrong or old token is a 404."""
    try:
        person = Person.objects.get(public_id=person_id, is_active=True)
    except (Person.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None
    if not calendar.feed_token_valid(person, token):
        raise Http404
    return HttpResponse(calendar.feed_ics(person), content_type=calendar.ICS)
