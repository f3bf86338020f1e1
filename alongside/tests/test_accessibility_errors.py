"""The pages as a person sees them after a failed submit: the form comes back with its
errors, folded parts (<details>) open. axe finds nothing moderate, serious or critical on
any of them, wide or on a 375 px phone; the title says there is an error; and the focus is
on the first field in error (or the error summary), in view, where the person was typing,
not at the top of a long page.
"""

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from django.utils import timezone as tz

from alongside.tests import test_accessibility
from alongside.tests.browser_steps import BROWSER, signed_in
from alongside.tests.test_accessibility import (
    DESKTOP,
    PHONE,
    blocking_violations,
    readable,
)

content = test_accessibility.content  # the pair's history and its pages, a fixture

pytestmark = BROWSER

FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  return {
    invalid: el.getAttribute('aria-invalid') === 'true',
    alert: !!el.closest('[role=alert]'),
    name: el.getAttribute('name') || el.id,
    visible: box.top >= 0 && box.top < window.innerHeight,
    top: Math.round(box.top),
  };
}"""


@dataclass(frozen=True)
class Failing:
    """A page, what to type (label -> text; '' empties the field), and the button that
    sends the form in error (the first of that name, or the one in `within`)."""

    path: str
    button: str
    fill: dict[str, str] = field(default_factory=dict)
    choose: dict[str, str] = field(default_factory=dict)  # label of a <select> -> option
    within: str | None = None  # a CSS selector of the form's container


def failed_submit(page: Any, case: Failing) -> int:
    page.set_viewport_size(DESKTOP)
    page.goto(page.base + case.path)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    scope = page.locator(case.within) if case.within else page
    for label, text in case.fill.items():
        scope.get_by_label(label, exact=True).first.fill(text)
    for label, option in case.choose.items():
        scope.get_by_label(label, exact=True).first.select_option(label=option)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        scope.get_by_role("button", name=case.button, exact=True).first.click()
    page.wait_for_load_state()
    return answer.value.status


def check_failed(page: Any, cases: dict[str, Failing]) -> list[str]:
    problems: list[str] = []
    for name, case in cases.items():
        try:
            status = failed_submit(page, case)
        except Exception as exc:  # noqa: BLE001 - name the case, then go on with the others
            problems.append(f"{name}: could not send the form: {str(exc).splitlines()[0]}")
            continue
        if status not in (400, 409, 422):
            problems.append(f"{name}: the submit answered {status}, not an error")
            continue
        if not page.title().startswith("Error: "):
            problems.append(f"{name}: the title does not say there is an error: {page.title()}")
        focus = page.evaluate(FOCUS)
        if not focus or not (focus["invalid"] or focus["alert"]):
            problems.append(f"{name}: the focus is not on the error ({focus})")
        elif not focus["visible"]:
            problems.append(f"{name}: the field in error is out of view ({focus})")
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        found = blocking_violations(page)
        page.set_viewport_size(PHONE)
        seen = {v["id"] for v in found}
        phone = [v for v in blocking_violations(page) if v["id"] not in seen]
        problems += readable(name, found) + readable(f"{name} at 375 px", phone)
    return problems


@pytest.fixture
def held(pair, mentor) -> Any:
    """A meeting that started an hour ago: its feedback form is open."""
    from alongside.meetings import services as meetings

    (meeting,) = meetings.meeting_schedule(
        mentorship=pair, organizer=mentor, starts_at=tz.now() - dt.timedelta(hours=1)
    )
    return meeting


def mentee_cases(pages: dict[str, str], held: Any) -> dict[str, Failing]:
    meeting, growth, goal = pages["meeting"], pages["growth"], pages["goal"]
    too_many = ", ".join(f"Skill {i}" for i in range(13))
    return {
        "an empty agenda item": Failing(meeting, "Add to the agenda"),
        "an empty note": Failing(meeting, "Save note"),
        "an action item without words": Failing(meeting, "Add action item"),
        "an action item due on 14.03.2026": Failing(
            meeting, "Add action item", {"Action": "Send the slides", "Due": "14.03.2026"}
        ),
        "a meeting moved to no time": Failing(meeting, "Save changes", {"Starts": ""}),
        "feedback without a rating": Failing(f"/meetings/{held.public_id}/", "Give feedback"),
        "a check-in without a feeling": Failing(growth, "Save check-in"),
        "thirteen skills to track": Failing(growth, "Save skills", {"Add skills": too_many}),
        "a meeting without a start": Failing(pages["schedule"], "Schedule", {"Starts": ""}),
        "an empty milestone": Failing(goal, "Add milestone"),
        "an empty comment": Failing(goal, "Comment"),
        "a goal without a title": Failing("/mentorships/{pair}/goals/new/", "Set the goal"),
        "an empty thank-you": Failing(pages["timeline"], "Send thanks"),
        "an empty celebration": Failing(pages["timeline"], "Add to the timeline"),
        "a resource without a title": Failing(pages["resources"], "Share"),
        "an empty journal entry": Failing(pages["journal"], "Save entry"),
        "a note edited to nothing": Failing(pages["edit a note"], "Save changes", {"Note": ""}),
        "a check-in edited to nothing": Failing(
            pages["edit a check-in"],
            "Save changes",
            {"Wins since last time": "", "Challenges": ""},
            {"Confidence in Python (1-5)": "—", "Confidence in Public speaking (1-5)": "—"},
        ),
        "a journal entry edited to nothing": Failing(
            pages["edit a journal entry"], "Save changes", {"Your entry": ""}
        ),
        "a new agreement version without hopes": Failing(
            pages["agreement"], "Save as version 2", {"What Ada hopes to get": ""}
        ),
        "an early end without a reason": Failing(pages["end early"], "End the mentorship"),
        "completing without a reflection": Failing(pages["complete"], "Propose completing"),
    }


def test_a_mentee_s_failed_submits_land_on_the_error_and_pass_axe(
    new_page, content, held, pair, mentee
):
    cases = mentee_cases(content, held)
    for case_name, case in list(cases.items()):
        cases[case_name] = replace(case, path=case.path.replace("{pair}", str(pair.public_id)))
    page = signed_in(new_page, mentee.email)
    page.set_default_timeout(8_000)
    problems = check_failed(page, cases)
    assert not problems, "\n" + "\n".join(problems)


def test_the_mentor_s_failed_submits_do_too(new_page, content, mentor):
    cases = {
        "a reply edited to nothing": Failing(
            content["edit a reply"], "Save changes", {"Your reply": ""}
        ),
        "a thank-you edited to nothing": Failing(
            content["edit a thank-you"], "Save changes", {"Say thank you": ""}
        ),
        "a resource edited to no title": Failing(
            content["edit a resource"], "Save changes", {"Title": ""}
        ),
        "an empty message": Failing(content["messages"], "Send"),
    }
    page = signed_in(new_page, mentor.email)
    page.set_default_timeout(8_000)
    problems = check_failed(page, cases)
    assert not problems, "\n" + "\n".join(problems)


def test_signing_in_and_up_wrongly_lands_on_the_error_and_passes_axe(new_page, mentee):
    page = new_page()
    cases = {
        "a wrong password": Failing(
            "/signin/", "Sign in", {"Email": mentee.email, "Password": "not-the-password"}
        ),
        "an empty sign-up": Failing("/signup/", "Create account"),
    }
    problems = check_failed(page, cases)
    assert not problems, "\n" + "\n".join(problems)
