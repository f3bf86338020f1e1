"""Matching in a real browser, at 1280 and 375 px: Sam (staff) creates a program, imports
its people from a CSV with one bad row, fixes it and imports again, runs matching, opens
one pair's explanation, locks that pair, runs again, and publishes. Ada (a mentee) and
Grace (her mentor) each confirm; Eve, never invited, is refused."""

from typing import Any

import pytest

# Loaded here, before the live server's first run: the first import of numpy, SciPy,
# scikit-learn and OR-Tools takes seconds on a busy machine, longer than a click waits.
import alongside.matching.engine  # noqa: F401
from alongside.tests.browser_steps import BROWSER, NO_SIDEWAYS_SCROLL, expect, signed_in
from conftest import screenshot

pytestmark = BROWSER

HEADER = "email,name,role,capacity,skills_wanted,skills_offered,goals,timezone,languages\n"
ROWS = (
    "ada@example.org,Ada Mentee,mentee,,public speaking,,Speak at a conference,"
    "America/New_York,English\n"
    "nia@example.org,Nia Newcomer,mentee,,finance;budgets,,Own a budget,Europe/Paris,French\n"
    "tom@example.org,Tom Reyes,mentee,,finance,,Read a balance sheet,Europe/Madrid,Spanish\n"
    "grace@example.org,Grace Mentor,mentor,1,,public speaking;leadership,Conference talks,"
    "Europe/Berlin,English\n"
    "olu@example.org,Olu Banks,mentor,,,finance;budgets,Finance for managers,Africa/Lagos,"
    "French;Spanish\n"
)


def wide(page: Any, width: int) -> None:
    if width == 375:
        assert page.evaluate(NO_SIDEWAYS_SCROLL)


@pytest.mark.parametrize("width", [1280, 375])
def test_an_admin_matches_a_program_and_both_members_confirm(
    new_page: Any, staff: Any, mentee: Any, mentor: Any, outsider: Any, tmp_path: Any, width: int
) -> None:
    page = signed_in(new_page, staff.email, width=width)
    page.goto(page.base + "/programs/new/")
    page.get_by_label("Name").fill("Autumn circle")
    page.get_by_label("CSV import").check()
    page.get_by_label("Admins match").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Autumn circle")

    # The import: Olu's row has no capacity; fixed, the file goes in.
    page.get_by_role("link", name="Import", exact=True).click()
    bad = tmp_path / "autumn.csv"
    bad.write_text(HEADER + ROWS)
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("alert").get_by_role("row", name="6")).to_contain_text("capacity")
    fixed = tmp_path / "autumn-fixed.csv"
    fixed.write_text(HEADER + ROWS.replace("mentor,,,finance", "mentor,2,,finance"))
    page.get_by_label("CSV file").set_input_files(str(fixed))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("status")).to_contain_text("Imported: 5 enrolled")

    # A run: three pairs, each explained.
    page.get_by_role("link", name="Matching runs", exact=True).click()
    expect(page.get_by_text("No run yet.")).to_be_visible()
    page.get_by_label("Lowest acceptable score").fill("0.1")
    page.get_by_role("button", name="Run matching").click()
    expect(page.get_by_role("status")).to_contain_text("The run matched 3 mentees")
    pairs = page.locator("table.pairs")
    expect(pairs.get_by_role("row", name="Ada Mentee")).to_contain_text("Grace Mentor")
    expect(pairs.get_by_role("row", name="Tom Reyes")).to_contain_text("both speak Spanish")
    wide(page, width)
    screenshot(page, f"matching-run-{width}")

    # One pair's explanation, factor by factor; lock it.
    pairs.get_by_role("link", name="Ada Mentee").click()
    expect(page.get_by_role("heading", name="Why this pair")).to_be_visible()
    factors = page.locator("table.factors")
    expect(factors.get_by_role("row", name="Skills wanted vs offered")).to_contain_text("1.00")
    expect(page.get_by_text("1 of 1 wanted skill (public speaking)")).to_be_visible()
    page.get_by_role("button", name="Lock this pair").click()
    expect(page.get_by_role("status")).to_contain_text("locked; a re-run keeps this pair")
    expect(page.get_by_role("button", name="Unlock this pair")).to_be_visible()
    wide(page, width)
    screenshot(page, f"matching-pair-{width}")

    # Run again: Ada's pair stays, locked.
    page.get_by_role("link", name="Run of").click()
    page.get_by_role("button", name="Run again, keeping the locked pairs").click()
    expect(page.get_by_role("status")).to_contain_text("A new run keeps the locked pairs")
    expect(page.get_by_text("re-run of")).to_be_visible()
    ada_row = page.locator("table.pairs").get_by_role("row", name="Ada Mentee")
    expect(ada_row).to_contain_text("locked by the admin")
    expect(
        ada_row.get_by_role("button", name="Unlock Ada Mentee with Grace Mentor")
    ).to_be_visible()
    page.get_by_role("button", name="Publish 3 pairs").click()
    expect(page.get_by_role("status")).to_contain_text("Published")
    expect(page.get_by_text("Published on")).to_be_visible()
    wide(page, width)
    screenshot(page, f"matching-published-{width}")
    run_url = page.url

    # Ada, then Grace, confirm the pair the program proposed.
    for person, after in ((mentee, "You confirmed."), (mentor, "Active")):
        member = signed_in(new_page, person.email, width=width)
        member.get_by_role("link", name="Your program suggests").click()
        expect(
            member.get_by_role("heading", name="Your program suggests this pair")
        ).to_be_visible()
        member.get_by_role("button", name="Confirm").click()
        expect(member.get_by_role("main")).to_contain_text(after)
        wide(member, width)
        screenshot(member, f"matching-confirmed-by-{person.name.split()[0].lower()}-{width}")

    # Eve was never invited: neither the program, nor its run, nor its matching exist for her.
    eve = signed_in(new_page, outsider.email, width=width)
    for path in (run_url, run_url.rsplit("/matching/", 1)[0] + "/matching/"):
        response = eve.goto(path)
        assert response is not None and response.status == 404
    screenshot(eve, f"matching-outsider-{width}")


def test_the_matching_pages_have_no_serious_accessibility_problems(
    new_page: Any, cohort: Any, program_admin: Any, mentee: Any
) -> None:
    from alongside.matching.models import MatchingRun
    from alongside.matching.services import matching_run
    from alongside.tests.test_accessibility import check

    run = matching_run(program=cohort, actor=program_admin)
    assert isinstance(run, MatchingRun)
    base = f"/programs/{cohort.public_id}/matching/"
    pages = {
        "runs": base,
        "run": f"{base}{run.public_id}/",
        "pair": f"{base}{run.public_id}/pairs/{mentee.public_id}/",
    }
    problems = check(signed_in(new_page, program_admin.email), pages)
    assert not problems, "\n".join(problems)
