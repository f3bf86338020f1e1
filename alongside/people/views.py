from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from alongside.lib.errors import Conflict, Forbidden, NotAuthenticated
from alongside.lib.http import client_address
from alongside.lib.inputs import parse_public_id
from alongside.lib.pages import form_page, success
from alongside.lib.routes import Routes
from alongside.people import services
from alongside.people.access import get_person_for, signed_in
from alongside.people.audit import audit
from alongside.people.forms import ProfileForm, SigninForm, SignupForm
from alongside.people.models import AuditAction, Person
from alongside.people.selectors import live_tokens, people_search, with_activity_shown_to
from alongside.people.sessions import session_forget
from alongside.people.signin_flow import signin_after_password, signin_complete

routes = Routes()


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@routes.page("signup/", name="signup", public=True)
def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None)

    def sign_up() -> Person:
        try:
            return services.person_signup(**form.cleaned_data, client=client_address(request))
        except Conflict as exc:  # the address has an account: said beside it (400)
            raise ValidationError({"email": exc.detail}) from None
        except Forbidden as exc:  # sign-up is closed
            raise ValidationError(exc.detail) from None

    def welcome(person: Person) -> HttpResponse:
        signin_complete(request, person, via="signup")
        return success(
            request, "Welcome to Alongside! Start by filling in your profile.", "profile"
        )

    return form_page(
        request,
        form,
        sign_up,
        page=lambda status: render(request, "people/signup.html", {"form": form}, status=status),
        done=welcome,
    )


@routes.page("signin/", name="signin", public=True)
def signin(request: HttpRequest) -> HttpResponse:
    form = SigninForm(request.POST or None)

    def sign_in() -> Person:
        try:
            return services.person_signin(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                client=client_address(request),
            )
        except NotAuthenticated as exc:  # a wrong password is a form error (400)
            raise ValidationError(exc.detail) from None

    context = {"form": form, "next": _next_url(request)}
    return form_page(
        request,
        form,
        sign_in,
        page=lambda status: render(request, "people/signin.html", context, status=status),
        done=lambda person: signin_after_password(request, person, next_url=_next_url(request)),
    )


@routes.page("signout/", name="signout", public=True)
@require_POST
def signout(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit(AuditAction.SIGNOUT, actor=signed_in(request), request=request)
        session_forget(session_key=request.session.session_key)
    logout(request)
    messages.info(request, "You are signed out.")
    return redirect("home")


@routes.page("profile/", name="profile")
def profile(request: HttpRequest) -> HttpResponse:
    person = signed_in(request)
    form = ProfileForm.for_person(person, request.POST or None)

    def page(status: int) -> HttpResponse:
        if request.method == "POST":  # refused: the page shows the profile as saved
            person.refresh_from_db()
        return render(request, "people/profile.html", {"form": form}, status=status)

    return form_page(
        request,
        form,
        lambda: services.profile_update(person=person, **form.changes()),
        page=page,
        done=lambda _: success(request, "Your profile is saved.", "profile"),
    )


@routes.page("profile/tokens/", name="tokens")
def tokens(request: HttpRequest) -> HttpResponse:
    """Your live API tokens: when each was made, last used and ends; revoke one."""
    context = {"tokens": live_tokens(signed_in(request)), "days": settings.API_TOKEN_DAYS}
    return render(request, "people/tokens.html", context)


@routes.page("profile/tokens/<str:token_id>/revoke/", name="token_revoke")
@require_POST
def token_revoke(request: HttpRequest, token_id: str) -> HttpResponse:
    services.token_revoke(person=signed_in(request), token_id=parse_public_id(token_id))
    messages.success(request, "The token is revoked; it no longer works.")
    return redirect("sessions" if request.POST.get("back") == "sessions" else "tokens")


# "Time zone": people whose clock is within this many hours of mine.
NEAR_CHOICES = {"0": "Same time as me", "3": "Within 3 hours of me", "6": "Within 6 hours of me"}


@routes.page("people/", name="people")
def people_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:200]
    # Looking for a mentor is why most people open this page: mentors are the default.
    mentors_only = request.GET.get("who", "mentors") != "everyone"
    skill, language = request.GET.get("skill", "")[:60], request.GET.get("language", "")[:60]
    near = request.GET.get("near", "")
    within_hours = int(near) if near in NEAR_CHOICES else None
    found = people_search(
        q=q,
        skill=skill,
        language=language,
        within_hours=within_hours,
        open_to_mentor=True if mentors_only else None,
        viewer=signed_in(request),
    )
    page = Paginator(found, 20).get_page(request.GET.get("page"))
    page.object_list = with_activity_shown_to(signed_in(request), page.object_list)
    context = {
        "page": page,
        "q": q,
        "mentors_only": mentors_only,
        "skill": skill,
        "language": language,
        "near": near if within_hours is not None else "",
        "near_choices": NEAR_CHOICES,
        "filtered": bool(q or skill or language or within_hours is not None),
    }
    return render(request, "people/people_list.html", context)


@routes.page("people/<str:person_id>/", name="person")
def person_detail(request: HttpRequest, person_id: str) -> HttpResponse:
    viewer = signed_in(request)
    (person,) = with_activity_shown_to(viewer, [get_person_for(viewer, person_id)])
    return render(request, "people/person_detail.html", {"person": person})
