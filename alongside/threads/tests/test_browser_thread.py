"""Two people talk in two browsers: each sees the other's messages appear without a
reload, a message becomes an action item, and with JavaScript off the page still works.
Screenshots at 1280 and 375 px are saved to var/screenshots/ and looked at."""

import datetime as dt

import pytest
from django.utils import timezone as tz

from alongside.tests.browser_steps import BROWSER, NO_SIDEWAYS_SCROLL, expect, sign_in, signed_in
from conftest import screenshot

pytestmark = BROWSER


@pytest.fixture
def meeting(pair, mentor):
    from alongside.meetings import services as meetings

    (found,) = meetings.meeting_schedule(
        mentorship=pair,
        organizer=mentor,
        starts_at=tz.now() + dt.timedelta(days=2),
        title="Talk rehearsal",
    )
    return found


def send(page, text):
    page.get_by_label("Message", exact=True).fill(text)
    page.get_by_role("button", name="Send").click()


def test_two_people_exchange_messages_without_reloading(new_page, pair, mentee, mentor, meeting):
    thread = f"/mentorships/{pair.public_id}/messages/"
    ada = signed_in(new_page, mentee.email)
    grace = signed_in(new_page, mentor.email, width=375, height=800)
    ada.goto(ada.base + thread)
    grace.goto(grace.base + thread)
    expect(grace.get_by_role("heading", level=1)).to_have_text("Messages with Ada Mentee")
    grace.evaluate("window.loadedOnce = true")  # gone if the page reloads

    send(ada, "I read the article on pacing: https://example.org/pacing <b>not bold</b>")
    expect(ada.locator(".msg.mine")).to_contain_text("I read the article")
    # Grace's page was not reloaded, and the message is there within 5 seconds.
    expect(grace.locator(".msg").last).to_contain_text("I read the article", timeout=5_000)
    assert grace.evaluate("window.loadedOnce") is True
    link = grace.locator(".msg-body a").first
    expect(link).to_have_attribute("href", "https://example.org/pacing")
    expect(grace.locator(".msg-body").last).to_contain_text("<b>not bold</b>")
    # Grace's page marked it read, so Ada's page says so, still without a reload.
    ada.evaluate("window.loadedOnce = true")
    expect(ada.locator("#thread-receipt")).to_contain_text(
        "Grace Mentor has read everything", timeout=5_000
    )

    send(grace, "Great. Turn the pauses part into practice?")
    expect(ada.locator(".msg").last).to_contain_text("pauses part", timeout=5_000)
    assert ada.evaluate("window.loadedOnce") is True
    assert grace.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(ada, "thread-1280")
    screenshot(grace, "thread-375")

    # Ada makes Grace's message an action item of the next meeting.
    last = ada.locator(".msg").last
    last.locator("summary").click()
    last.get_by_role("button", name="Make it an action item").click()
    expect(ada.locator(".messages")).to_contain_text("Added as your action item")
    ada.goto(ada.base + f"/meetings/{meeting.public_id}/")
    expect(ada.locator("#actions-section")).to_contain_text("Turn the pauses part into practice?")


def test_with_javascript_off_the_thread_still_works(browser, live_server, pair, mentee):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.base = live_server.url
    sign_in(page, mentee.email)
    page.goto(page.base + f"/mentorships/{pair.public_id}/messages/")
    send(page, "Sent with JavaScript off")
    expect(page.locator(".msg.mine")).to_contain_text("Sent with JavaScript off")
    page.get_by_label("Message", exact=True).fill("bad \u202e override")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".error")).to_contain_text("text-direction override")
    context.close()
