"""The admin reads every insights page, API answer and export of a program whose pairs wrote
a marker word in everything they wrote, and finds it nowhere: only counts, dates,
statuses and aggregates leave the pairs. A survey answer shared with the program is the
one exception, by its author's choice, and the test sees that one come through."""

import io
import zipfile

import pytest
from django.utils import timezone as tz

from alongside.insights import services
from alongside.insights.exports import FORMATS, KINDS
from alongside.insights.models import SurveyAnswer
from alongside.insights.rollups import rollups_refresh
from alongside.insights.tests.world import add_pairs, make_program
from alongside.mentorships.models import Mentorship, Status
from conftest import Api, page_client

pytestmark = pytest.mark.django_db

MARKER = "zebrafinch"


def _text(response) -> str:
    """All the text of an answer; an xlsx is a zip of XML parts, read part by part."""
    body = response.content
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as book:
            return "".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())
    return body.decode("utf-8", "replace")


def test_no_word_a_pair_wrote_reaches_the_admin(program_admin):
    program = make_program(program_admin)
    pairs = add_pairs(program, 6, marker=MARKER)
    add_pairs(program, 2, marker=MARKER, last_meeting_days_ago=60)  # at risk: listed
    # Ended by a member with a reason in their own words.
    Mentorship.objects.filter(pk=pairs[0].pk).update(
        status=Status.ENDED, end_reason=f"Because {MARKER}", closed_at=tz.now()
    )
    from alongside.threads.services import message_post

    for pair in pairs[1:6]:  # five pairs talk between meetings: counts per month show
        message_post(mentorship=pair, author=pair.mentee, body=f"Between us {MARKER}")
        message_post(mentorship=pair, author=pair.mentor, body=f"Agreed {MARKER}")
    survey, _ = services.survey_send(program=program, actor=program_admin)
    for pair in pairs[1:4]:
        SurveyAnswer.objects.create(
            survey=survey,
            mentorship=pair,
            author=pair.mentee,
            useful=4,
            goals=4,
            recommend=5,
            what_changed=f"Kept to myself {MARKER}",
            shared=False,
        )
    SurveyAnswer.objects.create(
        survey=survey,
        mentorship=pairs[5],
        author=pairs[5].mentor,
        useful=5,
        goals=5,
        recommend=5,
        what_changed="I learnt to listen (shared on purpose)",
        shared=True,
    )
    rollups_refresh()  # the dashboard reads the rollups, as after the sweep
    pid = program.public_id
    client, api = page_client(program_admin), Api(program_admin)
    pages = [
        f"/programs/{pid}/insights/",
        f"/programs/{pid}/insights/?department=Engineering",
        f"/programs/{pid}/at-risk/",
        *[f"/programs/{pid}/exports/{kind}.{fmt}" for kind in KINDS for fmt in FORMATS],
    ]
    calls = [
        f"/programs/{pid}/insights",
        f"/programs/{pid}/at-risk",
        f"/programs/{pid}/survey",
        *[f"/programs/{pid}/exports/{kind}.{fmt}" for kind in KINDS for fmt in FORMATS],
    ]
    seen = []
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        seen.append((path, _text(response)))
    for path in calls:
        response = api.get(path)
        assert response.status_code == 200, path
        seen.append(("/api/v1" + path, _text(response)))
    leaked = [path for path, text in seen if MARKER in text.casefold()]
    assert not leaked, f"A pair's words reached the admin at {leaked}"
    # The checks could fail: the pages do show what the admin may see.
    everything = "".join(text for _, text in seen)
    assert "I learnt to listen" in everything
    assert "Mentee " in everything  # the participants export names the people
    assert everything.count("Other") >= 1  # the ended pair's reason, as its group
    this_month = f"{tz.now():%Y-%m}"
    counts = Api(program_admin).get(f"/programs/{pid}/insights").json()["messages_per_month"]
    assert {"month": this_month, "count": 10} in counts
