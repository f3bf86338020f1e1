"""Every write of a person's data rights: asking for an export, building it in the worker,
removing expired ones, and deleting an account."""

import contextlib
import datetime as dt
import logging
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Replace
from django.http import Http404
from django.urls import reverse
from django.utils import timezone as tz

from alongside.growth.models import JournalEntry
from alongside.lib.email import send_email
from alongside.meetings.models import CalendarFeed, Note, Visibility
from alongside.mentorships import services as mentorships
from alongside.mentorships.models import OPEN_STATUSES, Mentorship, Status
from alongside.notifications.models import Notification, Preferences, ReminderDay
from alongside.people.audit import audit
from alongside.people.models import FORMER_MEMBER, AuditAction, Person
from alongside.people.services import password_check, person_tombstone
from alongside.privacy.build import export_build
from alongside.privacy.models import Export, ExportStatus
from alongside.programs.models import Enrollment, EnrollmentStatus, Program

logger = logging.getLogger(__name__)

LEFT_REASON = "This member deleted their account."


def export_path(export: Export) -> Path:
    return Path(settings.EXPORTS_DIR) / export.file_name


def _remove_file(export: Export) -> None:
    with contextlib.suppress(FileNotFoundError):
        export_path(export).unlink()


def export_request(*, person: Person) -> Export:
    """Ask the worker for an export; the person gets an email when it is ready.

    One at a time: while one is being prepared, asking again answers that one. A person
    keeps at most EXPORTS_PER_PERSON exports; the oldest beyond go.
    """
    from alongside.privacy.tasks import export_prepare

    with transaction.atomic():
        Person.objects.select_for_update().get(pk=person.pk)  # one request at a time
        pending = Export.objects.filter(person=person, status=ExportStatus.PENDING).first()
        if pending is not None and pending.is_live():
            return pending
        now = tz.now()
        export = Export.objects.create(
            person=person, created_at=now, expires_at=now + dt.timedelta(days=settings.EXPORT_DAYS)
        )
        audit(AuditAction.EXPORT_REQUESTED, actor=person, detail={"export": str(export.public_id)})
        for old in Export.objects.filter(person=person)[settings.EXPORTS_PER_PERSON :]:
            _remove_file(old)
            old.delete()
        # The queue is a table: the task is queued with the row, or not at all.
        export_prepare.enqueue(export_id=export.pk)
    return export


def export_content(export: Export) -> bytes:
    """The zip of a ready export; a 404 when its file is gone (the sweep removed it a
    moment ago, or a disk was replaced): the person asks for a new one."""
    try:
        return export_path(export).read_bytes()
    except FileNotFoundError:
        raise Http404("This export is no longer available; ask for a new one.") from None


def export_failed(*, export: Export) -> None:
    """The worker could not build it: the page says so, and the person may ask again."""
    Export.objects.filter(pk=export.pk, status=ExportStatus.PENDING).update(
        status=ExportStatus.FAILED
    )
    _remove_file(export)


def export_downloaded(*, person: Person, export: Export | None = None, rows: int = 0) -> None:
    """Record a download in the audit log: a copy of everything the person may read left
    the site. The one write a download makes (the audit log records reads of this kind)."""
    detail: dict[str, object] = {"export": str(export.public_id)} if export else {"rows": rows}
    audit(AuditAction.EXPORT_DOWNLOADED, actor=person, detail=detail)


