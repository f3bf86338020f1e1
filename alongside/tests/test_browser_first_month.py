"""A mentee's and a mentor's first month, end to end, in a real browser, from nothing.

Grace (mentor, Berlin) and Ada (mentee, New York) sign up and fill in their profiles; Ada
finds Grace and asks her, Grace accepts from her home page; they agree to meet every 14
days; Ada sets a goal with two milestones; Grace schedules the first meeting, both prepare
it, take notes (one of Ada's private), add an action item and give feedback; Ada completes
a milestone, checks in, thanks Grace, and Grace replies. The day before the meeting the
sweep reminds Ada in the app and by email with the calendar file; Grace's timeline tells
the month, and no page of hers ever shows Ada's private note.

Everything goes through the pages; the only direct calls are the reminder sweep and the
mail worker, as the `alongside worker` process would run them. Every page visited is saved
as a numbered screenshot, first-month-01-... onwards.
"""

import datetime as dt
import itertools
import re
import zoneinfo
from pathlib import Path
from typing import Any

import icalendar
import vobject
from django.core import mail
from django.utils import timezone as tz

from alongside.tests.browser_steps import (
    BROWSER,
    add_milestones,
    expect,
    fill_check_in,
    fill_first_agreement,
    long_time,
    section,
    track_skills,
)
from conftest import deliver_mail, screenshot

pytestmark = BROWSER

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
GRACE_NAME, GRACE_EMAIL = "Grace Nakamura", "grace@first-month.example"
ADA_NAME, ADA_EMAIL = "Ada Fischer", "ada@first-month.example"
GRACE_PASSWORD = "grace-first-month-password-7"
ADA_PASSWORD = "ada-first-month-password-9"
HEADLINE = "Engineering manager; I help quiet people find their voice"
REQUEST = "I have a talk to give in the spring and I freeze in front of a room."
HOPES = "Give my first talk, and speak up in design reviews without dreading it."
OFFERS = "Feedback on drafts, rehearsals, and an honest word when I see progress."
GOAL = "Give my first meetup talk"
OBJECTIVE = "A 15-minute talk on testing at the local Python meetup."
MEASURE = "The talk is accepted and I give it."
MILESTONES = ["Pick a topic", "Submit the proposal"]
TITLE = "First meeting"
PLACE = "https://meet.example.org/grace-ada"
ADA_ITEM = "How to start a talk without apologising"
GRACE_ITEM = "What you want from these six months"
PROMPT = "Where would you like to be in three years, and what would be different about your days?"
SHARED_NOTE = "We picked testing as the topic: Ada has stories from three outages."
PRIVATE_NOTE = "I did not say it, but I am afraid Grace will find my topic boring."
ACTION = "Write the talk outline on one page"
ADA_WENT_WELL = "Grace asked before she advised."
ADA_DIFFERENTLY = "I could have brought my notes."
GRACE_WENT_WELL = "Ada knew exactly what she wanted."
GRACE_DIFFERENTLY = "Leave more silence after a question."
WINS = "Picked my topic and told my team I will speak at the meetup."
CHALLENGES = "Writing the abstract took three evenings."
THANKS = "Thank you for making the first meeting feel so easy."
REPLY = "Three evenings on an abstract is normal. Next: the outline, one page."


def sign_up(page: Any, name: str, email: str, password: str, shot: Any, who: str) -> None:
    page.goto(page.base + "/signup/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    shot(page, f"signup-{who}")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(page.base + "/profile/")
    expect(page.locator(".messages")).to_contain_text("Welcome to Alongside")


def save_profile(page: Any, shot: Any, who: str) -> None:
    shot(page, f"profile-{who}")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator(".messages")).to_contain_text("Your profile is saved.")
    shot(page, f"profile-{who}-saved")


def add_note(page: Any, body: str, *, visibility: str) -> None:
    notes = section(page, "^Notes$")
    notes.get_by_role("textbox", name="Note").fill(body)
    notes.get_by_role("radio", name="Note", exact=True).check()
    notes.get_by_role("radio", name=re.compile(f"^{visibility}")).check()
    notes.get_by_role("button", name="Save note").click()
    expect(section(page, "^Notes$").locator("article.note").filter(has_text=body)).to_be_visible()


