"""Every change to a mentorship: request, answer, confirm, end, complete.

Capacity is guarded in the database: accepting locks the mentor's row, so two accepts
for one mentor queue one behind the other on every server process (on SQLite the
IMMEDIATE transaction mode serialises writers the same way).
"""

import dataclasses
import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone as tz

from alongside.lib.errors import Conflict, Forbidden, Unprocessable, conflict_if_duplicate
from alongside.lib.inputs import clean_text
from alongside.mentorships.events import Notice, pair_event
from alongside.mentorships.models import (
    MESSAGE_MAX,
    REASON_MAX,
    REFLECTION_MAX,
    REOPEN_DAYS,
    Closing,
    ClosingKind,
    Kind,
    Mentorship,
    Status,
    Transition,
)
from alongside.notifications.models import Kind as NotificationKind
from alongside.people.models import Person
from alongside.programs.models import Enrollment, EnrollmentStatus, Program, Role
from alongside.programs.selectors import mentor_capacity_in
from alongside.programs.services import check_pairing


def _move(
    mentorship: Mentorship, *, actor: Person, to: str, reason: str = "", **fields: Any
) -> None:
    """Record the transition, then save the new status with the `fields` it sets."""
    Transition.objects.create(
        mentorship=mentorship,
        actor=actor,
        from_status=mentorship.status,
        to_status=to,
        reason=reason,
    )
    mentorship.status = to
    for name, value in fields.items():
        setattr(mentorship, name, value)
    mentorship.save(update_fields=["status", *fields])


def _locked(mentorship: Mentorship) -> Mentorship:
    """Reload under a row lock, so the state we check is the state we change."""
    return (
        Mentorship.objects.select_for_update(of=("self",))
        .select_related("mentor", "mentee", "program")
        .get(pk=mentorship.pk)
    )


def _require(mentorship: Mentorship, *allowed: str, action: str) -> None:
    if mentorship.status not in allowed:
        raise Conflict(
            f"This mentorship is {mentorship.get_status_display().lower()}, "
            f"so it cannot be {action} now.",
            code=f"status_{mentorship.status}",
        )


def _check_program(mentorship: Mentorship, *, actor: Person, by_member: bool) -> None:
    check_pairing(
        program=mentorship.program,
        mentor=mentorship.mentor,
        mentee=mentorship.mentee,
        actor=actor,
        by_member=by_member,
    )


def active_mentee_count(mentor: Person) -> int:
    return Mentorship.objects.filter(mentor=mentor, status=Status.ACTIVE).count()


def _check_capacity(mentor: Person, program: Program) -> None:
    """A mentor enrolled with a capacity in the program has that many places in it; else
    their profile's capacity counts their active pairs everywhere."""
    # Lock the mentor: concurrent accepts for the same mentor wait here in turn.
    locked = Person.objects.select_for_update().get(pk=mentor.pk)
    capacity = (
        Enrollment.objects.filter(
            program=program, person=locked, role=Role.MENTOR, status=EnrollmentStatus.ACTIVE
        )
        .exclude(capacity=None)
        .values_list("capacity", flat=True)
        .first()
    )
    where = ""
    if capacity is None:
        capacity, active = locked.mentor_capacity, active_mentee_count(locked)
    else:
        active = Mentorship.objects.filter(
            mentor=locked, program=program, status=Status.ACTIVE
        ).count()
        where = f" in {program.name}"
    if active >= capacity:
        raise Conflict(
            f"{locked.name} is at capacity{where} ({capacity} active "
            f"mentee{'s' if capacity != 1 else ''}); no room for another now.",
            code="at_capacity",
        )


_NOTICES = {
    Kind.REQUESTED: ("requested", NotificationKind.REQUEST),
    Kind.PROPOSED: ("proposed", NotificationKind.REQUEST),
    Kind.CONFIRMED: ("confirmed", NotificationKind.ANSWER),
    Kind.ACCEPTED: ("accepted", NotificationKind.ANSWER),
    Kind.DECLINED: ("declined", NotificationKind.ANSWER),
    Kind.ENDED: ("ended", NotificationKind.ENDED),
}


