"""Correcting and taking back, in a real browser, without JavaScript doing the work.

Ada (mentee) corrects a shared note, and Grace (mentor) sees the new words marked
"edited"; Ada deletes it after a page that asks first, and it leaves Grace's timeline.
Ada marks an agenda item covered and an action item done, then undoes both. She shares a
journal entry after a page that says Grace will read it, then unshares it; she corrects
a thank-you note, then deletes it. Every form and question is looked at 1280 and 375 px
wide, and nothing scrolls sideways on the phone.
"""

import re
from typing import Any

from alongside.tests.browser_steps import BROWSER, NO_SIDEWAYS_SCROLL, expect, section, signed_in
from conftest import make_meeting, screenshot

pytestmark = BROWSER

NOTE = "We agreed the outage story opens the talk."
NOTE_EDITED = "We agreed the outage story opens the talk, and the demo closes it."
ENTRY = "I said no to the extra project today, and nobody was angry."
THANKS = "Thank you for the rehearsal on Tuesday."
THANKS_EDITED = "Thank you for the rehearsal on Tuesday, and for the honest notes."


def both_widths(page: Any, name: str) -> None:
    """A screenshot at 1280 and at 375 px; on the phone nothing may scroll sideways."""
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, f"undo-{name}-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{name} scrolls sideways at 375 px"
    screenshot(page, f"undo-{name}-375")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_ada_corrects_and_takes_back_what_she_wrote(
    new_page: Any, pair: Any, mentee: Any, mentor: Any
) -> None:
    from alongside.growth import services as growth
    from alongside.growth.models import Appreciation, JournalEntry
    from alongside.meetings import services as meetings
    from alongside.meetings.models import Note

    meeting = make_meeting(pair, title="Talk rehearsal")
    meetings.note_add(meeting=meeting, author=mentee, body=NOTE, visibility="shared")
    meetings.agenda_add(meeting=meeting, author=mentee, text="The opening two minutes")
    meetings.action_item_add(meeting=meeting, author=mentor, text="Book a room", owner=mentee)
    growth.journal_write(author=mentee, body=ENTRY, mentorship=pair)
    growth.appreciation_send(mentorship=pair, author=mentee, message=THANKS)

    ada = signed_in(new_page, mentee.email)
    grace = signed_in(new_page, mentor.email)
    meeting_url = f"{ada.base}/meetings/{meeting.public_id}/"
    timeline_url = f"{ada.base}/mentorships/{pair.public_id}/timeline/"

    # Ada corrects her note.
    ada.goto(meeting_url)
    notes = section(ada, "^Notes$")
    notes.get_by_role("link", name="Edit note").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("Edit your note")
    expect(ada.get_by_role("textbox", name="Note")).to_have_value(NOTE)
    ada.get_by_role("textbox", name="Note").fill(NOTE_EDITED)
    both_widths(ada, "edit-note")
    ada.get_by_role("button", name="Save changes").click()
    expect(ada.get_by_text("Your note is saved.")).to_be_visible()
    assert ada.url == meeting_url + "#notes"
    expect(section(ada, "^Notes$").get_by_text(NOTE_EDITED)).to_be_visible()

    # Grace reads the new words, marked edited, and cannot change them.
    grace.goto(meeting_url)
    grace_note = section(grace, "^Notes$").locator("article.note").filter(has_text=NOTE_EDITED)
    expect(grace_note.locator(".edited")).to_have_text("edited")
    expect(grace_note.get_by_role("link", name="Edit note")).to_have_count(0)
    grace.goto(timeline_url)
    expect(grace.get_by_text(re.compile("and the demo closes it"))).to_be_visible()

    # A bad edit is refused beside the field, and the note keeps its words.
    ada.goto(meeting_url)
    section(ada, "^Notes$").get_by_role("link", name="Edit note").click()
    ada.get_by_role("textbox", name="Note").fill("   ")
    ada.get_by_role("button", name="Save changes").click()
    expect(ada.locator(".field.has-error")).to_contain_text("This field is required.")
    assert Note.objects.get().body == NOTE_EDITED

    # Then she takes it back, after a page that asks.
    ada.goto(meeting_url)
    section(ada, "^Notes$").get_by_role("link", name="Delete note").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("Delete your note?")
    expect(ada.locator("blockquote")).to_contain_text(NOTE_EDITED)
    both_widths(ada, "delete-note")
    ada.get_by_role("button", name="Delete").click()
    expect(ada.get_by_text("Your note is deleted.")).to_be_visible()
    expect(section(ada, "^Notes$").get_by_text(NOTE_EDITED)).to_have_count(0)
    grace.goto(timeline_url)
    expect(grace.get_by_text(re.compile("outage story"))).to_have_count(0)
    assert not Note.objects.exists()

    # Covered and done, undone.
    ada.goto(meeting_url)
    agenda = section(ada, "^Agenda$")
    agenda.get_by_role("button", name="Mark covered").click()
    expect(section(ada, "^Agenda$").get_by_text("✓ covered")).to_be_visible()
    both_widths(ada, "meeting-undo")
    section(ada, "^Agenda$").get_by_role("button", name="Undo covered").click()
    expect(ada.get_by_text("Marked as not covered yet.")).to_be_visible()
    expect(section(ada, "^Agenda$").get_by_role("button", name="Mark covered")).to_be_visible()
    section(ada, "action items").get_by_role("button", name="Done").click()
    reopen = ada.get_by_role("button", name=re.compile("^Reopen"))
    expect(reopen).to_be_visible()
    reopen.click()
    expect(ada.get_by_text("The action item is open again.")).to_be_visible()
    expect(ada.locator("li.action-item").filter(has_text="Book a room")).to_have_count(1)
    expect(ada.locator("li.done-item")).to_have_count(0)

    # Sharing a journal entry asks first, naming who will read it; then she unshares it.
    ada.goto(f"{ada.base}/journal/")
    ada.get_by_role("link", name=re.compile("^Share this entry with Grace")).click()
    expect(ada.get_by_text("Grace will be able to read this.")).to_be_visible()
    both_widths(ada, "share-journal")
    ada.get_by_role("button", name="Share with Grace").click()
    expect(ada.get_by_text(re.compile("^Shared: a copy is on your timeline"))).to_be_visible()
    grace.goto(timeline_url)
    expect(grace.get_by_text(re.compile("nobody was angry")).first).to_be_visible()
    ada.get_by_role("button", name="Unshare: make it private again").click()
    expect(ada.get_by_text("Unshared: only you can read this entry again.")).to_be_visible()
    grace.goto(timeline_url)
    expect(grace.get_by_text(re.compile("nobody was angry"))).to_have_count(0)
    assert JournalEntry.objects.get().shared_at is None

    # A thank-you note, corrected on the timeline, then taken back.
    ada.goto(timeline_url)
    ada.get_by_role("link", name="Edit thank-you note").click()
    ada.get_by_role("textbox", name="Say thank you").fill(THANKS_EDITED)
    ada.get_by_role("button", name="Save changes").click()
    expect(ada.locator("blockquote").filter(has_text=THANKS_EDITED)).to_be_visible()
    grace.goto(timeline_url)
    thanks_item = grace.locator("li.tl-item").filter(has_text=THANKS_EDITED)
    expect(thanks_item.locator(".edited")).to_be_visible()
    both_widths(grace, "timeline-edited")
    ada.get_by_role("link", name="Delete thank-you note").click()
    both_widths(ada, "delete-thanks")
    ada.get_by_role("button", name="Delete").click()
    expect(ada.get_by_text("Your thank-you note is deleted.")).to_be_visible()
    grace.goto(timeline_url)
    expect(grace.get_by_text(re.compile("rehearsal on Tuesday"))).to_have_count(0)
    assert not Appreciation.objects.exists()
