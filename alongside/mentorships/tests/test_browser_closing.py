"""Issue 18 in a real browser, at 1280 and 375 px: ending a mentorship is mutual, you hear
about what is shared with you, the home page says what is next, and the smaller defects.

Grace (mentor) proposes completing with a reflection; Ada reads it on her home page and
in her notifications, confirms, and both see the closing summary; Ada reopens it. Then
Grace ends early through the confirmation page.
"""

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone as tz

from alongside.tests.browser_steps import (
    BROWSER,
    NO_SIDEWAYS_SCROLL,
    expect,
    section,
    sign_in,
    signed_in,
)
from conftest import agreement, make_checkin, make_goal, screenshot

pytestmark = BROWSER

WIDTHS = (1280, 375)
REFLECTION = "Ada chairs the design review now; next, a talk at the meetup in spring."


def _history(pair: Any, mentee: Any, mentor: Any) -> Any:
    from alongside.goals import services as goals
    from alongside.growth import services as growth
    from alongside.meetings import services as meetings

    agreement(pair)
    goal = make_goal(
        pair, title="Chair a design review", objective="Chair one review", measure="It happened"
    )
    done = goals.milestone_add(goal=goal, author=mentee, title="Watch Grace chair one")
    goals.milestone_complete(milestone=done, actor=mentee)
    goals.goal_update(goal=goal, author=mentee, status="achieved", reason="Done in March")
    (meeting,) = meetings.meeting_schedule(
        mentorship=pair,
        organizer=mentor,
        starts_at=tz.now() + dt.timedelta(hours=30),
        title="Talk rehearsal",
    )
    make_checkin(pair, wins="Chaired it", feeling=4, ratings={"Public speaking": 2})
    make_checkin(pair, wins="Chaired two", feeling=5, ratings={"Public speaking": 4})
    growth.appreciation_send(mentorship=pair, author=mentee, message="Thank you, Grace")
    growth.resource_share(mentorship=pair, author=mentor, title="Notes on pacing")
    meetings.action_item_add(meeting=meeting, author=mentor, text="Draft the talk", owner=mentee)
    return meeting


