"""Every write about people: sign-up, sign-in, profile, API tokens."""

import datetime as dt
import secrets
import uuid
import zoneinfo
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from alongside.lib.errors import Conflict, Forbidden, NotAuthenticated, conflict_if_duplicate
from alongside.lib.inputs import CONTROL, clean_fields, clean_text
from alongside.people import throttle, twofactor
from alongside.people.audit import audit
from alongside.people.models import (
    BIO_MAX,
    CAPACITY_MAX,
    EMAIL_MAX,
    FORMER_MEMBER,
    HEADLINE_MAX,
    MENTORING_FIELDS,
    NAME_MAX,
    TAG_MAX,
    TAGS_MAX,
    ApiToken,
    AuditAction,
    Channel,
    Person,
    RecoveryCode,
    TwoFactor,
)
from alongside.people.selectors import bearer_of

TIMEZONES = frozenset(zoneinfo.available_timezones())
# What a new person is here for, as sign-up asks it: it sets the profile's two flags.
HERE_TO = {
    "find": ("Find a mentor", {"seeking_mentor": True, "open_to_mentor": False}),
    "mentor": ("Mentor others", {"seeking_mentor": False, "open_to_mentor": True}),
    "both": ("Both", {"seeking_mentor": True, "open_to_mentor": True}),
}
# Zones a person would never mean: aliases of UTC and files that are not places.
_NOT_PLACES = {"Factory", "localtime", "posixrules", "GMT0", "GMT+0", "GMT-0", "Greenwich",
               "UCT", "Universal", "Zulu", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "Etc/GMT0",
               "Etc/GMT+0", "Etc/GMT-0", "Etc/Greenwich"}  # fmt: skip


def timezone_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The zones a person may pick, grouped by region ("Europe": Berlin, ...), places only:
    no "Factory" or "localtime". UTC stands first, in a group of its own."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(TIMEZONES - _NOT_PLACES):
        region, _, place = name.partition("/")
        if not place or region == "Etc" or region.upper() == region or region == "US":
            continue  # "EST5EDT", "Etc/GMT+3", "US/Eastern": legacy names of zones listed
        groups.setdefault(region, []).append((name, place.replace("_", " ")))
    return [("", [("UTC", "UTC")]), *sorted(groups.items())]


TAG_FIELDS = ("skills", "interests", "languages")
TEXT_LIMITS = {"name": NAME_MAX, "headline": HEADLINE_MAX, "bio": BIO_MAX}


def normalize_tags(values: Iterable[str], *, field: str) -> list[str]:
    """Trim, collapse inner spaces, drop empties and case-insensitive duplicates."""
    seen: set[str] = set()
    tags: list[str] = []
    for raw in values:
        tag = " ".join(CONTROL.sub("", str(raw)).split())
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


def person_signup(
    *,
    email: str,
    password: str,
    name: str,
    client: str,
    here_to: str = "find",
    timezone: str = "UTC",
) -> Person:
    """Create an account; at most SIGNUPS_PER_HOUR tries per client address. `here_to`
    (find, mentor or both) sets whether they seek a mentor and are open to mentoring."""
    if not settings.OPEN_SIGNUP:
        raise Forbidden("Sign-up is closed on this site. Ask a program admin for an invitation.")
    email = clean_email(email)
    name = clean_text(name, field="name", limit=NAME_MAX, required=True)
    if here_to not in HERE_TO:
        raise ValidationError({"here_to": "Choose find, mentor or both."})
    if timezone not in TIMEZONES:
        raise ValidationError(
            {"timezone": "Choose a time zone from the list, such as Europe/Berlin."}
        )
    candidate = Person(email=email, name=name)
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    # Counted once the input is valid: a typo is not a try, a taken email is.
    throttle.take(throttle.signup_rules(client=client), doing="sign-ups from your address")
    with conflict_if_duplicate(
        "An account with this email already exists. Sign in, or reset your password.",
        code="email_taken",
    ):
        return Person.objects.create_user(
            email=email, password=password, name=name, timezone=timezone, **HERE_TO[here_to][1]
        )


SIGNIN_ADVICE = "or reset your password"


def person_signin(*, email: str, password: str, client: str) -> Person:
    """Check a password, throttled per (email, address), per email and per address.

    The try is counted before the password is checked, so that concurrent wrong tries
    cannot pass the limit; a right password gives the try back and clears the count of
    its (email, address) pair. Not atomic on purpose: a wrong try must stay counted.
    """
    rules = throttle.signin_rules(email=email, client=client)
    throttle.take(rules, doing="failed sign-ins", advice=SIGNIN_ADVICE)
    # No account's email holds a control character; PostgreSQL cannot even look one up.
    clean = not CONTROL.search(email)
    person = authenticate(username=email.strip().lower(), password=password) if clean else None
    if not isinstance(person, Person):
        # The account's owner sees failed tries on their Security page; a typed email
        # that names no account is not kept (it may be a password typed in the wrong box).
        owner = Person.objects.filter(email=email.strip().lower()).first() if clean else None
        if owner is not None:
            audit(AuditAction.SIGNIN_FAILED, target=owner)
        raise NotAuthenticated("Wrong email or password.", code="bad_credentials")
    throttle.give_back(rules)
    throttle.forget(rules[:1])
    return person


