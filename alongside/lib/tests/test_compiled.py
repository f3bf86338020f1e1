"""A Compiled read answers what its queryset answers, in one query, for any values; and it
refuses a queryset that depends on a value that is not one of its parameters."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Count, OuterRef, Subquery
from django.test.utils import CaptureQueriesContext
from django.utils import timezone as tz

from alongside.lib.compiled import Compiled
from alongside.meetings.models import Meeting
from alongside.mentorships.models import Mentorship

pytestmark = pytest.mark.django_db


def _meetings(*, mentorship_id: int, after: dt.datetime, before: dt.datetime, on: dt.date):
    return (
        Meeting.objects.filter(mentorship_id=mentorship_id, starts_at__gt=after)
        .filter(starts_at__lt=before, created_at__date__lte=on)
        .order_by("starts_at")
        .values("public_id", "starts_at", "title", "mentorship__public_id")
    )


MEETINGS = Compiled(_meetings, mentorship_id=int, after=dt.datetime, before=dt.datetime, on=dt.date)


def test_it_answers_what_the_queryset_answers_for_each_set_of_values(pair, mentor):
    now = tz.now().replace(microsecond=0)
    for days in (-3, 1, 2, 5):
        Meeting.objects.create(
            mentorship=pair, starts_at=now + dt.timedelta(days=days), organizer=mentor, title="T"
        )
    for after, before in ((-10, 10), (0, 3), (2, 10), (6, 9)):
        values = {
            "mentorship_id": pair.pk,
            "after": now + dt.timedelta(days=after),
            "before": now + dt.timedelta(days=before),
            "on": tz.localdate(),
        }
        with CaptureQueriesContext(connection) as captured:
            rows = MEETINGS.rows(**values)
        assert rows == list(_meetings(**values)), (after, before)
        assert len(captured.captured_queries) == 1
    # Datetimes, UUIDs of the row and of a joined row come back as the ORM gives them.
    (first, *_) = MEETINGS.rows(
        mentorship_id=pair.pk,
        after=now - dt.timedelta(days=10),
        before=now + dt.timedelta(days=10),
        on=tz.localdate(),
    )
    assert first["starts_at"] == now - dt.timedelta(days=3)
    assert first["mentorship__public_id"] == pair.public_id


def test_a_lookup_in_the_active_time_zone_follows_the_zone(pair, mentor):
    # 23:30 UTC is already the next day in Tokyo: `created_at__date` differs by zone.
    late = tz.now().replace(hour=23, minute=30, second=0, microsecond=0)
    Meeting.objects.create(
        mentorship=pair, starts_at=late, organizer=mentor, created_at=late, title="Late"
    )
    values = {
        "mentorship_id": pair.pk,
        "after": late - dt.timedelta(days=1),
        "before": late + dt.timedelta(days=1),
        "on": late.date(),
    }
    for zone in ("UTC", "Asia/Tokyo", "UTC"):
        with tz.override(zone):
            assert MEETINGS.rows(**values) == list(_meetings(**values)), zone
    with tz.override("Asia/Tokyo"):
        assert MEETINGS.rows(**values) == []
    with tz.override("UTC"):
        assert len(MEETINGS.rows(**values)) == 1


def test_counts_from_correlated_subqueries_come_back_as_numbers(pair, mentor):
    Meeting.objects.create(mentorship=pair, starts_at=tz.now(), organizer=mentor)

    def pairs(*, person_id: int):
        held = Meeting.objects.filter(mentorship=OuterRef("pk")).values("mentorship")
        return (
            Mentorship.objects.filter(mentor_id=person_id)
            .annotate(n=Subquery(held.annotate(n=Count("pk")).values("n")))
            .values("pk", "n")
        )

    assert Compiled(pairs, person_id=int).rows(person_id=mentor.pk) == [{"pk": pair.pk, "n": 1}]


def test_a_text_parameter_is_filled_in_where_the_queryset_uses_it(pair, mentor, mentee):
    def by_status(*, status: str, person_id: int):
        return Mentorship.objects.filter(status=status, mentor_id=person_id).values("pk")

    read = Compiled(by_status, status=str, person_id=int)
    assert read.rows(status=pair.status, person_id=mentor.pk) == [{"pk": pair.pk}]
    assert read.rows(status="ended", person_id=mentor.pk) == []
    # A text that looks like the stand-in is only a value like any other.
    assert read.rows(status="~compiled stand-in~0", person_id=mentor.pk) == []


def test_a_value_derived_inside_the_queryset_is_refused(pair):
    def derived(*, after: dt.datetime):
        # `after - 14 days` would be frozen at the first build's stand-in.
        return Meeting.objects.filter(starts_at__gt=after - dt.timedelta(days=14)).values("pk")

    with pytest.raises(ValueError, match="not a parameter"):
        Compiled(derived, after=dt.datetime).rows(after=tz.now())


def test_a_parameter_the_sql_never_uses_is_refused(pair):
    def unused(*, after: dt.datetime, person_id: int):
        return Meeting.objects.filter(starts_at__gt=after).values("pk")

    with pytest.raises(ValueError, match="do not reach the SQL"):
        Compiled(unused, after=dt.datetime, person_id=int).rows(after=tz.now(), person_id=1)


def test_the_wrong_parameters_are_a_type_error(pair):
    with pytest.raises(TypeError, match="Expected"):
        MEETINGS.rows(mentorship_id=pair.pk)
    with pytest.raises(TypeError, match="No stand-in"):
        Compiled(_meetings, mentorship_id=float)


def test_a_queryset_of_model_rows_is_refused(pair):
    def whole(*, person_id: int):
        return Mentorship.objects.filter(mentor_id=person_id)

    with pytest.raises(ValueError, match="values"):
        Compiled(whole, person_id=int).rows(person_id=1)
