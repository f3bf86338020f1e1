"""Every error a meeting page shows is tied to its field for screen readers: the
`aria-describedby` of an invalid input names an element that is on the page (the action
item form, whose ids carry their own prefix, once pointed at `id_action_action_text_error`,
which was nowhere)."""

import datetime as dt
import re

import pytest

from alongside.meetings.models import Meeting
from conftest import make_meeting, page_client


@pytest.fixture
def meeting(pair) -> Meeting:
    return make_meeting(pair)


def _described_by_points_at_elements_on_the_page(html: str) -> list[str]:
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    refs = [
        ref for group in re.findall(r'aria-describedby="([^"]+)"', html) for ref in group.split()
    ]
    assert refs, "no input on the page is described by an error"
    return [ref for ref in refs if ref not in ids]


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("action-items", {"text": "", "owner": "nobody"}),
        ("agenda", {"text": ""}),
        ("notes", {"body": ""}),
    ],
)
def test_an_invalid_input_is_described_by_its_error_on_the_page(mentor, meeting, path, data):
    response = page_client(mentor).post(f"/meetings/{meeting.public_id}/{path}/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert _described_by_points_at_elements_on_the_page(html) == []


def test_a_failed_submit_puts_the_focus_on_the_first_field_in_error(mentor, meeting):
    """The meeting page is long: the action item form sits far below the fold. The page
    that comes back focuses the field to fix (the browser scrolls to it and a screen
    reader reads its label and error), and no other field takes the focus."""
    response = page_client(mentor).post(
        f"/meetings/{meeting.public_id}/action-items/", {"text": "", "owner": "nobody"}
    )
    html = response.content.decode()
    focused = re.findall(r"<(?:input|select|textarea)\b[^>]*\bautofocus\b[^>]*>", html)
    assert len(focused) == 1
    assert 'id="id_action_text"' in focused[0]
    assert 'aria-invalid="true"' in focused[0]


def test_the_title_of_a_page_with_errors_says_so_and_names_the_meeting_day(mentor, meeting):
    client = page_client(mentor)
    fine = client.get(f"/meetings/{meeting.public_id}/").content.decode()
    day = f"{meeting.starts_at.astimezone(dt.UTC):%-d %b %Y}"
    title = re.search(r"<title>([^<]*)</title>", fine)
    assert title and title.group(1).startswith("Planning · ")
    failed = client.post(f"/meetings/{meeting.public_id}/notes/", {"body": ""}).content.decode()
    title = re.search(r"<title>([^<]*)</title>", failed)
    assert title and title.group(1).startswith("Error: Planning · ")
    assert day.split()[-1] in title.group(1)  # the year of the meeting, at least
