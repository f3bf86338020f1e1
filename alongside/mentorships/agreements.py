"""The pair's agreement: every save is a new version; a version is in force once both
acknowledged it. Reads and writes live together here because they are one small concept."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone as tz
from django.utils.formats import date_format

from alongside.lib.errors import Conflict
from alongside.lib.inputs import clean_text
from alongside.mentorships.events import Notice, pair_event
from alongside.mentorships.models import (
    AGREEMENT_TEXT_MAX,
    REASON_MAX,
    AgreementVersion,
    Kind,
    Mentorship,
    Status,
)
from alongside.notifications.models import Kind as NotificationKind
from alongside.people.models import Channel, Person

LABELS = {
    "mentee_hopes": "What the mentee hopes to get",
    "mentor_offers": "What the mentor offers",
    "meeting_every_days": "Meet every (days)",
    "channel": "Channel",
    "meeting_minutes": "Minutes per meeting",
    "ends_on": "Planned end date",
    "confidentiality": "Confidentiality pledge",
}


def _clean_terms(terms: dict[str, Any], *, today: dt.date) -> dict[str, Any]:
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for field in ("mentee_hopes", "mentor_offers"):
        try:
            cleaned[field] = clean_text(
                str(terms.get(field) or ""), field=field, limit=AGREEMENT_TEXT_MAX, required=True
            )
        except ValidationError as exc:
            errors[field] = exc.message_dict[field][0]
    for field, low, high in (("meeting_every_days", 1, 365), ("meeting_minutes", 5, 480)):
        value = terms.get(field)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            errors[field] = f"Enter a whole number from {low} to {high}."
        else:
            cleaned[field] = value
    if terms.get("channel") not in Channel.values:
        errors["channel"] = "Choose one of: " + ", ".join(Channel.values) + "."
    else:
        cleaned["channel"] = terms["channel"]
    ends_on = terms.get("ends_on")
    if not isinstance(ends_on, dt.date):
        errors["ends_on"] = "Enter the planned end date as YYYY-MM-DD."
    elif ends_on <= today:
        errors["ends_on"] = "The planned end date must be after today."
    elif ends_on > today + dt.timedelta(days=3 * 366):
        errors["ends_on"] = "Plan at most three years ahead; you can extend it later."
    else:
        cleaned["ends_on"] = ends_on
    if terms.get("confidentiality") is not True:
        errors["confidentiality"] = (
            "Both of you pledge to keep what is shared between you confidential; tick it to go on."
        )
    else:
        cleaned["confidentiality"] = True
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def agreement_save(
    *, mentorship: Mentorship, author: Person, reason: str = "", **terms: Any
) -> AgreementVersion:
    """Save a new version. The author acknowledges it by saving it."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if mentorship.status != Status.ACTIVE:
        raise Conflict(
            f"This mentorship is {mentorship.get_status_display().lower()}; "
            "the agreement can be written only while it is active.",
            code=f"status_{mentorship.status}",
        )
    cleaned = _clean_terms(terms, today=tz.localdate())
    latest = mentorship.agreement_versions.order_by("-number").first()
    reason = clean_text(reason, field="reason", limit=REASON_MAX, required=latest is not None)
    if latest is not None and all(getattr(latest, f) == v for f, v in cleaned.items()):
        raise Conflict(
            "Nothing changed from the latest version; change a term to save a new one.",
            code="unchanged",
        )
    number = (mentorship.agreement_versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = AgreementVersion.objects.create(
        mentorship=mentorship,
        number=number,
        author=author,
        reason=reason or "First version",
        **cleaned,
        **{f"{mentorship.role_of(author)}_acknowledged_at": tz.now()},
    )
    pair_event(
        mentorship=mentorship,
        kind=Kind.AGREEMENT,
        actor=author,
        ref=version,
        notice=Notice(
            person=mentorship.other(author),
            kind=NotificationKind.AGREEMENT,
            key=f"agreement:{version.public_id}",
            url=reverse("mentorship_agreement", args=[mentorship.public_id]),
            template="mentorships/email/agreement_changed",
            context={"mentorship": mentorship, "actor": author, "version": version},
        ),
    )
    return version


@transaction.atomic
def agreement_acknowledge(
    *, mentorship: Mentorship, actor: Person, number: int | None = None
) -> AgreementVersion:
    """Acknowledge the latest version. Acknowledging twice is harmless."""
    if mentorship.status != Status.ACTIVE:
        raise Conflict(
            f"This mentorship is {mentorship.get_status_display().lower()}; "
            "there is nothing left to acknowledge.",
            code=f"status_{mentorship.status}",
        )
    latest = (
        AgreementVersion.objects.select_for_update()
        .filter(mentorship=mentorship)
        .order_by("-number")
        .first()
    )
    if latest is None:
        raise Conflict(
            "There is no agreement to acknowledge yet; write one first.", code="no_agreement"
        )
    if number is not None and number != latest.number:
        raise Conflict(
            f"Version {latest.number} replaced version {number} in the meantime: "
            f"read version {latest.number} before acknowledging it.",
            code="not_latest",
        )
    field = f"{mentorship.role_of(actor)}_acknowledged_at"
    AgreementVersion.objects.filter(pk=latest.pk, **{f"{field}__isnull": True}).update(
        **{field: tz.now()}
    )
    latest.refresh_from_db()
    if latest.in_force:
        pair_event(mentorship=mentorship, kind=Kind.AGREEMENT_IN_FORCE, actor=actor, ref=latest)
    return latest


def _shown(field: str, value: Any) -> str:
    """A term as a person reads it: the channel's label, not its stored code."""
    if field == "channel":
        return str(dict(Channel.choices).get(value, value))
    if field == "confidentiality":
        return "Pledged" if value else "No pledge"
    if isinstance(value, dt.date):
        return date_format(value, "j F Y")
    return str(value)


@dataclass
class Change:
    field: str
    label: str
    before: Any
    after: Any

    @property
    def shown_before(self) -> str:
        return _shown(self.field, self.before)

    @property
    def shown_after(self) -> str:
        return _shown(self.field, self.after)


def agreement_changes(version: AgreementVersion, previous: AgreementVersion | None) -> list[Change]:
    if previous is None:
        return []
    return [
        Change(f, LABELS[f], getattr(previous, f), getattr(version, f))
        for f in AgreementVersion.TERMS
        if getattr(previous, f) != getattr(version, f)
    ]


@dataclass
class AgreementView:
    in_force: AgreementVersion | None
    latest: AgreementVersion | None
    versions: list[tuple[AgreementVersion, list[Change]]]


def agreement_for(mentorship: Mentorship) -> AgreementView:
    """The version in force, the latest, and the history newest first with what changed."""
    versions = list(
        AgreementVersion.objects.filter(mentorship=mentorship)
        .select_related("author")
        .order_by("-number")
    )
    in_force = next((v for v in versions if v.in_force), None)
    history = [
        (v, agreement_changes(v, versions[i + 1] if i + 1 < len(versions) else None))
        for i, v in enumerate(versions)
    ]
    return AgreementView(
        in_force=in_force, latest=versions[0] if versions else None, versions=history
    )
