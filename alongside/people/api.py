from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import Field

from alongside.lib.http import client_address
from alongside.lib.inputs import parse_public_id
from alongside.lib.pagination import paginate
from alongside.lib.schemas import PageQuery
from alongside.people import services
from alongside.people.access import get_person_for, signed_in
from alongside.people.audit import security_events
from alongside.people.models import ApiToken, Person
from alongside.people.schemas import (
    MeOut,
    MePatch,
    PasswordChanged,
    PasswordIn,
    PeopleList,
    PersonOut,
    SecurityEventPage,
    SessionPage,
    SignedOutEverywhere,
    SignOutEverywhereIn,
    SignupIn,
    TokenIn,
    TokenOut,
    TokenPage,
)
from alongside.people.selectors import live_tokens, people_search, with_activity_shown_to
from alongside.people.sessions import (
    keep_this_session,
    live_sessions,
    session_revoke,
    sign_out_everywhere,
)

auth_router = Router()
me_router = Router()
people_router = Router()


def me(request: HttpRequest) -> Person:
    return signed_in(request)


@auth_router.post("/signup", auth=None, response={201: MeOut})
def signup(request: HttpRequest, payload: SignupIn) -> Status:
    """Create an account (when open sign-up is on). By default at most 50 per address and
    hour (429 with Retry-After beyond)."""
    person = services.person_signup(**payload.dict(), client=client_address(request))
    return Status(201, person)


@auth_router.post("/token", auth=None, response=TokenOut)
def token(request: HttpRequest, payload: TokenIn) -> dict[str, object]:
    """Exchange an email and password for a bearer token, valid 90 days by default.

    By default: throttled (429 with Retry-After) after 5 failures for one email from one
    address, and beyond 30 new tokens per address and hour; 409 when you already have 20
    live tokens (revoke one first).

    With two-factor sign-in on, send `code` too (the app's 6-digit code or a recovery
    code): without it the answer is 401 `code_required`, with a wrong one 401 `bad_code`
    (wrong codes are throttled like wrong passwords). With REQUIRE_2FA_FOR_ADMINS, staff
    and program admins who have not set it up get 403 `twofactor_setup_required`.
    """
    created, raw = services.token_exchange(
        email=payload.email,
        password=payload.password,
        name=payload.name,
        code=payload.code,
        client=client_address(request),
    )
    return {"token": raw, "id": created.public_id, "expires_at": created.expires_at}


@auth_router.get("/tokens", response=TokenPage)
def tokens(request: HttpRequest, q: Query[PageQuery]) -> dict[str, object]:
    """Your live tokens (never the secrets themselves), with when each was last used
    (to the minute) and when it expires."""
    return paginate(live_tokens(me(request)), q)


@auth_router.delete("/tokens/{token_id}", response={204: None})
def revoke(request: HttpRequest, token_id: str) -> Status:
    """Revoke one of your tokens; it answers 401 from then on."""
    services.token_revoke(person=me(request), token_id=parse_public_id(token_id))
    return Status(204, None)


@me_router.get("", response=MeOut)
def read_me(request: HttpRequest) -> Person:
    return me(request)


@me_router.post("/password", response=PasswordChanged)
def change_password(request: HttpRequest, payload: PasswordIn) -> dict[str, object]:
    """Change your password. Every API token is revoked and every other session ends;
    a caller signed in with a token gets a new one in the answer."""
    person = me(request)
    revoked = services.password_change(
        person=person,
        current_password=payload.current_password,
        new_password=payload.new_password,
        client=client_address(request),
    )
    if request.headers.get("Authorization", "").lower().startswith("bearer "):
        created, raw = services.token_create(person=person, name="after a password change")
        return {"revoked_tokens": revoked, "token": raw, "id": created.public_id}
    keep_this_session(request, person)
    return {"revoked_tokens": revoked, "token": None, "id": None}


@me_router.get("/security-events", response=SecurityEventPage)
def my_security_events(request: HttpRequest, q: Query[PageQuery]) -> dict[str, object]:
    """The security events of your account, newest first: sign-ins and failed ones,
    tokens created and revoked, password and two-factor changes, sessions signed out,
    role changes by staff. Each with when, from which address and browser. Kept
    AUDIT_RETENTION_DAYS (365 by default)."""
    return paginate(security_events(me(request)), q)


@me_router.get("/sessions", response=SessionPage)
def my_sessions(request: HttpRequest, q: Query[PageQuery]) -> dict[str, object]:
    """The browsers you are signed in on, most recently seen first; `current` marks the
    one this request came with. Your API tokens are at GET /auth/tokens."""
    page = paginate(live_sessions(me(request)), q)
    current = request.session.session_key if hasattr(request, "session") else None
    for row in page["items"]:
        row.current = row.session_key == current
    return page


@me_router.delete("/sessions/{session_id}", response={204: None})
def end_session(request: HttpRequest, session_id: str) -> Status:
    """Sign one of your browsers out."""
    session_revoke(person=me(request), session_id=parse_public_id(session_id))
    return Status(204, None)


@me_router.post("/signout-everywhere", response=SignedOutEverywhere)
def signout_everywhere(request: HttpRequest, payload: SignOutEverywhereIn) -> dict[str, int]:
    """End every session and revoke every API token of yours. With `keep_current` (the
    default), the token or the browser session this request came with stays."""
    person = me(request)
    bearer = request.headers.get("Authorization", "")
    token = bearer[7:].strip() if bearer.lower().startswith("bearer ") else ""
    session_key = None if token else request.session.session_key
    keep = payload.keep_current
    done = sign_out_everywhere(
        person=person,
        keep_session_key=session_key if keep else None,
        keep_token_digest=ApiToken.digest_of(token) if keep and token else None,
    )
    if keep and session_key:
        keep_this_session(request, person)
    return done


@me_router.patch("", response=MeOut)
def update_me(request: HttpRequest, payload: MePatch) -> Person:
    """Change your profile; send only the fields to change."""
    changes = payload.dict(exclude_unset=True)
    return services.profile_update(person=me(request), **changes)


class PeopleQuery(PageQuery):
    q: str = Field("", max_length=200, description="Words in the name, headline or skills.")
    skill: str = Field("", max_length=60, description="People with exactly this skill.")
    language: str = Field("", max_length=60, description="People who speak this language.")
    within_hours: int | None = Field(
        None, ge=0, le=12, description="People whose clock is at most this many hours from yours."
    )
    open_to_mentor: bool | None = None


@people_router.get("", response=PeopleList)
def list_people(request: HttpRequest, filters: Query[PeopleQuery]) -> dict[str, object]:
    """Search people by name or skill; paginated with limit and offset."""
    found = people_search(
        q=filters.q,
        skill=filters.skill,
        language=filters.language,
        within_hours=filters.within_hours,
        open_to_mentor=filters.open_to_mentor,
        viewer=me(request),
    )
    page = paginate(found, filters)
    page["items"] = with_activity_shown_to(me(request), page["items"])
    return page


@people_router.get("/{person_id}", response=PersonOut)
def read_person(request: HttpRequest, person_id: str) -> Person:
    viewer = me(request)
    (person,) = with_activity_shown_to(viewer, [get_person_for(viewer, person_id)])
    return person
