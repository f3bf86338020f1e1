import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from alongside.growth import services, services_edit
from alongside.growth.access import get_checkin_for, get_journal_entry_for, get_resource_for
from alongside.growth.models import Appreciation, CheckIn, JournalEntry
from alongside.growth.schemas import (
    AppreciationIn,
    AppreciationOut,
    AppreciationPage,
    CelebrationIn,
    CelebrationOut,
    CelebrationPage,
    CheckInIn,
    CheckInOut,
    CheckInPage,
    GrowthOut,
    JournalIn,
    JournalOut,
    JournalPage,
    JournalPatch,
    ReplyIn,
    ResourceIn,
    ResourceOut,
    ResourcePage,
    ResponseIn,
    SkillsIn,
    SkillsOut,
    TimelineKind,
    TimelinePage,
)
from alongside.growth.selectors import checkins_for, growth_for, resources_matching
from alongside.growth.skills import Tracked, skills_choose, tracked_skills_for
from alongside.growth.views_edit import JOURNAL
from alongside.lib.edit_pages import api_delete, api_edit
from alongside.lib.pagination import paginate
from alongside.lib.schemas import EmptyIn, PageQuery
from alongside.mentorships.access import get_mentorship_for, me_and_pair
from alongside.mentorships.models import Celebration
from alongside.mentorships.timeline import timeline_page
from alongside.people.api import me

pair_router = Router()
router = Router()
journal_router = Router()


@pair_router.post("/{mentorship_id}/checkins", response={201: CheckInOut})
def create_checkin(request: HttpRequest, mentorship_id: str, payload: CheckInIn) -> Status:
    """The mentee's check-in: wins, challenges, confidence per skill (1-5), feeling (1-5)."""
    person, mentorship = me_and_pair(request, mentorship_id)
    data = payload.dict()
    checkin = services.checkin_create(mentorship=mentorship, author=person, **data)
    return Status(201, checkin)


@pair_router.get("/{mentorship_id}/skills", response=SkillsOut)
def tracked_skills(request: HttpRequest, mentorship_id: str) -> Tracked:
    """The skills the mentee's check-ins ask about; until the mentee chooses, those rated in
    the last check-in and the titles of the goals."""
    return tracked_skills_for(get_mentorship_for(me(request), mentorship_id))


@pair_router.put("/{mentorship_id}/skills", response=SkillsOut)
def choose_skills(request: HttpRequest, mentorship_id: str, payload: SkillsIn) -> Tracked:
    """The mentee chooses the skills their check-ins ask about (the mentor may not: 403)."""
    person, mentorship = me_and_pair(request, mentorship_id)
    return skills_choose(mentorship=mentorship, author=person, skills=payload.skills)


@pair_router.get("/{mentorship_id}/checkins", response=CheckInPage)
def list_checkins(request: HttpRequest, mentorship_id: str, q: Query[PageQuery]) -> dict[str, Any]:
    mentorship = get_mentorship_for(me(request), mentorship_id)
    return paginate(checkins_for(mentorship), q)


@router.post("/checkins/{checkin_id}/reply", response=CheckInOut)
def reply(request: HttpRequest, checkin_id: str, payload: ReplyIn) -> CheckIn:
    """The mentor replies to a check-in."""
    person = me(request)
    return services.checkin_reply(
        checkin=get_checkin_for(person, checkin_id), author=person, reply=payload.reply
    )


class GrowthQuery(Schema):
    since: dt.date | None = Field(None, description="Default: the start of the mentorship.")
    until: dt.date | None = Field(None, description="Default: today.")


@pair_router.get("/{mentorship_id}/growth", response=GrowthOut)
def growth(request: HttpRequest, mentorship_id: str, q: Query[GrowthQuery]) -> dict[str, Any]:
    """Then vs now: first, latest and change per skill; goals, milestones, meetings by month."""
    mentorship = get_mentorship_for(me(request), mentorship_id)
    g = growth_for(mentorship, since=q.since, until=q.until)

    def words(c: CheckIn | None) -> dict[str, Any] | None:
        if c is None:
            return None
        return {
            "date": c.created_at.date(),
            "wins": c.wins,
            "challenges": c.challenges,
            "feeling": c.feeling,
        }

    return {
        "since": g.since,
        "until": g.until,
        "skills": [
            {
                "skill": s.skill,
                "first": s.first,
                "latest": s.latest,
                "change": s.change,
                "series": [{"date": d, "level": v} for d, v in s.series],
            }
            for s in g.skills
        ],
        "feeling": [{"date": d, "level": v} for d, v in g.feeling],
        "goals_achieved": [{"month": m, "count": n} for m, n in g.goals_achieved],
        "milestones_completed": [{"month": m, "count": n} for m, n in g.milestones_completed],
        "meetings_held": [{"month": m, "count": n} for m, n in g.meetings_held],
        "totals": g.totals,
        "then": words(g.then),
        "now": words(g.now),
    }


@pair_router.post("/{mentorship_id}/appreciations", response={201: AppreciationOut})
def appreciate(request: HttpRequest, mentorship_id: str, payload: AppreciationIn) -> Status:
    """A thank-you note to the other member; shown on the timeline and emailed."""
    person, mentorship = me_and_pair(request, mentorship_id)
    return Status(
        201,
        services.appreciation_send(mentorship=mentorship, author=person, message=payload.message),
    )


