"""Two-factor sign-in: a time-based code from an authenticator app (TOTP, RFC 6238, with
pyotp), and single-use recovery codes for when the app is lost.

Every code is checked under a throttle (wrong codes per account and per address, like
wrong passwords), a TOTP code is accepted once (the step of the last accepted one is
kept and only a later one passes, with a conditional UPDATE), and a recovery code is
spent with a conditional UPDATE too, so two requests cannot use one code twice.
"""

import hmac
import secrets
from collections.abc import Callable

import pyotp
import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from alongside.lib.errors import Conflict, NotAuthenticated
from alongside.people import throttle
from alongside.people.audit import audit
from alongside.people.models import AuditAction, Person, RecoveryCode, TwoFactor

ISSUER = "Alongside"
RECOVERY_CODES = 10
# Lower-case letters and digits that cannot be mistaken for one another.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_ADVICE = "or use one of your recovery codes"


def twofactor_enabled(person: Person) -> bool:
    return TwoFactor.objects.filter(person=person, confirmed_at__isnull=False).exists()


def twofactor_required(person: Person) -> bool:
    """REQUIRE_2FA_FOR_ADMINS makes it a must for staff and program admins."""
    if not settings.REQUIRE_2FA_FOR_ADMINS:
        return False
    return bool(person.is_staff or person.is_superuser or person.administered_programs.exists())


def _digest(code: str) -> str:
    return salted_hmac("alongside.people.RecoveryCode", code, algorithm="sha256").hexdigest()


def _normal(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def _new_recovery_codes(person: Person) -> list[str]:
    RecoveryCode.objects.filter(person=person).delete()
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    RecoveryCode.objects.bulk_create(
        [RecoveryCode(person=person, digest=_digest(_normal(c))) for c in codes]
    )
    return codes


def recovery_codes_left(person: Person) -> int:
    return RecoveryCode.objects.filter(person=person, used_at__isnull=True).count()


def provisioning_uri(device: TwoFactor) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(name=device.person.email, issuer_name=ISSUER)


def qr_svg(device: TwoFactor) -> str:
    """The setup QR code as an inline SVG element (no image request, no CDN)."""
    return str(
        segno.make(provisioning_uri(device), error="m").svg_inline(
            scale=4, border=2, dark="#1f2933", light="#ffffff", omitsize=True
        )
    )


@transaction.atomic
def twofactor_begin(*, person: Person) -> TwoFactor:
    """Start setting up an authenticator: a new secret, not yet asked at sign-in."""
    device = TwoFactor.objects.select_for_update().filter(person=person).first()
    if device is not None and device.confirmed_at is not None:
        raise Conflict(
            "Two-factor sign-in is already on. Turn it off first to move to another app.",
            code="twofactor_on",
        )
    if device is None:
        return TwoFactor.objects.create(person=person, secret=pyotp.random_base32())
    device.secret = pyotp.random_base32()
    device.created_at = timezone.now()
    device.last_step = 0
    device.save(update_fields=["secret", "created_at", "last_step"])
    return device


def _totp_step(device: TwoFactor, code: str) -> int | None:
    """The time step a right code belongs to (the current one, or one either side for a
    clock a little off), or None. Compared in constant time."""
    totp = pyotp.TOTP(device.secret)
    now = totp.timecode(timezone.now())
    for step in (now, now - 1, now + 1):
        if step > device.last_step and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _take_totp(device: TwoFactor, code: str) -> bool:
    step = _totp_step(device, code)
    if step is None:
        return False
    # Only one request gets a step through, and never an older one after it.
    return bool(TwoFactor.objects.filter(pk=device.pk, last_step__lt=step).update(last_step=step))


def _take_recovery_code(person: Person, code: str) -> bool:
    return bool(
        RecoveryCode.objects.filter(
            person=person, digest=_digest(_normal(code)), used_at__isnull=True
        ).update(used_at=timezone.now())
    )


def _checked(person: Person, client: str, check: Callable[[], str | None]) -> str:
    rules = throttle.twofactor_rules(person_pk=person.pk, client=client)
    throttle.take(rules, doing="wrong two-factor codes", advice=CODE_ADVICE)
    used = check()
    if used is None:
        audit(AuditAction.TWOFACTOR_FAILED, target=person)
        raise NotAuthenticated(
            "That code is not right. Enter the 6-digit code your authenticator app shows "
            "now, or one of your recovery codes.",
            code="bad_code",
        )
    throttle.give_back(rules)
    throttle.forget(rules[:1])
    return used


def second_factor_verify(*, person: Person, code: str, client: str) -> str:
    """Check a code at sign-in (or before a change that needs one): a TOTP code or a
    recovery code. Answers which one was used ("app" or "recovery code"); a wrong code
    raises NotAuthenticated (401), too many raise Throttled (429)."""
    code = (code or "").strip()
    device = TwoFactor.objects.filter(person=person, confirmed_at__isnull=False).first()

    def check() -> str | None:
        if device is None or not code or len(code) > 32:
            return None
        digits = code.replace(" ", "")
        if digits.isdigit() and len(digits) == 6:
            return "app" if _take_totp(device, digits) else None
        if _take_recovery_code(person, code):
            audit(
                AuditAction.RECOVERY_CODE_USED,
                actor=person,
                detail={"left": recovery_codes_left(person)},
            )
            return "recovery code"
        return None

    return _checked(person, client, check)


def twofactor_confirm(*, person: Person, code: str, client: str) -> list[str]:
    """The first code from the app turns two-factor sign-in on; answers the recovery
    codes, shown once."""
    device = TwoFactor.objects.filter(person=person).first()
    if device is None:
        raise Conflict("Start the setup first: scan a new QR code.", code="twofactor_not_started")
    if device.confirmed_at is not None:
        raise Conflict("Two-factor sign-in is already on.", code="twofactor_on")
    digits = (code or "").replace(" ", "").strip()
    if not (digits.isdigit() and len(digits) == 6):
        raise ValidationError({"code": "Enter the 6-digit code your authenticator app shows."})

    def check() -> str | None:
        return "app" if _take_totp(device, digits) else None

    _checked(person, client, check)
    with transaction.atomic():
        TwoFactor.objects.filter(pk=device.pk).update(confirmed_at=timezone.now())
        codes = _new_recovery_codes(person)
        audit(AuditAction.TWOFACTOR_ENABLED, actor=person)
    return codes


def recovery_codes_renew(*, person: Person, code: str, client: str) -> list[str]:
    """New recovery codes (the old ones stop working), after a code from the app."""
    if not twofactor_enabled(person):
        raise Conflict("Two-factor sign-in is not on.", code="twofactor_off")
    second_factor_verify(person=person, code=code, client=client)
    with transaction.atomic():
        codes = _new_recovery_codes(person)
        audit(AuditAction.RECOVERY_CODES_RENEWED, actor=person)
    return codes
