"""The program pages: the programs you see, a program's page (its console for its admins:
participants with filters; settings, admins, the CSV import), and the enrollment page."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.lib.errors import Forbidden, ServiceError
from alongside.lib.pages import form_page, success
from alongside.lib.routes import Routes
from alongside.people.access import signed_in
from alongside.people.audit import program_events
from alongside.people.models import Person
from alongside.programs import services
from alongside.programs.access import get_program_for, get_program_to_run
from alongside.programs.forms import (
    AdminForm,
    EnrollForm,
    ImportForm,
    ParticipantFilter,
    ProgramForm,
)
from alongside.programs.importer import (
    ImportRefused,
    ImportResult,
    participants_import,
    read_upload,
)
from alongside.programs.models import MatchingMode, Program, Role
from alongside.programs.selectors import (
    enrollable_roles,
    participants,
    person_by_email,
    programs_for,
    with_viewer,
)

routes = Routes()


def _console(program: Program) -> str:
    return reverse("program", kwargs={"program_id": program.public_id})


def _run(request: HttpRequest, program_id: str) -> Program:
    try:
        return get_program_to_run(signed_in(request), program_id)
    except Forbidden as exc:
        raise PermissionDenied(exc.detail) from None


@routes.page("programs/<str:program_id>/audit/", name="program_audit")
def program_audit(request: HttpRequest, program_id: str) -> HttpResponse:
    """The program's admin actions, newest first (its admins)."""
    program = _run(request, program_id)
    page = Paginator(program_events(program.pk), 25).get_page(request.GET.get("page"))
    return render(request, "programs/program_audit.html", {"program": program, "page": page})


@routes.page("programs/", name="programs")
def program_list(request: HttpRequest) -> HttpResponse:
    person = signed_in(request)
    page = Paginator(programs_for(person), 20).get_page(request.GET.get("page"))
    page.object_list = with_viewer(person, list(page.object_list))
    return render(request, "programs/program_list.html", {"page": page})


@routes.page("programs/new/", name="program_new")
def program_new(request: HttpRequest) -> HttpResponse:
    """Staff create a program and become its first admin."""
    person = signed_in(request)
    if not person.is_staff:
        raise PermissionDenied("Only staff create programs.")
    form = (
        ProgramForm(request.POST)
        if request.method == "POST"
        else ProgramForm(initial={"enrollment": "invite", "matching": "admin"})
    )
    context = {"form": form, "title": "New program"}
    return form_page(
        request,
        form,
        lambda: services.program_create(actor=person, **form.cleaned_data),
        page=lambda status: render(request, "programs/program_form.html", context, status=status),
        done=lambda program: success(
            request, f"{program.name} is created; you are its admin.", _console(program)
        ),
    )


@routes.page("programs/<str:program_id>/settings/", name="program_settings")
def program_settings(request: HttpRequest, program_id: str) -> HttpResponse:
    """A program's admins change its settings."""
    program = _run(request, program_id)
    form = ProgramForm.for_program(program, request.POST if request.method == "POST" else None)
    context = {"form": form, "title": f"Settings of {program.name}", "program": program}
    return form_page(
        request,
        form,
        lambda: services.program_update(
            program=program, actor=signed_in(request), **form.cleaned_data
        ),
        page=lambda status: render(request, "programs/program_form.html", context, status=status),
        done=lambda _: success(request, "The program's settings are saved.", _console(program)),
    )


@routes.page("programs/<str:program_id>/admins/", name="program_admins")
def program_admins(request: HttpRequest, program_id: str) -> HttpResponse:
    """A program's admins, and the form by which one of them adds another (by email)."""
    program = _run(request, program_id)
    form = AdminForm(request.POST) if request.method == "POST" else AdminForm()

    def add() -> Person:
        person = person_by_email(form.cleaned_data["email"])
        if person is None:
            raise ValidationError({"email": "Nobody has an account with this email address."})
        services.program_admin_add(program=program, actor=signed_in(request), person=person)
        return person

    context = {"program": program, "form": form, "admins": program.admins.order_by("name")}
    return form_page(
        request,
        form,
        add,
        page=lambda status: render(request, "programs/program_admins.html", context, status=status),
        done=lambda person: success(
            request,
            f"{person.name} is now an admin of {program.name}.",
            "program_admins",
            program_id=program.public_id,
        ),
    )


def _participants_page(request: HttpRequest, program: Program) -> dict[str, object]:
    filters = ParticipantFilter(request.GET or None)
    wanted = filters.cleaned_data if filters.is_valid() else {}
    found = participants(
        program,
        role=wanted.get("role") or None,
        status=wanted.get("status") or None,
        matched={"yes": True, "no": False}.get(wanted.get("matched") or ""),
        q=wanted.get("q") or "",
    )
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)  # the pagination links add their own
    return {"filters": filters, "page": page, "query": query.urlencode()}


