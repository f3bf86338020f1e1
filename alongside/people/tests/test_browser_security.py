"""Security in a real browser, at 1280 and 375 px, with axe on every page: Ada reads her
Security page, turns on two-factor sign-in by scanning (here: reading) the key, keeps her
recovery codes, signs in again with one, and sees her browsers. Morgan, a program admin
on a site that requires two factors, is sent to setup before anything else."""

from typing import Any

import pyotp
import pytest

from alongside.tests.browser_steps import BROWSER, expect, fill_sign_in
from alongside.tests.test_accessibility import blocking_violations, readable, scrolls_sideways
from conftest import screenshot

pytestmark = BROWSER


def accessible(page: Any, name: str, width: int) -> None:
    problems = readable(name, blocking_violations(page))
    if width == 375 and scrolls_sideways(page):
        problems.append(f"{name}: scrolls sideways on a 375 px phone")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [1280, 375])
def test_ada_turns_on_two_factor_and_signs_in_with_a_recovery_code(
    new_page: Any, mentee: Any, width: int
) -> None:
    page = new_page(width=width)
    fill_sign_in(page, mentee.email)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello,")
    page.goto(page.base + "/profile/")
    page.get_by_role("link", name="Security").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Security")
    expect(page.get_by_role("region", name="Security events")).to_contain_text("Signed in")
    accessible(page, "security", width)
    screenshot(page, f"security-page-{width}")

    page.get_by_role("link", name="Turn on two-factor sign-in").click()
    accessible(page, "two-factor (off)", width)
    page.get_by_role("button", name="Set up two-factor sign-in").click()
    expect(page.get_by_role("img", name="QR code to add Alongside")).to_be_visible()
    accessible(page, "two-factor setup", width)
    screenshot(page, f"twofactor-setup-{width}")
    secret = page.locator("code.secret").inner_text()
    page.get_by_label("Code from the app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    codes = page.locator(".codes code").all_inner_texts()
    assert len(codes) == 10
    accessible(page, "recovery codes", width)
    screenshot(page, f"twofactor-recovery-codes-{width}")

    page.get_by_role("button", name="Sign out").click()
    fill_sign_in(page, mentee.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    accessible(page, "sign-in code", width)
    screenshot(page, f"signin-code-{width}")
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("status")).to_contain_text("recovery code; 9 left")

    page.goto(page.base + "/profile/sessions/")
    expect(page.get_by_role("region", name="Browsers")).to_contain_text("(this browser)")
    accessible(page, "sessions", width)
    screenshot(page, f"sessions-{width}")
    page.goto(page.base + "/profile/two-factor/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in")
    accessible(page, "two-factor (on)", width)


@pytest.mark.parametrize("width", [1280, 375])
def test_a_required_admin_is_sent_to_setup_first(
    new_page: Any, program_admin: Any, settings: Any, width: int
) -> None:
    settings.REQUIRE_2FA_FOR_ADMINS = True
    page = new_page(width=width)
    fill_sign_in(page, program_admin.email)
    page.wait_for_url(page.base + "/profile/two-factor/?required=1")
    expect(page.get_by_role("alert")).to_contain_text("Before anything else")
    accessible(page, "two-factor required", width)
    screenshot(page, f"twofactor-required-{width}")
    page.goto(page.base + "/programs/")
    assert page.url.endswith("/profile/two-factor/?required=1")


def test_the_program_audit_log_reads_well(new_page: Any, program_admin: Any) -> None:
    from alongside.programs.selectors import community_program
    from alongside.programs.services import program_update

    program = community_program()
    program_update(program=program, actor=program_admin, description="Open to all")
    page = new_page()
    fill_sign_in(page, program_admin.email)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello,")
    page.goto(page.base + f"/programs/{program.public_id}/")
    page.get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("main")).to_contain_text("Changed the program's settings")
    accessible(page, "program audit", 1280)
    screenshot(page, "program-audit-1280")
