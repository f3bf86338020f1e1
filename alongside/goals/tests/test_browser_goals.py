"""A goal's whole life, in a real browser, with one page for the mentee and one for the mentor.

Ada (mentee) sets a goal from the pair's page, breaks it into three milestones and completes
two; she moves the target date, which asks for a reason; Grace (mentor) suggests a sharper
measure of success, Ada accepts it and the history says where it came from; Grace comments;
Ada completes the last milestone and marks the goal achieved.
"""

import datetime as dt
import re
from typing import Any

from django.utils import timezone as tz

from alongside.tests.browser_steps import (
    BROWSER,
    add_milestones,
    expect,
    long_date,
    section,
    signed_in,
)
from conftest import screenshot

pytestmark = BROWSER

TITLE = "Give my first conference talk"
OBJECTIVE = "Write and deliver a 20-minute talk on testing at PyCon Berlin."
MEASURE = "The talk is accepted and I give it."
SHARPER = "The talk is accepted, I give it, and at least 10 people rate it 4 or more."
NOTE = "“I give it” is hard to miss; a rating from the audience tells you it landed."
REASON = "The call for proposals closes later than I thought; I want two more rehearsals."
COMMENT = "Lovely progress. Shall we rehearse the opening in our next meeting?"
MILESTONES = ["Pick a topic", "Submit the proposal", "Rehearse twice"]
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= 375"


def milestone_row(page: Any, title: str) -> Any:
    return page.locator("li.milestone").filter(has_text=title)


def expect_progress(page: Any, percent: int) -> None:
    bar = page.get_by_role("progressbar", name=f"Progress of {TITLE}")
    expect(bar).to_have_attribute("aria-valuenow", str(percent))
    expect(page.locator(".progress-row .progress-value").first).to_have_text(f"{percent}%")


