"""Every main page, checked by axe-core in a real chromium, and on a 375 px phone.

Ada (the mentee) has a pair with something on every page: an agreement both signed, a goal
with milestones, a meeting with agenda, notes and an action item, a check-in, thanks, a
resource and a journal entry. axe must find nothing "moderate", "serious" or "critical" on any
page (only "minor" best-practice hints may stay), and
no page may scroll sideways on a phone. Sign-in and sign-up are checked signed out.

The program admin's pages (insights, pairs at risk) are checked, with no violation of any
impact allowed, in alongside/insights/tests/test_browser_insights.py.
"""

from typing import Any

import pytest

from alongside.tests.browser_steps import BROWSER, signed_in
from conftest import agreement, make_checkin, make_goal, make_meeting, make_program

pytestmark = BROWSER

BLOCKING = {"moderate", "serious", "critical"}
PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def content(mentee, mentor, pair) -> dict[str, str]:
    """The pair's history, built with the services; the paths of the pages to check."""
    from alongside.goals import services as goals
    from alongside.growth import services as growth
    from alongside.meetings import services as meetings
    from alongside.people.services import token_create
    from alongside.threads import services as threads

    agreement(
        pair,
        hopes="Speak up in design reviews; give a talk at the local meetup.",
        offers="Rehearsals, honest feedback on drafts, and my meetup contacts.",
    )
    goal = make_goal(
        pair,
        title="Give my first meetup talk",
        objective="Give a 20-minute talk at the local Python meetup.",
        measure="The talk is given and three people give me feedback.",
    )
    done = goals.milestone_add(goal=goal, author=mentee, title="Pick a topic")
    goals.milestone_complete(milestone=done, actor=mentee)
    goals.milestone_add(goal=goal, author=mentee, title="Write the outline")
    goals.comment_add(goal=goal, author=mentor, body="The outage story would make a fine topic.")
    goals.suggestion_create(goal=goal, author=mentor, note="A date helps", title="Talk in May")
    meeting = make_meeting(pair, title="Talk rehearsal", place="https://meet.example.org/ada-grace")
    agenda = meetings.agenda_add(meeting=meeting, author=mentee, text="The opening two minutes")
    covered = meetings.agenda_add(meeting=meeting, author=mentee, text="Slides or no slides")
    meetings.agenda_cover(item=covered, actor=mentor)  # with its "Undo"
    note = meetings.note_add(
        meeting=meeting, author=mentee, body="The outage story opens best.", visibility="shared"
    )
    meetings.note_add(
        meeting=meeting, author=mentee, body="I am scared of the Q&A.", visibility="private"
    )
    meetings.action_item_add(
        meeting=meeting, author=mentor, text="Rewrite the opening", owner=mentee
    )
    done = meetings.action_item_add(
        meeting=meeting, author=mentor, text="Book a room", owner=mentor
    )
    meetings.action_item_complete(item=done, actor=mentor)  # with its "Reopen"
    checkin = make_checkin(
        pair,
        wins="Spoke up twice in the design review.",
        challenges="Nervous before the meetup.",
        feeling=4,
        ratings={"Python": 3, "Public speaking": 2},
    )
    growth.checkin_reply(checkin=checkin, author=mentor, reply="Two times! Well done.")
    thanks = growth.appreciation_send(
        mentorship=pair, author=mentor, message="You were great on stage."
    )
    resource = growth.resource_share(
        mentorship=pair,
        author=mentor,
        title="Notes on pacing",
        url="https://example.org/pacing",
        note="The part on pauses is what you asked about.",
    )
    entry = growth.journal_write(author=mentee, body="Nervous, but ready.", mentorship=pair)
    shared = growth.journal_write(author=mentee, body="I said no today.", mentorship=pair)
    growth.journal_share(entry=shared, author=mentee)  # with its "Unshare"
    token_create(person=mentee, name="my laptop")
    from alongside.insights.models import Survey

    Survey.objects.create(program=pair.program)  # the end-of-program survey is open
    threads.message_post(
        mentorship=pair,
        author=mentor,
        body="Found this on pacing: https://example.org/pacing\nBring questions on Tuesday.",
    )
    threads.message_post(
        mentorship=pair,
        author=mentee,
        body="Thanks! I will read it before the rehearsal.",
        ref_kind="goal",
        ref_id=goal.public_id,
    )
    regret = threads.message_post(mentorship=pair, author=mentor, body="Wrong thread, sorry")
    threads.message_delete(message=regret, actor=mentor)
    m = f"/mentorships/{pair.public_id}"
    return {
        "home": "/",
        "find a mentor": "/people/?mentors=1",
        "person": f"/people/{mentor.public_id}/",
        "profile": "/profile/",
        "API tokens": "/profile/tokens/",
        "export your data": "/profile/export/",
        "delete your account": "/profile/delete/",
        "security": "/profile/security/",
        "sessions": "/profile/sessions/",
        "two-factor": "/profile/two-factor/",
        "mentorship": f"{m}/",
        "messages": f"{m}/messages/",
        "agreement": f"{m}/agreement/",
        "end early": f"{m}/end/",
        "complete": f"{m}/complete/",
        "goal": f"/goals/{goal.public_id}/",
        "meeting": f"/meetings/{meeting.public_id}/",
        "schedule": f"{m}/meetings/new/",
        "growth": f"{m}/growth/",
        "timeline": f"{m}/timeline/",
        "resources": f"{m}/resources/",
        "journal": "/journal/",
        "report": f"{m}/report/",
        "end-of-program survey": f"{m}/survey/",
        "calendar": "/calendar/",
        "notifications": "/notifications/",
        "notification settings": "/notifications/settings/",
        # Correcting and taking back (the mentee's own); the mentor's are below.
        "edit a note": f"/notes/{note.public_id}/edit/",
        "delete a note": f"/notes/{note.public_id}/delete/",
        "edit an agenda item": f"/agenda/{agenda.public_id}/edit/",
        "edit a check-in": f"/checkins/{checkin.public_id}/edit/",
        "edit a journal entry": f"/journal/{entry.public_id}/edit/",
        "share a journal entry": f"/journal/{entry.public_id}/share/",
        "delete a journal entry": f"/journal/{entry.public_id}/delete/",
        "edit a thank-you": f"/thanks/{thanks.public_id}/edit/",
        "edit a resource": f"/resources/{resource.public_id}/edit/",
        "edit a reply": f"/checkins/{checkin.public_id}/reply/edit/",
        "delete a reply": f"/checkins/{checkin.public_id}/reply/delete/",
        "edit an action item": f"/action-items/{done.public_id}/edit/",
    }


