"""The export and delete pages in a real chromium, wide and on a phone: screenshots, and
axe finds no violation at all. Then an account is deleted through the page."""

from typing import Any

from alongside.tests.browser_steps import BROWSER, signed_in
from alongside.tests.test_accessibility import DESKTOP, PHONE, scrolls_sideways
from conftest import PASSWORD, screenshot

pytestmark = BROWSER


def violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [f"{v['id']} [{v['impact']}] {v['help']}: {v['nodes'][0]['target']}" for v in found]


def look(page: Any, path: str, name: str) -> list[str]:
    problems = []
    for size, suffix in ((DESKTOP, "1280"), (PHONE, "375")):
        page.set_viewport_size(size)
        response = page.goto(page.base + path)
        assert response is not None and response.status == 200
        screenshot(page, f"privacy-{name}-{suffix}")
        problems += [f"{name} at {suffix} px: {v}" for v in violations(page)]
        if size == PHONE and scrolls_sideways(page):
            problems.append(f"{name} scrolls sideways at 375 px")
    return problems


def test_the_export_and_delete_pages_read_well_and_have_no_axe_violations(
    new_page, mentee, mentor, pair
):
    from alongside.privacy.services import export_request, export_write

    export_write(export=export_request(person=mentee))
    page = signed_in(new_page, mentee.email)
    problems = look(page, "/profile/export/", "export")
    page.set_viewport_size(DESKTOP)
    page.goto(page.base + "/profile/export/")
    page.get_by_role("button", name="Prepare my export").click()
    page.get_by_text("Your export is being prepared").wait_for()
    assert page.get_by_text("Being prepared", exact=True).count() == 1
    assert page.get_by_role("link", name="Download").count() == 1
    screenshot(page, "privacy-export-asked-1280")
    problems += [f"export, asked: {v}" for v in violations(page)]
    problems += look(page, "/profile/delete/", "delete")
    # The report inside the zip, as a browser shows it.
    from alongside.privacy.build import export_build
    from alongside.privacy.tests.conftest import unzip

    page.set_viewport_size(DESKTOP)
    page.set_content(unzip(export_build(mentee).content)["report.html"].decode())
    screenshot(page, "privacy-report-1280")
    problems += [f"report: {v}" for v in violations(page)]
    assert not problems, "\n" + "\n".join(problems)


def test_a_person_deletes_their_account_through_the_page(new_page, mentee, mentor, pair):
    from alongside.people.models import Person

    page = signed_in(new_page, mentee.email)
    page.goto(page.base + "/profile/delete/")
    page.get_by_label("Your password").fill("not my password")
    page.get_by_label("I understand that this cannot be undone.").check()
    page.get_by_role("button", name="Delete my account").click()
    page.get_by_text("This is not your password.").wait_for()
    screenshot(page, "privacy-delete-wrong-1280")
    assert violations(page) == []
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("I understand that this cannot be undone.").check()
    page.get_by_role("button", name="Delete my account").click()
    page.wait_for_url(page.base + "/")
    page.get_by_text("Your account is deleted").wait_for()
    screenshot(page, "privacy-deleted-1280")
    assert Person.objects.get(pk=mentee.pk).name == "a former member"
    page.goto(page.base + "/profile/")
    assert "/signin/" in page.url