def _notice(
    mentorship: Mentorship, kind: Kind, *, to: Person, actor: Person | None, reason: str = ""
) -> Notice:
    template, notification_kind = _NOTICES[kind]
    return Notice(
        person=to,
        kind=notification_kind,
        key=f"mentorship:{template}:{mentorship.public_id}",
        url=reverse("mentorship", args=[mentorship.public_id]),
        template=f"mentorships/email/{template}",
        context={"mentorship": mentorship, "actor": actor, "reason": reason},
    )


def _tell_both(mentorship: Mentorship, kind: Kind, *, actor: Person | None) -> None:
    """The pair's event for `kind`, with a notice to each member (a pair the program
    proposed, a pair begun)."""
    members = (mentorship.mentee, mentorship.mentor)
    notices = tuple(_notice(mentorship, kind, to=person, actor=actor) for person in members)
    pair_event(mentorship=mentorship, kind=kind, actor=actor, notices=notices)


def _tell_the_other(mentorship: Mentorship, kind: Kind, *, actor: Person, reason: str = "") -> None:
    """The pair's event for `kind`, with a notice to the member who did not act."""
    notice = _notice(mentorship, kind, to=mentorship.other(actor), actor=actor, reason=reason)
    pair_event(mentorship=mentorship, kind=kind, actor=actor, notice=notice)


@transaction.atomic
def mentorship_request(
    *,
    requester: Person,
    mentor: Person | None = None,
    mentee: Person | None = None,
    program: Program,
    message: str = "",
) -> Mentorship:
    """A mentee asks a mentor (mentor given), or a mentor offers to mentor (mentee given)."""
    if (mentor is None) == (mentee is None):
        raise ValidationError({"mentor_id": "Give either mentor_id or mentee_id, not both."})
    mentor = mentor or requester
    mentee = mentee or requester
    if mentor.pk == mentee.pk:
        raise Unprocessable("You cannot be your own mentor. Choose someone else.", code="self")
    message = clean_text(message, field="message", limit=MESSAGE_MAX)
    check_pairing(program=program, mentor=mentor, mentee=mentee, actor=requester, by_member=True)
    # Enrolling as a mentor in a program is saying yes to mentoring there.
    if not mentor.open_to_mentor and mentor_capacity_in(mentor, program) is None:
        who = "You are" if mentor.pk == requester.pk else f"{mentor.name} is"
        raise Conflict(
            f"{who} not open to mentoring at the moment."
            + (" Turn it on in your profile first." if mentor.pk == requester.pk else ""),
            code="not_open_to_mentor",
        )
    mentorship = Mentorship(
        program=program, mentor=mentor, mentee=mentee, requested_by=requester, message=message
    )
    with conflict_if_duplicate(
        "You two already have an open request or an active mentorship in this program.",
        code="duplicate",
    ):
        mentorship.save()
    Transition.objects.create(
        mentorship=mentorship, actor=requester, to_status=Status.REQUESTED, reason=message
    )
    recipient = mentee if requester.pk == mentor.pk else mentor
    pair_event(
        mentorship=mentorship,
        kind=Kind.REQUESTED,
        actor=requester,
        notice=_notice(mentorship, Kind.REQUESTED, to=recipient, actor=requester),
    )
    return mentorship


def _answerer_check(mentorship: Mentorship, actor: Person, *, verb: str) -> None:
    if actor.pk == mentorship.requested_by_id:
        raise Forbidden(
            f"Only {mentorship.other(actor)} can {verb} this request; you can withdraw it.",
            code="not_yours_to_answer",
        )


@transaction.atomic
def mentorship_accept(*, mentorship: Mentorship, actor: Person) -> Mentorship:
    mentorship = _locked(mentorship)
    _require(mentorship, Status.REQUESTED, action="accepted")
    _answerer_check(mentorship, actor, verb="accept")
    # The program's rules again: they may have changed since the request, and a request
    # made before they were enforced must not become a pair now.
    _check_program(mentorship, actor=actor, by_member=True)
    _check_capacity(mentorship.mentor, mentorship.program)
    _move(mentorship, actor=actor, to=Status.ACTIVE, started_at=tz.now())
    _tell_the_other(mentorship, Kind.ACCEPTED, actor=actor)
    return mentorship


