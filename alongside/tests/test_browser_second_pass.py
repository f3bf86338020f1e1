"""Issue 18's second pass in a real browser, at 1280 and 375 px, with a screenshot of each
step: hearing about what the partner shared (in the notifications, on the home page, by
email), choosing the skills a check-in asks about and typing dates the one way nobody
misreads, and a failed submit on a long page that lands on the error.
"""

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone as tz

from alongside.tests.browser_steps import BROWSER, NO_SIDEWAYS_SCROLL, expect, section, signed_in
from conftest import agreement, deliver_mail, screenshot

pytestmark = BROWSER

WIDTHS = (1280, 375)


@pytest.mark.parametrize("width", WIDTHS)
def test_ada_hears_that_grace_shared_a_resource_once(
    new_page: Any, mentee: Any, mentor: Any, pair: Any, width: int
) -> None:
    agreement(pair)
    # Ada's visit starts now: what comes after is new.
    ada = signed_in(new_page, mentee.email, width=width)
    grace = signed_in(new_page, mentor.email, width=width)
    deliver_mail()
    mail.outbox.clear()

    grace.goto(f"{grace.base}/mentorships/{pair.public_id}/resources/")
    grace.get_by_text("Share a link, an article or an idea").click()
    grace.get_by_label("Title").fill("Notes on pacing")
    grace.get_by_label("Link (optional)").fill("https://example.org/pacing")
    grace.get_by_role("button", name="Share", exact=True).click()
    expect(grace.locator("article").filter(has_text="Notes on pacing")).to_have_count(1)
    deliver_mail()

    ada.goto(f"{ada.base}/notifications/")
    told = ada.get_by_text("Grace Mentor shared a resource with you")
    expect(told).to_have_count(1)
    assert ada.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(ada, f"i18b-heard-notifications-{width}")
    ada.goto(f"{ada.base}/")
    expect(ada.locator(".pair-row").first).to_contain_text(re.compile(r"Grace shared \d+ new"))
    screenshot(ada, f"i18b-heard-home-{width}")
    emails = [m.subject for m in mail.outbox if m.to == [mentee.email]]
    assert emails == ["Grace Mentor shared a resource with you"]
    grace.goto(f"{grace.base}/notifications/")
    expect(grace.get_by_text("shared a resource with you")).to_have_count(0)  # not the sharer


@pytest.mark.parametrize("width", WIDTHS)
def test_ada_chooses_the_skills_she_tracks_and_types_dates_as_yyyy_mm_dd(
    new_page: Any, mentee: Any, mentor: Any, pair: Any, width: int
) -> None:
    from alongside.goals import services as goals
    from alongside.growth.models import CheckIn
    from alongside.people.services import profile_update

    profile_update(person=mentee, interests=["Career change", "Public speaking"])
    goals.goal_create(
        mentorship=pair,
        author=mentee,
        title="Chair a design review",
        objective="Chair one",
        measure="It happened",
    )
    ada = signed_in(
        new_page, mentee.email, width=width, timezone_id="Europe/Berlin", locale="en-US"
    )
    ada.goto(f"{ada.base}/mentorships/{pair.public_id}/growth/")
    form = section(ada, "^Check in$")
    expect(ada.locator("#tracked-skills")).to_contain_text("You rate: Chair a design review")
    expect(form.get_by_label("Confidence in Chair a design review (1-5)")).to_be_visible()
    expect(form.get_by_label(re.compile("Confidence in Career change"))).to_have_count(0)

    chooser = ada.locator("details.track-skills")
    chooser.get_by_text("Choose the skills you track").click()
    expect(chooser.get_by_label("Career change", exact=True)).not_to_be_checked()
    chooser.get_by_label("Public speaking", exact=True).check()
    chooser.get_by_label("Add skills").fill("Giving feedback")
    screenshot(ada, f"i18b-skills-choose-{width}")
    chooser.get_by_role("button", name="Save skills").click()
    expect(ada.get_by_role("status")).to_contain_text(
        "Your next check-in asks about Chair a design review, Public speaking, Giving feedback."
    )
    form = section(ada, "^Check in$")
    form.get_by_label("Wins since last time").fill("Gave feedback to a peer")
    form.get_by_role("group", name=re.compile("How do you feel")).get_by_role(
        "radio", name="4"
    ).check()
    form.get_by_label("Confidence in Giving feedback (1-5)").select_option("3")
    form.get_by_role("button", name="Save check-in").click()
    expect(ada.get_by_role("status")).to_contain_text("Check-in saved.")
    ratings = CheckIn.objects.get().ratings.values_list("skill", "level")
    assert list(ratings) == [("Giving feedback", 3)]

    # The From field shows and takes YYYY-MM-DD to a Berlin user with an English browser.
    since = ada.get_by_label("From", exact=True)
    expect(since).to_have_attribute("type", "text")
    expect(ada.locator("#since-hint")).to_have_text("YYYY-MM-DD")
    since.fill("03/14/2026")
    ada.get_by_role("button", name="Show").click()
    expect(ada.get_by_role("alert")).to_contain_text("Write the date as YYYY-MM-DD")
    expect(since).to_be_focused()
    assert ada.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(ada, f"i18b-date-refused-{width}")
    today = tz.localdate()
    ada.get_by_label("From", exact=True).fill(today.isoformat())
    ada.get_by_role("button", name="Show").click()
    expect(ada.get_by_label("From", exact=True)).to_have_value(today.isoformat())

    # The meeting form: a time typed on a 24-hour clock, its format said beside it.
    ada.goto(f"{ada.base}/mentorships/{pair.public_id}/meetings/new/")
    starts = ada.get_by_label("Starts")
    expect(starts).to_have_value(re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"))
    expect(ada.get_by_text(re.compile("on a 24-hour clock"))).to_be_visible()
    screenshot(ada, f"i18b-meeting-time-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_failed_note_on_a_long_meeting_page_lands_on_the_error(
    new_page: Any, mentee: Any, mentor: Any, pair: Any, width: int
) -> None:
    from alongside.meetings import services as meetings

    agreement(pair)
    (meeting,) = meetings.meeting_schedule(
        mentorship=pair, organizer=mentor, starts_at=tz.now() + dt.timedelta(days=2)
    )
    for i in range(8):  # a long agenda pushes the notes well below the fold
        meetings.agenda_add(meeting=meeting, author=mentee, text=f"Point {i + 1} to discuss")
    ada = signed_in(new_page, mentee.email, width=width)
    ada.goto(f"{ada.base}/meetings/{meeting.public_id}/")
    ada.get_by_role("button", name="Save note").click()

    note = ada.get_by_role("textbox", name="Note")
    expect(note).to_be_focused()
    expect(note).to_have_attribute("aria-invalid", "true")
    expect(note).to_be_in_viewport()
    error = ada.locator(f"#{note.get_attribute('aria-describedby').split()[0]}")
    expect(error).to_be_visible()
    assert ada.title().startswith("Error: ")
    assert ada.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(ada, f"i18b-note-error-{width}")
