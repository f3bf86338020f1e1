"""The Django admin site shows no private content and no pair's words: journal entries,
meeting notes, feedback, check-ins and the email queue are not in it at all."""

import pytest
from django.test import Client

from alongside.growth.services import journal_write

SECRET = "admin must never read this"


@pytest.fixture
def superuser(db):
    from alongside.people.models import Person

    return Person.objects.create_superuser(
        email="root@example.org", password="root-pass-123456", name="Root"
    )


def test_the_admin_index_lists_no_pair_content(superuser, pair, mentee):
    journal_write(author=mentee, body=SECRET, mentorship=pair)
    client = Client()
    client.force_login(superuser)
    html = client.get("/admin/").content.decode()
    assert "People" in html or "Persons" in html
    for name in ("journal", "note", "feedback", "check-in", "checkin", "task result", "agreement"):
        assert name not in html.lower()
    for path in (
        "/admin/growth/journalentry/",
        "/admin/meetings/note/",
        "/admin/meetings/feedback/",
        "/admin/growth/checkin/",
        "/admin/django_tasks_db/dbtaskresult/",
        "/admin/mentorships/agreementversion/",
        "/admin/mentorships/mentorship/",
    ):
        assert client.get(path).status_code == 404, path
    person_page = client.get(f"/admin/people/person/{mentee.pk}/change/").content.decode()
    assert SECRET not in person_page


def test_program_admins_who_are_staff_see_nothing_of_pairs(pair, program_admin):
    program_admin.is_staff = True
    program_admin.save()
    client = Client()
    client.force_login(program_admin)
    html = client.get("/admin/").content.decode()
    assert "journal" not in html.lower() and "mentorship" not in html.lower()


def test_delivered_emails_leave_the_queue_after_a_day(pair, mentor, api_as):
    import datetime as dt

    from django.utils import timezone as tz
    from django_tasks_db.models import DBTaskResult

    from alongside.home.sweep import sweep

    api_as(mentor).post(f"/mentorships/{pair.public_id}/appreciations", {"message": "Thanks!"})
    assert DBTaskResult.objects.exists()
    sweep(tz.now() + dt.timedelta(hours=2))
    assert DBTaskResult.objects.exists()  # kept for a day, for a failed delivery's record
    sweep(tz.now() + dt.timedelta(days=2))
    assert not DBTaskResult.objects.exists()


def test_the_admin_site_never_shows_a_pairs_messages(superuser, pair, mentee, mentor):
    from alongside.threads.services import message_post

    message_post(mentorship=pair, author=mentee, body=SECRET)
    client = Client()
    client.force_login(superuser)
    html = client.get("/admin/").content.decode()
    assert "thread" not in html.lower() and "read mark" not in html.lower()
    for path in ("/admin/threads/message/", "/admin/threads/thread/", "/admin/threads/readmark/"):
        assert client.get(path).status_code == 404, path
    for person in (mentee, mentor):
        page = client.get(f"/admin/people/person/{person.pk}/change/").content.decode()
        assert SECRET not in page
    notices = client.get("/admin/notifications/notification/").content.decode()
    assert SECRET not in notices