def password_check(*, person: Person, password: str, client: str) -> None:
    """Check a signed-in person's current password before a change, throttled like a
    sign-in (a stolen session must not be a way to guess the password)."""
    rules = throttle.signin_rules(email=person.email, client=client)
    throttle.take(rules, doing="wrong passwords", advice=SIGNIN_ADVICE)
    if not person.check_password(password):
        audit(AuditAction.SIGNIN_FAILED, actor=person, detail={"step": "current password"})
        raise ValidationError({"current_password": "This is not your current password."})
    throttle.give_back(rules)


@transaction.atomic
def password_set(
    *,
    person: Person,
    password: str,
    action: AuditAction = AuditAction.PASSWORD_CHANGED,
) -> int:
    """Set a new password and revoke every API token; answers how many were revoked.

    Every session made under the old password ends too (Django checks a digest of the
    password hash on each request); a page that changes the password keeps its own
    session with update_session_auth_hash.
    """
    try:
        validate_password(password, user=person)
    except ValidationError as exc:
        raise ValidationError({"new_password": exc.messages}) from None
    person.set_password(password)
    person.save(update_fields=["password"])
    revoked = tokens_revoke_all(person=person)
    audit(action, actor=person, detail={"revoked_tokens": revoked})
    return revoked


def twofactor_disable(*, person: Person, password: str, code: str, client: str) -> None:
    """Turn two-factor sign-in off: the password and a code, both checked as at sign-in."""
    if not twofactor.twofactor_enabled(person):
        raise Conflict("Two-factor sign-in is not on.", code="twofactor_off")
    if twofactor.twofactor_required(person):
        raise Conflict(
            "Two-factor sign-in is required for staff and program admins on this site.",
            code="twofactor_required",
        )
    password_check(person=person, password=password, client=client)
    twofactor.second_factor_verify(person=person, code=code, client=client)
    with transaction.atomic():
        TwoFactor.objects.filter(person=person).delete()
        RecoveryCode.objects.filter(person=person).delete()
        audit(AuditAction.TWOFACTOR_DISABLED, actor=person)


def password_change(
    *, person: Person, current_password: str, new_password: str, client: str
) -> int:
    """Check the current password, then set the new one (revoking every token). Not one
    transaction: a wrong current password must stay counted."""
    password_check(person=person, password=current_password, client=client)
    return password_set(person=person, password=new_password)


def password_reset_request(*, email: str, client: str) -> None:
    """Count a request for a reset email: per address, and per email address so that
    nobody's inbox can be flooded. Counted whether or not the account exists, so that
    the answer says nothing about who has one."""
    throttle.take(
        throttle.password_reset_rules(email=email, client=client),
        doing="password reset emails asked for",
    )


def password_reset_complete(*, person: Person, password: str, client: str) -> int:
    """Set the password chosen through an emailed reset link. Who holds the inbox may
    sign in again at once: the failures counted for the email (and from this address)
    are forgotten."""
    revoked = password_set(person=person, password=password, action=AuditAction.PASSWORD_RESET)
    throttle.forget(throttle.signin_rules(email=person.email, client=client)[:2])
    return revoked


@transaction.atomic
def profile_update(*, person: Person, **changes: Any) -> Person:
    """Validate and apply profile changes; unknown fields are refused."""
    allowed = {*TEXT_LIMITS, *TAG_FIELDS, "timezone", *MENTORING_FIELDS}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be changed here."))
    cleaned = clean_fields(changes, _clean_profile_field)
    if cleaned.get("open_to_mentor") and person.mentor_capacity == 0:
        cleaned.setdefault("mentor_capacity", 1)
    for field, value in cleaned.items():
        setattr(person, field, value)
    if cleaned:  # nothing asked: no write (a whole-row save could undo a change made since)
        person.save(update_fields=list(cleaned))
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
    """Create a token; the plain token is returned once and never stored.

    It ends after API_TOKEN_DAYS. A person has at most API_TOKENS_MAX live tokens: their
    row is locked while counting, so that concurrent requests cannot pass the cap.
    """
    name = clean_text(name, field="name", limit=100)
    now = timezone.now()
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        mark = ApiToken.password_mark_of(locked)
        # Ended tokens (expired, or made under an older password) hold no place.
        ApiToken.objects.filter(person=locked).filter(
            Q(expires_at__lte=now) | ~Q(password_mark=mark)
        ).delete()
        live = ApiToken.objects.filter(person=locked).count()
        if live >= settings.API_TOKENS_MAX:
            raise Conflict(
                f"You have {live} API tokens, the most allowed. Revoke one you no longer "
                "use (DELETE /api/v1/auth/tokens/{id}, or on your API tokens page) and try "
                "again.",
                code="too_many_tokens",
            )
        raw = "al_" + secrets.token_urlsafe(32)
        token = ApiToken.objects.create(
            person=locked,
            name=name,
            digest=ApiToken.digest_of(raw),
            prefix=raw[:10],
            created_at=now,
            expires_at=now + timedelta(days=settings.API_TOKEN_DAYS),
            password_mark=mark,
        )
        audit(AuditAction.TOKEN_CREATED, actor=locked, detail={"token": token.prefix, "name": name})
    return token, raw


