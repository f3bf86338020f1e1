"""One meeting of a pair, in a real browser, with one page for the mentee and one for the mentor.

Grace (mentor, Berlin) schedules a meeting from the pair's page; Ada (mentee, New York) sees
the same instant in her own time zone. Both add to the agenda, Ada pulls an open-ended
question; Ada writes a shared and a private note, Grace a "what I heard" note; both add action
items and one is done. Ada gives feedback first: Grace sees that she answered but not what,
until she answers too. The private note never reaches Grace's page; the .ics file downloads;
Ada's home page lists her open action items; the meeting page fits a 375 px phone.
"""

import datetime as dt
import re
import zoneinfo
from pathlib import Path
from typing import Any

from django.utils import timezone as tz

from alongside.tests.browser_steps import BROWSER, expect, long_time, section, signed_in
from conftest import screenshot

pytestmark = BROWSER

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
TITLE = "Talk rehearsal"
PLACE = "https://meet.example.org/ada-grace"
ADA_ITEM = "The opening two minutes of my talk"
GRACE_ITEM = "How the stand-up went this week"
PROMPT = "Where would you like to be in three years, and what would be different about your days?"
SHARED_NOTE = "We agreed that the story about the outage is the strongest opening."
PRIVATE_NOTE = "I froze when she asked about the Q&A. I am scared of the questions, not the talk."
HEARD_NOTE = "Ada is confident about the content; the open questions at the end worry her."
ADA_ACTION = "Rewrite the opening around the outage story"
GRACE_ACTION = "Send Ada two talks with strong openings"
ADA_DONE_ACTION = "Book a room for the rehearsal"
ADA_WENT_WELL = "Grace let me run the whole opening before commenting."
ADA_DIFFERENTLY = "I could have brought the slides, not just the outline."
GRACE_WENT_WELL = "Ada came with a clear question and left with a plan."
GRACE_DIFFERENTLY = "I talked too much in the second half."
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= 375"


def add_note(page: Any, body: str, *, kind: str = "Note", visibility: str = "Shared") -> None:
    notes = section(page, "^Notes$")
    notes.get_by_role("textbox", name="Note").fill(body)
    notes.get_by_role("radio", name=kind, exact=True).check()
    notes.get_by_role("radio", name=re.compile(f"^{visibility}")).check()
    notes.get_by_role("button", name="Save note").click()
    expect(section(page, "^Notes$").locator("article.note").filter(has_text=body)).to_be_visible()


def add_action(page: Any, text: str, owner: str, due: dt.date | None = None) -> None:
    actions = section(page, "action items")
    actions.get_by_label("Action", exact=True).fill(text)
    actions.get_by_label("Who").select_option(label=owner)
    if due is not None:
        actions.get_by_label("Due").fill(due.isoformat())
    actions.get_by_role("button", name="Add action item").click()
    expect(page.locator("li.action-item").filter(has_text=text)).to_be_visible()


