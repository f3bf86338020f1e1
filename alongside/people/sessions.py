"""My sessions: the browsers a person is signed in on, and signing them out.

Django keeps sessions in the database (`django_session`) without saying whose they
are; `BrowserSession` adds the person, the browser, the address and when it was last
seen. It is written when the browser signs in (`record_login`, on Django's
`user_logged_in`, which every way of signing in sends), then by
`BrowserSessionMiddleware` at most every TOUCH_SECONDS per session.
"""

import time
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY, update_session_auth_hash
from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from alongside.people.audit import Origin, audit, origin_of
from alongside.people.models import ApiToken, AuditAction, BrowserSession, Person

TOUCH_SECONDS = 300
SEEN_KEY = "_alongside_seen"


def _end_django_session(session_key: str) -> None:
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore().delete(session_key)


def session_seen(*, person: Person, session_key: str, origin: Origin) -> None:
    """Record that this session of `person` is in use now, from `origin`."""
    now = timezone.now()
    values = {
        "last_seen_at": now,
        "address": origin.address,
        "user_agent": origin.user_agent,
        "auth_mark": person.get_session_auth_hash(),
    }
    if BrowserSession.objects.filter(session_key=session_key, person=person).update(**values):
        return
    try:
        with transaction.atomic():
            BrowserSession.objects.create(
                session_key=session_key, person=person, created_at=now, **values
            )
    except IntegrityError:
        pass  # a concurrent request of the same session recorded it


def live_sessions(person: Person) -> QuerySet[BrowserSession]:
    """The person's sessions that still sign them in: not expired, not ended, and made
    under their current password (and since their last "sign out everywhere")."""
    alive = Session.objects.filter(
        session_key=OuterRef("session_key"), expire_date__gt=timezone.now()
    )
    return BrowserSession.objects.filter(
        Exists(alive), person=person, auth_mark=person.get_session_auth_hash()
    ).order_by("-last_seen_at", "-id")


@transaction.atomic
def session_revoke(*, person: Person, session_id: Any) -> BrowserSession:
    """Sign one of the person's browsers out; answers the session ended."""
    row = BrowserSession.objects.filter(person=person, public_id=session_id).first()
    if row is None:
        raise Http404("No such session.")
    _end_django_session(row.session_key)
    row.delete()
    audit(
        AuditAction.SESSION_REVOKED,
        actor=person,
        detail={"browser": row.user_agent[:80], "address": row.address},
    )
    return row


def keep_this_session(request: HttpRequest, person: Person) -> None:
    """After a password change or "sign out everywhere": this browser stays signed in
    (Django renews its hash and its key), and its row follows it to the new key."""
    old = request.session.session_key
    update_session_auth_hash(request, person)
    new = request.session.session_key
    if old and new:
        BrowserSession.objects.filter(session_key=old, person=person).update(
            session_key=new, auth_mark=person.get_session_auth_hash()
        )
        request.session[SEEN_KEY] = [new, int(time.time())]


def sessions_prune() -> int:
    """Forget the rows of sessions that ended (expired, signed out, cleared)."""
    alive = Session.objects.filter(session_key=OuterRef("session_key"))
    deleted, _ = BrowserSession.objects.filter(~Exists(alive)).delete()
    Session.objects.filter(expire_date__lte=timezone.now()).delete()
    return deleted


def session_forget(*, session_key: str | None) -> None:
    """The row of a session that signs out by itself."""
    if session_key:
        BrowserSession.objects.filter(session_key=session_key).delete()


@transaction.atomic
def sign_out_everywhere(
    *, person: Person, keep_session_key: str | None = None, keep_token_digest: str | None = None
) -> dict[str, int]:
    """End every session and revoke every API token of `person`, except the session or
    the token this request came with when given (to keep them, the caller renews the
    kept session's hash with update_session_auth_hash).

    Sessions nobody recorded end too: the person's session epoch moves on, so no hash
    made before matches any more."""
    Person.objects.filter(pk=person.pk).update(sessions_epoch=F("sessions_epoch") + 1)
    person.refresh_from_db(fields=["sessions_epoch"])
    ended = 0
    for row in BrowserSession.objects.filter(person=person).exclude(
        session_key=keep_session_key or ""
    ):
        _end_django_session(row.session_key)
        row.delete()
        ended += 1
    tokens = ApiToken.objects.filter(person=person)
    if keep_token_digest:
        tokens = tokens.exclude(digest=keep_token_digest)
    revoked, _ = tokens.delete()
    audit(
        AuditAction.SIGNED_OUT_EVERYWHERE,
        actor=person,
        detail={"sessions_ended": ended, "tokens_revoked": revoked},
    )
    return {"sessions_ended": ended, "tokens_revoked": revoked}


def record_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """Django's `user_logged_in`: every way into a session passes there (the sign-in
    and code pages, the admin's sign-in, a test's force_login), so the browser is listed
    from the moment it signs in, and its first pages write nothing more."""
    session = getattr(request, "session", None)
    if request is None or session is None or not session.session_key:
        return
    if isinstance(user, Person):
        session_seen(person=user, session_key=session.session_key, origin=origin_of(request))
        session[SEEN_KEY] = [session.session_key, int(time.time())]


def session_person(request: HttpRequest) -> Person | None:
    """The person the request's session signed in; None for the anonymous and for a
    request signed in otherwise (a bearer token has no session)."""
    session = getattr(request, "session", None)
    if session is None or SESSION_KEY not in session:
        return None
    user = getattr(request, "user", None)
    if not isinstance(user, Person) or not user.is_authenticated:
        return None
    return user


class BrowserSessionMiddleware:
    """Records the signed-in browser of a page request (see the module's docstring).
    Between two records the session itself remembers when it was seen: no query."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.session_key:
            return response
        user = session_person(request)
        if user is None:
            return response
        now = int(time.time())
        seen = session.get(SEEN_KEY)
        fresh = (
            isinstance(seen, list)
            and len(seen) == 2
            and seen[0] == session.session_key
            and isinstance(seen[1], int)
            and now - seen[1] < TOUCH_SECONDS
        )
        if not fresh:
            session_seen(person=user, session_key=session.session_key, origin=origin_of(request))
            session[SEEN_KEY] = [session.session_key, now]
        return response
