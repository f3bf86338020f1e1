"""The at-risk list reads each pair's clock as integers the database computes (at_risk.Micros)
and does timedelta's arithmetic on them (health.clock_gap_us): the same cadences, gaps and
scores as the dates would give, to the microsecond."""

import datetime as dt

import pytest
from django.utils import timezone as tz

from alongside.insights import health
from alongside.insights.at_risk import Micros, at_risk
from alongside.insights.tests.world import add_pairs, make_program
from alongside.meetings.models import Feedback
from alongside.mentorships.models import Mentorship


def _by_dates(*, now, fading_at, at_risk_at, started_at, default_days):
    """The gap as the dates give it (timedelta's own rounding)."""
    if fading_at is None or at_risk_at is None:
        anchor, cadence = started_at or now, dt.timedelta(days=default_days)
    else:
        cadence = (at_risk_at - fading_at) / 1.5
        anchor = fading_at - cadence * 1.5
    return max(1, round(cadence.total_seconds() / 86400)), (now - anchor) / cadence


NOW = dt.datetime(2026, 12, 6, 13, 0, 0, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "fading_at, between, started_at",
    [
        (NOW - dt.timedelta(days=20), dt.timedelta(days=21), None),
        (NOW - dt.timedelta(days=3, microseconds=7), dt.timedelta(microseconds=1), None),
        (NOW + dt.timedelta(hours=5), dt.timedelta(days=10, microseconds=5), None),
        (NOW - dt.timedelta(days=90), dt.timedelta(seconds=1, microseconds=1), None),
        (None, None, NOW - dt.timedelta(days=45, microseconds=3)),
    ],
)
def test_the_gap_from_integers_is_the_gap_from_dates(fading_at, between, started_at):
    at_risk_at = fading_at + between if fading_at else None
    moments = {"fading_at": fading_at, "at_risk_at": at_risk_at, "started_at": started_at}
    expected = _by_dates(now=NOW, default_days=14, **moments)
    assert health.clock_gap(now=NOW, default_days=14, **moments) == expected
    as_us = {k: None if v is None else health.micros(v) for k, v in moments.items()}
    assert health.clock_gap_us(now=health.micros(NOW), default_days=14, **as_us) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(2026, 12, 6, 13, 0, 0, tzinfo=dt.UTC),
        dt.datetime(2026, 12, 6, 13, 0, 0, 1, tzinfo=dt.UTC),
        dt.datetime(1999, 2, 28, 23, 59, 59, 999999, tzinfo=dt.UTC),
    ],
)
def test_the_database_gives_a_moment_as_its_microseconds(program_admin, moment):
    (pair,) = add_pairs(make_program(program_admin), 1)
    Mentorship.objects.filter(pk=pair.pk).update(fading_at=moment, at_risk_at=None)
    row = Mentorship.objects.filter(pk=pair.pk).values_list(
        Micros("fading_at"), Micros("at_risk_at")
    )
    assert list(row) == [(health.micros(moment), None)]


@pytest.mark.django_db
def test_feedback_averaging_three_is_not_low_and_under_three_is(program_admin):
    program = make_program(program_admin)
    even, under = add_pairs(program, 2)
    Feedback.objects.filter(meeting__mentorship=even).update(rating=3)
    ratings = Feedback.objects.filter(meeting__mentorship=under)
    assert ratings.count() >= 2
    ratings.update(rating=3)
    ratings.filter(pk=ratings.first().pk).update(rating=2)
    rows = {h.pair_pk: h for h in at_risk(program, now=tz.now())}
    assert even.pk not in rows
    assert rows[under.pk].labels == ["Low meeting feedback"]