def blocking_violations(page: Any) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING]


def readable(name: str, violations: list[dict[str, Any]]) -> list[str]:
    """One line per violation: page, rule, impact, what to do, where (the first nodes)."""
    lines = []
    for v in violations:
        targets = [", ".join(node["target"]) for node in v["nodes"][:3]]
        more = f" (+{len(v['nodes']) - 3} more)" if len(v["nodes"]) > 3 else ""
        lines.append(f"{name}: {v['id']} [{v['impact']}] {v['help']}: {targets}{more}")
    return lines


def scrolls_sideways(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth > window.innerWidth"))


def check(page: Any, pages: dict[str, str]) -> list[str]:
    """Each page wide and on a phone: axe on both, and no sideways scrolling on the phone.

    Folded parts (<details>: edit forms, history) are opened first, so that axe sees the
    forms behind them too."""
    problems: list[str] = []
    for name, path in pages.items():
        page.set_viewport_size(DESKTOP)
        response = page.goto(page.base + path)
        assert response is not None and response.status == 200, (name, path)
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        found = blocking_violations(page)
        page.set_viewport_size(PHONE)
        phone = [v for v in blocking_violations(page) if v["id"] not in {f["id"] for f in found}]
        problems += readable(name, found) + readable(f"{name} at 375 px", phone)
        if scrolls_sideways(page):
            width = page.evaluate("document.documentElement.scrollWidth")
            problems.append(f"{name}: {width} px wide on a 375 px phone ({path})")
    return problems


MENTORS_OWN = ("edit a thank-you", "edit a resource", "edit a reply", "delete a reply")
MENTORS_OWN += ("edit an action item",)


def test_the_pages_of_a_mentee_have_no_serious_accessibility_problems(new_page, content, mentee):
    mine = {k: v for k, v in content.items() if k not in MENTORS_OWN}
    problems = check(signed_in(new_page, mentee.email), mine)
    assert not problems, "\n" + "\n".join(problems)


def test_the_forms_only_the_mentor_sees_have_none_either(new_page, content, mentor):
    """The suggestion form on a goal, the reply to a check-in, the mentor's home."""
    wanted = ("home", "mentorship", "goal", "meeting", "growth", "timeline", *MENTORS_OWN)
    wanted = ("home", "mentorship", "messages", "goal", "meeting", "growth", "timeline")
    problems = check(signed_in(new_page, mentor.email), {k: content[k] for k in wanted})
    assert not problems, "\n" + "\n".join(problems)


def test_sign_in_and_sign_up_have_no_serious_accessibility_problems(new_page, db):
    page = new_page()
    problems = check(page, {"sign in": "/signin/", "sign up": "/signup/", "home": "/"})
    assert not problems, "\n" + "\n".join(problems)


def test_the_closing_pages_have_none_either(new_page, content, mentee, mentor, pair):
    """Confirming a proposed completion, then the closing summary and the reopen offer."""
    from alongside.mentorships import services

    services.mentorship_complete(mentorship=pair, actor=mentor, reflection="Ada leads now.")
    m = f"/mentorships/{pair.public_id}"
    page = signed_in(new_page, mentee.email)
    problems = check(page, {"confirm completing": f"{m}/complete/", "closing": f"{m}/"})
    services.mentorship_complete(mentorship=pair, actor=mentee, reflection="Thank you.")
    problems += check(page, {"completed": f"{m}/", "home after": "/"})
    assert not problems, "\n" + "\n".join(problems)


def test_the_program_console_and_the_suggestions_have_none_either(
    new_page, mentee, mentor, program_admin
):
    """The admin's console (participants, invitations with a link and an invitation,
    import, settings, admins, the enrollment page), the admin's home with its block; the
    invite link's page, the enrollment page and the suggestions for a mentee."""
    from alongside.programs.invitations import invitations_send, invite_link_set
    from alongside.programs.services import enrollment_create

    program = make_program(
        program_admin, slug="speakers", name="Speakers circle", matching="mentee_choice"
    )
    enrollment_create(
        program=program,
        person=mentor,
        role="mentor",
        capacity=2,
        answers={"skills_offered": ["Public speaking"], "languages": ["English"]},
    )
    enrollment_create(
        program=program,
        person=mentee,
        role="mentee",
        answers={"skills_wanted": ["Public speaking"], "languages": ["English"]},
    )
    invitations_send(
        program=program, actor=program_admin, emails=["nia@example.org"], role="mentee"
    )
    program = invite_link_set(program=program, actor=program_admin, on=True)
    p = f"/programs/{program.public_id}"
    admin_pages = {
        "home of an admin": "/",
        "programs": "/programs/",
        "console": f"{p}/",
        "console filtered to nobody": f"{p}/?q=nobody",
        "invitations": f"{p}/invitations/",
        "settings": f"{p}/settings/",
        "admins": f"{p}/admins/",
        "import": f"{p}/import/",
        "enroll as the admin": f"{p}/enroll/",
    }

    def patient(person: Any) -> Any:
        # Many pages in a row on a shared machine: wait longer than the default for each.
        def opened(**kw: Any) -> Any:
            page = new_page(**kw)
            page.set_default_timeout(30_000)
            return page

        return signed_in(opened, person.email)

    problems = check(patient(program_admin), admin_pages)
    mentee_pages = {
        "program as a mentee": f"{p}/",
        "suggestions": f"{p}/suggestions/",
        "invite link page": f"/join/{program.invite_token}/",
    }
    problems += check(patient(mentee), mentee_pages)
    assert not problems, "\n" + "\n".join(problems)


def test_the_messages_page_has_no_accessibility_violation_at_all(new_page, content, mentor):
    """The thread, as its newest page with the form, cards, a deleted message and the
    actions opened: not one axe violation of any impact, wide or on a phone."""
    from axe_playwright_python.sync_playwright import Axe

    page = signed_in(new_page, mentor.email)
    problems = []
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        page.goto(page.base + content["messages"])
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        violations = Axe().run(page).response["violations"]
        problems += readable(f"messages at {size['width']} px", violations)
    assert not problems, "\n" + "\n".join(problems)
