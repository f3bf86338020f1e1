"""The calendar page: a Subscribe (webcal://) link, a copy button, how to add the feed in
Google, Outlook and Apple calendars, and the next meetings, in the person's time zone."""

import datetime as dt

import pytest

from alongside.meetings.services import meeting_cancel, meeting_schedule
from alongside.tests.browser_steps import sign_in
from conftest import page_client, screenshot


@pytest.fixture
def meetings(pair, mentor):
    soon = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=2)
    (kept,) = meeting_schedule(mentorship=pair, organizer=mentor, starts_at=soon, title="Kept")
    (gone,) = meeting_schedule(
        mentorship=pair, organizer=mentor, starts_at=soon + dt.timedelta(days=1), title="Gone"
    )
    meeting_cancel(meeting=gone, actor=mentor)
    return kept, gone


def test_the_page_offers_a_subscription_link_and_instructions(mentee, meetings):
    html = page_client(mentee).get("/calendar/").content.decode()
    assert 'href="webcal://' in html and "/calendar/" in html
    for app in ("Google Calendar", "Outlook", "Apple Calendar"):
        assert app in html
    assert "data-copy" in html


def test_it_lists_the_next_meetings_and_not_the_cancelled_ones(mentee, mentor, meetings):
    kept, gone = meetings
    html = page_client(mentee).get("/calendar/").content.decode()
    assert f"/meetings/{kept.public_id}/" in html
    assert f"with {mentor.name}" in html
    assert f"/meetings/{gone.public_id}/" not in html


def test_someone_with_no_meetings_reads_what_will_show(outsider):
    html = page_client(outsider).get("/calendar/").content.decode()
    assert "No meetings planned yet" in html


@pytest.mark.browser
def test_the_copy_button_copies_the_feed_address(new_page, mentee, meetings):
    for width in (1280, 375):
        page = new_page(width=width)
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        sign_in(page, mentee.email)
        page.goto(page.base + "/calendar/")
        page.get_by_role("button", name="Copy").click()
        page.get_by_text("Copied.").wait_for()
        address = page.locator("#feed-url").input_value()
        assert page.evaluate("navigator.clipboard.readText()") == address
        screenshot(page, f"calendar-{width}")