@pair_router.get("/{mentorship_id}/appreciations", response=AppreciationPage)
def appreciations(request: HttpRequest, mentorship_id: str, q: Query[PageQuery]) -> dict[str, Any]:
    mentorship = get_mentorship_for(me(request), mentorship_id)
    return paginate(Appreciation.objects.filter(mentorship=mentorship).select_related("author"), q)


@pair_router.post("/{mentorship_id}/resources", response={201: ResourceOut})
def share(request: HttpRequest, mentorship_id: str, payload: ResourceIn) -> Status:
    """Share a link, an article or an idea, with a note."""
    person, mentorship = me_and_pair(request, mentorship_id)
    return Status(
        201, services.resource_share(mentorship=mentorship, author=person, **payload.dict())
    )


class ResourceQuery(PageQuery):
    q: str = Field("", max_length=200, description="Words in the title, note or link.")


@pair_router.get("/{mentorship_id}/resources", response=ResourcePage)
def resources(request: HttpRequest, mentorship_id: str, q: Query[ResourceQuery]) -> dict[str, Any]:
    mentorship = get_mentorship_for(me(request), mentorship_id)
    return paginate(resources_matching(mentorship, q.q), q)


@router.post("/resources/{resource_id}/responses", response={201: ResourceOut})
def respond(request: HttpRequest, resource_id: str, payload: ResponseIn) -> Status:
    """React to a shared resource (helpful, thanks, read) and/or reply to it."""
    person = me(request)
    resource = get_resource_for(person, resource_id)
    services.resource_respond(
        resource=resource, author=person, reaction=payload.reaction or "", body=payload.body
    )
    return Status(201, resource)


@pair_router.post("/{mentorship_id}/celebrations", response={201: CelebrationOut})
def celebrate(request: HttpRequest, mentorship_id: str, payload: CelebrationIn) -> Status:
    person, mentorship = me_and_pair(request, mentorship_id)
    return Status(
        201, services.celebration_add(mentorship=mentorship, author=person, title=payload.title)
    )


@pair_router.get("/{mentorship_id}/celebrations", response=CelebrationPage)
def celebrations(request: HttpRequest, mentorship_id: str, q: Query[PageQuery]) -> dict[str, Any]:
    mentorship = get_mentorship_for(me(request), mentorship_id)
    return paginate(Celebration.objects.filter(mentorship=mentorship).select_related("author"), q)


class TimelineQuery(PageQuery):
    kind: TimelineKind | None = None


@pair_router.get("/{mentorship_id}/timeline", response=TimelinePage)
def timeline(request: HttpRequest, mentorship_id: str, q: Query[TimelineQuery]) -> dict[str, Any]:
    """Everything shared in the pair, newest first; filter by `kind`. Never anything private."""
    return timeline_page(me(request), mentorship_id, kind=q.kind, offset=q.offset, limit=q.limit)


@journal_router.get("", response=JournalPage)
def journal(request: HttpRequest, q: Query[PageQuery]) -> dict[str, Any]:
    """Your private journal. Nobody else can ever read it."""
    found = JournalEntry.objects.filter(author=me(request)).select_related("mentorship")
    return paginate(found, q)


@journal_router.post("", response={201: JournalOut})
def write(request: HttpRequest, payload: JournalIn) -> Status:
    person = me(request)
    mentorship = (
        get_mentorship_for(person, payload.mentorship_id) if payload.mentorship_id else None
    )
    return Status(
        201, services.journal_write(author=person, body=payload.body, mentorship=mentorship)
    )


@journal_router.get("/{entry_id}", response=JournalOut)
def read_entry(request: HttpRequest, entry_id: str) -> JournalEntry:
    return get_journal_entry_for(me(request), entry_id)


@journal_router.post("/{entry_id}/share", response=JournalOut)
def share_entry(
    request: HttpRequest, entry_id: str, payload: EmptyIn | None = None
) -> JournalEntry:
    """Share this one entry with the other member: a copy goes to your pair's timeline."""
    person = me(request)
    entry = get_journal_entry_for(person, entry_id)
    services.journal_share(entry=entry, author=person)
    entry.refresh_from_db()
    return entry


@router.delete("/checkins/{checkin_id}/reply", response=CheckInOut)
def delete_reply(request: HttpRequest, checkin_id: str) -> CheckIn:
    """The mentor takes their reply back (`POST .../reply` again corrects it)."""
    person = me(request)
    checkin = get_checkin_for(person, checkin_id)
    return services_edit.checkin_reply_delete(checkin=checkin, actor=person)


@journal_router.patch("/{entry_id}", response=JournalOut)
def edit_entry(request: HttpRequest, entry_id: str, payload: JournalPatch) -> JournalEntry:
    """If the entry is shared, the other member reads the new words."""
    return api_edit(JOURNAL, request, entry_id, body=payload.body)


@journal_router.delete("/{entry_id}", response={204: None})
def delete_entry(request: HttpRequest, entry_id: str) -> Status:
    """The entry, and its shared copy if any, are gone."""
    return api_delete(JOURNAL, request, entry_id)
