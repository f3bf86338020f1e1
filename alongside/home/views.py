"""Pages that gather from many apps: the home page and the pair's page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from alongside.goals.selectors import goals_with_progress, overdue_milestones_for
from alongside.growth.selectors import checkins_due_for, closing_summary
from alongside.home.pairs import pair_rows
from alongside.lib.routes import Routes
from alongside.meetings.selectors import cadence_for, my_open_action_lines, recent_and_upcoming
from alongside.mentorships import agreements
from alongside.mentorships.access import get_mentorship_for
from alongside.mentorships.forms import ReasonForm
from alongside.mentorships.models import Status
from alongside.mentorships.selectors import home_for
from alongside.mentorships.services import reopen_until
from alongside.people.access import signed_in
from alongside.programs.selectors import programs_run_by

routes = Routes()


@routes.page("", name="home", public=True)
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "home_anonymous.html")
    person = signed_in(request)
    home = home_for(person)
    checkins_due = checkins_due_for(person, active=home.by_status.get(Status.ACTIVE, []))
    context = {
        "home": home,
        "overdue": overdue_milestones_for(person),
        "action_items": my_open_action_lines(person),
        "checkins_due": checkins_due,
        "rows": pair_rows(person, checkins_due=checkins_due, agreements_waiting=home.next_steps),
        # A program admin's way to the console: one query, made only when the page's
        # context (alongside.notifications.context) says they run a program.
        "programs_run": lambda: programs_run_by(person, limit=10),
    }
    return render(request, "home/home.html", context)


@routes.page("mentorships/<str:mentorship_id>/", name="mentorship")
def mentorship_detail(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    me = signed_in(request)
    mentorship = get_mentorship_for(me, mentorship_id)
    closings = list(
        mentorship.closings.select_related("proposed_by", "confirmed_by", "reopened_by")
    )
    latest = closings[0] if closings else None
    completed = latest if mentorship.status == Status.COMPLETED else None
    agreement = agreements.agreement_for(mentorship)
    context = {
        "m": mentorship,
        "other": mentorship.other(me),
        "role": mentorship.role_of(me),
        "is_requester": mentorship.requested_by_id == me.pk,
        "agreement": agreement,
        "goals": goals_with_progress(mentorship),
        "cadence": cadence_for(mentorship, versions=[v for v, _ in agreement.versions]),
        "meetings": recent_and_upcoming(mentorship),
        "transitions": mentorship.transitions.select_related("actor"),
        "reason_form": ReasonForm(),
        "Status": Status,
        "pending": next((c for c in closings if c.pending), None),
        "completed": completed,
        "ended": latest if mentorship.status == Status.ENDED else None,
        "summary": closing_summary(mentorship) if completed else None,
        "reopen_until": reopen_until(mentorship),
    }
    return render(request, "home/mentorship.html", context)