def _suggests_to(program: Program) -> bool:
    """Whether the program's mentees choose from suggestions: they see the link."""
    return "mentee" in program.my_roles and program.matching in (  # type: ignore[attr-defined]
        MatchingMode.MENTEE_CHOICE,
        MatchingMode.BOTH,
    )


@routes.page("programs/<str:program_id>/", name="program")
def program_detail(request: HttpRequest, program_id: str) -> HttpResponse:
    """A program's page: its console for its admins (the participants, with filters), its
    description and the way to take part for everyone else."""
    person = signed_in(request)
    (program,) = with_viewer(person, [get_program_for(person, program_id)])
    roles = enrollable_roles(person, program)
    invited = [] if program.enrollment == "open" else roles
    context: dict[str, object] = {
        "program": program,
        "can_enroll": roles,
        "invited": invited,
        "suggest": _suggests_to(program),
    }
    if program.is_admin:  # type: ignore[attr-defined]
        context.update(_participants_page(request, program))
    return render(request, "programs/program_detail.html", context)


def enroll_page(
    request: HttpRequest, program: Program, *, by_link: bool, back: str
) -> HttpResponse:
    """The enrollment form and its answer, for a program's page and for its invite link.
    Bad input is said beside its field; a rule that refuses (enrolled already, invite
    only, ended) is said on the page the person came from (`back`)."""
    person = signed_in(request)
    (program,) = with_viewer(person, [program])
    roles = enrollable_roles(person, program, by_link=by_link)
    initial = {"timezone": person.timezone, "languages": ", ".join(person.languages or [])}
    if len(roles) == 1:
        initial["role"] = roles[0]
    data = request.POST if request.method == "POST" else None
    # On a POST every role is checked by the service, which says why one is refused.
    form = EnrollForm(data, program=program, roles=roles if data is None else None, initial=initial)
    if request.method != "POST":
        # Only the roles open to this person are offered.
        form.fields["role"].choices = [c for c in Role.choices if c[0] in roles]  # type: ignore[attr-defined]
    context = {"program": program, "form": form, "roles": roles, "by_link": by_link}

    def join() -> HttpResponse:
        try:
            services.enrollment_join(
                program=program,
                actor=person,
                person=person,
                role=form.cleaned_data["role"],
                capacity=form.cleaned_data["capacity"],
                answers=form.answers(),
                by_link=by_link,
            )
        except ServiceError as exc:  # a rule that refuses: said on the page they came from
            messages.error(request, exc.detail)
            return redirect(back)
        role = form.cleaned_data["role"]
        return success(request, f"You take part in {program.name} as a {role}.", _console(program))

    return form_page(
        request,
        form,
        join,
        page=lambda status: render(request, "programs/program_enroll.html", context, status=status),
        done=lambda answer: answer,
    )


@routes.page("programs/<str:program_id>/enroll/", name="program_enroll")
def program_enroll(request: HttpRequest, program_id: str) -> HttpResponse:
    """Enroll yourself (an open program, or the invitation you were sent; its admins in
    any program): the role, a mentor's capacity here, the program's questions."""
    program = get_program_for(signed_in(request), program_id)
    back = reverse("program", args=[program.public_id])
    return enroll_page(request, program, by_link=False, back=back)


@routes.page("programs/<str:program_id>/import/", name="program_import")
def program_import(request: HttpRequest, program_id: str) -> HttpResponse:
    program = _run(request, program_id)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()

    def page(status: int, result: Any = None) -> HttpResponse:
        refused = result if isinstance(result, ImportRefused) else None
        errors = refused.result.errors if refused else result.errors if result else []
        context = {"program": program, "form": form, "refused": refused, "errors": errors}
        return render(request, "programs/program_import.html", context, status=status)

    def run() -> ImportResult | ImportRefused:
        upload = form.cleaned_data["file"]
        data = read_upload(upload, upload.size) if upload else form.cleaned_data["text"].encode()
        try:
            return participants_import(
                program=program,
                actor=signed_in(request),
                rows_or_file=data,
                skip_bad_rows=form.cleaned_data["skip_bad_rows"],
            )
        except ImportRefused as exc:  # nothing imported: the page names the bad rows
            return exc

    def done(result: ImportResult | ImportRefused) -> HttpResponse:
        if isinstance(result, ImportRefused):
            return page(400, result)
        messages.success(
            request,
            f"Imported: {result.created} enrolled, {result.updated} updated, "
            f"{result.skipped} bad rows skipped.",
        )
        return redirect(_console(program)) if not result.errors else page(200, result)

    return form_page(request, form, run, page=page, done=done)