@transaction.atomic
def mentorship_decline(*, mentorship: Mentorship, actor: Person, reason: str = "") -> Mentorship:
    mentorship = _locked(mentorship)
    _require(mentorship, Status.REQUESTED, Status.PROPOSED, action="declined")
    if mentorship.status == Status.REQUESTED:
        _answerer_check(mentorship, actor, verb="decline")
    reason = clean_text(reason, field="reason", limit=REASON_MAX)
    _move(
        mentorship,
        actor=actor,
        to=Status.DECLINED,
        reason=reason,
        decline_reason=reason,
        closed_at=tz.now(),
    )
    _tell_the_other(mentorship, Kind.DECLINED, actor=actor, reason=reason)
    return mentorship


@transaction.atomic
def mentorship_withdraw(*, mentorship: Mentorship, actor: Person) -> Mentorship:
    mentorship = _locked(mentorship)
    _require(mentorship, Status.REQUESTED, action="withdrawn")
    if actor.pk != mentorship.requested_by_id:
        raise Forbidden(
            "Only the person who asked can withdraw a request; you can decline it.",
            code="not_the_requester",
        )
    _move(mentorship, actor=actor, to=Status.WITHDRAWN, closed_at=tz.now())
    pair_event(mentorship=mentorship, kind=Kind.WITHDRAWN, actor=actor)
    return mentorship


@transaction.atomic
def mentorship_propose(
    *, program: Program, mentor: Person, mentee: Person, proposer: Person | None
) -> Mentorship:
    """A pair suggested by admin matching; it becomes active when both confirm."""
    if mentor.pk == mentee.pk:
        raise Unprocessable("A person cannot be their own mentor.", code="self")
    check_pairing(
        program=program, mentor=mentor, mentee=mentee, actor=proposer or mentor, by_member=False
    )
    mentorship = Mentorship(
        program=program, mentor=mentor, mentee=mentee, status=Status.PROPOSED, requested_by=None
    )
    with conflict_if_duplicate(
        "These two already have an open mentorship in this program.", code="duplicate"
    ):
        mentorship.save()
    Transition.objects.create(mentorship=mentorship, actor=proposer, to_status=Status.PROPOSED)
    _tell_both(mentorship, Kind.PROPOSED, actor=proposer)
    return mentorship


@transaction.atomic
def mentorship_confirm(*, mentorship: Mentorship, actor: Person) -> Mentorship:
    mentorship = _locked(mentorship)
    _require(mentorship, Status.PROPOSED, action="confirmed")
    field = f"{mentorship.role_of(actor)}_confirmed_at"
    if getattr(mentorship, field) is None:
        setattr(mentorship, field, tz.now())
        mentorship.save(update_fields=[field])
    if mentorship.mentor_confirmed_at and mentorship.mentee_confirmed_at:
        _check_program(mentorship, actor=actor, by_member=False)
        _check_capacity(mentorship.mentor, mentorship.program)
        _move(mentorship, actor=actor, to=Status.ACTIVE, started_at=tz.now())
        _tell_both(mentorship, Kind.CONFIRMED, actor=actor)
    return mentorship


def _rematch_offers(mentorship: Mentorship, closing: Closing) -> list[Notice]:
    """An early end offers the program a re-match: its admins hear that the mentee may
    need a new mentor (no words of the pair's: the reason was for the partner alone)."""
    url = reverse("person", args=[mentorship.mentee.public_id])
    title = (
        f"{mentorship.mentee.name}'s mentorship in {mentorship.program.name} ended early: "
        "they may want a new mentor"
    )
    return [
        Notice(
            person=admin,
            kind=NotificationKind.REMATCH,
            key=f"rematch:{closing.public_id}",
            url=url,
            template="notifications/email/reminder",
            context={
                "title": title,
                "lines": [
                    f"{mentorship.mentee.name} and {mentorship.mentor.name} ended their "
                    "mentorship early. If the program can, offer "
                    f"{mentorship.mentee.get_short_name()} a new mentor.",
                ],
                "url": url,
                "action": f"See {mentorship.mentee.get_short_name()}'s profile",
            },
        )
        for admin in mentorship.program.admins.all()
        if admin.pk not in (mentorship.mentor_id, mentorship.mentee_id)
    ]


