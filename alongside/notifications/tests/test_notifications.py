import datetime as dt

from django.core import mail
from django.test import Client

from alongside.home.sweep import sweep
from alongside.meetings.models import Meeting
from alongside.mentorships.clock import pair_clock_update
from alongside.notifications.models import Notification
from alongside.notifications.services import (
    notify,
    preferences_for,
    read_unsubscribe_token,
    unsubscribe_token,
    unsubscribe_url,
)
from alongside.tests.servers import race
from alongside.tests.threads import at_once
from conftest import deliver_mail, make_pair, make_person, page_client


def test_the_bell_counts_unread_and_marks_read(pair, mentee, mentor, api_as):
    api_as(mentor).post(f"/mentorships/{pair.public_id}/appreciations", {"message": "Thanks!"})
    Notification.objects.filter(person=mentee).exclude(kind="appreciation").delete()
    body = api_as(mentee).get("/notifications").json()
    assert body["unread"] == 1
    (item,) = body["items"]
    assert item["kind"] == "appreciation"
    assert "thank-you note" in item["title"]
    html = page_client(mentee).get("/").content.decode()
    assert '<span class="badge">1' in html
    r = api_as(mentee).post(f"/notifications/{item['id']}/read")
    assert r.json()["read_at"]
    assert api_as(mentee).get("/notifications?unread=true").json()["count"] == 0


def test_a_notification_is_its_owners_alone(pair, mentee, mentor, outsider, api_as):
    api_as(mentor).post(f"/mentorships/{pair.public_id}/appreciations", {"message": "Thanks!"})
    nid = str(Notification.objects.get(person=mentee, kind="appreciation").public_id)
    for person in (mentor, outsider):
        assert api_as(person).post(f"/notifications/{nid}/read").status_code == 404
        listed = api_as(person).get("/notifications").json()["items"]
        assert nid not in [n["id"] for n in listed]
    assert api_as(None).get("/notifications").status_code == 401


def test_emails_can_be_turned_off_per_kind_and_the_app_still_notifies(pair, mentee, mentor, api_as):
    r = api_as(mentee).patch("/me/notification-settings", {"email_off": ["appreciation"]})
    assert r.status_code == 200
    assert r.json()["email_off"] == ["appreciation"]
    assert "meeting_tomorrow" in r.json()["kinds"]
    api_as(mentor).post(f"/mentorships/{pair.public_id}/appreciations", {"message": "Thanks!"})
    assert Notification.objects.filter(person=mentee, kind="appreciation").count() == 1
    assert not [m for m in mail.outbox if m.to == [mentee.email]]
    bad = api_as(mentee).patch("/me/notification-settings", {"email_off": ["nonsense"]})
    assert bad.status_code == 422


def test_the_weekly_digest_replaces_single_emails(pair, mentee, mentor, api_as):
    api_as(mentee).patch("/me/notification-settings", {"weekly_digest": True})
    api_as(mentor).post(f"/mentorships/{pair.public_id}/appreciations", {"message": "Thanks!"})
    assert not [m for m in mail.outbox if m.to == [mentee.email]]
    assert Notification.objects.filter(person=mentee, kind="appreciation").count() == 1


def test_every_email_carries_a_one_click_unsubscribe_link(pair, mentee, mentor, api_as):
    api_as(mentor).post(f"/mentorships/{pair.public_id}/appreciations", {"message": "Thanks!"})
    (message,) = [m for m in mail.outbox if m.to == [mentee.email]]
    # The link is signed with a timestamp: read it back from the email rather than make
    # another one, which differs when the clock has moved on to the next second.
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert url.startswith(unsubscribe_url(mentee, "appreciation").rsplit("/unsubscribe/", 1)[0])
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert read_unsubscribe_token(token) == (mentee, "appreciation")
    assert url in message.body
    assert url in message.alternatives[0][0]
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_unsubscribe_works_without_sign_in(mentee):
    path = f"/unsubscribe/{unsubscribe_token(mentee, 'meeting_tomorrow')}/"
    anonymous = Client(enforce_csrf_checks=True)
    page = anonymous.get(path)
    assert page.status_code == 200
    assert "Meeting reminder" in page.content.decode()
    assert "meeting_tomorrow" not in preferences_for(mentee).email_off  # GET changes nothing
    done = anonymous.post(path)
    assert done.status_code == 200
    assert preferences_for(mentee).email_off == ["meeting_tomorrow"]


def test_an_unsubscribe_link_cannot_be_forged_for_another_person_or_kind(mentee, mentor):
    import json

    from django.core import signing

    token = unsubscribe_token(mentee, "meeting_tomorrow")
    _, stamp, signature = token.split(":")

    def payload(person, kind):
        return signing.b64_encode(
            json.dumps({"p": str(person.public_id), "k": kind}, separators=(",", ":")).encode()
        ).decode()

    tampered = [
        f"{payload(mentor, 'meeting_tomorrow')}:{stamp}:{signature}",  # another person
        f"{payload(mentee, 'appreciation')}:{stamp}:{signature}",  # another kind
        token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"),  # a changed signature
        "garbage",
    ]
    for bad in tampered:
        assert Client().post(f"/unsubscribe/{bad}/").status_code == 404, bad
    assert preferences_for(mentee).email_off == []
    assert preferences_for(mentor).email_off == []


