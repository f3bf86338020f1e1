"""Guards for the folds of the `dedupe` merge: what each shared helper must keep doing for
every caller it replaced (review of 0c805da..1ab030d; no behaviour change was found, these
pin the behaviour so that a later change to one helper cannot change nine callers quietly)."""

import pytest
from django.db import transaction

from alongside.lib.errors import Conflict, conflict_if_duplicate
from alongside.people.admin import PersonAdmin
from alongside.people.models import MENTORING_FIELDS, Person
from alongside.people.services import profile_update
from alongside.tests.servers import RACES, race
from conftest import make_person

# How a person mentors, as the profile and the admin's Mentoring section name it.
MENTORING = (
    "open_to_mentor",
    "mentor_capacity",
    "seeking_mentor",
    "channel",
    "meeting_every_days",
    "meeting_minutes",
)


@pytest.mark.django_db
def test_a_duplicate_in_the_block_is_a_409_and_only_the_block_is_undone():
    ada = make_person("ada@example.org", "Ada")
    with transaction.atomic():
        Person.objects.filter(pk=ada.pk).update(headline="before")  # outside the block: kept
        with (
            pytest.raises(Conflict) as caught,
            conflict_if_duplicate("Taken.", code="email_taken"),
        ):
            Person.objects.filter(pk=ada.pk).update(headline="inside")  # undone
            Person.objects.create_user(email="ada@example.org", password="x", name="Twin")
        # The savepoint was rolled back, not the transaction: it is still usable.
        assert Person.objects.get(pk=ada.pk).headline == "before"
    assert (caught.value.status, caught.value.code, caught.value.detail) == (
        409,
        "email_taken",
        "Taken.",
    )
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


@pytest.mark.django_db
def test_a_return_inside_the_block_keeps_the_write():
    def create() -> Person:
        with conflict_if_duplicate("Taken.", code="email_taken"):
            return Person.objects.create_user(email="bo@example.org", password="x", name="Bo")

    assert create().pk is not None
    assert Person.objects.filter(email="bo@example.org").exists()


@pytest.mark.django_db
def test_other_errors_in_the_block_pass_through_unchanged():
    with pytest.raises(ValueError, match="not a duplicate"):  # noqa: SIM117
        with conflict_if_duplicate("Taken.", code="email_taken"):
            raise ValueError("not a duplicate")


def test_the_person_admin_shows_exactly_these_fields():
    """MENTORING_FIELDS (what a person may set on their profile) and ROLE_FIELDS (what is
    audited) now also decide what the admin shows: a field added to either for its own
    reason must not reach the admin unseen (nothing private, nothing derived)."""
    shown = [f for _, options in PersonAdmin.fieldsets for f in options["fields"]]
    assert shown == [
        "email",
        "password",
        "public_id",
        "name",
        "headline",
        "bio",
        "timezone",
        "skills",
        "interests",
        "languages",
        *MENTORING,
        "is_active",
        "is_staff",
        "is_superuser",
        "groups",
        "user_permissions",
        "last_login",
        "last_active",
        "date_joined",
    ]


@pytest.mark.django_db
def test_profile_update_accepts_each_mentoring_field_and_reports_every_error_at_once():
    ada = make_person("ada@example.org", "Ada")
    assert set(MENTORING_FIELDS) == set(MENTORING)
    with pytest.raises(Exception) as caught:
        profile_update(person=ada, mentor_capacity=-1, timezone="Nowhere/Else")
    assert set(caught.value.message_dict) == {"mentor_capacity", "timezone"}
    with pytest.raises(Exception) as caught:
        profile_update(person=ada, is_staff=True, email="x@example.org")
    assert caught.value.message_dict == {
        "email": ["This field cannot be changed here."],
        "is_staff": ["This field cannot be changed here."],
    }


def test_race_carries_every_mark_of_races():
    @race
    def test_nothing() -> None:
        pass

    marks = {(m.name, m.args, tuple(sorted(m.kwargs.items()))) for m in test_nothing.pytestmark}
    expected = {(m.name, m.args, tuple(sorted(m.kwargs.items()))) for m in RACES}
    assert marks == expected
    assert ("django_db", (), (("transaction", True),)) in marks