def test_a_meeting_from_schedule_to_feedback(
    new_page: Any, pair: Any, mentee: Any, mentor: Any
) -> None:
    from alongside.meetings.models import ActionItem, AgendaItem, Feedback, Meeting, Note, Prompt
    from alongside.meetings.prompts import PROMPTS

    # The bank comes from a data migration; a transactional test before this one flushed it.
    for topic, texts in PROMPTS.items():
        for text in texts:
            Prompt.objects.get_or_create(text=text, defaults={"topic": topic})
    assert Prompt.objects.filter(text=PROMPT).exists()

    ada = signed_in(new_page, mentee.email)
    grace = signed_in(new_page, mentor.email)
    mentorship_url = f"{grace.base}/mentorships/{pair.public_id}/"

    # 1. Grace schedules a meeting in two days at 09:00, her time.
    day = tz.now().astimezone(BERLIN).date() + dt.timedelta(days=2)
    start = dt.datetime.combine(day, dt.time(9, 0), tzinfo=BERLIN)
    grace.goto(mentorship_url)
    expect(section(grace, "^Meetings$")).to_contain_text("Not scheduled")
    grace.get_by_role("link", name="Schedule a meeting").click()
    expect(grace.get_by_role("heading", level=1)).to_have_text("Schedule a meeting")
    expect(grace.get_by_text("Times are in your time zone (Europe/Berlin)")).to_be_visible()
    grace.get_by_label("Starts").fill(start.strftime("%Y-%m-%dT%H:%M"))
    grace.get_by_label("Minutes", exact=True).fill("50")
    grace.get_by_label("Title").fill(TITLE)
    grace.get_by_label("Place or video link").fill(PLACE)
    # The series fields show only once a series is asked for.
    expect(grace.get_by_label("Every … days")).to_be_hidden()
    grace.get_by_label("Repeat as a series").check()
    expect(grace.get_by_label("Every … days")).to_be_visible()
    expect(grace.get_by_label("Until")).to_be_visible()
    grace.get_by_label("Repeat as a series").uncheck()
    expect(grace.get_by_label("Until")).to_be_hidden()
    screenshot(grace, "meeting-schedule")
    grace.get_by_role("button", name="Schedule").click()
    expect(grace.get_by_role("status")).to_contain_text(
        "Meeting scheduled. Ada Mentee gets an email with the calendar file."
    )
    expect(grace.get_by_role("heading", level=1)).to_have_text(TITLE)
    when = grace.locator(".when")
    expect(when.locator("time")).to_have_text(long_time(start))
    expect(when).to_contain_text("(Europe/Berlin) · 50 minutes")
    expect(when.get_by_role("link", name=PLACE)).to_have_attribute("href", PLACE)
    expect(grace.locator(".status").first).to_have_text("Upcoming")
    meeting_url = grace.url
    assert re.search(r"/meetings/[0-9a-f-]{36}/$", meeting_url)

    ada.goto(meeting_url)
    expect(ada.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(ada.locator(".when time")).to_have_text(long_time(start.astimezone(NEW_YORK)))
    expect(ada.locator(".when")).to_contain_text("(America/New_York) · 50 minutes")
    assert long_time(start.astimezone(NEW_YORK)) != long_time(start)

    # 2. Both add to the agenda; Ada pulls an open-ended question from the bank.
    agenda = section(ada, "^Agenda$")
    expect(agenda).to_contain_text("Nothing on the agenda yet.")
    agenda.get_by_label("Add to the agenda").fill(ADA_ITEM)
    agenda.get_by_role("button", name="Add to the agenda").click()
    expect(ada.locator("li.agenda-item").filter(has_text=ADA_ITEM)).to_contain_text("Ada Mentee")
    section(ada, "^Agenda$").get_by_label("open-ended question").select_option(label=PROMPT)
    section(ada, "^Agenda$").get_by_role("button", name="Add to the agenda").click()
    prompt_row = ada.locator("li.agenda-item").filter(has_text=PROMPT)
    expect(prompt_row.locator(".prompt-tag")).to_have_text("Question")

    grace.reload()
    section(grace, "^Agenda$").get_by_label("Add to the agenda").fill(GRACE_ITEM)
    section(grace, "^Agenda$").get_by_role("button", name="Add to the agenda").click()
    rows = grace.locator("li.agenda-item")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text(ADA_ITEM)
    expect(rows.nth(1)).to_contain_text(PROMPT)
    expect(rows.nth(2)).to_contain_text(GRACE_ITEM)
    expect(rows.nth(2)).to_contain_text("Grace Mentor")
    rows.nth(0).get_by_role("button", name="Mark covered").click()
    expect(grace.locator("li.agenda-item.covered")).to_contain_text(ADA_ITEM)
    expect(grace.locator("li.agenda-item.covered")).to_contain_text("covered")
    section(grace, "^Agenda$").scroll_into_view_if_needed()
    screenshot(grace, "meeting-agenda")

    # 3. Ada writes a shared note and a private one; Grace writes what she heard.
    ada.reload()
    expect(ada.locator("li.agenda-item")).to_have_count(3)
    expect(section(ada, "^Notes$")).to_contain_text("No notes yet.")
    add_note(ada, SHARED_NOTE)
    add_note(ada, PRIVATE_NOTE, visibility="Private: only me")
    private = ada.locator("article.note.private")
    expect(private).to_have_count(1)
    expect(private).to_contain_text(PRIVATE_NOTE)
    expect(private).to_contain_text("Private: only you see this")
    shared = ada.locator("article.note.shared")
    expect(shared).to_contain_text(SHARED_NOTE)
    expect(shared).to_contain_text("Shared")
    screenshot(ada, "meeting-notes-mentee")

    grace.reload()
    add_note(grace, HEARD_NOTE, kind="What I heard")
    heard = grace.locator("article.note").filter(has_text=HEARD_NOTE)
    expect(heard).to_contain_text("Grace Mentor · What I heard")
    expect(grace.locator("article.note")).to_have_count(2)
    expect(grace.locator("article.note.private")).to_have_count(0)
    expect(grace.locator("article.note").filter(has_text=SHARED_NOTE)).to_be_visible()
    assert PRIVATE_NOTE not in grace.content()
    screenshot(grace, "meeting-notes-mentor")

    # 4. Action items, each with an owner; one is done at once.
    due = tz.now().astimezone(NEW_YORK).date() + dt.timedelta(days=7)
    ada.reload()
    add_action(ada, ADA_ACTION, "Ada Mentee", due)
    add_action(ada, ADA_DONE_ACTION, "Ada Mentee")
    grace.reload()
    add_action(grace, GRACE_ACTION, "Grace Mentor")
    items = grace.locator("li.action-item")
    expect(items).to_have_count(3)
    expect(items.filter(has_text=ADA_ACTION)).to_contain_text(
        f"— Ada Mentee, due {due.day} {due:%b}"
    )
    expect(items.filter(has_text=GRACE_ACTION)).to_contain_text("— Grace Mentor")
    ada.reload()
    ada.locator("li.action-item").filter(has_text=ADA_DONE_ACTION).get_by_role(
        "button", name="Done"
    ).click()
    expect(ada.locator("li.action-item")).to_have_count(2)
    expect(ada.locator("li.action-item").filter(has_text=ADA_DONE_ACTION)).to_have_count(0)

    # 5. Feedback waits for the meeting to start. Then the meeting is held (its start is
    # moved to a minute ago: the server's clock cannot be moved from here).
    expect(section(ada, "^Feedback$")).to_contain_text(
        "You can give feedback once the meeting has started."
    )
    expect(section(ada, "^Feedback$").get_by_role("button", name="Give feedback")).to_have_count(0)
    Meeting.objects.filter(title=TITLE).update(starts_at=tz.now() - dt.timedelta(minutes=1))
    ada.reload()
    # Feedback is blind: Ada answers first, Grace sees that she did but not what.
    feedback = section(ada, "^Feedback$")
    expect(feedback).to_contain_text("Your answer stays hidden from Grace until they answer too")
    feedback.get_by_role("radio", name="4", exact=True).check()
    feedback.get_by_label("What went well").fill(ADA_WENT_WELL)
    feedback.get_by_label("What could I have done differently").fill(ADA_DIFFERENTLY)
    feedback.get_by_role("button", name="Give feedback").click()
    expect(ada.get_by_role("status")).to_contain_text("Thank you for your feedback.")
    feedback = section(ada, "^Feedback$")
    expect(feedback.locator(".feedback-answer")).to_have_count(1)
    expect(feedback.locator(".feedback-answer")).to_contain_text("You: 4/5")
    expect(feedback).to_contain_text(
        "Grace Mentor has not answered yet. Your answer stays hidden from Grace until they answer"
    )
    expect(feedback.get_by_role("button", name="Give feedback")).to_have_count(0)

    grace.reload()
    feedback = section(grace, "^Feedback$")
    expect(feedback).to_contain_text("Ada Mentee has answered.")
    expect(feedback).to_contain_text("You will see their answer once you give yours")
    expect(feedback.locator(".feedback-answer")).to_have_count(0)
    expect(feedback).not_to_contain_text("Your answer stays hidden")
    html = grace.content()
    assert ADA_WENT_WELL not in html
    assert ADA_DIFFERENTLY not in html
    feedback.scroll_into_view_if_needed()
    screenshot(grace, "meeting-feedback-blind")

    feedback.get_by_role("radio", name="5", exact=True).check()
    feedback.get_by_label("What went well").fill(GRACE_WENT_WELL)
    feedback.get_by_label("What could I have done differently").fill(GRACE_DIFFERENTLY)
    feedback.get_by_role("button", name="Give feedback").click()
    expect(grace.get_by_role("status")).to_contain_text("Thank you for your feedback.")
    ada.reload()
    for page, mine, theirs in (
        (grace, "You: 5/5", "Ada Mentee: 4/5"),
        (ada, "You: 4/5", "Grace Mentor: 5/5"),
    ):
        answers = section(page, "^Feedback$").locator(".feedback-answer")
        expect(answers).to_have_count(2)
        expect(answers.nth(0)).to_contain_text(mine)
        expect(answers.nth(1)).to_contain_text(theirs)
        for text in (ADA_WENT_WELL, ADA_DIFFERENTLY, GRACE_WENT_WELL, GRACE_DIFFERENTLY):
            expect(section(page, "^Feedback$")).to_contain_text(text)
    screenshot(grace, "meeting-feedback-both")
    # The rest of the walk looks at the meeting ahead again: back to its slot.
    Meeting.objects.filter(title=TITLE).update(starts_at=start)

    # 6. The private note is Ada's alone, on every page Grace can open.
    grace.reload()
    expect(grace.locator("article.note").filter(has_text=SHARED_NOTE)).to_contain_text("Shared")
    assert PRIVATE_NOTE not in grace.content()
    for path in (mentorship_url, grace.base + "/", meeting_url + "meeting.ics"):
        assert PRIVATE_NOTE not in grace.request.get(path).text()
    expect(ada.locator("article.note.private")).to_contain_text(PRIVATE_NOTE)
    expect(ada.locator("article.note.private .private-tag")).to_have_text(
        "Private: only you see this"
    )

    # 7. The calendar file.
    with ada.expect_download() as download_info:
        ada.get_by_role("link", name="Add to calendar (.ics)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    ics = Path(download.path()).read_text().replace("\r\n ", "")
    assert "BEGIN:VEVENT" in ics
    assert f"SUMMARY:{TITLE}: Grace Mentor & Ada Mentee" in ics
    assert PLACE in ics
    assert PRIVATE_NOTE not in ics and SHARED_NOTE not in ics

    # 8. Ada's home page lists her open action items, not Grace's, not the done one.
    ada.goto(ada.base + "/")
    mine = section(ada, "Your open action items")
    expect(mine.locator("li")).to_have_count(1)
    expect(mine).to_contain_text(ADA_ACTION)
    expect(mine).to_contain_text(f"— with Grace Mentor, due {due.day} {due:%b}")
    expect(mine).not_to_contain_text(GRACE_ACTION)
    expect(mine).not_to_contain_text(ADA_DONE_ACTION)

    # The pair's page: the next meeting, in the list and in the cadence.
    grace.goto(mentorship_url)
    meetings = section(grace, "^Meetings$")
    expect(meetings.get_by_role("link", name=TITLE)).to_have_attribute(
        "href", re.compile(r"/meetings/[0-9a-f-]{36}/$")
    )
    expect(meetings).to_contain_text(f"{start.day} {start:%b}, 09:00")
    screenshot(grace, "mentorship-meetings")

    # 9. The meeting page on a phone.
    phone = signed_in(new_page, mentee.email, width=375, height=812)
    phone.goto(meeting_url)
    expect(phone.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(phone, "meeting-375")

    # And in the database.
    meeting = Meeting.objects.get()
    assert meeting.starts_at == start
    assert (meeting.minutes, meeting.title, meeting.place) == (50, TITLE, PLACE)
    assert (meeting.timezone, meeting.organizer) == ("Europe/Berlin", mentor)
    agenda_items = list(AgendaItem.objects.filter(meeting=meeting))
    assert [i.text for i in agenda_items] == [ADA_ITEM, PROMPT, GRACE_ITEM]
    assert [i.prompt is not None for i in agenda_items] == [False, True, False]
    assert agenda_items[0].covered_at is not None
    notes = {n.body: (n.author, n.visibility, n.kind) for n in Note.objects.filter(meeting=meeting)}
    assert notes == {
        SHARED_NOTE: (mentee, "shared", "note"),
        PRIVATE_NOTE: (mentee, "private", "note"),
        HEARD_NOTE: (mentor, "shared", "heard"),
    }
    actions = {a.text: (a.owner, a.due_on, a.done_at is not None) for a in ActionItem.objects.all()}
    assert actions == {
        ADA_ACTION: (mentee, due, False),
        ADA_DONE_ACTION: (mentee, None, True),
        GRACE_ACTION: (mentor, None, False),
    }
    ratings = {f.author: f.rating for f in Feedback.objects.filter(meeting=meeting)}
    assert ratings == {mentee: 4, mentor: 5}