def export_write(*, export: Export) -> Export:
    """Runs in the worker: build the zip, write it (whole or not at all), mark it ready and
    tell its owner. The file is written before the row says ready, so a download never
    finds a half-written file."""
    built = export_build(export.person)
    folder = Path(settings.EXPORTS_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    final = export_path(export)
    partial = final.with_suffix(".part")
    partial.write_bytes(built.content)
    os.chmod(partial, 0o600)
    partial.replace(final)
    now = tz.now()
    with transaction.atomic():
        claimed = Export.objects.filter(pk=export.pk, status=ExportStatus.PENDING).update(
            status=ExportStatus.READY,
            ready_at=now,
            expires_at=now + dt.timedelta(days=settings.EXPORT_DAYS),
            size=len(built.content),
            rows=built.rows,
        )
        if not claimed:  # deleted (or already done) meanwhile: nothing to offer
            _remove_file(export)
            return export
        export.refresh_from_db()
        send_email(
            to=export.person.email,
            template="privacy/email/export_ready",
            context={
                "person": export.person,
                "export": export,
                "url": reverse("privacy_export"),
            },
        )
    return export


def exports_expire(now: dt.datetime, count: Counter[str]) -> None:
    """A step of the sweep: delete the exports past their time, file and row."""
    for export in Export.objects.filter(expires_at__lte=now):
        _remove_file(export)
        export.delete()
        count["exports_expired"] += 1


@dataclass(frozen=True)
class Deleted:
    journal_entries: int
    private_notes: int
    mentorships_ended: int


def _close(mentorship: Mentorship, person: Person) -> None:
    """End an open mentorship of a person who leaves; the other member hears of it
    (through the mentorship's own services and the pair-event door)."""
    if mentorship.status == Status.ACTIVE:
        mentorships.mentorship_end(mentorship=mentorship, actor=person, reason=LEFT_REASON)
    elif mentorship.status == Status.REQUESTED and mentorship.requested_by_id == person.pk:
        mentorships.mentorship_withdraw(mentorship=mentorship, actor=person)
    else:  # a request to them, or a pair proposed by matching
        mentorships.mentorship_decline(mentorship=mentorship, actor=person, reason=LEFT_REASON)


def _unname(person: Person) -> None:
    """Notifications keep their title as written ("Ada Lovelace asks you..."): in the
    inboxes of the people who were in a pair with this person, the name becomes
    FORMER_MEMBER, as it does everywhere else (which reads the name when shown)."""
    if not person.name:
        return
    partners = Mentorship.objects.filter(Q(mentor=person) | Q(mentee=person)).values_list(
        "mentor_id", "mentee_id"
    )
    others = {pk for pair in partners for pk in pair} - {person.pk}
    Notification.objects.filter(person_id__in=others, title__contains=person.name).update(
        title=Replace("title", Value(person.name), Value(FORMER_MEMBER))
    )


def account_delete(*, person: Person, password: str, client: str) -> Deleted:
    """Delete an account, once its password is confirmed (throttled like a sign-in).

    Removed: the private journal, private meeting notes, notifications and their
    settings, the calendar feed, exports, API tokens, program admin roles, and the
    profile itself. Ended: every open mentorship, with a notice to the other member.
    Kept, under FORMER_MEMBER: what was shared with a pair (goals, shared notes,
    check-ins, feedback, resources, shared journal entries...), so that the other
    member keeps their history; program admins keep the counts.
    """
    try:
        password_check(person=person, password=password, client=client)
    except ValidationError:
        raise ValidationError({"password": "This is not your password."}) from None
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.deleted_at is not None:  # a second request that waited for the lock
            return Deleted(0, 0, 0)
        ended = 0
        open_pairs = Mentorship.objects.filter(
            Q(mentor=person) | Q(mentee=person), status__in=OPEN_STATUSES
        ).select_related("mentor", "mentee", "program")
        for mentorship in open_pairs:
            _close(mentorship, person)
            ended += 1
        _unname(person)
        journal, _ = JournalEntry.objects.filter(author=person).delete()
        notes, _ = Note.objects.filter(author=person, visibility=Visibility.PRIVATE).delete()
        Notification.objects.filter(person=person).delete()
        Preferences.objects.filter(person=person).delete()
        ReminderDay.objects.filter(person=person).delete()
        CalendarFeed.objects.filter(person=person).delete()
        for export in Export.objects.filter(person=person):
            _remove_file(export)
            export.delete()
        # Enrollments stay counted (as people who left) but say nothing more.
        Enrollment.objects.filter(person=person).update(
            status=EnrollmentStatus.LEFT, answers={}, capacity=None
        )
        Program.admins.through.objects.filter(person_id=person.pk).delete()
        deleted = Deleted(journal_entries=journal, private_notes=notes, mentorships_ended=ended)
        # Counts only: the log outlives the account and never quotes what was removed.
        audit(
            AuditAction.ACCOUNT_DELETED,
            actor=person,
            detail={
                "journal_entries": journal,
                "private_notes": notes,
                "mentorships_ended": ended,
            },
        )
        person_tombstone(person=person)
    return deleted
