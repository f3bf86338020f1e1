"""Finding 5 of the review: a program's enrollment and matching modes hold on every path
that makes a pair. Personas: Ada the enrolled mentee, Grace the enrolled mentor, Eve an
outsider nobody invited, Morgan the program's admin."""

import pytest

from alongside.lib.errors import Conflict
from alongside.mentorships.models import Mentorship, Status
from alongside.mentorships.services import (
    mentorship_confirm,
    mentorship_propose,
    mentorship_request,
)
from alongside.programs.models import EnrollmentMode, EnrollmentStatus, MatchingMode, Program
from alongside.programs.selectors import community_program, is_enrolled
from alongside.programs.services import enrollment_create, enrollment_set_status


def make_program(name, *, enrollment, matching, admin=None):
    program = Program.objects.create(
        slug=name.lower().replace(" ", "-"), name=name, enrollment=enrollment, matching=matching
    )
    if admin is not None:
        program.admins.add(admin)
    return program


def invite_only(name, matching, *, admin, mentee, mentor, **mentor_enrollment):
    """An invite-only program where Ada is enrolled as a mentee and Grace as a mentor."""
    program = make_program(name, enrollment=EnrollmentMode.INVITE, matching=matching, admin=admin)
    enrollment_create(program=program, person=mentee, role="mentee")
    enrollment_create(program=program, person=mentor, role="mentor", **mentor_enrollment)
    return program


@pytest.fixture
def cohort(mentee, mentor, program_admin):
    """Invite-only, mentees choose: Ada is enrolled as a mentee, Grace as a mentor."""
    return invite_only(
        "Spring cohort",
        MatchingMode.MENTEE_CHOICE,
        admin=program_admin,
        mentee=mentee,
        mentor=mentor,
        capacity=2,
    )


@pytest.fixture
def matched(mentee, mentor, program_admin):
    """Invite-only and admin-matched, as in the review: both enrolled."""
    return invite_only(
        "Leadership circle", MatchingMode.ADMIN, admin=program_admin, mentee=mentee, mentor=mentor
    )


def ask(api, mentor, program, **extra):
    return api.post(
        "/mentorships",
        {"mentor_id": str(mentor.public_id), "program_id": str(program.public_id), **extra},
    )


def test_finding_5_an_uninvited_person_cannot_request_a_mentor_in_an_invite_only_admin_matched_program(  # noqa: E501
    matched, outsider, mentor, api_as
):
    r = ask(api_as(outsider), mentor, matched)
    assert r.status_code == 404  # the program does not exist for her
    assert not Mentorship.objects.exists()
    # And through the service, had some other path found the program:
    with pytest.raises(Conflict):
        mentorship_request(requester=outsider, mentor=mentor, program=matched)
    assert not Mentorship.objects.exists()


def test_an_enrolled_mentee_cannot_request_in_an_admin_matched_program(
    matched, mentee, mentor, api_as
):
    r = ask(api_as(mentee), mentor, matched)
    assert r.status_code == 409
    assert r.json()["detail"] == "In this program, the program admins make the matches."
    assert r.json()["code"] == "admin_matching"
    assert not Mentorship.objects.exists()


def test_a_mentor_cannot_offer_in_an_admin_matched_program_either(matched, mentee, mentor, api_as):
    r = api_as(mentor).post(
        "/mentorships",
        {"mentee_id": str(mentee.public_id), "program_id": str(matched.public_id)},
    )
    assert r.status_code == 409
    assert r.json()["code"] == "admin_matching"


def test_an_enrolled_mentee_requests_an_enrolled_mentor_and_is_accepted(
    cohort, mentee, mentor, api_as
):
    r = ask(api_as(mentee), mentor, cohort, message="Hello")
    assert r.status_code == 201, r.content
    accepted = api_as(mentor).post(f"/mentorships/{r.json()['id']}/accept")
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "active"
    assert Mentorship.objects.get().program == cohort


def test_an_enrolled_mentee_cannot_ask_someone_not_enrolled_as_a_mentor(
    cohort, mentee, outsider, api_as
):
    outsider.open_to_mentor = True
    outsider.mentor_capacity = 2
    outsider.save()
    r = ask(api_as(mentee), outsider, cohort)
    assert r.status_code == 409
    assert r.json()["code"] == "not_enrolled_mentor"
    assert "Eve Outsider is not enrolled as a mentor in Spring cohort" in r.json()["detail"]
    assert not Mentorship.objects.exists()


def test_a_person_enrolled_only_as_a_mentor_cannot_ask_for_a_mentor_there(
    cohort, mentor, outsider, api_as
):
    enrollment_create(program=cohort, person=outsider, role="mentor")
    r = ask(api_as(outsider), mentor, cohort)
    assert r.status_code == 409
    assert r.json()["code"] == "not_enrolled_mentee"
    assert r.json()["detail"].startswith("You are not enrolled as a mentee in Spring cohort")


