"""The whole first journey of a pair, in a real browser, with one page for each person.

Ada (mentee) finds Grace (mentor) by a skill, asks her, Grace accepts; Ada writes the
agreement, Grace acknowledges it; Ada proposes meeting every 21 days instead of 14 with a
reason, Grace acknowledges that too, and both read the history of what changed.
"""

import datetime as dt
import re
from typing import Any

from django.utils import timezone as tz

from alongside.tests.browser_steps import (
    BROWSER,
    NO_SIDEWAYS_SCROLL,
    expect,
    fill_first_agreement,
    section,
    signed_in,
)
from conftest import screenshot

pytestmark = BROWSER

HOPES = "Speak at a conference by spring, and stop dreading the Monday stand-up."
OFFERS = "Feedback on talk drafts, two rehearsals before the big day, my contacts."
REQUEST = "I would like to get better at public speaking: I have a talk to give in May."
REASON = "Our calendars are full; three weeks gives us time to do the homework."


def test_pair_finds_each_other_agrees_and_revises(new_page: Any, mentee: Any, mentor: Any) -> None:
    from alongside.mentorships.models import AgreementVersion, Mentorship, Status, Transition
    from alongside.people.services import profile_update

    profile_update(
        person=mentor,
        headline="Engineering manager; I help quiet people find their voice",
        bio="Twelve years leading teams. I coach speakers at our local meetup.",
    )
    ada = signed_in(new_page, mentee.email)
    grace = signed_in(new_page, mentor.email)

    # 1. Ada finds Grace by a skill and asks her.
    ada.get_by_role("link", name="Find a mentor").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("Find a mentor")
    expect(ada.get_by_label("Show", exact=True)).to_have_value("mentors")
    ada.get_by_label("Name or skill").fill("public speaking")
    ada.get_by_role("button", name="Search").click()
    expect(ada.get_by_text("1 person found.")).to_be_visible()
    card = ada.locator(".person").filter(has_text="Grace Mentor")
    expect(card.get_by_role("list", name="Skills")).to_contain_text("Public speaking")
    # When Grace was last online is hers and her mentees' to know, not a stranger's.
    expect(card.locator(".meta")).to_have_text("Open to mentoring · has room for a mentee")
    screenshot(ada, "mentorship-find")

    card.get_by_role("link", name="Grace Mentor").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("Grace Mentor")
    expect(ada.locator(".lead")).to_have_text(
        "Engineering manager; I help quiet people find their voice"
    )
    expect(ada.get_by_text("Open to mentoring, up to 2 mentees")).to_be_visible()
    ada.get_by_role("link", name="Ask Grace to mentor you").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("Ask Grace Mentor to mentor you")
    ada.get_by_label("What do you hope for?").fill(REQUEST)
    screenshot(ada, "mentorship-request")
    ada.get_by_role("button", name="Send request").click()
    expect(ada.get_by_role("status")).to_contain_text("Your request is on its way to Grace Mentor.")
    expect(ada.get_by_role("heading", level=1)).to_have_text("Grace Mentor and Ada Mentee")
    expect(
        ada.get_by_role("heading", name="Your request is waiting for Grace Mentor")
    ).to_be_visible()
    expect(ada.locator(".status").first).to_have_text("Requested")
    expect(ada.get_by_role("button", name="Withdraw my request")).to_be_visible()
    expect(section(ada, "^Agreement$")).to_contain_text("written once the mentorship is active")
    screenshot(ada, "mentorship-requested")
    mentorship_url = ada.url
    assert re.search(r"/mentorships/[0-9a-f-]{36}/$", mentorship_url)

    # 2. Grace sees the request waiting on her home page, opens it and accepts.
    grace.goto(grace.base + "/")
    waiting = section(grace, "Waiting for your answer")
    expect(waiting).to_contain_text("Ada Mentee asks you to mentor them")
    mine = section(grace, "Your mentorships")
    expect(mine).to_contain_text("Mentoring Ada Mentee")
    expect(mine.locator(".status")).to_have_text("Requested")
    screenshot(grace, "mentorship-home-waiting")
    waiting.get_by_role("link", name="Ada Mentee asks you to mentor them").click()
    expect(
        grace.get_by_role("heading", name="Ada Mentee is waiting for your answer")
    ).to_be_visible()
    expect(grace.locator("blockquote")).to_have_text(REQUEST)
    expect(grace.get_by_text("Decline…")).to_be_visible()
    screenshot(grace, "mentorship-answer")

    grace_phone = signed_in(new_page, mentor.email, width=375, height=812)
    grace_phone.goto(mentorship_url)
    grace_phone.get_by_text("Decline…").click()
    expect(grace_phone.get_by_label(re.compile("^Reason"))).to_be_visible()
    assert grace_phone.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(grace_phone, "mentorship-answer-375")

    grace.get_by_role("button", name="Accept").click()
    expect(grace.get_by_role("status")).to_contain_text("You accepted the mentorship.")
    expect(grace.locator(".status").first).to_have_text("Active")
    expect(grace.get_by_role("heading", level=1)).to_have_text("Grace Mentor mentors Ada Mentee")
    expect(section(grace, "^History$")).to_contain_text("Ada Mentee asked for mentoring")
    expect(section(grace, "^History$")).to_contain_text("Grace Mentor accepted")
    expect(section(grace, "^Agreement$")).to_contain_text("No agreement yet.")
    expect(grace.get_by_role("link", name="Write the agreement")).to_be_visible()
    expect(grace.get_by_role("heading", name="Waiting for your answer")).to_have_count(0)
    screenshot(grace, "mentorship-detail")

    # 3. Ada writes the first version of the agreement.
    ada.goto(ada.base + "/")
    expect(section(ada, "Next steps")).to_contain_text("Write your agreement with Grace Mentor")
    section(ada, "Next steps").get_by_role("link", name="Write your agreement").click()
    expect(ada.get_by_role("heading", name="Write the first version")).to_be_visible()
    ends_on = tz.localdate() + dt.timedelta(days=200)
    fill_first_agreement(ada, hopes=HOPES, offers=OFFERS, ends_on=ends_on)
    screenshot(ada, "agreement-write")
    ada.get_by_role("button", name="Save as version 1").click()
    expect(ada.get_by_role("status")).to_contain_text("Saved. It is in force once")
    expect(ada.get_by_role("heading", name="Latest: version 1 (not yet in force)")).to_be_visible()
    expect(ada.get_by_text("You acknowledged it; waiting for Grace Mentor.")).to_be_visible()

    # Grace is told on her home page and on the mentorship page; she reads and acknowledges.
    grace.goto(mentorship_url)
    expect(section(grace, "^Agreement$")).to_contain_text(
        "Ada Mentee wrote version 1. It is in force once you read and acknowledge it."
    )
    grace.goto(grace.base + "/")
    steps = section(grace, "Next steps")
    expect(steps).to_contain_text(
        "Read and acknowledge version 1 of your agreement with Ada Mentee"
    )
    steps.get_by_role("link", name=re.compile("acknowledge version 1")).click()
    latest = section(grace, "Latest: version 1")
    expect(latest).to_contain_text(HOPES)
    expect(latest).to_contain_text(OFFERS)
    expect(latest).to_contain_text("Every 14 days, 45 minutes, video call")
    expect(latest).to_contain_text(ends_on.strftime("%-d %B %Y"))
    expect(latest).to_contain_text("Both pledge to keep what is shared confidential")
    grace.get_by_role("button", name="I acknowledge version 1").click()
    expect(grace.get_by_role("status")).to_contain_text(
        "You acknowledged version 1. It is now in force."
    )
    expect(grace.get_by_role("heading", name="In force: version 1")).to_be_visible()
    expect(grace.get_by_role("button", name=re.compile("I acknowledge"))).to_have_count(0)
    screenshot(grace, "agreement-v1")

    ada.reload()
    expect(ada.get_by_role("heading", name="In force: version 1")).to_be_visible()
    ada.goto(mentorship_url)
    expect(section(ada, "^Agreement$")).to_contain_text("Every 14 days, 45 minutes, video call")
    ada.goto(ada.base + "/")
    expect(ada.get_by_role("heading", name="Next steps")).to_have_count(0)

    # 4. Ada proposes meeting every 21 days instead of 14, with a reason.
    ada.goto(mentorship_url)
    ada.get_by_role("link", name="Open the agreement").click()
    expect(ada.get_by_role("heading", name="Propose a change")).to_be_visible()
    expect(ada.get_by_label("Meet every … days")).to_be_hidden()
    ada.get_by_text("Edit the terms").click()
    expect(ada.get_by_label("Meet every … days")).to_have_value("14")
    ada.get_by_label("Meet every … days").fill("21")
    ada.get_by_label("Reason for this version").fill(REASON)
    ada.get_by_role("button", name="Save as version 2").click()
    expect(ada.get_by_role("heading", name="Latest: version 2 (not yet in force)")).to_be_visible()
    expect(ada.get_by_role("heading", name="Still in force: version 1")).to_be_visible()

    grace.goto(grace.base + "/")
    steps = section(grace, "Next steps")
    expect(steps).to_contain_text(
        "Read and acknowledge version 2 of your agreement with Ada Mentee"
    )
    screenshot(grace, "mentorship-home-next-step")
    grace.goto(mentorship_url)
    expect(section(grace, "^Agreement$")).to_contain_text("Every 14 days")
    expect(section(grace, "^Agreement$")).to_contain_text(
        "Ada Mentee wrote version 2, a change to the version in force."
    )
    grace.get_by_role("link", name="Read and acknowledge version 2").click()
    latest = section(grace, "Latest: version 2")
    expect(latest).to_contain_text("Every 21 days")
    expect(latest).to_contain_text(REASON)
    proposed = latest.get_by_role("table", name="What changed in version 2")
    proposed_row = proposed.get_by_role("row", name=re.compile("Meet every"))
    expect(proposed_row.get_by_role("cell")).to_have_text(["14", "21"])
    expect(section(grace, "Still in force: version 1")).to_contain_text("Every 14 days")
    screenshot(grace, "agreement-v2-waiting")
    grace.get_by_role("button", name="I acknowledge version 2").click()
    expect(grace.get_by_role("status")).to_contain_text(
        "You acknowledged version 2. It is now in force."
    )

    for page in (grace, ada):
        page.goto(mentorship_url + "agreement/")
        expect(page.get_by_role("heading", name="In force: version 2")).to_be_visible()
        expect(page.get_by_role("heading", name="Still in force")).to_have_count(0)
        history = section(page, "^History$")
        expect(history).to_contain_text("Version 2 by Ada Mentee")
        expect(history).to_contain_text(REASON)
        expect(history).to_contain_text("Version 1 by Ada Mentee")
        expect(history).to_contain_text("First version")
        changes = history.get_by_role("table", name="What changed in version 2")
        expect(changes.get_by_role("row")).to_have_count(2)
        row = changes.get_by_role("row", name=re.compile("Meet every"))
        expect(row.get_by_role("cell")).to_have_text(["14", "21"])
    screenshot(ada, "agreement-history")

    # The mentorship page on a phone.
    phone = signed_in(new_page, mentee.email, width=375, height=812)
    phone.goto(mentorship_url)
    expect(section(phone, "^Agreement$")).to_contain_text("Every 21 days, 45 minutes, video call")
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(phone, "mentorship-detail-375")
    phone.get_by_role("link", name="Open the agreement").click()
    # Measured once the agreement page has loaded, not while the click navigates there
    # (the old document is gone: "Cannot read properties of null").
    phone.wait_for_url(re.compile(r"/agreement/$"))
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(phone, "agreement-375")

    # And in the database.
    mentorship = Mentorship.objects.get()
    assert (mentorship.mentor, mentorship.mentee) == (mentor, mentee)
    assert mentorship.status == Status.ACTIVE
    assert mentorship.requested_by == mentee
    assert mentorship.message == REQUEST
    assert mentorship.started_at is not None
    versions = list(AgreementVersion.objects.filter(mentorship=mentorship).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert [v.meeting_every_days for v in versions] == [14, 21]
    assert all(v.mentee_acknowledged_at and v.mentor_acknowledged_at for v in versions)
    assert all(v.in_force and v.author == mentee and v.confidentiality for v in versions)
    assert versions[0].reason == "First version"
    assert versions[1].reason == REASON
    assert (versions[1].ends_on, versions[1].channel, versions[1].meeting_minutes) == (
        ends_on,
        "video",
        45,
    )
    transitions = list(
        Transition.objects.filter(mentorship=mentorship).values_list(
            "from_status", "to_status", "actor"
        )
    )
    assert transitions == [
        ("", Status.REQUESTED, mentee.pk),
        (Status.REQUESTED, Status.ACTIVE, mentor.pk),
    ]
