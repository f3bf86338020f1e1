"""You hear about what is shared with you: each thing a partner shares or does for the
pair tells the other member once, in the app and by email (per their settings, or in the
weekly digest), and never the one who did it."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone as tz

from alongside.goals import services as goals
from alongside.growth import services as growth
from alongside.home.sweep import weekly_digests
from alongside.meetings import services as meetings
from alongside.mentorships import services as mentorships
from alongside.mentorships.events import SHARED_WITH_YOU
from alongside.mentorships.models import Kind
from alongside.notifications.models import Notification
from alongside.notifications.services import preferences_update
from conftest import deliver_mail

pytestmark = pytest.mark.django_db


def _meeting(pair: Any, person: Any) -> Any:
    return meetings.meeting_schedule(
        mentorship=pair, organizer=person, starts_at=tz.now() + dt.timedelta(days=2)
    )[0]


def _goal(pair: Any) -> Any:
    return goals.goal_create(
        mentorship=pair,
        author=pair.mentee,
        title="Give a talk",
        objective="Speak at the meetup",
        measure="Talk given",
        target_date=tz.localdate() + dt.timedelta(days=60),
    )


def _completion_proposed(pair: Any, actor: Any) -> Any:
    # The partner proposed; the actor confirms it.
    return mentorships.mentorship_complete(
        mentorship=pair, actor=pair.other(actor), reflection="We reached it"
    )


# kind: (who acts, what is there before, what they do, the kind of the partner's notice)
CASES: dict[str, tuple[str, Callable[[Any, Any], Any], Callable[[Any, Any, Any], Any], str]] = {
    "resource": (
        "mentor",
        lambda pair, actor: None,
        lambda pair, actor, _: growth.resource_share(
            mentorship=pair, author=actor, title="On talks", url="https://example.org/talks"
        ),
        "shared",
    ),
    "checkin": (
        "mentee",
        lambda pair, actor: None,
        lambda pair, actor, _: growth.checkin_create(
            mentorship=pair, author=actor, wins="Spoke up", feeling=4
        ),
        "shared",
    ),
    "checkin_reply": (
        "mentor",
        lambda pair, actor: growth.checkin_create(
            mentorship=pair, author=pair.mentee, wins="Spoke up", feeling=4
        ),
        lambda pair, actor, checkin: growth.checkin_reply(
            checkin=checkin, author=actor, reply="Well done"
        ),
        "shared",
    ),
    "journal": (
        "mentee",
        lambda pair, actor: growth.journal_write(
            author=actor, body="Felt brave today", mentorship=pair
        ),
        lambda pair, actor, entry: growth.journal_share(entry=entry, author=actor),
        "shared",
    ),
    "celebration": (
        "mentor",
        lambda pair, actor: None,
        lambda pair, actor, _: growth.celebration_add(mentorship=pair, author=actor, title="Yay!"),
        "shared",
    ),
    "milestone": (
        "mentee",
        lambda pair, actor: goals.milestone_add(goal=_goal(pair), author=actor, title="Outline"),
        lambda pair, actor, milestone: goals.milestone_complete(milestone=milestone, actor=actor),
        "shared",
    ),
    "action_assigned": (
        "mentor",
        _meeting,
        lambda pair, actor, meeting: meetings.action_item_add(
            meeting=meeting, author=actor, text="Draft it", owner=pair.mentee
        ),
        "shared",
    ),
    "appreciation": (
        "mentee",
        lambda pair, actor: None,
        lambda pair, actor, _: growth.appreciation_send(
            mentorship=pair, author=actor, message="Thank you"
        ),
        "appreciation",
    ),
    "ended": (
        "mentor",
        lambda pair, actor: None,
        lambda pair, actor, _: mentorships.mentorship_end(
            mentorship=pair, actor=actor, reason="Moving away"
        ),
        "ended",
    ),
    "completed": (
        "mentee",
        _completion_proposed,
        lambda pair, actor, _: mentorships.mentorship_complete(mentorship=pair, actor=actor),
        "completion",
    ),
}


def test_every_kind_of_shared_event_has_a_case():
    assert {k.value for k in SHARED_WITH_YOU} - {Kind.REOPENED.value} <= set(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_shared_event_notifies_the_other_member_exactly_once(pair, mentee, mentor, case):
    role, prepare, act, kind = CASES[case]
    actor = mentor if role == "mentor" else mentee
    partner = pair.other(actor)
    before = prepare(pair, actor)
    deliver_mail()
    Notification.objects.all().delete()
    mail.outbox.clear()

    act(pair, actor, before)
    deliver_mail()

    heard = Notification.objects.filter(person=partner, kind=kind)
    assert heard.count() == 1, list(Notification.objects.values_list("person__name", "key"))
    assert heard.get().url  # it points at what was shared
    assert Notification.objects.filter(person=partner).count() == 1
    to_partner = [m for m in mail.outbox if m.to == [partner.email]]
    assert len(to_partner) == 1
    if case == "completed":  # completing is the one both hear of: it is theirs together
        assert Notification.objects.filter(person=actor, kind=kind).count() == 1
        assert len(mail.outbox) == 2
    else:
        assert not Notification.objects.filter(person=actor).exists()
        assert len(mail.outbox) == 1
        assert actor.name in to_partner[0].subject


def test_the_same_thing_never_notifies_twice(pair, mentee, mentor):
    resource = growth.resource_share(mentorship=pair, author=mentor, title="A book")
    from alongside.mentorships.events import pair_event

    pair_event(mentorship=pair, kind=Kind.RESOURCE, actor=mentor, ref=resource, on_timeline=False)
    assert Notification.objects.filter(person=mentee, kind="shared").count() == 1


def test_assigning_yourself_an_action_item_tells_no_one(pair, mentee, mentor):
    Notification.objects.all().delete()
    meetings.action_item_add(meeting=_meeting(pair, mentor), author=mentee, text="Me", owner=mentee)
    assert not Notification.objects.filter(kind="shared").exists()


def test_the_products_own_celebrations_tell_no_one(pair, mentee, mentor):
    from alongside.growth.services import _celebrate
    from alongside.mentorships.models import CelebrationKind

    _celebrate(pair, CelebrationKind.MEETINGS, "5 meetings held together", "meetings:5")
    assert not Notification.objects.filter(kind="shared").exists()


def test_email_follows_the_settings_and_the_digest_gathers_the_rest(pair, mentee, mentor):
    preferences_update(person=mentee, email_off=["shared"])
    deliver_mail()
    mail.outbox.clear()
    growth.resource_share(mentorship=pair, author=mentor, title="A book")
    deliver_mail()
    assert mail.outbox == []  # turned off: in the app only
    assert Notification.objects.filter(person=mentee, kind="shared").count() == 1

    preferences_update(person=mentor, weekly_digest=True)
    growth.checkin_create(mentorship=pair, author=mentee, wins="Spoke up", feeling=4)
    deliver_mail()
    assert mail.outbox == []  # the digest, not a single email
    from collections import Counter

    weekly_digests(tz.now() + dt.timedelta(minutes=1), Counter())
    deliver_mail()
    (digest,) = mail.outbox
    assert digest.to == [mentor.email]
    assert "Ada Mentee wrote a check-in" in digest.body


def test_the_email_carries_no_words_of_the_thing_itself(pair, mentee, mentor):
    mail.outbox.clear()
    entry = growth.journal_write(author=mentee, body="A very private thought", mentorship=pair)
    growth.journal_share(entry=entry, author=mentee)
    deliver_mail()
    (sent,) = mail.outbox
    assert "shared a journal entry" in sent.subject
    assert "A very private thought" not in sent.body
