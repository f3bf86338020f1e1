"""Every write about people: sign-up, sign-in, profile, API tokens."""

import re
import secrets
import zoneinfo
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from alongside.lib.errors import Conflict, Forbidden, NotAuthenticated
from alongside.people import throttle
from alongside.people.models import (
    BIO_MAX,
    CAPACITY_MAX,
    EMAIL_MAX,
    HEADLINE_MAX,
    NAME_MAX,
    TAG_MAX,
    TAGS_MAX,
    ApiToken,
    Channel,
    Person,
)

TIMEZONES = frozenset(zoneinfo.available_timezones())
TAG_FIELDS = ("skills", "interests", "languages")
TEXT_LIMITS = {"name": NAME_MAX, "headline": HEADLINE_MAX, "bio": BIO_MAX}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str, *, field: str, limit: int, required: bool = False) -> str:
    value = _CONTROL.sub("", value).strip()
    if required and not value:
        raise ValidationError({field: "This field is required."})
    if len(value) > limit:
        raise ValidationError(
            {field: f"Keep it to {limit} characters or fewer (this has {len(value)})."}
        )
    return value


def normalize_tags(values: Iterable[str], *, field: str) -> list[str]:
    """Trim, collapse inner spaces, drop empties and case-insensitive duplicates."""
    seen: set[str] = set()
    tags: list[str] = []
    for raw in values:
        tag = " ".join(_CONTROL.sub("", str(raw)).split())
        if not tag:
            continue
        if len(tag) > TAG_MAX:
            raise ValidationError(
                {field: f"Each entry must be {TAG_MAX} characters or fewer ('{tag[:20]}…')."}
            )
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    if len(tags) > TAGS_MAX:
        raise ValidationError({field: f"List at most {TAGS_MAX} entries (this has {len(tags)})."})
    return tags


def clean_email(email: str) -> str:
    email = email.strip().lower()
    if len(email) > EMAIL_MAX:
        raise ValidationError({"email": f"An email address has at most {EMAIL_MAX} characters."})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": "Enter a valid email address."}) from None
    return email


def _int_in(value: Any, *, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError({field: "Enter a whole number."})
    if not low <= value <= high:
        raise ValidationError({field: f"Enter a number from {low} to {high}."})
    return value


def person_signup(*, email: str, password: str, name: str) -> Person:
    if not settings.OPEN_SIGNUP:
        raise Forbidden("Sign-up is closed on this site. Ask a program admin for an invitation.")
    email = clean_email(email)
    name = clean_text(name, field="name", limit=NAME_MAX, required=True)
    candidate = Person(email=email, name=name)
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    try:
        with transaction.atomic():
            return Person.objects.create_user(email=email, password=password, name=name)
    except IntegrityError:
        raise Conflict(
            "An account with this email already exists. Sign in, or reset your password.",
            code="email_taken",
        ) from None


def person_signin(*, email: str, password: str, client: str) -> Person:
    """Check a password, throttled per email and per client address."""
    keys = throttle.keys_for(email=email, client=client)
    throttle.check(keys)
    person = authenticate(username=email.strip().lower(), password=password)
    if not isinstance(person, Person):
        throttle.record_failure(keys)
        raise NotAuthenticated("Wrong email or password.", code="bad_credentials")
    throttle.clear(keys[0])
    return person


@transaction.atomic
def profile_update(*, person: Person, **changes: Any) -> Person:
    """Validate and apply profile changes; unknown fields are refused."""
    allowed = {
        *TEXT_LIMITS,
        *TAG_FIELDS,
        "timezone",
        "open_to_mentor",
        "mentor_capacity",
        "seeking_mentor",
        "channel",
        "meeting_every_days",
        "meeting_minutes",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be changed here."))
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for field, value in changes.items():
        try:
            cleaned[field] = _clean_profile_field(field, value)
        except ValidationError as exc:
            for f, messages in exc.message_dict.items():
                errors.setdefault(f, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    if cleaned.get("open_to_mentor") and person.mentor_capacity == 0:
        cleaned.setdefault("mentor_capacity", 1)
    for field, value in cleaned.items():
        setattr(person, field, value)
    person.save(update_fields=list(cleaned) or None)
    return person


def _clean_profile_field(field: str, value: Any) -> Any:
    if field in TEXT_LIMITS:
        if not isinstance(value, str):
            raise ValidationError({field: "Enter text."})
        return clean_text(value, field=field, limit=TEXT_LIMITS[field], required=field == "name")
    if field in TAG_FIELDS:
        if isinstance(value, str) or not isinstance(value, list | tuple):
            raise ValidationError({field: "Send a list of short texts."})
        return normalize_tags(value, field=field)
    if field == "timezone":
        if not isinstance(value, str) or value not in TIMEZONES:
            raise ValidationError(
                {field: "Choose a time zone by its IANA name, such as Europe/Berlin."}
            )
        return value
    if field in ("open_to_mentor", "seeking_mentor"):
        if not isinstance(value, bool):
            raise ValidationError({field: "Send true or false."})
        return value
    if field == "mentor_capacity":
        return _int_in(value, field=field, low=0, high=CAPACITY_MAX)
    if field == "meeting_every_days":
        return _int_in(value, field=field, low=1, high=365)
    if field == "meeting_minutes":
        return _int_in(value, field=field, low=5, high=480)
    if field == "channel":
        if value not in Channel.values:
            raise ValidationError({field: "Choose one of: " + ", ".join(Channel.values) + "."})
        return value
    raise ValidationError({field: "This field cannot be changed here."})  # pragma: no cover


def token_create(*, person: Person, name: str = "") -> tuple[ApiToken, str]:
    """Create a token; the plain token is returned once and never stored."""
    raw = "al_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        person=person,
        name=clean_text(name, field="name", limit=100),
        digest=ApiToken.digest_of(raw),
        prefix=raw[:10],
    )
    return token, raw


def token_revoke(*, person: Person, token_id: Any) -> None:
    deleted, _ = ApiToken.objects.filter(person=person, public_id=token_id).delete()
    if not deleted:
        raise Http404("No such token.")


def token_authenticate(*, raw: str) -> Person | None:
    if not raw or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("person")
        .filter(digest=ApiToken.digest_of(raw), person__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Write at most once a minute per token: reads stay reads.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.person


def person_touch(*, person: Person) -> None:
    """Record activity, at most once every five minutes."""
    now = timezone.now()
    if person.last_active is None or (now - person.last_active).total_seconds() > 300:
        Person.objects.filter(pk=person.pk).update(last_active=now)
        person.last_active = now