def give_feedback(page: Any, rating: str, went_well: str, differently: str) -> None:
    feedback = section(page, "^Feedback$")
    feedback.get_by_role("radio", name=rating, exact=True).check()
    feedback.get_by_label("What went well").fill(went_well)
    feedback.get_by_label("What could I have done differently").fill(differently)
    feedback.get_by_role("button", name="Give feedback").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you for your feedback.")


def first_nine_in_berlin_after(moment: dt.datetime) -> dt.datetime:
    """09:00 in Berlin on the first day it comes at or after `moment` (09:00 is never in
    a daylight-saving gap)."""
    day = moment.astimezone(BERLIN).date()
    start = dt.datetime.combine(day, dt.time(9, 0), tzinfo=BERLIN)
    return start if start >= moment else start + dt.timedelta(days=1)


def bell(page: Any) -> Any:
    return page.get_by_role("navigation", name="Main").locator("a.bell")


def unread_on_page(page: Any) -> int:
    """The bell's count ("3 unread" to a screen reader); no badge when nothing is unread."""
    badge = bell(page).locator(".badge")
    if badge.count() == 0:
        return 0
    match = re.fullmatch(r"(\d+) unread", (badge.text_content() or "").strip())
    assert match is not None, badge.text_content()
    return int(match.group(1))