def test_an_invitation_not_yet_accepted_is_not_an_enrollment(cohort, mentor, outsider, api_as):
    enrollment_create(
        program=cohort, person=outsider, role="mentee", status=EnrollmentStatus.INVITED
    )
    r = ask(api_as(outsider), mentor, cohort)
    assert r.status_code == 409  # she sees the program she was invited to, but cannot pair yet
    assert r.json()["code"] == "not_enrolled_mentee"


def test_a_request_is_not_accepted_once_the_mentee_left_the_program(cohort, mentee, mentor, api_as):
    requested = mentorship_request(requester=mentee, mentor=mentor, program=cohort)
    enrollment_set_status(
        enrollment=cohort.enrollments.get(person=mentee), status=EnrollmentStatus.LEFT
    )
    r = api_as(mentor).post(f"/mentorships/{requested.public_id}/accept")
    assert r.status_code == 409
    assert r.json()["code"] == "not_enrolled_mentee"
    assert Mentorship.objects.get().status == Status.REQUESTED


def test_a_request_made_before_the_program_became_admin_matched_is_not_accepted(
    cohort, mentee, mentor, api_as
):
    requested = mentorship_request(requester=mentee, mentor=mentor, program=cohort)
    Program.objects.filter(pk=cohort.pk).update(matching=MatchingMode.ADMIN)
    r = api_as(mentor).post(f"/mentorships/{requested.public_id}/accept")
    assert r.status_code == 409
    assert r.json()["detail"] == "In this program, the program admins make the matches."


def test_admins_propose_pairs_of_enrolled_people_only(matched, mentee, mentor, outsider):
    with pytest.raises(Conflict):
        mentorship_propose(program=matched, mentor=mentor, mentee=outsider, proposer=None)
    m = mentorship_propose(program=matched, mentor=mentor, mentee=mentee, proposer=None)
    mentorship_confirm(mentorship=m, actor=mentee)
    assert mentorship_confirm(mentorship=m, actor=mentor).status == Status.ACTIVE


def test_the_community_program_keeps_working_without_any_enrollment(
    mentee, mentor, outsider, api_as
):
    assert not community_program().enrollments.exists()
    r = api_as(mentee).post("/mentorships", {"mentor_id": str(mentor.public_id)})
    assert r.status_code == 201
    assert api_as(mentor).post(f"/mentorships/{r.json()['id']}/accept").status_code == 200
    assert is_enrolled(outsider, community_program(), "mentee")


def test_a_closed_program_is_a_404_to_outsiders_and_visible_to_its_admin(
    cohort, outsider, program_admin, mentor, api_as
):
    # The admin sees it (the 409 names its rules), the outsider does not (404).
    assert ask(api_as(program_admin), mentor, cohort).status_code == 409
    assert ask(api_as(outsider), mentor, cohort).status_code == 404


def test_one_enrollment_per_program_person_and_role(cohort, mentee):
    with pytest.raises(Conflict):
        enrollment_create(program=cohort, person=mentee, role="mentee")
    enrollment_create(program=cohort, person=mentee, role="mentor", capacity=1)
    assert cohort.enrollments.filter(person=mentee).count() == 2


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"role": "boss"}, "role"), ({"capacity": 21}, "capacity"), ({"status": "x"}, "status")],
)
def test_bad_enrollments_are_refused_with_the_field_named(cohort, outsider, kwargs, field):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        enrollment_create(program=cohort, person=outsider, **{"role": "mentee", **kwargs})
    assert field in exc.value.message_dict


@pytest.mark.parametrize("capacity", [True, 21, -1, "2"])
def test_joining_and_enrolling_refuse_a_bad_capacity_in_the_same_words(cohort, outsider, capacity):
    from django.core.exceptions import ValidationError

    from alongside.programs.services import enrollment_join

    said = []
    for enroll, by in ((enrollment_create, {}), (enrollment_join, {"actor": outsider})):
        with pytest.raises(ValidationError) as exc:
            enroll(program=cohort, person=outsider, role="mentor", capacity=capacity, **by)
        said.append(exc.value.message_dict)
    assert said == [{"capacity": ["Give a capacity from 0 to 20."]}] * 2


def test_no_new_pair_starts_in_a_program_that_has_ended(cohort, mentee, mentor, api_as):
    import datetime as dt

    from django.utils import timezone as tz

    # The site's date (UTC), whatever the time zone of each person (New York, Berlin).
    today = tz.localdate(timezone=dt.UTC)
    requested = mentorship_request(requester=mentee, mentor=mentor, program=cohort)
    Program.objects.filter(pk=cohort.pk).update(ends_on=today - dt.timedelta(days=1))
    r = api_as(mentor).post(f"/mentorships/{requested.public_id}/accept")
    assert r.status_code == 409
    assert r.json()["code"] == "program_ended"
    assert "Spring cohort ended on" in r.json()["detail"]
    Mentorship.objects.all().delete()
    assert ask(api_as(mentee), mentor, cohort).status_code == 409
    Program.objects.filter(pk=cohort.pk).update(ends_on=today)  # its last day
    assert ask(api_as(mentee), mentor, cohort).status_code == 201
