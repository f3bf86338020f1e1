"""The exports: CSV and Excel, the three kinds, cells that would run as formulas made
harmless, and "not enough data" below 5 pairs."""

import csv
import io

import pytest
from openpyxl import load_workbook

from alongside.insights.exports import neutralised
from alongside.insights.tests.world import add_pairs, make_program
from alongside.people.models import Person
from conftest import Api, page_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(program_admin):
    return make_program(program_admin)


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx(response) -> list[list[object]]:
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return [list(row) for row in book.active.iter_rows(values_only=True)]


@pytest.mark.parametrize("value", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\r=x"])
def test_a_cell_that_would_run_gets_an_apostrophe(value):
    assert neutralised(value) == "'" + value


def test_numbers_and_plain_text_stay_as_they_are():
    assert neutralised(-3) == -3 and neutralised(2.5) == 2.5
    assert neutralised("Ada") == "Ada" and neutralised(None) == ""


def test_a_name_that_is_a_formula_is_text_in_both_formats(program, program_admin):
    add_pairs(program, 5)
    Person.objects.filter(email__startswith="mentee").update(name='=HYPERLINK("http://x","y")')
    client = page_client(program_admin)
    rows = _csv(client.get(f"/programs/{program.public_id}/exports/participants.csv"))
    names = [row[1] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x","y")' in names
    assert not any(name.startswith("=") for name in names)
    response = client.get(f"/programs/{program.public_id}/exports/pairs.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = _xlsx(response)
    assert sheet[0][:4] == ["pair_id", "mentor", "mentee", "status"]
    assert all(str(row[2]).startswith("'=") for row in sheet[1:])
    book = load_workbook(io.BytesIO(response.content))
    assert all(cell.data_type == "s" for cell in book.active["C"][1:])


def test_the_pairs_export_has_one_row_per_pair_with_its_metadata(program, program_admin):
    add_pairs(program, 5)
    add_pairs(program, 1, last_meeting_days_ago=60)
    rows = _csv(page_client(program_admin).get(f"/programs/{program.public_id}/exports/pairs.csv"))
    header, body = rows[0], rows[1:]
    assert len(body) == 6
    at = {
        name: header.index(name) for name in ("status", "meetings_held", "health_score", "signals")
    }
    assert all(row[at["status"]] == "active" and row[at["meetings_held"]] == "1" for row in body)
    scores = sorted(int(row[at["health_score"]]) for row in body)
    assert scores == [60, 100, 100, 100, 100, 100]  # 60 days at a 14-day cadence: 40 off
    assert sum(1 for row in body if "No meeting for" in row[at["signals"]]) == 1


def test_aggregates_below_five_pairs_read_not_enough_data(program, program_admin):
    add_pairs(program, 4)
    api = Api(program_admin)
    for fmt, read in (("csv", _csv), ("xlsx", _xlsx)):
        response = api.get(f"/programs/{program.public_id}/exports/aggregates.{fmt}")
        assert response.status_code == 200
        values = {row[0]: row[2] for row in read(response)[1:]}
        assert values["average_meeting_feedback"] == "not enough data"
        assert values["meetings_held"] == "not enough data"
        assert values["survey_useful"] == "not enough data"
        assert values["pairs_started"] in (4, "4")


def test_aggregates_of_five_pairs_have_their_numbers(program, program_admin):
    add_pairs(program, 5)
    rows = _csv(Api(program_admin).get(f"/programs/{program.public_id}/exports/aggregates.csv"))
    values = {(row[0], row[1]): row[2] for row in rows[1:]}
    assert values[("average_meeting_feedback", "")] == "4.5"
    assert values[("confidence_change", "Public speaking")] == "2.0"


def test_an_unknown_kind_is_a_422_on_the_api_and_a_404_as_a_page(program, program_admin):
    assert (
        Api(program_admin).get(f"/programs/{program.public_id}/exports/secrets.csv").status_code
        == 422
    )
    assert (
        page_client(program_admin)
        .get(f"/programs/{program.public_id}/exports/secrets.csv")
        .status_code
        == 404
    )


def test_bad_filters_on_an_export_are_refused(program, program_admin):
    response = Api(program_admin).get(
        f"/programs/{program.public_id}/exports/aggregates.csv?since=2026-13-01"
    )
    assert response.status_code == 422
    page = page_client(program_admin).get(
        f"/programs/{program.public_id}/exports/aggregates.xlsx?cohort=x"
    )
    assert page.status_code == 400


def test_an_export_is_recorded_for_the_audit_log(program, program_admin):
    from alongside.people.models import AuditEvent

    add_pairs(program, 1)
    page_client(program_admin).get(f"/programs/{program.public_id}/exports/pairs.csv")
    event = AuditEvent.objects.get(action="program_exported")
    assert (event.actor, event.program_pk, event.detail) == (
        program_admin,
        program.pk,
        {"kind": "pairs"},
    )
