"""A meeting reminder says 'Today' for a meeting later the same day (in the person's own
zone) and 'Tomorrow' only for one on the next day."""

import datetime as dt
from collections import Counter

import pytest
import time_machine
from django.core import mail

from alongside.home.sweep import meetings_tomorrow
from alongside.meetings import services as meetings
from conftest import deliver_mail

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC)  # 10:00 in New York, 15:00 in Berlin


@pytest.mark.parametrize(
    ("starts", "word"),
    [
        (NOW + dt.timedelta(hours=2), "Today you meet"),  # 12:00 NY, 17:00 Berlin
        (dt.datetime(2026, 3, 11, 8, 0, tzinfo=dt.UTC), "Tomorrow you meet"),  # 04:00, 09:00
    ],
)
def test_the_reminder_names_the_day_in_the_persons_zone(pair, mentee, mentor, starts, word):
    with time_machine.travel(NOW, tick=False):
        meetings.meeting_schedule(mentorship=pair, organizer=mentor, starts_at=starts)
        deliver_mail()
        mail.outbox.clear()
        meetings_tomorrow(NOW, Counter())
        deliver_mail()
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert set(bodies) == {mentee.email, mentor.email}
    for body in bodies.values():
        assert word in body
        assert ("Tomorrow" in body) == (word.startswith("Tomorrow"))