@pytest.mark.parametrize("width", WIDTHS)
def test_completing_together_the_summary_and_reopening(
    new_page: Any, mentee: Any, mentor: Any, pair: Any, width: int
) -> None:
    from alongside.mentorships.models import Status

    meeting = _history(pair, mentee, mentor)
    ada = signed_in(new_page, mentee.email, width=width)
    grace = signed_in(new_page, mentor.email, width=width)

    # Ada's home page says what is next with Grace: the meeting in her zone with its agenda,
    # her action item, and what Grace shared since her last visit.
    ada.reload()
    row = ada.locator(".pair-row").filter(has_text="Mentored by Grace Mentor")
    local = tz.localtime(meeting.starts_at, dt.UTC).astimezone(
        __import__("zoneinfo").ZoneInfo(mentee.timezone)
    )
    expect(row).to_contain_text(f"Talk rehearsal, {local:%a} {local.day} {local:%b, %H:%M}")
    expect(row).to_contain_text("(America/New_York; open the agenda)")
    expect(row).to_contain_text("1 open action item of yours")
    # Her first visit: all Grace shared is new (the meeting, the resource).
    expect(row).to_contain_text("Grace shared 2 new things since your last visit")
    expect(row.get_by_role("link", name="Meeting soon: add to the agenda")).to_be_visible()
    assert ada.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(ada, f"i18-home-next-{width}")

    # Grace proposes completing: a page that says what follows, with her reflection.
    grace.goto(f"{grace.base}/mentorships/{pair.public_id}/")
    section(grace, "Closing the mentorship").get_by_role("link", name="Propose completing").click()
    expect(grace.get_by_role("heading", level=1)).to_have_text(
        "Complete your mentorship with Ada Mentee"
    )
    grace.get_by_role("button", name="Propose completing").click()  # no reflection yet
    expect(grace.locator(".error")).to_contain_text("This field is required.")
    grace.get_by_label("Your closing reflection").fill(REFLECTION)
    grace.get_by_role("button", name="Propose completing").click()
    expect(grace.get_by_role("status")).to_contain_text("complete once Ada confirms")
    expect(section(grace, "Closing the mentorship")).to_contain_text("waiting for Ada to confirm")
    screenshot(grace, f"i18-complete-proposed-{width}")

    # Ada hears of it (in the app), reads Grace's reflection and confirms.
    ada.goto(f"{ada.base}/notifications/")
    expect(ada.get_by_text("Grace Mentor proposes completing your mentorship")).to_be_visible()
    expect(ada.get_by_text("Grace Mentor shared a resource with you")).to_be_visible()
    expect(ada.get_by_text("Grace Mentor gave you an action item")).to_be_visible()
    screenshot(ada, f"i18-notifications-{width}")
    ada.goto(f"{ada.base}/mentorships/{pair.public_id}/")
    closing = section(ada, "Closing the mentorship")
    expect(closing).to_contain_text(REFLECTION)
    closing.get_by_role("link", name="Read and answer").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text(
        "Grace Mentor proposes completing your mentorship"
    )
    screenshot(ada, f"i18-complete-confirm-{width}")
    ada.get_by_label("Your closing reflection").fill("I found my voice. Thank you.")
    ada.get_by_role("button", name="Confirm: the mentorship is complete").click()

    # Both see the closing summary: the growth numbers, the goals achieved, the thank-yous.
    summary = section(ada, "Your closing summary")
    expect(summary).to_contain_text("Goals achieved")
    expect(summary.locator("dd").nth(1)).to_have_text("1 of 1")
    expect(summary).to_contain_text("Thank-yous from Ada")
    expect(summary.get_by_role("row", name="Public speaking 2 4 +2")).to_be_visible()
    expect(summary).to_contain_text(REFLECTION)
    assert ada.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(ada, f"i18-complete-summary-{width}")
    pair.refresh_from_db()
    assert pair.status == Status.COMPLETED

    # The timeline shows the completion once.
    grace.goto(f"{grace.base}/mentorships/{pair.public_id}/timeline/")
    completed = grace.locator(".tl-completed")
    expect(completed).to_have_count(1)
    expect(completed).to_contain_text(REFLECTION)
    expect(completed).to_contain_text("I found my voice.")
    expect(grace.get_by_text("Milestone reached: Watch Grace chair one")).to_have_count(1)

    # A mistake? Ada reopens it within 14 days.
    ada.goto(f"{ada.base}/mentorships/{pair.public_id}/")
    ada.get_by_text("Reopen the mentorship…").click()
    ada.get_by_role("button", name="Yes, reopen it").click()
    expect(ada.get_by_role("status")).to_contain_text("it is active again")
    pair.refresh_from_db()
    assert pair.status == Status.ACTIVE


@pytest.mark.parametrize("width", WIDTHS)
def test_ending_early_asks_first_and_tells_the_partner(
    new_page: Any, mentee: Any, mentor: Any, pair: Any, width: int
) -> None:
    from alongside.mentorships.models import Status

    grace, ada = new_page(width=width), new_page(width=width)
    sign_in(grace, mentor.email)
    grace.goto(f"{grace.base}/mentorships/{pair.public_id}/")
    grace.get_by_role("link", name="End the mentorship early").click()
    expect(grace.get_by_role("heading", level=1)).to_have_text(
        "End your mentorship with Ada Mentee early?"
    )
    expect(grace.get_by_text("Either of you can reopen it within 14 days")).to_be_visible()
    screenshot(grace, f"i18-end-confirm-{width}")
    pair.refresh_from_db()
    assert pair.status == Status.ACTIVE  # the page asked; nothing happened yet
    grace.get_by_label("Your reason").fill("I am moving abroad for a year.")
    grace.get_by_role("button", name="End the mentorship").click()
    expect(grace.get_by_role("status")).to_contain_text("You can reopen it within 14 days")

    sign_in(ada, mentee.email)
    ada.goto(f"{ada.base}/notifications/")
    expect(ada.get_by_text("Grace Mentor ended your mentorship")).to_be_visible()
    ada.goto(f"{ada.base}/mentorships/{pair.public_id}/")
    ended = section(ada, "Ended early by Grace Mentor")
    expect(ended).to_contain_text("I am moving abroad for a year.")
    expect(ended.get_by_text("Reopen the mentorship…")).to_be_visible()
    assert ada.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(ada, f"i18-ended-{width}")


