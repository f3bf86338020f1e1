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
