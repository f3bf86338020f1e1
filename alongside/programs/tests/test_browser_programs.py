"""The program admin's import, in a real browser at 1280 and 375 px: Morgan uploads a CSV
with one bad row, reads the line and the reason, fixes the row and imports again, then
finds the new participants on the program's page and filters them."""

from typing import Any

import pytest

from alongside.tests.browser_steps import BROWSER, expect, signed_in
from conftest import screenshot

pytestmark = BROWSER

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= 375"
HEADER = "email,name,role,capacity,skills_offered,timezone,department\n"
ROWS = (
    "nia@example.org,Nia Newcomer,mentee,,,Europe/Paris,Data\n"
    "olu@example.org,Olu Mentor,mentor,,Leadership;Python,Africa/Lagos,Platform\n"
)


@pytest.mark.parametrize("width", [1280, 375])
def test_an_admin_imports_a_file_fixes_a_bad_row_and_finds_the_participants(
    new_page: Any, cohort: Any, program_admin: Any, tmp_path: Any, width: int
) -> None:
    page = signed_in(new_page, program_admin.email, patient=True, width=width)
    page.goto(page.base + f"/programs/{cohort.public_id}/")
    page.get_by_role("link", name="Import", exact=True).click()
    bad = tmp_path / "people.csv"
    bad.write_text("\ufeff" + HEADER + ROWS)
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("nothing was imported")
    expect(alert.get_by_role("row", name="3")).to_contain_text("capacity: Give how many mentees")
    screenshot(page, f"program-import-bad-row-{width}")
    if width == 375:
        assert page.evaluate(NO_SIDEWAYS_SCROLL)

    fixed = tmp_path / "people-fixed.csv"
    fixed.write_text(HEADER + ROWS.replace("mentor,,", "mentor,2,"))
    page.get_by_label("CSV file").set_input_files(str(fixed))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("status")).to_contain_text("Imported: 2 enrolled")
    expect(page.get_by_role("table")).to_contain_text("olu@example.org")
    page.get_by_label("Role").select_option("mentor")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("1 participant matches these filters.")).to_be_visible()
    screenshot(page, f"program-participants-{width}")
    if width == 375:
        assert page.evaluate(NO_SIDEWAYS_SCROLL)


def test_the_program_pages_have_no_serious_accessibility_problems(
    new_page: Any, cohort: Any, program_admin: Any, mentee: Any, staff: Any
) -> None:
    from alongside.tests.test_accessibility import check

    pages = {
        "programs": "/programs/",
        "program console": f"/programs/{cohort.public_id}/",
        "import": f"/programs/{cohort.public_id}/import/",
        "settings": f"/programs/{cohort.public_id}/settings/",
        "admins": f"/programs/{cohort.public_id}/admins/",
    }
    problems = check(signed_in(new_page, program_admin.email), pages)
    problems += check(
        signed_in(new_page, mentee.email), {"program as a member": pages["program console"]}
    )
    problems += check(signed_in(new_page, staff.email), {"new program": "/programs/new/"})
    assert not problems, "\n" + "\n".join(problems)