def test_a_member_who_cannot_reach_their_partner_alerts_the_admins(
    pair, mentee, program_admin, api_as
):
    r = api_as(mentee).post(f"/mentorships/{pair.public_id}/unreachable")
    assert r.status_code == 200
    (alert,) = Notification.objects.filter(person=program_admin)
    assert alert.kind == "unreachable"
    pair.refresh_from_db()
    assert pair.at_risk_since is not None
    again = api_as(mentee).post(f"/mentorships/{pair.public_id}/unreachable")
    assert again.status_code == 200
    assert Notification.objects.filter(person=program_admin).count() == 1  # once a day


def test_a_notification_is_made_once_per_key(mentee):
    first = notify(person=mentee, kind="checkin_due", key="k1", title="Hello")
    second = notify(person=mentee, kind="checkin_due", key="k1", title="Hello")
    assert first is not None and second is None
    assert Notification.objects.count() == 1


def test_the_pages_list_and_open_notifications(pair, mentee, mentor, api_as):
    api_as(mentor).post(f"/mentorships/{pair.public_id}/appreciations", {"message": "Thanks!"})
    client = page_client(mentee)
    html = client.get("/notifications/").content.decode()
    assert "thank-you note" in html
    n = Notification.objects.get(person=mentee, kind="appreciation")
    r = client.post(f"/notifications/{n.public_id}/open/")
    assert r.status_code == 302 and r["Location"] == n.url
    n.refresh_from_db()
    assert n.read_at
    r = client.post("/notifications/settings/", {"email": ["meeting_tomorrow"]})
    assert r.status_code == 302
    prefs = preferences_for(mentee)
    assert "meeting_tomorrow" not in prefs.email_off and "appreciation" in prefs.email_off


def one_of_many_pairs(mentee_prefix: str, mentor_prefix: str, i: int):
    """The i-th of many active pairs, each mentor with room for one."""
    return make_pair(
        make_person(f"{mentee_prefix}{i}@example.org", f"{mentee_prefix.title()} {i}"),
        make_person(
            f"{mentor_prefix}{i}@example.org",
            f"{mentor_prefix.upper()} {i}",
            open_to_mentor=True,
            mentor_capacity=1,
        ),
    )


def test_the_sweep_does_work_in_proportion_to_what_is_due(
    pair, mentor, django_assert_max_num_queries
):
    import django.utils.timezone as tz

    for i in range(30):  # thirty quiet pairs, nothing due
        m = one_of_many_pairs("quiet", "m", i)
        Meeting.objects.create(
            mentorship=m, organizer=m.mentor, starts_at=tz.now() + dt.timedelta(days=5)
        )
        pair_clock_update(m)
    from alongside.insights.rollups import rollups_refresh

    rollups_refresh()  # the insights rollups of the new meetings: counted already
    # About one query per step, whatever the number of pairs: 12 for the reminders, one
    # for the expired exports, one for the end-of-program surveys (programs ending today,
    # none here), and one DELETE each for old audit events, ended sessions' rows and
    # expired sessions, one for the message digests and one for the insights rollups.
    with django_assert_max_num_queries(19):
        assert sum(sweep().values()) == 0


@race
def test_two_workers_sweeping_at_once_make_each_reminder_once():
    import django.utils.timezone as tz

    now = tz.now()
    for i in range(6):
        m = one_of_many_pairs("e", "r", i)
        Meeting.objects.create(
            mentorship=m, organizer=m.mentor, starts_at=now + dt.timedelta(hours=3)
        )
    from alongside.insights.rollups import rollups_refresh

    rollups_refresh()  # the sweeps below count reminders only
    counts = []

    def worker():
        counts.append(sum(sweep(now).values()))

    at_once(worker, worker)
    reminders = Notification.objects.filter(kind="meeting_tomorrow")
    assert reminders.count() == 12  # two members of six pairs, once each
    assert sum(counts) == 12
    from django_tasks_db.models import DBTaskResult

    # One email task per reminder (plus the request/accept ones), each claimed once.
    deliver_mail()
    sent = [m for m in mail.outbox if "tomorrow" in m.subject.lower() or "R " in m.subject]
    assert len({(m.to[0], m.subject) for m in mail.outbox}) == len(mail.outbox)
    assert DBTaskResult.objects.filter(status="READY").count() == 0
    assert sent is not None


def test_the_weekly_digest_gathers_the_week_in_one_email(pair, mentee, mentor, api_as):
    import django.utils.timezone as tz

    api_as(mentee).patch("/me/notification-settings", {"weekly_digest": True})
    for message in ("Thanks!", "And thanks again"):
        api_as(mentor).post(f"/mentorships/{pair.public_id}/appreciations", {"message": message})
    mail.outbox.clear()
    now = tz.now() + dt.timedelta(minutes=1)
    assert sweep(now)["digest"] == 1
    assert sweep(now)["digest"] == 0  # sent once
    deliver_mail()
    (digest,) = [m for m in mail.outbox if m.to == [mentee.email]]
    assert "Your week on Alongside" in digest.subject
    assert digest.body.count("sent you a thank-you note") == 2
    assert sweep(now + dt.timedelta(days=7, minutes=1))["digest"] == 0  # nothing new
