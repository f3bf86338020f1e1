"""The program pages: the programs you see, a program's page (its console for its admins:
participants with filters; settings, admins, the CSV import), and the enrollment page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.lib.errors import Forbidden, ServiceError
from alongside.lib.forms import add_service_errors, run_service, submit
from alongside.people.access import signed_in
from alongside.people.audit import program_events
from alongside.programs import services
from alongside.programs.access import get_program_for, get_program_to_run
from alongside.programs.forms import (
    AdminForm,
    EnrollForm,
    ImportForm,
    ParticipantFilter,
    ProgramForm,
)
from alongside.programs.importer import ImportRefused, participants_import, read_upload
from alongside.programs.models import MatchingMode, Program, Role
from alongside.programs.selectors import (
    enrollable_roles,
    participants,
    person_by_email,
    programs_for,
    with_viewer,
)


def _run(request: HttpRequest, program_id: str) -> Program:
    try:
        return get_program_to_run(signed_in(request), program_id)
    except Forbidden as exc:
        raise PermissionDenied(exc.detail) from None


@login_required
def program_audit(request: HttpRequest, program_id: str) -> HttpResponse:
    """The program's admin actions, newest first (its admins)."""
    program = _run(request, program_id)
    page = Paginator(program_events(program.pk), 25).get_page(request.GET.get("page"))
    return render(request, "programs/program_audit.html", {"program": program, "page": page})


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    person = signed_in(request)
    page = Paginator(programs_for(person), 20).get_page(request.GET.get("page"))
    page.object_list = with_viewer(person, list(page.object_list))
    return render(request, "programs/program_list.html", {"page": page})


@login_required
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
    status = 200
    if request.method == "POST":
        program, status = submit(form, services.program_create, actor=person)
        if program is not None:
            messages.success(request, f"{program.name} is created; you are its admin.")
            return redirect("program", program_id=program.public_id)
    context = {"form": form, "title": "New program"}
    return render(request, "programs/program_form.html", context, status=status)


@login_required
def program_settings(request: HttpRequest, program_id: str) -> HttpResponse:
    """A program's admins change its settings."""
    program = _run(request, program_id)
    form = ProgramForm.for_program(program, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        saved, status = submit(
            form, services.program_update, program=program, actor=signed_in(request)
        )
        if saved is not None:
            messages.success(request, "The program's settings are saved.")
            return redirect("program", program_id=program.public_id)
    context = {"form": form, "title": f"Settings of {program.name}", "program": program}
    return render(request, "programs/program_form.html", context, status=status)


@login_required
def program_admins(request: HttpRequest, program_id: str) -> HttpResponse:
    """A program's admins, and the form by which one of them adds another (by email)."""
    program = _run(request, program_id)
    form = AdminForm(request.POST) if request.method == "POST" else AdminForm()
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            person = person_by_email(form.cleaned_data["email"])
            if person is None:
                form.add_error("email", "Nobody has an account with this email address.")
            else:
                _, status = run_service(
                    form,
                    services.program_admin_add,
                    program=program,
                    actor=signed_in(request),
                    person=person,
                )
                if status == 200:
                    messages.success(request, f"{person.name} is now an admin of {program.name}.")
                    return redirect("program_admins", program_id=program.public_id)
    context = {"program": program, "form": form, "admins": program.admins.order_by("name")}
    return render(request, "programs/program_admins.html", context, status=status)


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


@login_required
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
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
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
            except ValidationError as exc:
                add_service_errors(form, exc)
            except ServiceError as exc:
                messages.error(request, exc.detail)
                return redirect(back)
            else:
                role = form.cleaned_data["role"]
                messages.success(request, f"You take part in {program.name} as a {role}.")
                return redirect("program", program_id=program.public_id)
    else:
        # Only the roles open to this person are offered.
        form.fields["role"].choices = [c for c in Role.choices if c[0] in roles]  # type: ignore[attr-defined]
    context = {"program": program, "form": form, "roles": roles, "by_link": by_link}
    return render(request, "programs/program_enroll.html", context, status=status)


@login_required
def program_enroll(request: HttpRequest, program_id: str) -> HttpResponse:
    """Enroll yourself (an open program, or the invitation you were sent; its admins in
    any program): the role, a mentor's capacity here, the program's questions."""
    program = get_program_for(signed_in(request), program_id)
    back = reverse("program", args=[program.public_id])
    return enroll_page(request, program, by_link=False, back=back)


@login_required
def program_import(request: HttpRequest, program_id: str) -> HttpResponse:
    program = _run(request, program_id)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    status, result, refused = 200, None, None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                data = (
                    read_upload(upload, upload.size)
                    if upload
                    else form.cleaned_data["text"].encode()
                )
                result = participants_import(
                    program=program,
                    actor=signed_in(request),
                    rows_or_file=data,
                    skip_bad_rows=form.cleaned_data["skip_bad_rows"],
                )
            except ImportRefused as exc:
                refused = exc
            except ValidationError as exc:
                add_service_errors(form, exc)
            except ServiceError as exc:
                form.add_error(None, exc.detail)
                status = exc.status
            else:
                messages.success(
                    request,
                    f"Imported: {result.created} enrolled, {result.updated} updated, "
                    f"{result.skipped} bad rows skipped.",
                )
                if not result.errors:
                    return redirect("program", program_id=program.public_id)
                status = 200
    errors = refused.result.errors if refused else result.errors if result else []
    context = {"program": program, "form": form, "refused": refused, "errors": errors}
    return render(request, "programs/program_import.html", context, status=status)