@transaction.atomic
def mentorship_end(*, mentorship: Mentorship, actor: Person, reason: str) -> Mentorship:
    """End early, one-sided (people must be able to leave): the partner hears it with the
    reason the actor chose to share, and the program is offered a re-match."""
    mentorship = _locked(mentorship)
    _require(mentorship, Status.ACTIVE, action="ended")
    reason = clean_text(reason, field="reason", limit=REASON_MAX, required=True)
    now = tz.now()
    # A completion that was waiting for an answer is overtaken by the end.
    Closing.objects.filter(
        mentorship=mentorship,
        kind=ClosingKind.COMPLETED,
        confirmed_at__isnull=True,
        declined_at__isnull=True,
    ).update(declined_at=now)
    closing = Closing.objects.create(
        mentorship=mentorship,
        kind=ClosingKind.ENDED,
        proposed_by=actor,
        proposed_at=now,
        reflection=reason,
    )
    _move(
        mentorship,
        actor=actor,
        to=Status.ENDED,
        reason=reason,
        end_reason=reason,
        closed_at=now,
    )
    # A member who leaves tells the other; when the program ends a pair, both hear it.
    told = (
        [mentorship.other(actor)]
        if mentorship.is_member(actor)
        else [mentorship.mentor, mentorship.mentee]
    )
    notices = [
        dataclasses.replace(
            _notice(mentorship, Kind.ENDED, to=person, actor=actor, reason=reason),
            key=f"mentorship:ended:{closing.public_id}",
        )
        for person in told
    ]
    pair_event(
        mentorship=mentorship,
        kind=Kind.ENDED,
        actor=actor,
        ref=closing,
        notice=notices[0],
        notices=(*notices[1:], *_rematch_offers(mentorship, closing)),
    )
    return mentorship


def _unanswered_completions(mentorship: Mentorship) -> QuerySet[Closing]:
    return Closing.objects.filter(
        mentorship=mentorship,
        kind=ClosingKind.COMPLETED,
        confirmed_at__isnull=True,
        declined_at__isnull=True,
    )


def pending_completion(mentorship: Mentorship) -> Closing | None:
    """The completion one member proposed and the other has not answered yet."""
    return _unanswered_completions(mentorship).select_related("proposed_by").first()


def _completion_notice(
    mentorship: Mentorship, closing: Closing, *, to: Person, actor: Person, step: str
) -> Notice:
    return Notice(
        person=to,
        kind=NotificationKind.COMPLETION,
        key=f"mentorship:completion_{step}:{closing.public_id}:{to.public_id}",
        url=reverse("mentorship", args=[mentorship.public_id]) + "#close",
        template=f"mentorships/email/completion_{step}",
        context={"mentorship": mentorship, "actor": actor, "closing": closing},
    )


def _pending_completion_locked(mentorship: Mentorship) -> Closing | None:
    """The completion proposed and not answered yet, locked for its answer."""
    return _unanswered_completions(mentorship).select_for_update().first()


@transaction.atomic
def mentorship_complete(
    *, mentorship: Mentorship, actor: Person, reflection: str = ""
) -> Mentorship:
    """Completing needs both. From one member it proposes, with a closing reflection
    (what changed, what next); from the other it confirms, with theirs if they like. Both
    hear that it is complete."""
    mentorship = _locked(mentorship)
    _require(mentorship, Status.ACTIVE, action="completed")
    pending = _pending_completion_locked(mentorship)
    other = mentorship.other(actor)
    if pending is None:
        reflection = clean_text(reflection, field="reflection", limit=REFLECTION_MAX, required=True)
        closing = Closing.objects.create(
            mentorship=mentorship,
            kind=ClosingKind.COMPLETED,
            proposed_by=actor,
            reflection=reflection,
        )
        pair_event(
            mentorship=mentorship,
            kind=Kind.COMPLETION_PROPOSED,
            actor=actor,
            ref=closing,
            notice=_completion_notice(mentorship, closing, to=other, actor=actor, step="proposed"),
        )
        return mentorship
    if pending.proposed_by_id == actor.pk:
        raise Conflict(
            f"You proposed completing this mentorship; it is waiting for {other.name} to "
            "confirm or decline.",
            code="waiting_for_partner",
        )
    now = tz.now()
    pending.confirmed_by = actor
    pending.confirmed_at = now
    pending.confirm_reflection = clean_text(reflection, field="reflection", limit=REFLECTION_MAX)
    pending.save(update_fields=["confirmed_by", "confirmed_at", "confirm_reflection"])
    _move(mentorship, actor=actor, to=Status.COMPLETED, closed_at=now)
    pair_event(
        mentorship=mentorship,
        kind=Kind.COMPLETED,
        actor=actor,
        ref=pending,
        notices=tuple(
            _completion_notice(mentorship, pending, to=person, actor=actor, step="done")
            for person in (other, actor)
        ),
    )
    return mentorship