def test_goal_set_revised_refined_and_achieved(new_page: Any, pair: Any) -> None:
    from alongside.goals.models import Goal, GoalStatus, Revision, SuggestionStatus
    from alongside.mentorships.models import Celebration, CelebrationKind

    mentee, mentor = pair.mentee, pair.mentor
    target = tz.localdate() + dt.timedelta(days=90)
    later = target + dt.timedelta(days=30)
    ada = signed_in(new_page, mentee.email)
    grace = signed_in(new_page, mentor.email)

    # 1. Ada sets a goal from the pair's page.
    mentorship_url = f"{ada.base}/mentorships/{pair.public_id}/"
    ada.goto(mentorship_url)
    expect(section(ada, "^Goals$")).to_contain_text("No goals yet.")
    ada.get_by_role("link", name="Set a goal").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("Set a goal")
    ada.get_by_label("Title").fill(TITLE)
    ada.get_by_label("Specific objective").fill(OBJECTIVE)
    ada.get_by_label("How will you know you made it?").fill(MEASURE)
    ada.get_by_label("Target date").fill(target.isoformat())
    screenshot(ada, "goal-new")
    ada.get_by_role("button", name="Set the goal").click()
    expect(ada.get_by_role("status")).to_contain_text("Goal set. Break it into milestones next.")
    expect(ada.get_by_role("heading", level=1)).to_have_text(TITLE)
    goal_url = ada.url
    assert re.search(r"/goals/[0-9a-f-]{36}/$", goal_url)
    terms = section(ada, "^The goal$")
    expect(terms).to_contain_text(OBJECTIVE)
    expect(terms).to_contain_text(MEASURE)
    expect(terms).to_contain_text(long_date(target))
    expect(ada.locator(".status").first).to_have_text("Active")
    expect_progress(ada, 0)
    expect(section(ada, "^Milestones$")).to_contain_text("No milestones yet.")

    # 2. Three milestones, two of them done: two thirds of the way.
    add_milestones(ada, MILESTONES)
    expect(milestone_row(ada, MILESTONES[0])).to_contain_text("due ")
    for title in MILESTONES[:2]:
        milestone_row(ada, title).get_by_role("button", name="Done").click()
        expect(milestone_row(ada, title)).to_have_class(re.compile(r"\bdone\b"))
    expect(milestone_row(ada, MILESTONES[0])).to_contain_text("done ")
    expect(milestone_row(ada, MILESTONES[1]).get_by_role("button", name="Reopen")).to_be_visible()
    expect(milestone_row(ada, MILESTONES[2]).get_by_role("button", name="Done")).to_be_visible()
    expect_progress(ada, 67)
    expect(ada.get_by_role("button", name="Mark the goal achieved")).to_have_count(0)
    screenshot(ada, "goal-progress-67")

    # 3. Moving the target date asks for a reason.
    ada.get_by_text("Edit the goal").click()
    edit = ada.locator("details.edit")
    expect(edit.get_by_label("Target date")).to_have_value(target.isoformat())
    expect(edit.get_by_label("Progress so far (%)")).to_have_count(0)
    edit.get_by_label("Target date").fill(later.isoformat())
    edit.get_by_role("button", name="Save changes").click()
    # Told at the top of the page (the edit form is below the fold), and beside the field.
    expect(ada.get_by_role("alert")).to_have_text("The goal was not changed: see what to fix.")
    reason = ada.get_by_label("Reason for the change")
    expect(reason).to_be_visible()
    reason_field = ada.locator(".field.has-error").filter(has=reason)
    expect(reason_field.locator(".error")).to_have_text(
        "Say why: a reason is required when changing target date."
    )
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(ada.get_by_label("Target date", exact=True)).to_have_value(later.isoformat())
    expect(section(ada, "^The goal$")).to_contain_text(long_date(target))
    screenshot(ada, "goal-revision-error")
    reason.fill(REASON)
    ada.get_by_role("button", name="Save changes").click()
    expect(ada.get_by_role("status")).to_contain_text("Goal updated.")
    expect(section(ada, "^The goal$")).to_contain_text(long_date(later))
    revisions = section(ada, "^Revisions$")
    expect(revisions).to_contain_text(REASON)
    expect(revisions.locator(".history > li").first).to_contain_text("Ada Mentee")
    row = revisions.get_by_role("row", name=re.compile("Target date"))
    expect(row.get_by_role("cell")).to_have_text([target.isoformat(), later.isoformat()])

    # 4. Grace suggests a sharper measure of success; Ada accepts it.
    grace.goto(goal_url)
    expect(grace.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect_progress(grace, 67)
    grace.get_by_text("Suggest a refinement").click()
    suggest = grace.locator("details.edit").filter(has_text="Suggest a refinement")
    expect(suggest.get_by_label("Suggested measure of success")).to_have_value(MEASURE)
    suggest.get_by_label("Suggested measure of success").fill(SHARPER)
    suggest.get_by_label("Why you suggest it").fill(NOTE)
    suggest.get_by_role("button", name="Send the suggestion").click()
    expect(grace.get_by_role("status")).to_contain_text("Suggestion sent to Ada Mentee.")
    expect(grace.get_by_role("heading", name="Your suggestion is waiting for Ada")).to_be_visible()
    expect(grace.get_by_role("button", name="Accept the suggestion")).to_have_count(0)

    ada.goto(goal_url)
    waiting = section(ada, "Grace suggests a refinement")
    expect(waiting).to_contain_text(NOTE)
    proposed = waiting.get_by_role("row", name=re.compile("Measure of success"))
    expect(proposed.get_by_role("cell")).to_have_text([MEASURE, SHARPER])
    screenshot(ada, "goal-suggestion")
    waiting.get_by_role("button", name="Accept the suggestion").click()
    expect(ada.get_by_role("status")).to_contain_text("Suggestion accepted: the goal is revised.")
    expect(ada.get_by_role("heading", name="Grace suggests a refinement")).to_have_count(0)
    expect(section(ada, "^The goal$")).to_contain_text(SHARPER)
    latest = section(ada, "^Revisions$").locator(".history > li").first
    expect(latest).to_contain_text("from Grace's suggestion")
    expect(latest).to_contain_text(f"Accepted Grace Mentor's suggestion: {NOTE}")
    row = latest.get_by_role("row", name=re.compile("Measure of success"))
    expect(row.get_by_role("cell")).to_have_text([MEASURE, SHARPER])
    expect(section(ada, "^Revisions$").locator(".history > li")).to_have_count(2)
    screenshot(ada, "goal-history")

    # 5. Grace comments; Ada reads it.
    grace.goto(goal_url)
    expect(section(grace, "^The goal$")).to_contain_text(SHARPER)
    grace.get_by_label("Your comment").fill(COMMENT)
    grace.get_by_role("button", name="Comment", exact=True).click()
    expect(section(grace, "^Comments$")).to_contain_text(COMMENT)
    ada.reload()
    comments = section(ada, "^Comments$")
    expect(comments.locator(".comment")).to_have_count(1)
    expect(comments.locator(".comment")).to_contain_text("Grace Mentor")
    expect(comments.locator(".comment")).to_contain_text(COMMENT)

    # The goal page on a phone, at its fullest: milestone buttons, revisions, a comment.
    phone = signed_in(new_page, mentee.email, width=375, height=812)
    phone.goto(goal_url)
    expect(phone.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
    phone.get_by_text("Edit the goal").click()
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
    # Nothing sticks out of its card either (the before/after tables are the widest).
    assert phone.evaluate(
        "[...document.querySelectorAll('.card')].every(c => c.scrollWidth <= c.clientWidth)"
    )
    screenshot(phone, "goal-375")

    # 6. The last milestone done, the page offers to mark the goal achieved.
    milestone_row(ada, MILESTONES[2]).get_by_role("button", name="Done").click()
    expect_progress(ada, 100)
    done = section(ada, "Every milestone is done")
    expect(done).to_be_visible()
    done.get_by_role("button", name="Mark the goal achieved").click()
    expect(ada.get_by_role("status")).to_contain_text("Goal achieved. Congratulations!")
    expect(ada.locator(".status").first).to_have_text("Achieved")
    expect_progress(ada, 100)
    expect(ada.get_by_role("heading", name="Every milestone is done")).to_have_count(0)
    expect(ada.get_by_role("button", name="Reopen the goal")).to_be_visible()
    expect(ada.get_by_text(re.compile(r"^Achieved on \d+ \w+ \d{4}\."))).to_be_visible()
    # A closed goal's milestones stay as they are until the goal is reopened.
    expect(ada.get_by_role("button", name="Add milestone")).to_have_count(0)
    expect(milestone_row(ada, MILESTONES[0]).get_by_role("button")).to_have_count(0)
    screenshot(ada, "goal-achieved")
    ada.goto(mentorship_url)
    goals = section(ada, "^Goals$")
    expect(goals.get_by_role("link", name=TITLE)).to_be_visible()
    expect(goals.locator(".status")).to_have_text("Achieved")
    expect(goals.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    screenshot(ada, "goal-on-pair-page")

    # And in the database.
    goal = Goal.objects.get()
    assert goal.mentorship == pair
    assert goal.created_by == mentee
    assert goal.status == GoalStatus.ACHIEVED
    assert goal.closed_at is not None
    assert (goal.title, goal.objective, goal.measure, goal.target_date) == (
        TITLE,
        OBJECTIVE,
        SHARPER,
        later,
    )
    assert list(goal.milestones.values_list("title", flat=True)) == MILESTONES
    assert all(m.done_at is not None for m in goal.milestones.all())
    revisions = list(Revision.objects.filter(goal=goal).order_by("at", "pk"))
    assert len(revisions) == 3
    moved, refined, achieved = revisions
    assert (moved.author, moved.reason, moved.suggestion) == (mentee, REASON, None)
    assert moved.changes == {"target_date": [target.isoformat(), later.isoformat()]}
    assert refined.author == mentee
    assert refined.changes == {"measure": [MEASURE, SHARPER]}
    assert refined.suggestion is not None
    assert refined.suggestion.author == mentor
    assert refined.suggestion.status == SuggestionStatus.ACCEPTED
    assert refined.reason == f"Accepted Grace Mentor's suggestion: {NOTE}"
    assert achieved.changes == {"status": ["active", "achieved"]}
    assert achieved.suggestion is None
    assert list(goal.comments.values_list("author", "body")) == [(mentor.pk, COMMENT)]
    celebrations = Celebration.objects.filter(mentorship=pair)
    assert sorted(
        celebrations.filter(kind=CelebrationKind.MILESTONE).values_list("title", flat=True)
    ) == sorted(f"Milestone reached: {t}" for t in MILESTONES)
    assert list(celebrations.filter(kind=CelebrationKind.GOAL).values_list("title", flat=True)) == [
        f"Goal achieved: {TITLE}"
    ]
