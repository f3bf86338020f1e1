"""The Security pages: the second step of a sign-in, two-factor setup, my security
events, my sessions and tokens, signing out everywhere."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from alongside.lib.errors import Conflict, NotAuthenticated
from alongside.lib.http import client_address
from alongside.lib.inputs import parse_public_id
from alongside.lib.pages import form_page, success
from alongside.lib.routes import Routes
from alongside.people import services, twofactor
from alongside.people.access import signed_in
from alongside.people.audit import security_events
from alongside.people.forms import CodeForm, SetupCodeForm, TwoFactorDisableForm
from alongside.people.models import TwoFactor
from alongside.people.selectors import live_tokens
from alongside.people.sessions import (
    keep_this_session,
    live_sessions,
    session_revoke,
    sign_out_everywhere,
)
from alongside.people.signin_flow import pending_clear, pending_signin, signin_complete

routes = Routes()

EVENTS_PER_PAGE = 25
T = TypeVar("T")


@contextmanager
def _wrong_code_beside_the_field() -> Iterator[None]:
    """A wrong code is said beside the code field, as a form error (400)."""
    try:
        yield
    except NotAuthenticated as exc:
        raise ValidationError({"code": exc.detail}) from None


@routes.page("signin/code/", name="signin_code", public=True)
def signin_code(request: HttpRequest) -> HttpResponse:
    """The second step of a sign-in: a code from the app, or a recovery code."""
    pending = pending_signin(request)
    if pending is None:
        if request.user.is_authenticated:
            return redirect("/")
        messages.info(request, "Sign in with your email and password first.")
        return redirect(f"{reverse('signin')}?next=/")
    person, step = pending
    form = CodeForm(request.POST or None)

    def verify() -> str:
        with _wrong_code_beside_the_field():
            return twofactor.second_factor_verify(
                person=person, code=form.cleaned_data["code"], client=client_address(request)
            )

    def signed_in_with(used: str) -> HttpResponse:
        pending_clear(request)
        signin_complete(request, person, via=step.get("via", "site"), factor=used)
        if used == "recovery code":
            left = twofactor.recovery_codes_left(person)
            messages.warning(
                request,
                f"You signed in with a recovery code; {left} left. Make new ones on "
                "your Security page if you lost your app.",
            )
        return redirect(step.get("next") or "/")

    return form_page(
        request,
        form,
        verify,
        page=lambda status: render(
            request, "people/signin_code.html", {"form": form}, status=status
        ),
        done=signed_in_with,
    )


@routes.page("profile/security/", name="security")
def security(request: HttpRequest) -> HttpResponse:
    """Two-factor sign-in, my sessions, and the security events of my account."""
    person = signed_in(request)
    page = Paginator(security_events(person), EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "twofactor_on": twofactor.twofactor_enabled(person),
        "codes_left": twofactor.recovery_codes_left(person),
        "sessions": live_sessions(person).count(),
        "tokens": live_tokens(person).count(),
    }
    return render(request, "people/security.html", context)


@routes.page("profile/sessions/", name="sessions")
def sessions(request: HttpRequest) -> HttpResponse:
    person = signed_in(request)
    rows = list(live_sessions(person))
    for row in rows:
        row.current = row.session_key == request.session.session_key  # type: ignore[attr-defined]
    context = {"browsers": rows, "tokens": live_tokens(person)}
    return render(request, "people/sessions.html", context)


@routes.page("profile/sessions/<str:session_id>/end/", name="session_end")
@require_POST
def session_end(request: HttpRequest, session_id: str) -> HttpResponse:
    row = session_revoke(person=signed_in(request), session_id=parse_public_id(session_id))
    if row.session_key == request.session.session_key:
        return redirect("signin")
    messages.success(request, "That browser is signed out.")
    return redirect("sessions")


@routes.page("profile/sessions/signout-everywhere/", name="signout_everywhere")
@require_POST
def signout_everywhere(request: HttpRequest) -> HttpResponse:
    person = signed_in(request)
    keep = request.POST.get("keep_current") == "on"
    done = sign_out_everywhere(
        person=person, keep_session_key=request.session.session_key if keep else None
    )
    if not keep:
        return redirect("signin")
    keep_this_session(request, person)
    messages.success(
        request,
        f"Signed out everywhere else: {done['sessions_ended']} other browser"
        f"{'s' if done['sessions_ended'] != 1 else ''} and {done['tokens_revoked']} API "
        f"token{'s' if done['tokens_revoked'] != 1 else ''}.",
    )
    return redirect("sessions")


@routes.page("profile/two-factor/", name="twofactor")
def twofactor_page(request: HttpRequest) -> HttpResponse:
    """Whether two-factor sign-in is on, and the way to turn it on or off."""
    person = signed_in(request)
    context = {
        "on": twofactor.twofactor_enabled(person),
        "required": twofactor.twofactor_required(person),
        "asked": request.GET.get("required") == "1",
        "codes_left": twofactor.recovery_codes_left(person),
        "disable_form": TwoFactorDisableForm(),
        "renew_form": CodeForm(auto_id="renew_%s"),
    }
    return render(request, "people/twofactor.html", context)


@routes.page("profile/two-factor/start/", name="twofactor_start")
@require_POST
def twofactor_start(request: HttpRequest) -> HttpResponse:
    try:
        twofactor.twofactor_begin(person=signed_in(request))
    except Conflict as exc:
        messages.info(request, exc.detail)
        return redirect("twofactor")
    return redirect("twofactor_setup")


# no-cache: the secret and the recovery codes are on it
@routes.page("profile/two-factor/setup/", name="twofactor_setup", never_cache=True)
def twofactor_setup(request: HttpRequest) -> HttpResponse:
    """Scan the QR code, then confirm with the first code; the recovery codes follow."""
    person = signed_in(request)
    device = TwoFactor.objects.filter(person=person, confirmed_at__isnull=True).first()
    if device is None:
        return redirect("twofactor")
    form = SetupCodeForm(request.POST or None)

    def confirm() -> list[str] | None:
        with _wrong_code_beside_the_field():
            try:
                return twofactor.twofactor_confirm(
                    person=person, code=form.cleaned_data["code"], client=client_address(request)
                )
            except Conflict as exc:  # confirmed already (another tab)
                messages.info(request, exc.detail)
                return None

    context = {
        "form": form,
        "qr": twofactor.qr_svg(device),
        "secret": device.secret,
        "uri": twofactor.provisioning_uri(device),
    }
    return form_page(
        request,
        form,
        confirm,
        page=lambda status: render(request, "people/twofactor_setup.html", context, status=status),
        done=lambda codes: (
            render(request, "people/recovery_codes.html", {"codes": codes, "first": True})
            if codes is not None
            else redirect("twofactor")
        ),
    )


@routes.page("profile/two-factor/disable/", name="twofactor_disable")
@require_POST
def twofactor_disable(request: HttpRequest) -> HttpResponse:
    person = signed_in(request)
    form = TwoFactorDisableForm(request.POST)

    def disable() -> bool:
        try:
            services.twofactor_disable(
                person=person,
                password=form.cleaned_data["password"],
                code=form.cleaned_data["code"],
                client=client_address(request),
            )
        except ValidationError:
            raise ValidationError({"password": "This is not your current password."}) from None
        return True

    return _on_twofactor_page(
        request,
        form,
        disable,
        done=lambda _: success(request, "Two-factor sign-in is off.", "twofactor"),
    )


@routes.page("profile/two-factor/recovery-codes/", name="recovery_codes_renew", never_cache=True)
@require_POST
def recovery_codes_renew(request: HttpRequest) -> HttpResponse:
    person = signed_in(request)
    form = CodeForm(request.POST, auto_id="renew_%s")
    return _on_twofactor_page(
        request,
        form,
        lambda: twofactor.recovery_codes_renew(
            person=person, code=form.cleaned_data["code"], client=client_address(request)
        ),
        done=lambda codes: render(request, "people/recovery_codes.html", {"codes": codes}),
    )


def _on_twofactor_page(
    request: HttpRequest,
    form: TwoFactorDisableForm | CodeForm,
    call: Callable[[], T],
    *,
    done: Callable[[T], HttpResponse],
) -> HttpResponse:
    """A form of the two-factor page: a wrong code beside its field, and the page again
    (400, or 429 with Retry-After); what cannot be done now (off already) said on it."""

    def attempt() -> T | None:
        with _wrong_code_beside_the_field():
            try:
                return call()
            except Conflict as exc:
                messages.error(request, exc.detail)
                return None

    def page(status: int) -> HttpResponse:
        if isinstance(form, TwoFactorDisableForm):
            return _twofactor_again(request, status=status, disable_form=form)
        return _twofactor_again(request, status=status, renew_form=form)

    return form_page(
        request,
        form,
        attempt,
        page=page,
        done=lambda result: redirect("twofactor") if result is None else done(result),
    )


def _twofactor_again(
    request: HttpRequest,
    *,
    disable_form: TwoFactorDisableForm | None = None,
    renew_form: CodeForm | None = None,
    status: int = 400,
) -> HttpResponse:
    person = signed_in(request)
    context = {
        "on": twofactor.twofactor_enabled(person),
        "required": twofactor.twofactor_required(person),
        "codes_left": twofactor.recovery_codes_left(person),
        "disable_form": disable_form or TwoFactorDisableForm(),
        "renew_form": renew_form or CodeForm(auto_id="renew_%s"),
    }
    return render(request, "people/twofactor.html", context, status=status)
