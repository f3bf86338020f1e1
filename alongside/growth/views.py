import datetime as dt
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone as tz
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from alongside.growth import charts, services
from alongside.growth import skills as skill_services
from alongside.growth.access import get_checkin_for, get_journal_entry_for, get_resource_for
from alongside.growth.forms import (
    KIND_CHOICES,
    AppreciationForm,
    CelebrationForm,
    CheckInForm,
    JournalForm,
    ReplyForm,
    ResourceForm,
    ResponseForm,
    SkillsForm,
)
from alongside.growth.models import CHECKIN_EDIT_DAYS, JournalEntry
from alongside.growth.selectors import checkins_for, growth_for, resources_matching
from alongside.growth.skills import Tracked, tracked_skills_for
from alongside.lib.forms import DATE_FORMAT, DATE_HINT
from alongside.lib.pages import FormsPage, act, form_act, form_page, success
from alongside.lib.pagination import counted_page
from alongside.lib.routes import Routes
from alongside.mentorships.access import get_mentorship_for
from alongside.mentorships.models import TIMELINE_KINDS, Mentorship
from alongside.mentorships.selectors import mentorships_for
from alongside.mentorships.timeline import rendered, timeline_for
from alongside.people.access import signed_in
from alongside.people.models import Person

routes = Routes()


def skills_for(mentorship: Mentorship) -> list[str]:
    """What a check-in asks the mentee to rate: the skills they track (growth/skills.py)."""
    return tracked_skills_for(mentorship).skills


def _period(request: HttpRequest) -> tuple[dt.date | None, str, str]:
    """The period shown, its preset, and what is wrong with a date typed in `since`."""
    preset = request.GET.get("period", "start")
    if preset == "6m":
        return tz.localdate() - dt.timedelta(days=183), "6m", ""
    raw = request.GET.get("since", "").strip()
    if not raw:
        return None, "start", ""
    try:
        return dt.datetime.strptime(raw, DATE_FORMAT).date(), "custom", ""  # noqa: DTZ007 - a date
    except ValueError:
        return None, "start", f"Write the date {DATE_HINT[0].lower()}{DATE_HINT[1:]}"


def _growth_page(
    request: HttpRequest, mentorship: Mentorship, *, status: int = 200, **forms: Any
) -> HttpResponse:
    me = signed_in(request)
    since, period, since_error = _period(request)
    if since_error and status == 200:
        status = 400
    growth = growth_for(mentorship, since=since)
    checkins = list(checkins_for(mentorship)[:24])
    tracked = tracked_skills_for(mentorship)
    for c in checkins:  # the mentee corrects a check-in for a week
        c.editable = tz.now() - c.created_at <= dt.timedelta(days=CHECKIN_EDIT_DAYS)  # type: ignore[attr-defined]
    context = {
        "m": mentorship,
        "growth": growth,
        "period": period,
        "since_error": since_error,
        "since_raw": request.GET.get("since", "")[:40],
        "is_mentee": me.pk == mentorship.mentee_id,
        "is_mentor": me.pk == mentorship.mentor_id,
        "active": mentorship.status == "active",
        "skills_svg": mark_safe(charts.skills_chart(growth)),  # noqa: S308 - escaped by lib.svg
        "feeling_svg": mark_safe(charts.feeling_chart(growth)),  # noqa: S308
        "goals_svg": mark_safe(charts.monthly_chart("Goals achieved", growth.goals_achieved)),  # noqa: S308
        "milestones_svg": mark_safe(  # noqa: S308
            charts.monthly_chart("Milestones completed", growth.milestones_completed)
        ),
        "meetings_svg": mark_safe(charts.monthly_chart("Meetings held", growth.meetings_held)),  # noqa: S308
        "months": charts.month_rows(growth),
        "checkins": checkins,
        "tracked": tracked,
        "checkin_form": forms.pop("checkin_form", None) or CheckInForm(skills=tracked.skills),
        "skills_form": forms.pop("skills_form", None) or SkillsForm(tracked=tracked),
        "reply_form": ReplyForm(),
        **forms,
    }
    return render(request, "growth/growth.html", context, status=status)


