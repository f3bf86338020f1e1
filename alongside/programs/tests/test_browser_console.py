"""The program admin's console in a real browser at 1280 and 375 px: Sam (staff) creates a
program where mentees choose, makes an invite link and invites by email; Ada follows the
link, enrolls as a mentee with her answers, sees her suggested mentors with their
explanations and asks the first; Sam finds her among the participants with the filters.
Screenshots of each step go to var/screenshots/."""

from typing import Any

import pytest

from alongside.programs.models import Program
from alongside.programs.services import enrollment_create
from alongside.tests.browser_steps import BROWSER, NO_SIDEWAYS_SCROLL, expect, signed_in
from conftest import make_person, screenshot

pytestmark = BROWSER


def shot(page: Any, name: str, width: int) -> None:
    screenshot(page, f"console-{name}-{width}")
    if width == 375:
        assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{name} scrolls sideways at 375 px"


@pytest.mark.parametrize("width", [1280, 375])
def test_an_admin_runs_a_program_and_a_mentee_chooses_a_mentor(
    new_page: Any, staff: Any, mentee: Any, mentor: Any, width: int
) -> None:
    page = signed_in(new_page, staff.email, patient=True, width=width)
    page.get_by_role("link", name="Programs", exact=True).click()
    page.get_by_role("link", name="New program").click()
    page.get_by_label("Name").fill("Speakers circle")
    page.get_by_label("Description").fill("Three months to a first talk.")
    page.get_by_label("By invitation").check()
    page.get_by_label("Mentees choose").check()
    page.get_by_role("checkbox", name="Department", exact=True).uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Speakers circle is created")
    expect(page.get_by_text("Nobody takes part yet.")).to_be_visible()
    program = Program.objects.get(name="Speakers circle")
    assert "department" not in program.questions
    # Grace mentors there (enrolled by the admin, as an import would).
    enrollment_create(
        program=program,
        person=mentor,
        role="mentor",
        capacity=2,
        answers={"skills_offered": ["Public speaking"], "languages": ["English"]},
    )
    other = make_person("kim@example.org", "Kim Mentor")
    enrollment_create(
        program=program, person=other, role="mentor", capacity=1, answers={"skills_offered": ["Go"]}
    )

    page.get_by_role("link", name="Invitations").click()
    page.get_by_role("button", name="Make an invite link").click()
    expect(page.get_by_role("status")).to_contain_text("A new invite link is ready")
    link = page.get_by_label("The link to share").input_value()
    assert "/join/" in link
    page.get_by_label("Email addresses").fill("nia@example.org\nola@example.org")
    page.get_by_role("button", name="Send the invitations").click()
    expect(page.get_by_role("status")).to_contain_text("2 invitations sent")
    expect(page.get_by_text("2 invited; 0 joined.")).to_be_visible()
    shot(page, "invitations", width)

    page.get_by_role("link", name="Home").click()
    expect(page.get_by_role("heading", name="Programs you run")).to_be_visible()
    shot(page, "home", width)

    # Ada follows the link.
    ada = signed_in(new_page, mentee.email, patient=True, width=width)
    ada.goto(ada.base + "/join/" + link.rsplit("/join/", 1)[1])
    expect(ada.get_by_role("heading", level=1)).to_have_text("Take part in Speakers circle")
    ada.get_by_label("Mentor", exact=True).check()
    ada.get_by_label("Skills you want to build (mentees)").fill("Public speaking, Storytelling")
    ada.get_by_role("button", name="Enroll").click()
    # A mentor says how many mentees they take: said beside the field, the answers kept.
    expect(ada.get_by_text("Say how many mentees you take at once (0 to 20).")).to_be_visible()
    expect(ada.get_by_label("Skills you want to build (mentees)")).to_have_value(
        "Public speaking, Storytelling"
    )
    shot(ada, "enroll-error", width)
    ada.get_by_label("Mentee", exact=True).check()
    ada.get_by_label("Seniority (0 new to 10 most senior)").fill("2")
    ada.get_by_role("button", name="Enroll").click()
    expect(ada.get_by_role("status")).to_contain_text(
        "You take part in Speakers circle as a mentee"
    )
    ada.get_by_role("link", name="See the mentors suggested for you").click()
    first = ada.get_by_role("listitem").filter(has_text="Grace Mentor").first
    expect(first).to_contain_text("1 of 2 wanted skills (Public speaking)")
    shot(ada, "suggestions", width)
    first.get_by_role("button", name="Ask Grace to mentor you").click()
    expect(ada.get_by_role("status")).to_contain_text("Your request is on its way to Grace Mentor")

    # Sam finds Ada among the mentees with the filters.
    page.goto(page.base + f"/programs/{program.public_id}/")
    page.get_by_label("Role").select_option("mentee")
    page.get_by_label("Name or email").fill("ada")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("1 participant matches these filters.")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("ada@example.org")
    shot(page, "participants", width)
    page.get_by_role("link", name="Settings").click()
    shot(page, "settings", width)
