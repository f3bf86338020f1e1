import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone as tz
from ninja import Query, Router, Status
from pydantic import Field

from alongside.lib.pagination import paginate
from alongside.lib.schemas import EmptyIn, PageQuery
from alongside.meetings import calendar, services
from alongside.meetings.access import get_action_item_for, get_agenda_item_for, get_meeting_for
from alongside.meetings.models import ActionItem, AgendaItem, Meeting, Note
from alongside.meetings.schemas import (
    ActionItemIn,
    ActionItemList,
    ActionItemOut,
    AgendaIn,
    AgendaOut,
    CalendarOut,
    CancelIn,
    FeedbackIn,
    FeedbackOut,
    MeetingDetail,
    MeetingIn,
    MeetingList,
    MeetingPatch,
    NoteIn,
    NoteOut,
    NotePage,
    PromptPage,
)
from alongside.meetings.selectors import (
    meeting_view_for,
    meetings_for,
    my_action_items,
    notes_visible_to,
    prompt_by_id,
    prompts_by_topic,
)
from alongside.mentorships.access import get_mentorship_for, me_and_pair
from alongside.people.access import get_person_for
from alongside.people.api import me
from alongside.people.models import Person

mentorship_meetings = Router()
router = Router()
me_router = Router()


def detail(meeting: Meeting, viewer: Person) -> Meeting:
    """The meeting as `viewer` may see it: never the other member's private notes."""
    seen = meeting_view_for(meeting, viewer)
    meeting.agenda_items = seen.agenda  # type: ignore[attr-defined]
    meeting.carried_forward = seen.carried  # type: ignore[attr-defined]
    meeting.visible_notes = seen.notes  # type: ignore[attr-defined]
    meeting.open_action_items = seen.action_items  # type: ignore[attr-defined]
    meeting.feedback_state = seen.feedback  # type: ignore[attr-defined]
    return meeting


class MeetingDetailOut(MeetingDetail):
    @staticmethod
    def resolve_agenda(obj: Meeting) -> list[AgendaItem]:
        return obj.agenda_items  # type: ignore[attr-defined]

    @staticmethod
    def resolve_notes(obj: Meeting) -> list[Note]:
        return obj.visible_notes  # type: ignore[attr-defined]

    @staticmethod
    def resolve_feedback(obj: Meeting) -> Any:
        return obj.feedback_state  # type: ignore[attr-defined]


class MeetingQuery(PageQuery):
    upcoming: bool | None = Field(None, description="true: not ended yet; false: past ones.")


@mentorship_meetings.post("/{mentorship_id}/meetings", response={201: MeetingDetailOut})
def schedule(request: HttpRequest, mentorship_id: str, payload: MeetingIn) -> Status:
    """Schedule a meeting, or a series with `repeat_every_days` and `repeat_until`."""
    person, mentorship = me_and_pair(request, mentorship_id)
    meetings = services.meeting_schedule(mentorship=mentorship, organizer=person, **payload.dict())
    return Status(201, detail(meetings[0], person))


@mentorship_meetings.get("/{mentorship_id}/meetings", response=MeetingList)
def list_meetings(
    request: HttpRequest, mentorship_id: str, filters: Query[MeetingQuery]
) -> dict[str, Any]:
    mentorship = get_mentorship_for(me(request), mentorship_id)
    found = meetings_for(mentorship).select_related("mentorship", "series", "organizer")
    if filters.upcoming is True:
        found = found.filter(starts_at__gte=tz.now() - dt.timedelta(hours=8))
    elif filters.upcoming is False:
        found = found.filter(starts_at__lt=tz.now()).order_by("-starts_at", "-pk")
    return paginate(found, filters)


@router.get("/meetings/{meeting_id}", response=MeetingDetailOut)
def read_meeting(request: HttpRequest, meeting_id: str) -> Meeting:
    person = me(request)
    return detail(get_meeting_for(person, meeting_id), person)


@router.patch("/meetings/{meeting_id}", response=MeetingDetailOut)
def update_meeting(request: HttpRequest, meeting_id: str, payload: MeetingPatch) -> Meeting:
    """Reschedule or edit; the calendar SEQUENCE grows with every change."""
    person = me(request)
    meeting = get_meeting_for(person, meeting_id)
    changes = payload.dict(exclude_unset=True)  # an explicit null is refused by the service
    meeting = services.meeting_update(meeting=meeting, actor=person, **changes)
    return detail(meeting, person)


@router.post("/meetings/{meeting_id}/cancel", response=MeetingDetailOut)
def cancel(request: HttpRequest, meeting_id: str, payload: CancelIn) -> Meeting:
    person = me(request)
    meeting = services.meeting_cancel(
        meeting=get_meeting_for(person, meeting_id), actor=person, note=payload.note
    )
    return detail(meeting, person)