def test_a_mentor_with_many_mentees_sees_one_row_each_most_in_need_first(
    new_page: Any, mentor: Any, pair: Any
) -> None:
    from alongside.meetings import services as meetings
    from alongside.mentorships.services import mentorship_accept, mentorship_request
    from alongside.programs.selectors import community_program
    from conftest import make_person

    mentor.mentor_capacity = 5
    mentor.save()
    quiet = make_person("lin@example.org", "Lin Quiet")
    mentorship_accept(
        mentorship=mentorship_request(requester=quiet, mentor=mentor, program=community_program()),
        actor=mentor,
    )
    busy = make_person("noor@example.org", "Noor Busy")
    needy = mentorship_accept(
        mentorship=mentorship_request(requester=busy, mentor=mentor, program=community_program()),
        actor=mentor,
    )
    agreement(pair)
    agreement(needy, acknowledged=False)  # waiting for Grace
    (held,) = meetings.meeting_schedule(
        mentorship=needy, organizer=mentor, starts_at=tz.now() + dt.timedelta(minutes=5)
    )
    from alongside.meetings.models import Meeting

    Meeting.objects.filter(pk=held.pk).update(starts_at=tz.now() - dt.timedelta(days=1))

    for width in WIDTHS:
        grace = signed_in(new_page, mentor.email, width=width)
        rows = grace.locator(".pair-row h3")
        expect(rows).to_have_text(
            ["Mentoring Noor Busy", "Mentoring Lin Quiet", "Mentoring Ada Mentee"]
        )
        first = grace.locator(".pair-row").first
        expect(first).to_contain_text("Give feedback on 1 meeting")
        expect(first).to_contain_text("Read and acknowledge version 1 of your agreement")
        assert grace.evaluate(NO_SIDEWAYS_SCROLL)
        screenshot(grace, f"i18-home-many-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_smaller_defects(
    new_page: Any, mentee: Any, mentor: Any, pair: Any, width: int
) -> None:
    from alongside.goals import services as goals
    from alongside.growth import services as growth
    from alongside.meetings import services as meetings

    agreement(pair)
    goal = make_goal(pair)
    goals.milestone_add(goal=goal, author=mentee, title="Outline")
    (meeting,) = meetings.meeting_schedule(
        mentorship=pair, organizer=mentor, starts_at=tz.now() + dt.timedelta(days=2)
    )
    growth.checkin_create(mentorship=pair, author=mentee, wins="Spoke up", feeling=4)
    ada = new_page(width=width)
    missing: list[str] = []
    ada.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    sign_in(ada, mentee.email)

    # A favicon, and no 404 for /favicon.ico.
    assert ada.request.get(ada.base + "/favicon.ico").ok
    assert ada.locator("link[rel=icon]").count() == 1

    # The milestone's button says what it does; it is not a status.
    ada.goto(f"{ada.base}/goals/{goal.public_id}/")
    button = ada.get_by_role("button", name=re.compile(r"^Mark done\W+Outline$"))
    expect(button).to_be_visible()
    screenshot(ada, f"i18-milestone-button-{width}")
    button.click()
    expect(ada.get_by_role("button", name=re.compile("Mark done"))).to_have_count(0)

    # Adding an agenda item, a note or an action item says it worked.
    ada.goto(f"{ada.base}/meetings/{meeting.public_id}/")
    ada.get_by_label("Add to the agenda").fill("My opening")
    ada.get_by_role("button", name="Add to the agenda").click()
    expect(ada.get_by_role("status")).to_contain_text("Added to the agenda.")
    screenshot(ada, f"i18-agenda-added-{width}")

    # After the first check-in, "Then and now" no longer asks for the first one.
    ada.goto(f"{ada.base}/mentorships/{pair.public_id}/growth/")
    then_now = section(ada, "Then and now")
    expect(then_now).not_to_contain_text("Write your first one below")
    expect(then_now).to_contain_text("write your next one below")

    # No page asked for anything that is not there (the favicon included).
    assert missing == [], missing
