"""Background work of programs: the invitations of people an import created."""

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import get_connection
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from alongside.lib.email import render_email
from alongside.people.models import Person
from alongside.programs.models import Program


def invitation_url(person: Person) -> str:
    """The password-reset link: the invitation sets the first password the same way."""
    return reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
            "token": default_token_generator.make_token(person),
        },
    )


@task()
def invitations_send(*, program_id: int, person_ids: list[int]) -> int:
    """Runs in the worker: one email per person who has not set a password yet.

    One task per batch of an import, not one per person: 13,000 rows queue 26 tasks. The
    link is made when the email is sent, so it is fresh then; someone who meanwhile set a
    password is not invited again."""
    program = Program.objects.filter(pk=program_id).first()
    if program is None:
        return 0
    sent = 0
    # One connection for the batch: an SMTP session per email would cost a handshake each.
    with get_connection() as connection:
        for person in Person.objects.filter(pk__in=person_ids, is_active=True, last_login=None):
            if person.has_usable_password():
                continue
            message = render_email(
                to=person.email,
                template="programs/email/invitation",
                context={"recipient": person, "program": program, "url": invitation_url(person)},
            )
            sent += connection.send_messages([message]) or 0
    return sent


@task()
def program_invitations_send(*, program_id: int, person_ids: list[int]) -> int:
    """Runs in the worker: the emails of an admin's invitations. Each names the program and
    its page, where the person accepts; someone without a password yet gets the link that
    sets it first. Someone who joined meanwhile is not sent one."""
    from alongside.programs.models import Enrollment, EnrollmentStatus

    program = Program.objects.filter(pk=program_id).first()
    if program is None:
        return 0
    waiting = Enrollment.objects.filter(
        program=program, status=EnrollmentStatus.INVITED, person_id__in=person_ids
    ).values("person_id")
    sent = 0
    with get_connection() as connection:
        for person in Person.objects.filter(pk__in=waiting, is_active=True):
            message = render_email(
                to=person.email,
                template="programs/email/invited",
                context={
                    "recipient": person,
                    "program": program,
                    "program_url": reverse("program", args=[program.public_id]),
                    "password_url": "" if person.has_usable_password() else invitation_url(person),
                },
            )
            sent += connection.send_messages([message]) or 0
    return sent
