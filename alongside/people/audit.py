"""The audit log: who did what, when, from which address.

One entry point for every app (people is the lowest layer that knows people, so any app
may import it):

    from alongside.people.audit import audit
    from alongside.people.models import AuditAction

    audit(AuditAction.MATCHING_RUN, actor=admin, program=program, detail={"run": str(run_id)})

- `actor`: who acted (None: the site itself, the operator at the command line).
- `target`: whose account the event is about; defaults to the actor. Events whose target
  is you are listed on your Security page (`GET /api/v1/me/security-events`).
- `program`: a Program (or its pk) for a program admin action; the program's admins read
  them on its audit page (`GET /api/v1/programs/{id}/audit`).
- `request`: where the address and browser come from. Without it, the request being
  served (AuditContextMiddleware keeps it), so a service deep down needs no request.
  The address is the one the rate limits count (TRUSTED_PROXY_COUNT is honoured).
- `detail`: ids, counts, field names and short labels: never the text of a pair's
  content (a goal, a note, a message, a journal entry), never a password or token.

Rows are append-only in the application: `save()` refuses an update, `delete()` and the
queryset's `update()`/`delete()` raise `AppendOnly`. The sweep removes rows older than
AUDIT_RETENTION_DAYS (`audit_prune`). Written in the caller's transaction: an action
rolled back leaves no row.
"""

import contextvars
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from alongside.lib.http import client_address
from alongside.lib.text import fold_one_line
from alongside.people.models import AuditAction, AuditEvent, Person

DETAIL_TEXT_MAX = 200
DETAIL_KEYS_MAX = 20
USER_AGENT_MAX = 200


@dataclass(frozen=True)
class Origin:
    """Where a request came from, as the audit log records it."""

    address: str
    user_agent: str


_origin: contextvars.ContextVar[Origin | None] = contextvars.ContextVar(
    "alongside_audit_origin", default=None
)


def origin_of(request: HttpRequest) -> Origin:
    agent = fold_one_line(str(request.META.get("HTTP_USER_AGENT", "")))[:USER_AGENT_MAX]
    return Origin(address=client_address(request)[:64], user_agent=agent)


class HasPk(Protocol):
    pk: Any


def _clean_detail(detail: Mapping[str, Any] | None) -> dict[str, Any]:
    """Small and flat: a key per fact, each a number, a flag, or a short one-line text."""
    out: dict[str, Any] = {}
    for key, value in list((detail or {}).items())[:DETAIL_KEYS_MAX]:
        if value is None or isinstance(value, bool | int | float):
            out[str(key)] = value
        elif isinstance(value, list | tuple):
            out[str(key)] = [fold_one_line(str(v))[:DETAIL_TEXT_MAX] for v in value][:30]
        else:
            out[str(key)] = fold_one_line(str(value))[:DETAIL_TEXT_MAX]
    return out


def audit(
    action: AuditAction | str,
    *,
    actor: Person | None = None,
    request: HttpRequest | None = None,
    program: HasPk | int | None = None,
    target: Person | None = None,
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the audit log and answer it (see the module's docstring)."""
    kind = AuditAction(action)  # an unknown kind is a programming error: ValueError
    where = origin_of(request) if request is not None else _origin.get()
    if actor is not None and not actor.is_authenticated:
        actor = None
    if target is None:
        target = actor
    program_pk = program if isinstance(program, int) or program is None else program.pk
    return AuditEvent.objects.create(
        action=kind,
        actor=actor,
        target=target,
        program_pk=program_pk,
        address=where.address if where else "",
        user_agent=where.user_agent if where else "",
        detail=_clean_detail(detail),
    )


class AuditContextMiddleware:
    """Keeps the origin of the request being served, for `audit()` calls that have no
    request at hand (services). Cheap: the address and browser are read once, no query."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        token = _origin.set(origin_of(request))
        try:
            return self.get_response(request)
        finally:
            _origin.reset(token)


def security_events(person: Person) -> QuerySet[AuditEvent]:
    """The events about a person's own account, newest first: not the admin actions they
    took on a program (those are the program's log), but being made a program's admin."""
    return (
        AuditEvent.objects.filter(target=person)
        .filter(Q(program_pk__isnull=True) | Q(action=AuditAction.PROGRAM_ADMIN_ADDED))
        .select_related("actor")
        .order_by("-at", "-id")
    )


def program_events(program_pk: int) -> QuerySet[AuditEvent]:
    """The admin actions on one program, newest first."""
    return (
        AuditEvent.objects.filter(program_pk=program_pk)
        .select_related("actor", "target")
        .order_by("-at", "-id")
    )


def audit_prune(*, now: dt.datetime | None = None) -> int:
    """Remove the events older than AUDIT_RETENTION_DAYS; answers how many."""
    now = now or timezone.now()
    return AuditEvent.objects.all().prune(
        before=now - dt.timedelta(days=settings.AUDIT_RETENTION_DAYS)
    )