GROWTH_PAGE = FormsPage(_growth_page, url=lambda m: reverse("growth", args=[m.public_id]))


@routes.page("mentorships/<str:mentorship_id>/growth/", name="growth")
def growth(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    return _growth_page(request, get_mentorship_for(signed_in(request), mentorship_id))


@routes.page("mentorships/<str:mentorship_id>/checkins/", name="checkin_add")
@require_POST
def checkin(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    form = CheckInForm(request.POST, skills=skills_for(mentorship))
    return GROWTH_PAGE.post(
        request,
        mentorship,
        lambda: services.checkin_create(
            mentorship=mentorship,
            author=me,
            wins=form.cleaned_data["wins"],
            challenges=form.cleaned_data["challenges"],
            feeling=form.cleaned_data["feeling"],
            ratings=form.ratings(),
        ),
        checkin_form=form,
        said="Check-in saved. Look how far you have come.",
    )


@routes.page("mentorships/<str:mentorship_id>/skills/", name="skills_choose")
@require_POST
def choose_skills(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    """The mentee chooses the skills their check-ins ask about."""
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    form = SkillsForm(request.POST, tracked=tracked_skills_for(mentorship))

    def saved(tracked: Tracked) -> str:
        asks = ", ".join(tracked.skills) or "no skill (only wins, challenges and feeling)"
        return f"Saved. Your next check-in asks about {asks}."

    return GROWTH_PAGE.post(
        request,
        mentorship,
        lambda: skill_services.skills_choose(
            mentorship=mentorship, author=me, skills=form.cleaned_data["skills"]
        ),
        skills_form=form,
        said=saved,
        anchor="checkin-form",
    )


@routes.page("checkins/<str:checkin_id>/reply/", name="checkin_reply")
@require_POST
def reply(request: HttpRequest, checkin_id: str) -> HttpResponse:
    me = signed_in(request)
    found = get_checkin_for(me, checkin_id)
    form = ReplyForm(request.POST)
    return form_act(
        request,
        form,
        lambda: services.checkin_reply(checkin=found, author=me, reply=form.cleaned_data["reply"]),
        to=GROWTH_PAGE.url(found.mentorship) + f"#checkin-{found.public_id}",
        invalid="Write a reply first (at most 4,000 characters).",
    )


def _timeline_page(
    request: HttpRequest, mentorship: Mentorship, *, status: int = 200, **forms: Any
) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind not in TIMELINE_KINDS:
        kind = ""
    page = counted_page(timeline_for(mentorship, kind=kind or None), request.GET.get("page"), 25)
    page.object_list = rendered(page.object_list)
    context = {
        "m": mentorship,
        "page": page,
        "kind": kind,
        "kinds": KIND_CHOICES,
        "active": mentorship.status == "active",
        "appreciation_form": forms.pop("appreciation_form", None) or AppreciationForm(),
        "celebration_form": forms.pop("celebration_form", None) or CelebrationForm(),
        **forms,
    }
    return render(request, "growth/timeline.html", context, status=status)


TIMELINE_PAGE = FormsPage(_timeline_page, url=lambda m: reverse("timeline", args=[m.public_id]))


@routes.page("mentorships/<str:mentorship_id>/timeline/", name="timeline")
def timeline(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    return _timeline_page(request, get_mentorship_for(signed_in(request), mentorship_id))


@routes.page("mentorships/<str:mentorship_id>/thanks/", name="appreciate")
@require_POST
def appreciate(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    form = AppreciationForm(request.POST)
    return TIMELINE_PAGE.post(
        request,
        mentorship,
        lambda: services.appreciation_send(mentorship=mentorship, author=me, **form.cleaned_data),
        appreciation_form=form,
        said=lambda _: f"Sent. {mentorship.other(me).name} gets it by email too.",
    )


@routes.page("mentorships/<str:mentorship_id>/celebrate/", name="celebrate")
@require_POST
def celebrate(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    form = CelebrationForm(request.POST)
    return TIMELINE_PAGE.post(
        request,
        mentorship,
        lambda: services.celebration_add(mentorship=mentorship, author=me, **form.cleaned_data),
        celebration_form=form,
    )


def _resources_page(
    request: HttpRequest, mentorship: Mentorship, *, status: int = 200, **forms: Any
) -> HttpResponse:
    q = request.GET.get("q", "")[:200]
    page = Paginator(resources_matching(mentorship, q), 20).get_page(request.GET.get("page"))
    context = {
        "m": mentorship,
        "page": page,
        "q": q,
        "active": mentorship.status == "active",
        "resource_form": forms.pop("resource_form", None) or ResourceForm(),
        "response_form": ResponseForm(),
        **forms,
    }
    return render(request, "growth/resources.html", context, status=status)


RESOURCES_PAGE = FormsPage(_resources_page, url=lambda m: reverse("resources", args=[m.public_id]))


@routes.page("mentorships/<str:mentorship_id>/resources/", name="resources")
def resources(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    return _resources_page(request, get_mentorship_for(signed_in(request), mentorship_id))


@routes.page("mentorships/<str:mentorship_id>/resources/share/", name="resource_share")
@require_POST
def share_resource(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    form = ResourceForm(request.POST)
    return RESOURCES_PAGE.post(
        request,
        mentorship,
        lambda: services.resource_share(mentorship=mentorship, author=me, **form.cleaned_data),
        resource_form=form,
    )


@routes.page("resources/<str:resource_id>/respond/", name="resource_respond")
@require_POST
def respond(request: HttpRequest, resource_id: str) -> HttpResponse:
    me = signed_in(request)
    resource = get_resource_for(me, resource_id)
    form = ResponseForm(request.POST)
    return form_act(
        request,
        form,
        lambda: services.resource_respond(resource=resource, author=me, **form.cleaned_data),
        to=RESOURCES_PAGE.url(resource.mentorship) + f"#r-{resource.public_id}",
    )


def _journal_choices(me: Person) -> list[tuple[str, str]]:
    """The same labels when the form comes back with an error as when it is first shown."""
    return [(str(m.public_id), f"With {m.other(me).name}") for m in mentorships_for(me)]


def _journal_page(request: HttpRequest, *, status: int = 200, **forms: Any) -> HttpResponse:
    me = signed_in(request)
    page = Paginator(
        JournalEntry.objects.filter(author=me).select_related(
            "mentorship__mentor", "mentorship__mentee"
        ),
        20,
    ).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "form": forms.pop("form", None) or JournalForm(choices=_journal_choices(me)),
        **forms,
    }
    return render(request, "growth/journal.html", context, status=status)


@routes.page("journal/", name="journal")
def journal(request: HttpRequest) -> HttpResponse:
    me = signed_in(request)
    if request.method != "POST":
        return _journal_page(request)
    form = JournalForm(request.POST, choices=_journal_choices(me))

    def write() -> JournalEntry:
        about = form.cleaned_data["mentorship"]
        mentorship = get_mentorship_for(me, about) if about else None
        return services.journal_write(
            author=me, body=form.cleaned_data["body"], mentorship=mentorship
        )

    return form_page(
        request,
        form,
        write,
        page=lambda status: _journal_page(request, status=status, form=form),
        done=lambda _: success(request, "Written. Only you can read it.", "journal"),
    )


@routes.page("journal/<str:entry_id>/share/", name="journal_share")
def journal_share(request: HttpRequest, entry_id: str) -> HttpResponse:
    """Asks first, naming who will read it; the entry is shared on the confirming POST."""
    me = signed_in(request)
    entry = get_journal_entry_for(me, entry_id)
    if request.method != "POST":
        reader = entry.mentorship.other(me) if entry.mentorship else None
        return render(request, "growth/journal_share.html", {"e": entry, "reader": reader})
    return act(  # a ValidationError: no mentorship to share it with
        request,
        lambda: services.journal_share(entry=entry, author=me),
        to="journal",
        said="Shared: a copy is on your timeline. The journal stays private.",
    )
