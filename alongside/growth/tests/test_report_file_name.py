"""Issue 11, finding 6: the report PDF's file name was built by hand from the mentee's
name, so a name could add a `filename*=` parameter (the partner's download saved as
.html) or a line break (500). Every download's Content-Disposition is now built by
Django's own helper, from a name folded to one line."""

import re
from email.message import Message

import pytest

from alongside.people.models import Person
from conftest import page_client

INJECTED = "Eve\";filename*=UTF-8''progress.html;x=\""


def saved_as(header: str) -> str:
    """The file name a browser saves under: `filename*` wins over `filename` (RFC 6266)."""
    message = Message()
    message["Content-Disposition"] = header
    name = message.get_filename()
    assert name is not None, header
    return name


def test_the_report_pdf_file_name_cannot_be_injected(pair, mentee, mentor):
    Person.objects.filter(pk=mentee.pk).update(name=INJECTED)
    r = page_client(mentor).get(f"/mentorships/{pair.public_id}/report.pdf")
    assert r.status_code == 200
    header = r["Content-Disposition"]
    assert header.startswith("attachment; ")
    assert saved_as(header).endswith(".pdf")
    assert "progress.html" not in saved_as(header)
    assert "filename*" not in header
    assert re.fullmatch(r'attachment; filename="[^"\\]*\.pdf"', header), header


@pytest.mark.parametrize("name", ["Poison\nline", "Carriage\rreturn", "Tab\tbed", "\u202eEve"])
def test_a_mentee_name_with_a_control_character_still_downloads_the_report(
    pair, mentee, mentor, name
):
    Person.objects.filter(pk=mentee.pk).update(name=name)
    r = page_client(mentor).get(f"/mentorships/{pair.public_id}/report.pdf")
    assert r.status_code == 200
    assert "\n" not in r["Content-Disposition"] and "\r" not in r["Content-Disposition"]
    assert saved_as(r["Content-Disposition"]).startswith("progress-")
    assert saved_as(r["Content-Disposition"]).endswith(".pdf")


def test_a_name_outside_ascii_is_kept_in_the_file_name(pair, mentee, mentor):
    Person.objects.filter(pk=mentee.pk).update(name="Zoë Mentee")
    r = page_client(mentor).get(f"/mentorships/{pair.public_id}/report.pdf")
    assert saved_as(r["Content-Disposition"]) == "progress-zoë.pdf"
    Person.objects.filter(pk=mentee.pk).update(name="Ada Mentee")
    r = page_client(mentor).get(f"/mentorships/{pair.public_id}/report.pdf")
    assert r["Content-Disposition"] == 'attachment; filename="progress-ada.pdf"'


def test_the_meeting_ics_downloads_say_their_name_the_same_way(pair, mentor, api_as):
    import datetime as dt

    from alongside.meetings.services import meeting_schedule

    (meeting,) = meeting_schedule(
        mentorship=pair, organizer=mentor, starts_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    )
    expected = f'attachment; filename="meeting-{meeting.public_id}.ics"'
    r = page_client(mentor).get(f"/meetings/{meeting.public_id}/meeting.ics")
    assert r["Content-Disposition"] == expected
    assert (
        api_as(mentor).get(f"/meetings/{meeting.public_id}/ics")["Content-Disposition"] == expected
    )