@router.get("/meetings/{meeting_id}/ics", response={200: None})
def ics(request: HttpRequest, meeting_id: str) -> HttpResponse:
    """The meeting as an RFC 5545 calendar file."""
    return calendar.ics_file(get_meeting_for(me(request), meeting_id))


@router.post("/meetings/{meeting_id}/agenda", response={201: AgendaOut})
def add_agenda(request: HttpRequest, meeting_id: str, payload: AgendaIn) -> Status:
    """Add `text`, or pull an open-ended prompt from the bank with `prompt_id`."""
    person = me(request)
    meeting = get_meeting_for(person, meeting_id)
    prompt = prompt_by_id(payload.prompt_id) if payload.prompt_id is not None else None
    item = services.agenda_add(meeting=meeting, author=person, text=payload.text, prompt=prompt)
    return Status(201, item)


@router.post("/agenda/{agenda_item_id}/cover", response=AgendaOut)
def cover(request: HttpRequest, agenda_item_id: str, payload: EmptyIn | None = None) -> AgendaItem:
    """Mark an agenda item covered; uncovered ones carry forward to the next meeting."""
    person = me(request)
    return services.agenda_cover(item=get_agenda_item_for(person, agenda_item_id), actor=person)


@router.post("/meetings/{meeting_id}/notes", response={201: NoteOut})
def add_note(request: HttpRequest, meeting_id: str, payload: NoteIn) -> Status:
    """A `shared` note both see, or a `private` one only you will ever see."""
    person = me(request)
    meeting = get_meeting_for(person, meeting_id)
    note = services.note_add(meeting=meeting, author=person, **payload.dict())
    return Status(201, note)


@router.get("/meetings/{meeting_id}/notes", response=NotePage)
def notes(request: HttpRequest, meeting_id: str, q: Query[PageQuery]) -> dict[str, Any]:
    person = me(request)
    return paginate(notes_visible_to(get_meeting_for(person, meeting_id), person), q)


@router.post("/meetings/{meeting_id}/action-items", response={201: ActionItemOut})
def add_action_item(request: HttpRequest, meeting_id: str, payload: ActionItemIn) -> Status:
    person = me(request)
    meeting = get_meeting_for(person, meeting_id)
    owner = get_person_for(person, payload.owner_id)
    item = services.action_item_add(
        meeting=meeting, author=person, text=payload.text, owner=owner, due_on=payload.due_on
    )
    return Status(201, item)


@router.post("/action-items/{item_id}/complete", response=ActionItemOut)
def complete_action_item(
    request: HttpRequest, item_id: str, payload: EmptyIn | None = None
) -> ActionItem:
    person = me(request)
    return services.action_item_complete(item=get_action_item_for(person, item_id), actor=person)


@router.post("/meetings/{meeting_id}/feedback", response={201: FeedbackOut})
def give_feedback(request: HttpRequest, meeting_id: str, payload: FeedbackIn) -> Status:
    """Rate the meeting. The other member sees it once they answered too, or after 7 days."""
    person = me(request)
    meeting = get_meeting_for(person, meeting_id)
    return Status(201, services.feedback_give(meeting=meeting, author=person, **payload.dict()))


class PromptQuery(PageQuery):
    topic: str = Field("", max_length=40)


@router.get("/prompts", response=PromptPage)
def prompts(request: HttpRequest, q: Query[PromptQuery]) -> dict[str, Any]:
    """The bank of open-ended conversation prompts, by topic."""
    return paginate(prompts_by_topic(q.topic), q)


class MyItemsQuery(PageQuery):
    include_done: bool = False


@me_router.get("/action-items", response=ActionItemList)
def mine(request: HttpRequest, filters: Query[MyItemsQuery]) -> dict[str, Any]:
    """Your open action items across all your active mentorships."""
    found = my_action_items(me(request), include_done=filters.include_done)
    return paginate(found, filters)


@me_router.get("/calendar", response=CalendarOut)
def calendar_url(request: HttpRequest) -> dict[str, str]:
    """Your secret calendar feed URL (subscribe to it in any calendar app).

    Each event names the pair, with both email addresses, as organizer and attendee."""
    return {"url": calendar.feed_url(me(request))}


@me_router.post("/calendar/reset", response=CalendarOut)
def calendar_reset(request: HttpRequest, payload: EmptyIn | None = None) -> dict[str, str]:
    """A new secret feed URL; the old one stops working at once."""
    return {"url": calendar.feed_reset(me(request))}