def test_a_mentees_and_a_mentors_first_month_end_to_end(new_page: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    from alongside.goals.models import Goal
    from alongside.growth.models import Appreciation, CheckIn
    from alongside.home.sweep import sweep
    from alongside.meetings.models import ActionItem, Feedback, Meeting, Note, Prompt
    from alongside.meetings.prompts import PROMPTS
    from alongside.mentorships.models import AgreementVersion, Mentorship, Status
    from alongside.notifications.models import Notification
    from alongside.people.models import Person

    # The prompt bank comes from a data migration; a transactional test before this one
    # flushed it. It is the site's seed data, not a step of the pair.
    for topic, texts in PROMPTS.items():
        for text in texts:
            Prompt.objects.get_or_create(text=text, defaults={"topic": topic})
    assert not Person.objects.exists()

    numbers = itertools.count(1)
    shots: list[Path] = []

    def shot(page: Any, name: str) -> None:
        shots.append(screenshot(page, f"first-month-{next(numbers):02d}-{name}"))
        # After a full-page screenshot chromium can press the mouse on one element and
        # release it on another (the click lands on the form, not its submit button);
        # scrolling back to the top makes the next click scroll to its target afresh.
        page.evaluate("window.scrollTo(0, 0)")

    grace = new_page()
    ada = new_page()

    # 1. Both sign up and fill in their profiles.
    sign_up(grace, GRACE_NAME, GRACE_EMAIL, GRACE_PASSWORD, shot, "mentor")
    grace.get_by_label("Headline").fill(HEADLINE)
    grace.get_by_label("Skills").fill("Public speaking, Leadership")
    grace.get_by_label("I am open to mentoring").check()
    grace.get_by_label("How many mentees at once").fill("2")
    grace.get_by_label("Time zone").select_option("Europe/Berlin")
    save_profile(grace, shot, "mentor")
    expect(grace.get_by_label("Skills")).to_have_value("Public speaking, Leadership")
    expect(grace.get_by_label("Time zone")).to_have_value("Europe/Berlin")

    sign_up(ada, ADA_NAME, ADA_EMAIL, ADA_PASSWORD, shot, "mentee")
    ada.get_by_label("Headline").fill("Backend developer who wants to speak up")
    ada.get_by_label("Skills").fill("Python, Testing")
    ada.get_by_label("Interests").fill("Public speaking")
    ada.get_by_label("I am looking for a mentor").check()
    ada.get_by_label("Time zone").select_option("America/New_York")
    save_profile(ada, shot, "mentee")
    expect(ada.get_by_label("Interests")).to_have_value("Public speaking")

    grace_person = Person.objects.get(email=GRACE_EMAIL)
    ada_person = Person.objects.get(email=ADA_EMAIL)
    assert (grace_person.skills, grace_person.timezone) == (
        ["Public speaking", "Leadership"],
        "Europe/Berlin",
    )
    assert (grace_person.open_to_mentor, grace_person.mentor_capacity) == (True, 2)
    assert (ada_person.interests, ada_person.timezone) == (["Public speaking"], "America/New_York")
    assert ada_person.seeking_mentor

    # 2. Ada finds Grace on "Find a mentor" and asks her; Grace accepts from her home page.
    ada.get_by_role("navigation", name="Main").get_by_role("link", name="Find a mentor").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("Find a mentor")
    expect(ada.get_by_label("Show", exact=True)).to_have_value("mentors")
    shot(ada, "find-a-mentor")
    ada.get_by_label("Name or skill").fill("public speaking")
    ada.get_by_role("button", name="Search").click()
    expect(ada.get_by_text("1 person found.")).to_be_visible()
    card = ada.locator(".person").filter(has_text=GRACE_NAME)
    expect(card.get_by_role("list", name="Skills")).to_contain_text("Public speaking")
    expect(card).to_contain_text("has room for a mentee")
    shot(ada, "find-a-mentor-results")
    card.get_by_role("link", name=GRACE_NAME).click()
    expect(ada.get_by_role("heading", level=1)).to_have_text(GRACE_NAME)
    expect(ada.locator(".lead")).to_have_text(HEADLINE)
    expect(ada.get_by_text("Open to mentoring, up to 2 mentees")).to_be_visible()
    shot(ada, "mentor-profile")
    ada.get_by_role("link", name="Ask Grace to mentor you").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text(f"Ask {GRACE_NAME} to mentor you")
    ada.get_by_label("What do you hope for?").fill(REQUEST)
    shot(ada, "request")
    ada.get_by_role("button", name="Send request").click()
    expect(ada.get_by_role("status")).to_contain_text(
        f"Your request is on its way to {GRACE_NAME}."
    )
    expect(ada.locator(".status").first).to_have_text("Requested")
    mentorship_url = ada.url
    assert re.search(r"/mentorships/[0-9a-f-]{36}/$", mentorship_url)
    shot(ada, "requested")

    grace.goto(grace.base + "/")
    waiting = section(grace, "Waiting for your answer")
    expect(waiting).to_contain_text(f"{ADA_NAME} asks you to mentor them")
    shot(grace, "home-mentor-waiting")
    waiting.get_by_role("link", name=f"{ADA_NAME} asks you to mentor them").click()
    expect(grace.locator("blockquote")).to_have_text(REQUEST)
    shot(grace, "request-answer")
    grace.get_by_role("button", name="Accept").click()
    expect(grace.get_by_role("status")).to_contain_text("You accepted the mentorship.")
    expect(grace.locator(".status").first).to_have_text("Active")
    expect(grace.get_by_role("heading", level=1)).to_have_text(f"{GRACE_NAME} mentors {ADA_NAME}")
    shot(grace, "mentorship-accepted")

    # 3. Ada writes the agreement (every 14 days); Grace acknowledges it.
    ada.goto(ada.base + "/")
    steps = section(ada, "Next steps")
    expect(steps).to_contain_text(f"Write your agreement with {GRACE_NAME}")
    shot(ada, "home-mentee-next-step")
    steps.get_by_role("link", name="Write your agreement").click()
    expect(ada.get_by_role("heading", name="Write the first version")).to_be_visible()
    ends_on = tz.localdate() + dt.timedelta(days=180)
    fill_first_agreement(ada, hopes=HOPES, offers=OFFERS, ends_on=ends_on)
    shot(ada, "agreement-write")
    ada.get_by_role("button", name="Save as version 1").click()
    expect(ada.get_by_role("heading", name="Latest: version 1 (not yet in force)")).to_be_visible()
    shot(ada, "agreement-saved")

    grace.goto(grace.base + "/")
    steps = section(grace, "Next steps")
    expect(steps).to_contain_text(
        f"Read and acknowledge version 1 of your agreement with {ADA_NAME}"
    )
    shot(grace, "home-mentor-next-step")
    steps.get_by_role("link", name=re.compile("acknowledge version 1")).click()
    latest = section(grace, "Latest: version 1")
    expect(latest).to_contain_text(HOPES)
    expect(latest).to_contain_text("Every 14 days, 45 minutes, video call")
    shot(grace, "agreement-to-acknowledge")
    grace.get_by_role("button", name="I acknowledge version 1").click()
    expect(grace.get_by_role("status")).to_contain_text(
        "You acknowledged version 1. It is now in force."
    )
    expect(grace.get_by_role("heading", name="In force: version 1")).to_be_visible()
    shot(grace, "agreement-in-force")

    # 4. Ada sets a goal with two milestones.
    ada.goto(mentorship_url)
    expect(section(ada, "^Agreement$")).to_contain_text("Every 14 days, 45 minutes, video call")
    shot(ada, "mentorship-mentee")
    ada.get_by_role("link", name="Set a goal").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("Set a goal")
    ada.get_by_label("Title").fill(GOAL)
    ada.get_by_label("Specific objective").fill(OBJECTIVE)
    ada.get_by_label("How will you know you made it?").fill(MEASURE)
    ada.get_by_label("Target date").fill((tz.localdate() + dt.timedelta(days=90)).isoformat())
    shot(ada, "goal-new")
    ada.get_by_role("button", name="Set the goal").click()
    expect(ada.get_by_role("status")).to_contain_text("Goal set. Break it into milestones next.")
    goal_url = ada.url
    assert re.search(r"/goals/[0-9a-f-]{36}/$", goal_url)
    expect(section(ada, "^Milestones$")).to_contain_text("No milestones yet.")
    shot(ada, "goal-set")
    add_milestones(ada, MILESTONES)
    shot(ada, "goal-milestones")

    # 5. Grace schedules the first meeting at 09:00 her time, two or three days ahead.
    grace.goto(mentorship_url)
    expect(section(grace, "^Goals$").get_by_role("link", name=GOAL)).to_be_visible()
    shot(grace, "mentorship-mentor")
    grace.get_by_role("link", name="Schedule a meeting").click()
    expect(grace.get_by_role("heading", level=1)).to_have_text("Schedule a meeting")
    expect(grace.get_by_text("every 14 days, 45 minutes")).to_be_visible()
    start = first_nine_in_berlin_after(tz.now() + dt.timedelta(hours=48))
    grace.get_by_label("Starts").fill(start.strftime("%Y-%m-%dT%H:%M"))
    grace.get_by_label("Minutes", exact=True).fill("45")
    grace.get_by_label("Title").fill(TITLE)
    grace.get_by_label("Place or video link").fill(PLACE)
    shot(grace, "meeting-schedule")
    grace.get_by_role("button", name="Schedule").click()
    expect(grace.get_by_role("status")).to_contain_text(
        f"Meeting scheduled. {ADA_NAME} gets an email with the calendar file."
    )
    expect(grace.locator(".when time")).to_have_text(long_time(start))
    meeting_url = grace.url
    assert re.search(r"/meetings/[0-9a-f-]{36}/$", meeting_url)
    expect(grace.locator(".status").first).to_have_text("Upcoming")
    shot(grace, "meeting-scheduled")
    section(grace, "^Agenda$").get_by_label("Add to the agenda").fill(GRACE_ITEM)
    section(grace, "^Agenda$").get_by_role("button", name="Add to the agenda").click()
    expect(grace.locator("li.agenda-item").filter(has_text=GRACE_ITEM)).to_contain_text(GRACE_NAME)
    shot(grace, "meeting-mentor-agenda")

    # Ada sees it in her own time; adds to the agenda, pulls a prompt, writes two notes.
    ada.goto(meeting_url)
    expect(ada.locator(".when time")).to_have_text(long_time(start.astimezone(NEW_YORK)))
    expect(ada.locator(".when")).to_contain_text("(America/New_York) · 45 minutes")
    agenda = section(ada, "^Agenda$")
    agenda.get_by_label("Add to the agenda").fill(ADA_ITEM)
    agenda.get_by_role("button", name="Add to the agenda").click()
    expect(ada.locator("li.agenda-item").filter(has_text=ADA_ITEM)).to_contain_text(ADA_NAME)
    section(ada, "^Agenda$").get_by_label("open-ended question").select_option(label=PROMPT)
    section(ada, "^Agenda$").get_by_role("button", name="Add to the agenda").click()
    prompt_row = ada.locator("li.agenda-item").filter(has_text=PROMPT)
    expect(prompt_row.locator(".prompt-tag")).to_have_text("Question")
    expect(ada.locator("li.agenda-item")).to_have_count(3)
    add_note(ada, PRIVATE_NOTE, visibility="Private: only me")
    add_note(ada, SHARED_NOTE, visibility="Shared")
    expect(ada.locator("article.note.private")).to_contain_text(PRIVATE_NOTE)
    expect(ada.locator("article.note.shared")).to_contain_text(SHARED_NOTE)
    shot(ada, "meeting-mentee-agenda-notes")

    # Grace adds an action item for Ada; she sees the shared note, never the private one.
    due = tz.now().astimezone(NEW_YORK).date() + dt.timedelta(days=7)
    grace.reload()
    expect(grace.locator("li.agenda-item")).to_have_count(3)
    expect(grace.locator("article.note").filter(has_text=SHARED_NOTE)).to_be_visible()
    expect(grace.locator("article.note")).to_have_count(1)
    assert PRIVATE_NOTE not in grace.content()
    actions = section(grace, "action items")
    actions.get_by_label("Action", exact=True).fill(ACTION)
    actions.get_by_label("Who").select_option(label=ADA_NAME)
    actions.get_by_label("Due").fill(due.isoformat())
    actions.get_by_role("button", name="Add action item").click()
    expect(grace.locator("li.action-item").filter(has_text=ACTION)).to_contain_text(
        f"— {ADA_NAME}, due {due.day} {due:%b}"
    )
    shot(grace, "meeting-mentor-action")

    # Both give feedback once the meeting has been held, Ada first (its start is moved to a
    # minute ago: the server's clock cannot be moved from here).
    ada.reload()
    expect(section(ada, "^Feedback$")).to_contain_text(
        "You can give feedback once the meeting has started."
    )
    Meeting.objects.filter(title=TITLE).update(starts_at=tz.now() - dt.timedelta(minutes=1))
    ada.reload()
    expect(ada.locator("li.action-item").filter(has_text=ACTION)).to_be_visible()
    give_feedback(ada, "4", ADA_WENT_WELL, ADA_DIFFERENTLY)
    expect(section(ada, "^Feedback$")).to_contain_text(f"{GRACE_NAME} has not answered yet.")
    shot(ada, "meeting-mentee-feedback")
    grace.reload()
    expect(section(grace, "^Feedback$")).to_contain_text(f"{ADA_NAME} has answered.")
    assert ADA_WENT_WELL not in grace.content()
    shot(grace, "meeting-mentor-feedback-blind")
    give_feedback(grace, "5", GRACE_WENT_WELL, GRACE_DIFFERENTLY)
    answers = section(grace, "^Feedback$").locator(".feedback-answer")
    expect(answers).to_have_count(2)
    expect(answers.nth(0)).to_contain_text("You: 5/5")
    expect(answers.nth(1)).to_contain_text(f"{ADA_NAME}: 4/5")
    expect(section(grace, "^Feedback$")).to_contain_text(ADA_WENT_WELL)
    assert PRIVATE_NOTE not in grace.content()
    shot(grace, "meeting-mentor-feedback")
    # The rest of the month looks at the meeting ahead again: back to its slot.
    Meeting.objects.filter(title=TITLE).update(starts_at=start)

    # 6. Ada completes a milestone, checks in with a skill rating and thanks Grace.
    ada.goto(goal_url)
    milestone = ada.locator("li.milestone").filter(has_text=MILESTONES[0])
    milestone.get_by_role("button", name="Done").click()
    expect(milestone).to_have_class(re.compile(r"\bdone\b"))
    expect(ada.get_by_role("progressbar", name=f"Progress of {GOAL}")).to_have_attribute(
        "aria-valuenow", "50"
    )
    shot(ada, "goal-milestone-done")

    ada.goto(mentorship_url)
    shot(ada, "mentorship-mentee-after-meeting")
    ada.get_by_role("navigation", name="This mentorship").get_by_role("link", name="Growth").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("How far you have come")
    expect(ada.locator("#tracked-skills")).to_contain_text(f"You rate: {GOAL}")
    track_skills(ada, tick=("Public speaking",))
    form = section(ada, "^Check in$")
    fill_check_in(form, wins=WINS, challenges=CHALLENGES, feeling=3, levels={"Public speaking": 2})
    shot(ada, "growth-checkin-form")
    form.get_by_role("button", name="Save check-in").click()
    expect(ada.get_by_role("status")).to_contain_text("Check-in saved.")
    checkin = section(ada, "^Check-ins$").locator("article.checkin")
    expect(checkin).to_have_count(1)
    expect(checkin.get_by_role("heading")).to_contain_text("feeling 3/5")
    expect(checkin.locator(".tags li")).to_have_text(["Public speaking: 2"])
    shot(ada, "growth-checkin")

    ada.get_by_role("navigation", name="This mentorship").get_by_role(
        "link", name="Timeline"
    ).click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("Your timeline")
    ada.get_by_label("Say thank you").fill(THANKS)
    shot(ada, "timeline-mentee")
    ada.get_by_role("button", name="Send thanks").click()
    expect(ada.get_by_role("status")).to_contain_text(f"Sent. {GRACE_NAME} gets it by email too.")
    expect(ada.locator(".tl-item").first.locator("blockquote")).to_have_text(THANKS)
    shot(ada, "timeline-thanks")

    # Grace replies to the check-in; Ada reads the reply.
    grace.goto(mentorship_url + "growth/")
    expect(grace.get_by_role("heading", level=1)).to_have_text("How far Ada has come")
    theirs = section(grace, "^Check-ins$").locator("article.checkin").filter(has_text=WINS)
    theirs.get_by_label("Reply to Ada").fill(REPLY)
    shot(grace, "growth-mentor-replying")
    theirs.get_by_role("button", name="Reply").click()
    expect(grace).to_have_url(re.compile(r"#checkin-[0-9a-f-]{36}$"))
    replied = section(grace, "^Check-ins$").locator("article.checkin").filter(has_text=WINS)
    expect(replied.locator(".reply")).to_have_text(f"Grace: {REPLY}")
    assert PRIVATE_NOTE not in grace.content()
    shot(grace, "growth-mentor-reply")
    ada.goto(mentorship_url + "growth/")
    expect(section(ada, "^Check-ins$").locator("article.checkin .reply")).to_have_text(
        f"Grace: {REPLY}"
    )
    shot(ada, "growth-mentee-reply")

    # 7. The day before: the sweep reminds both; Ada's bell, her notifications, her email.
    ada.goto(ada.base + "/")
    mine = section(ada, "Your open action items")
    expect(mine).to_contain_text(ACTION)
    expect(mine).to_contain_text(f"— with {GRACE_NAME}, due {due.day} {due:%b}")
    unread_before = unread_on_page(ada)
    shot(ada, "home-mentee-before-reminder")

    meeting = Meeting.objects.get()
    assert meeting.starts_at == start
    deliver_mail()  # what the pages queued is sent first: the reminder is told apart below
    mail.outbox.clear()
    delivered = DBTaskResult.objects.filter(finished_at__isnull=False).count()
    assert delivered > 0
    # The meeting is at least 48 hours away, so the sweep 23 hours before it runs more than
    # a day after every email of the month: it also prunes them all, whatever the hour.
    # The pair's month of meetings, goals and check-ins is counted into the insights rollups.
    count = sweep(meeting.starts_at - dt.timedelta(hours=23))
    assert dict(count) == {
        "meeting_tomorrow": 2,
        "pruned_tasks": delivered,
        "rollups_refreshed": 1,
    }
    deliver_mail()

    at = start.astimezone(NEW_YORK)
    reminder_title = f"{TITLE} with {GRACE_NAME}, {at:%A} {at.day} {at:%B at %H:%M}"
    ada.goto(ada.base + "/")
    expect(bell(ada).locator(".badge")).to_have_text(f"{unread_before + 1} unread")
    shot(ada, "home-mentee-bell")
    bell(ada).click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("Notifications")
    unread = Notification.objects.filter(person=ada_person, read_at__isnull=True).count()
    assert unread == unread_before + 1
    expect(bell(ada).locator(".badge")).to_have_text(f"{unread} unread")
    reminder = ada.locator(".notifications li").filter(has_text=reminder_title)
    expect(reminder).to_have_count(1)
    expect(reminder).to_have_class(re.compile(r"\bunread\b"))
    expect(reminder.locator(".meta")).to_contain_text("Meeting reminder")
    expect(ada.locator(".notifications li").first).to_contain_text(reminder_title)
    shot(ada, "notifications-mentee")

    to_ada = [m for m in mail.outbox if m.to == [ADA_EMAIL]]
    assert [m.subject for m in to_ada] == [reminder_title]
    email = to_ada[0]
    assert f"Tomorrow you meet {GRACE_NAME}: {TITLE}" in email.body
    assert "(America/New_York), 45 minutes." in email.body
    ics = [a for a in email.attachments if a[0] == "meeting.ics"]
    assert len(ics) == 1
    _, content, mimetype = ics[0]
    assert mimetype.startswith("text/calendar")
    calendar = (content if isinstance(content, str) else content.decode()).replace("\r\n ", "")
    assert "BEGIN:VEVENT" in calendar
    assert f"SUMMARY:{TITLE}: {GRACE_NAME} & {ADA_NAME}" in calendar
    # vobject reads the wall time and the zone right, but applies no daylight saving from
    # the VTIMEZONE's RDATE list (it read a summer 09:00 as 09:00+01:00); the instant
    # itself is checked with icalendar, whatever the season.
    dtstart = vobject.readOne(calendar).vevent.dtstart
    assert dtstart.value.replace(tzinfo=None) == start.replace(tzinfo=None)
    assert dtstart.params["X-VOBJ-ORIGINAL-TZID"] == ["Europe/Berlin"]
    (event,) = icalendar.Calendar.from_ical(calendar).walk("VEVENT")
    assert event.decoded("dtstart") == start
    assert PRIVATE_NOTE not in calendar and SHARED_NOTE not in calendar
    assert all(PRIVATE_NOTE not in m.body for m in mail.outbox)

    # 8. Grace's timeline tells the month; no page of hers shows Ada's private note.
    grace.goto(mentorship_url)
    assert PRIVATE_NOTE not in grace.content()
    shot(grace, "mentorship-mentor-month")
    grace.get_by_role("navigation", name="This mentorship").get_by_role(
        "link", name="Timeline"
    ).click()
    expect(grace.get_by_role("heading", level=1)).to_have_text("Your timeline")
    items = grace.locator(".tl-item")
    for kind, label, text in (
        ("agreement", "Agreement", "Agreement version 1: First version"),
        ("goal", "Goal", f"Goal set: {GOAL}"),
        ("meeting", "Meeting", f"Meeting scheduled: {TITLE}"),
        ("note", "Shared note", f"Shared note: {SHARED_NOTE}"),
        ("checkin", "Check-in", f"Check-in: {WINS}"),
        ("appreciation", "Appreciation", THANKS),
    ):
        item = grace.locator(f".tl-item.tl-{kind}").filter(has_text=text)
        expect(item).to_have_count(1)
        expect(item.locator(".tl-kind")).to_have_text(label)
    expect(items.first.locator("blockquote")).to_have_text(THANKS)
    expect(items.first.locator(".meta")).to_contain_text(ADA_NAME)
    expect(grace.locator(".tl-item.tl-note")).to_have_count(1)
    assert PRIVATE_NOTE not in grace.content()
    shot(grace, "timeline-mentor")

    for path, name in (
        (meeting_url, "meeting-mentor"),
        (grace.base + "/", "home-mentor"),
        (mentorship_url + "growth/", "growth-mentor"),
        (grace.base + "/notifications/", "notifications-mentor"),
    ):
        grace.goto(path)
        expect(grace.locator("main")).to_be_visible()
        assert PRIVATE_NOTE not in grace.content(), path
        shot(grace, name)
    expect(
        grace.locator(".notifications li").filter(has_text="First meeting with Ada")
    ).to_have_count(1)

    # And in the database.
    mentorship = Mentorship.objects.get()
    assert (mentorship.mentor, mentorship.mentee, mentorship.status) == (
        grace_person,
        ada_person,
        Status.ACTIVE,
    )
    version = AgreementVersion.objects.get(mentorship=mentorship)
    assert (version.meeting_every_days, version.in_force) == (14, True)
    goal = Goal.objects.get(mentorship=mentorship)
    done = {m.title: m.done_at is not None for m in goal.milestones.all()}
    assert done == {MILESTONES[0]: True, MILESTONES[1]: False}
    assert meeting.organizer == grace_person and meeting.agenda.count() == 3
    notes = {n.body: n.visibility for n in Note.objects.filter(meeting=meeting)}
    assert notes == {SHARED_NOTE: "shared", PRIVATE_NOTE: "private"}
    item = ActionItem.objects.get()
    assert (item.owner, item.created_by, item.due_on) == (ada_person, grace_person, due)
    ratings = {f.author: f.rating for f in Feedback.objects.filter(meeting=meeting)}
    assert ratings == {ada_person: 4, grace_person: 5}
    checkin_row = CheckIn.objects.get(mentorship=mentorship)
    assert (checkin_row.wins, checkin_row.reply) == (WINS, REPLY)
    assert [(r.skill, r.level) for r in checkin_row.ratings.all()] == [("Public speaking", 2)]
    assert Appreciation.objects.get(mentorship=mentorship).author == ada_person
    assert len(shots) >= 30 and all(p.exists() for p in shots)
