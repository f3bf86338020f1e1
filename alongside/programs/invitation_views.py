"""The console's invitations page (an invite link, invitations by email, who joined) and
the page an invite link opens."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from alongside.lib.forms import submit
from alongside.lib.pages import act
from alongside.lib.routes import Routes
from alongside.people.access import signed_in
from alongside.programs import invitations
from alongside.programs.forms import InvitationForm
from alongside.programs.invitations import InvitationResult
from alongside.programs.models import EnrollmentStatus
from alongside.programs.schemas import invite_url
from alongside.programs.views import _run, enroll_page

routes = Routes()


def _said(result: InvitationResult) -> str:
    parts = []
    if result.invited:
        n = len(result.invited)
        parts.append(f"{n} invitation{'s' if n != 1 else ''} sent")
    if result.already:
        parts.append(f"already taking part: {', '.join(result.already[:10])}")
    for problem in result.errors[:10]:
        parts.append(f"{problem['email']}: {problem['message']}")
    return "; ".join(parts).capitalize() + "."


@routes.page("programs/<str:program_id>/invitations/", name="program_invitations")
def program_invitations(request: HttpRequest, program_id: str) -> HttpResponse:
    """Its admins invite people by email, keep an invite link, and see who joined."""
    program = _run(request, program_id)
    data = request.POST if request.method == "POST" else None
    form = InvitationForm(data, initial={"role": "mentee"})
    status = 200
    if request.method == "POST":
        result, status = submit(
            form, invitations.invitations_send, program=program, actor=signed_in(request)
        )
        if result is not None:
            if result.invited:
                messages.success(request, _said(result))
            else:
                messages.warning(request, _said(result))
            return redirect("program_invitations", program_id=program.public_id)
    invited = invitations.invitations_of(program)
    page = Paginator(invited, 50).get_page(request.GET.get("page"))
    context = {
        "program": program,
        "form": form,
        "page": page,
        "joined": invited.filter(status=EnrollmentStatus.ACTIVE).count(),
        "invite_url": invite_url(program) if program.invite_token else "",
    }
    return render(request, "programs/program_invitations.html", context, status=status)


@routes.page("programs/<str:program_id>/invitations/link/", name="program_invite_link")
@require_POST
def program_invite_link(request: HttpRequest, program_id: str) -> HttpResponse:
    """Make a new invite link (`action=new`), or turn it off (`action=off`)."""
    program = _run(request, program_id)
    action = request.POST.get("action")
    if action not in ("new", "off"):
        messages.error(request, "Choose to make a new link or to turn it off.")
        return redirect("program_invitations", program_id=program.public_id)
    new = action == "new"
    return act(
        request,
        lambda: invitations.invite_link_set(program=program, actor=signed_in(request), on=new),
        to=reverse("program_invitations", kwargs={"program_id": program.public_id}),
        said="A new invite link is ready; the old one no longer works."
        if new
        else "The invite link is off.",
    )


@routes.page("join/<str:token>/", name="program_join")
def program_join(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invite link opens: the program, and its enrollment form."""
    program = invitations.program_by_invite(token)
    return enroll_page(request, program, by_link=True, back=reverse("program_join", args=[token]))