def token_exchange(
    *, email: str, password: str, name: str, client: str, code: str = ""
) -> tuple[ApiToken, str]:
    """A token for an email and password (and the two-factor code when it is on): the
    sign-in throttles, then at most TOKENS_PER_HOUR new tokens per client address."""
    person = person_signin(email=email, password=password, client=client)
    if twofactor.twofactor_enabled(person):
        if not code:
            raise NotAuthenticated(
                "This account signs in with two factors: send the 6-digit code from your "
                "authenticator app (or a recovery code) as `code`.",
                code="code_required",
            )
        twofactor.second_factor_verify(person=person, code=code, client=client)
    elif twofactor.twofactor_required(person):
        raise Forbidden(
            "Staff and program admins turn on two-factor sign-in before they get API "
            "tokens: sign in on the site and set it up on your Security page.",
            code="twofactor_setup_required",
        )
    throttle.take(throttle.token_rules(client=client), doing="API tokens created from your address")
    return token_create(person=person, name=name)


@transaction.atomic
def token_revoke(*, person: Person, token_id: Any) -> None:
    token = ApiToken.objects.filter(person=person, public_id=token_id).first()
    if token is None:
        raise Http404("No such token.")
    token.delete()
    audit(AuditAction.TOKEN_REVOKED, actor=person, detail={"token": token.prefix})


def tokens_revoke_all(*, person: Person) -> int:
    deleted, _ = ApiToken.objects.filter(person=person).delete()
    return deleted


def token_authenticate(*, raw: str) -> Person | None:
    """The person behind a bearer token, or None for a token that never was. A token
    that was but has ended raises NotAuthenticated, saying why."""
    if not raw or len(raw) > 200 or not raw.isascii():
        return None
    bearer = bearer_of(ApiToken.digest_of(raw))
    if bearer is None:
        return None
    now = timezone.now()
    if bearer.password_mark != ApiToken.password_mark_of(bearer.person):
        raise NotAuthenticated(
            "This token was revoked when your password changed. Get a new one with "
            "POST /api/v1/auth/token.",
            code="token_revoked",
        )
    if bearer.expires_at <= now:
        raise NotAuthenticated(
            f"This token expired on {bearer.expires_at:%Y-%m-%d %H:%M} UTC. Get a new one "
            "with POST /api/v1/auth/token.",
            code="token_expired",
        )
    # Write at most once a minute per token: reads stay reads.
    if bearer.last_used_at is None or (now - bearer.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=bearer.token_id).update(last_used_at=now)
    return bearer.person


# A pause this long between two requests ends a visit.
VISIT_GAP = dt.timedelta(minutes=30)


def person_touch(*, person: Person) -> None:
    """Record activity, at most once every five minutes. After a pause of VISIT_GAP a new
    visit begins: the end of the one before is kept (in the same UPDATE)."""
    now = timezone.now()
    if person.last_active is None or (now - person.last_active).total_seconds() > 300:
        fields: dict[str, Any] = {"last_active": now}
        if person.last_active is not None and now - person.last_active > VISIT_GAP:
            fields["previous_visit_at"] = person.last_active
        Person.objects.filter(pk=person.pk).update(**fields)
        for name, value in fields.items():
            setattr(person, name, value)


@transaction.atomic
def person_tombstone(*, person: Person) -> Person:
    """Blank every personal field of an account that is being deleted, and end every way
    in: the password is made unusable (which ends every session made under it), the
    account inactive (sign-in and the API refuse it) and the tokens deleted. The row stays,
    so that what the person shared with a pair stays for the other member, under
    FORMER_MEMBER. The caller (alongside.privacy) removes the private content first."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    tokens_revoke_all(person=person)
    person.email = f"former-{uuid.uuid4().hex}@deleted.invalid"
    person.name = FORMER_MEMBER
    person.headline = person.bio = ""
    person.timezone = "UTC"
    person.skills, person.interests, person.languages = [], [], []
    person.open_to_mentor = person.seeking_mentor = False
    person.mentor_capacity = 0
    person.channel = Channel.VIDEO
    person.last_active = person.last_login = person.previous_visit_at = None
    person.is_active = person.is_staff = person.is_superuser = False
    person.deleted_at = timezone.now()
    person.set_unusable_password()
    person.save()
    person.groups.clear()
    person.user_permissions.clear()
    return person
