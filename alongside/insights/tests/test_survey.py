"""The end-of-program survey: sent once to every pair (by an admin, or by the sweep on the
program's end date), answered once by each member, read by the admins as averages over 5
pairs or more, and in words only where the author chose to share them."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone as tz

from alongside.home.sweep import sweep
from alongside.insights.models import Survey, SurveyAnswer
from alongside.insights.tests.world import add_pairs, make_program
from alongside.notifications.models import Notification
from alongside.people.models import AuditEvent
from conftest import Api, page_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(program_admin):
    return make_program(program_admin)


def _answer(api, pair, **fields):
    body = {"useful": 4, "goals": 3, "recommend": 5, **fields}
    return api.post(f"/mentorships/{pair.public_id}/survey", body)


def test_sending_tells_both_members_of_every_pair_once(program, program_admin):
    pairs = add_pairs(program, 3)
    api = Api(program_admin)
    answer = api.post(f"/programs/{program.public_id}/survey")
    assert answer.status_code == 201 and answer.json()["told"] == 6
    told = set(Notification.objects.filter(kind="survey").values_list("person_id", flat=True))
    assert told == {p.mentor_id for p in pairs} | {p.mentee_id for p in pairs}
    assert api.post(f"/programs/{program.public_id}/survey").json()["code"] == "already_sent"
    assert AuditEvent.objects.get(action="survey_sent", actor=program_admin).detail == {"told": 6}


def test_the_sweep_sends_it_on_the_programs_end_date(program):
    add_pairs(program, 2)
    program.ends_on = tz.localdate() + dt.timedelta(days=3)
    program.save()
    sweep()
    assert not Survey.objects.exists()
    with time_machine.travel(tz.now() + dt.timedelta(days=4)):
        assert sweep()["surveys"] == 1
        assert sweep()["surveys"] == 0
    assert Survey.objects.get().sent_by is None


def test_a_member_answers_once_and_reads_their_answer(program, program_admin):
    (pair,) = add_pairs(program, 1)
    api = Api(pair.mentee)
    assert api.get(f"/mentorships/{pair.public_id}/survey").json()["open"] is False
    assert _answer(api, pair).json()["code"] == "no_survey"
    Api(program_admin).post(f"/programs/{program.public_id}/survey")
    assert _answer(api, pair, useful=6).status_code == 422
    assert _answer(api, pair, shared="yes").status_code == 422
    answer = _answer(api, pair, what_changed="I ask for help now")
    assert answer.status_code == 201 and answer.json()["shared"] is False
    assert _answer(api, pair).json()["code"] == "already_answered"
    mine = api.get(f"/mentorships/{pair.public_id}/survey").json()
    assert mine["answer"]["what_changed"] == "I ask for help now"


def test_the_survey_page_of_a_member(program, program_admin):
    (pair,) = add_pairs(program, 1)
    client = page_client(pair.mentor)
    assert (
        "has no survey for you yet"
        in client.get(f"/mentorships/{pair.public_id}/survey/").content.decode()
    )
    Api(program_admin).post(f"/programs/{program.public_id}/survey")
    assert client.post(f"/mentorships/{pair.public_id}/survey/", {"useful": "9"}).status_code == 400
    response = client.post(
        f"/mentorships/{pair.public_id}/survey/",
        {"useful": "5", "goals": "4", "recommend": "5", "what_changed": "Calmer", "shared": "on"},
    )
    assert response.status_code == 302
    answer = SurveyAnswer.objects.get()
    assert (answer.author, answer.useful, answer.shared) == (pair.mentor, 5, True)
    assert (
        "You answered on" in client.get(f"/mentorships/{pair.public_id}/survey/").content.decode()
    )


def test_admins_read_averages_over_five_pairs_and_only_shared_words(program, program_admin):
    pairs = add_pairs(program, 5)
    admin = Api(program_admin)
    admin.post(f"/programs/{program.public_id}/survey")
    for n, pair in enumerate(pairs[:4]):
        _answer(Api(pair.mentee), pair, what_changed=f"private thought {n}")
    results = admin.get(f"/programs/{program.public_id}/survey").json()
    assert results["pairs"] == 4 and results["averages"]["useful"] is None
    _answer(Api(pairs[4].mentor), pairs[4], useful=2, what_changed="Shared words", shared=True)
    results = admin.get(f"/programs/{program.public_id}/survey").json()
    assert results["averages"] == {"useful": 3.6, "goals": 3.0, "recommend": 5.0}
    assert results["shared"] == [{"role": "mentor", "text": "Shared words"}]
    page = (
        page_client(program_admin).get(f"/programs/{program.public_id}/insights/").content.decode()
    )
    assert "Shared words" in page and "private thought" not in page


def test_someone_outside_the_pair_cannot_open_its_survey(program, program_admin, outsider):
    (pair,) = add_pairs(program, 1)
    Api(program_admin).post(f"/programs/{program.public_id}/survey")
    for who in (outsider, program_admin):
        assert Api(who).get(f"/mentorships/{pair.public_id}/survey").status_code == 404
        assert page_client(who).get(f"/mentorships/{pair.public_id}/survey/").status_code == 404
