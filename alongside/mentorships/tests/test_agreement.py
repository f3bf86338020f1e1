import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone as tz

from alongside.mentorships.models import AgreementVersion

TERMS = {
    "mentee_hopes": "Speak at a meetup",
    "mentor_offers": "Two rehearsals and honest notes",
    "meeting_every_days": 14,
    "channel": "video",
    "meeting_minutes": 45,
    "confidentiality": True,
}


def terms(**changes):
    ends = str(tz.localdate() + dt.timedelta(days=180))
    return {**TERMS, "ends_on": ends, "reason": "", **changes}


def path(pair, tail=""):
    return f"/mentorships/{pair.public_id}/agreement{tail}"


def test_a_version_is_in_force_once_both_acknowledged_it(pair, mentee, mentor, api_as):
    r = api_as(mentee).put(path(pair), terms())
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["in_force"] is None
    assert body["latest"]["number"] == 1
    assert body["latest"]["mentee_acknowledged_at"]  # saving acknowledges for the author
    assert body["latest"]["mentor_acknowledged_at"] is None
    assert body["latest"]["reason"] == "First version"
    r = api_as(mentor).post(path(pair, "/acknowledge"), {})
    assert r.status_code == 200
    assert r.json()["in_force"]["number"] == 1
    assert r.json()["in_force"]["in_force"] is True


def test_every_save_is_a_new_version_with_a_reason_and_a_diff(pair, mentee, mentor, api_as):
    api_as(mentee).put(path(pair), terms())
    api_as(mentor).post(path(pair, "/acknowledge"), {})
    no_reason = api_as(mentee).put(path(pair), terms(meeting_every_days=21))
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["field"] == "reason"
    r = api_as(mentee).put(path(pair), terms(meeting_every_days=21, reason="New job, less time"))
    body = r.json()
    assert body["latest"]["number"] == 2
    assert body["in_force"]["number"] == 1  # v1 stays in force until both acknowledge v2
    newest = body["versions"][0]
    assert newest["reason"] == "New job, less time"
    assert newest["changes"] == [
        {"field": "meeting_every_days", "label": "Meet every (days)", "before": 14, "after": 21}
    ]
    assert body["versions"][1]["changes"] == []
    r = api_as(mentor).post(path(pair, "/acknowledge"), {})
    assert r.json()["in_force"]["number"] == 2
    # Both read the same history.
    assert api_as(mentor).get(path(pair)).json() == api_as(mentee).get(path(pair)).json()


def test_saving_the_same_terms_again_is_a_409(pair, mentee, api_as):
    api_as(mentee).put(path(pair), terms())
    r = api_as(mentee).put(path(pair), terms(reason="again"))
    assert r.status_code == 409
    assert r.json()["code"] == "unchanged"
    assert AgreementVersion.objects.count() == 1


def test_acknowledging_twice_is_harmless(pair, mentee, mentor, api_as):
    api_as(mentee).put(path(pair), terms())
    first = api_as(mentor).post(path(pair, "/acknowledge"), {}).json()["latest"]
    second = api_as(mentor).post(path(pair, "/acknowledge"), {}).json()["latest"]
    assert first["mentor_acknowledged_at"] == second["mentor_acknowledged_at"]


def test_acknowledging_before_any_version_is_a_409(pair, mentor, api_as):
    r = api_as(mentor).post(path(pair, "/acknowledge"), {})
    assert r.status_code == 409
    assert "write one first" in r.json()["detail"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"meeting_every_days": 0}, "meeting_every_days"),
        ({"meeting_every_days": 400}, "meeting_every_days"),
        ({"meeting_minutes": 2}, "meeting_minutes"),
        ({"channel": "pigeon"}, "channel"),
        ({"ends_on": "2020-01-01"}, "ends_on"),
        ({"ends_on": "not a date"}, "ends_on"),
        ({"ends_on": "2999-01-01"}, "ends_on"),
        ({"confidentiality": False}, "confidentiality"),
        ({"mentee_hopes": "   "}, "mentee_hopes"),
        ({"mentor_offers": "x" * 4001}, "mentor_offers"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_invalid_terms_are_refused_with_the_field_named(pair, mentee, api_as, change, field):
    r = api_as(mentee).put(path(pair), terms(**change))
    assert r.status_code == 422, r.content
    assert field in [e["field"] for e in r.json()["errors"]]
    assert AgreementVersion.objects.count() == 0


def test_the_agreement_is_written_only_while_active(pair, mentee, api_as):
    api_as(mentee).post(f"/mentorships/{pair.public_id}/end", {"reason": "Moving on"})
    r = api_as(mentee).put(path(pair), terms())
    assert r.status_code == 409
    assert "only while it is active" in r.json()["detail"]


def test_the_other_member_is_emailed_a_new_version(pair, mentee, mentor, api_as):
    mail.outbox.clear()
    api_as(mentee).put(path(pair), terms())
    assert [m.to for m in mail.outbox] == [[mentor.email]]
    assert "saved version 1 of your agreement" in mail.outbox[0].subject


def test_outsiders_and_admins_cannot_read_or_write_it(
    pair, mentee, outsider, program_admin, api_as
):
    api_as(mentee).put(path(pair), terms(mentee_hopes="A secret hope"))
    for person in (outsider, program_admin):
        client = api_as(person)
        assert client.get(path(pair)).status_code == 404
        assert client.put(path(pair), terms()).status_code == 404
        assert client.post(path(pair, "/acknowledge"), {}).status_code == 404
    anon = api_as(None)
    assert anon.get(path(pair)).status_code == 401
    assert anon.put(path(pair), terms()).status_code == 401
    assert AgreementVersion.objects.count() == 1


def test_concurrent_style_double_acknowledgement_keeps_the_first_time(pair, mentee, mentor):
    from alongside.mentorships.agreements import agreement_acknowledge, agreement_save

    version = agreement_save(
        mentorship=pair, author=mentee, ends_on=tz.localdate() + dt.timedelta(days=30), **TERMS
    )
    first = agreement_acknowledge(mentorship=pair, actor=mentor).mentor_acknowledged_at
    again = agreement_acknowledge(mentorship=pair, actor=mentor).mentor_acknowledged_at
    assert first == again
    version.refresh_from_db()
    assert version.in_force


def test_nothing_is_acknowledged_after_the_mentorship_closed(pair, mentee, mentor, api_as):
    api_as(mentee).put(path(pair), terms())
    api_as(mentee).post(f"/mentorships/{pair.public_id}/end", {"reason": "Moving on"})
    r = api_as(mentor).post(path(pair, "/acknowledge"), {})
    assert r.status_code == 409
    assert AgreementVersion.objects.get().mentor_acknowledged_at is None


def test_acknowledging_a_version_that_was_replaced_meanwhile_is_a_409(pair, mentee, mentor, api_as):
    api_as(mentee).put(path(pair), terms())
    api_as(mentee).put(path(pair), terms(meeting_every_days=21, reason="More time"))
    r = api_as(mentor).post(path(pair, "/acknowledge"), {"number": 1})
    assert r.status_code == 409
    assert r.json()["code"] == "not_latest"
    assert AgreementVersion.objects.get(number=2).mentor_acknowledged_at is None
    ok = api_as(mentor).post(path(pair, "/acknowledge"), {"number": 2})
    assert ok.json()["in_force"]["number"] == 2
