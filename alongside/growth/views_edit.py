"""The pages that correct and take back thank-you notes, resources, check-ins, replies
and journal entries (their authors only), and that unshare a journal entry."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from alongside.growth import services, services_edit
from alongside.growth.access import (
    get_appreciation_for,
    get_checkin_for,
    get_journal_entry_for,
    get_resource_for,
)
from alongside.growth.forms import (
    AppreciationForm,
    CheckInForm,
    JournalEditForm,
    ReplyForm,
    ResourceForm,
)
from alongside.growth.models import CheckIn
from alongside.growth.views import skills_for
from alongside.lib.edit_pages import Editable
from alongside.lib.pages import act
from alongside.lib.routes import Routes
from alongside.people.access import signed_in

routes = Routes()


def _pair_page(name: str, anchor: str = "") -> Any:
    return lambda thing: (
        f"/mentorships/{thing.mentorship.public_id}/{name}/"
        + (f"#{anchor}-{thing.public_id}" if anchor else "")
    )


def _checkin_skills(checkin: CheckIn) -> list[str]:
    """The skills it rates first (so that none is lost), then those a new one would ask."""
    rated = [r.skill for r in checkin.ratings.all()]
    known = {s.casefold() for s in rated}
    return [*rated, *(s for s in skills_for(checkin.mentorship) if s.casefold() not in known)]


def _checkin_form(data: Any, initial: dict[str, Any], thing: CheckIn) -> CheckInForm:
    form = CheckInForm(data, initial=initial, skills=_checkin_skills(thing))
    levels = {r.skill: r.level for r in thing.ratings.all()}
    for i, skill in enumerate(form.skills):
        if skill in levels:
            form.fields[f"skill_{i}"].initial = levels[skill]
    return form


def _checkin_changes(me: Any, form: CheckInForm, checkin: CheckIn) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "wins": data["wins"],
        "challenges": data["challenges"],
        "feeling": data["feeling"],
        "ratings": form.ratings(),
    }


def _reply_edit(*, checkin: CheckIn, actor: Any, reply: str) -> CheckIn:
    return services.checkin_reply(checkin=checkin, author=actor, reply=reply)


APPRECIATION = Editable(
    what="thank-you note",
    get=get_appreciation_for,
    author_id=lambda a: a.author_id,
    form=lambda data, initial, thing: AppreciationForm(data, initial=initial),
    initial=lambda a: {"message": a.message},
    edit=services_edit.appreciation_edit,
    delete=services_edit.appreciation_delete,
    back=_pair_page("timeline"),
    quote=lambda a: a.message,
    arg="appreciation",
)
RESOURCE = Editable(
    what="resource",
    get=get_resource_for,
    author_id=lambda r: r.author_id,
    form=lambda data, initial, thing: ResourceForm(data, initial=initial),
    initial=lambda r: {"title": r.title, "url": r.url, "note": r.note},
    edit=services_edit.resource_edit,
    delete=services_edit.resource_delete,
    back=_pair_page("resources"),
    quote=lambda r: "\n".join(part for part in (r.title, r.url, r.note) if part),
    arg="resource",
    deleted_note="The reactions and replies to it go too.",
)
CHECKIN = Editable(
    what="check-in",
    get=get_checkin_for,
    author_id=lambda c: c.author_id,
    form=_checkin_form,
    initial=lambda c: {"wins": c.wins, "challenges": c.challenges, "feeling": c.feeling},
    edit=services_edit.checkin_edit,
    delete=services_edit.checkin_delete,
    back=_pair_page("growth"),
    quote=lambda c: "\n".join(part for part in (c.wins, c.challenges) if part) or "Ratings only",
    arg="checkin",
    changes=_checkin_changes,
    deleted_note="Its ratings leave your growth charts, and the reply to it goes too.",
)
REPLY = Editable(
    what="reply",
    get=get_checkin_for,
    # A reply is the mentor's; until there is one there is nothing to change.
    author_id=lambda c: c.mentorship.mentor_id if c.reply else None,
    form=lambda data, initial, thing: ReplyForm(data, initial=initial),
    initial=lambda c: {"reply": c.reply},
    edit=_reply_edit,
    delete=services_edit.checkin_reply_delete,
    back=_pair_page("growth", "checkin"),
    quote=lambda c: c.reply,
    arg="checkin",
)
JOURNAL = Editable(
    what="journal entry",
    get=get_journal_entry_for,
    author_id=lambda e: e.author_id,
    form=lambda data, initial, thing: JournalEditForm(data, initial=initial),
    initial=lambda e: {"body": e.body},
    edit=services_edit.journal_edit,
    delete=services_edit.journal_delete,
    back=lambda e: "/journal/",
    quote=lambda e: e.body,
    arg="entry",
    deleted_note="If you shared it, the shared copy goes too.",
    edit_note="",  # the form's own help says who reads it
)

appreciation_edit, appreciation_delete = routes.edit_pages(
    "thanks/<str:thing_id>/", APPRECIATION, name="appreciation"
)
resource_edit, resource_delete = routes.edit_pages(
    "resources/<str:thing_id>/", RESOURCE, name="resource"
)
checkin_edit, checkin_delete = routes.edit_pages(
    "checkins/<str:thing_id>/", CHECKIN, name="checkin"
)
reply_edit, reply_delete = routes.edit_pages("checkins/<str:thing_id>/reply/", REPLY, name="reply")
journal_edit, journal_delete = routes.edit_pages("journal/<str:thing_id>/", JOURNAL, name="journal")


@routes.page("journal/<str:entry_id>/unshare/", name="journal_unshare")
@require_POST
def journal_unshare(request: HttpRequest, entry_id: str) -> HttpResponse:
    me = signed_in(request)
    entry = get_journal_entry_for(me, entry_id)
    return act(
        request,
        lambda: services_edit.journal_unshare(entry=entry, actor=me),
        to="journal",
        said="Unshared: only you can read this entry again.",
    )