@transaction.atomic
def mentorship_complete_decline(
    *, mentorship: Mentorship, actor: Person, reason: str = ""
) -> Mentorship:
    """The partner declines a proposed completion (the mentorship goes on); the proposer
    may take their own proposal back the same way."""
    mentorship = _locked(mentorship)
    _require(mentorship, Status.ACTIVE, action="answered")
    pending = _pending_completion_locked(mentorship)
    if pending is None:
        raise Conflict("No completion is waiting for an answer.", code="no_proposal")
    pending.declined_at = tz.now()
    pending.decline_reason = clean_text(reason, field="reason", limit=REASON_MAX)
    pending.save(update_fields=["declined_at", "decline_reason"])
    by_proposer = pending.proposed_by_id == actor.pk
    pair_event(
        mentorship=mentorship,
        kind=Kind.COMPLETION_DECLINED,
        actor=actor,
        ref=pending,
        notice=None
        if by_proposer
        else _completion_notice(
            mentorship, pending, to=mentorship.other(actor), actor=actor, step="declined"
        ),
    )
    return mentorship


def reopen_until(mentorship: Mentorship) -> dt.datetime | None:
    """Until when a completed or ended mentorship can be reopened (None: it cannot)."""
    if mentorship.status not in (Status.COMPLETED, Status.ENDED) or not mentorship.closed_at:
        return None
    return mentorship.closed_at + dt.timedelta(days=REOPEN_DAYS)


@transaction.atomic
def mentorship_reopen(*, mentorship: Mentorship, actor: Person) -> Mentorship:
    """Either member reopens a mistaken completion or end within REOPEN_DAYS."""
    mentorship = _locked(mentorship)
    _require(mentorship, Status.COMPLETED, Status.ENDED, action="reopened")
    until = reopen_until(mentorship)
    now = tz.now()
    if until is None or now > until:
        raise Conflict(
            f"A mentorship can be reopened within {REOPEN_DAYS} days of its end; "
            "this one closed longer ago. Ask again to start a new one.",
            code="reopen_too_late",
        )
    _check_capacity(mentorship.mentor, mentorship.program)
    closing = (
        Closing.objects.filter(mentorship=mentorship, reopened_at__isnull=True)
        .exclude(kind=ClosingKind.COMPLETED, confirmed_at__isnull=True)
        .first()
    )
    with conflict_if_duplicate(
        "You two already have another open mentorship in this program.", code="duplicate"
    ):
        _move(mentorship, actor=actor, to=Status.ACTIVE, closed_at=None, end_reason="")
    if closing is not None:
        closing.reopened_by = actor
        closing.reopened_at = now
        closing.save(update_fields=["reopened_by", "reopened_at"])
    pair_event(mentorship=mentorship, kind=Kind.REOPENED, actor=actor, ref=closing)
    return mentorship


TRANSITIONS: dict[str, Any] = {
    "accept": mentorship_accept,
    "decline": mentorship_decline,
    "withdraw": mentorship_withdraw,
    "confirm": mentorship_confirm,
    "end": mentorship_end,
    "complete": mentorship_complete,
    "complete_decline": mentorship_complete_decline,
    "reopen": mentorship_reopen,
}
