"""A person's first visit, driven through a real chromium, with screenshots to look at."""

from typing import Any

import pytest

from alongside.people.models import Person
from alongside.tests.browser_steps import sign_in
from conftest import PASSWORD, screenshot

pytestmark = pytest.mark.browser

NEW_PASSWORD = "my-first-alongside-password-1"


def fits_the_width(page: Any) -> bool:
    """Nothing sticks out sideways (a horizontal scrollbar is a broken mobile layout)."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_a_new_person_signs_up_signs_in_and_fills_in_their_profile(new_page, mentor):
    page = new_page()
    page.goto(page.base + "/")
    page.get_by_role("link", name="Create your account").click()
    page.wait_for_url(page.base + "/signup/")
    assert page.get_by_role("heading", level=1).inner_text() == "Create your account"

    # A mistake first: the message sits beside the field it is about.
    page.get_by_label("Your name").fill("Nia Newcomer")
    page.get_by_label("Email").fill("nia@example.org")
    page.get_by_label("Password").fill("12345")
    page.get_by_role("button", name="Create account").click()
    password = page.get_by_label("Password")
    assert password.get_attribute("aria-invalid") == "true"
    assert "too short" in page.locator("#id_password_error").inner_text()
    screenshot(page, "signup")

    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(page.base + "/profile/")
    assert "Welcome to Alongside" in page.locator(".messages").inner_text()

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(page.base + "/")
    assert "You are signed out." in page.inner_text("main")
    nav = page.get_by_role("navigation", name="Main")
    assert nav.get_by_role("link", name="Sign in").count() == 1
    assert nav.get_by_role("button", name="Sign out").count() == 0

    sign_in(page, "nia@example.org", NEW_PASSWORD)
    assert page.get_by_role("heading", level=1).inner_text() == "Hello, Nia"

    page.get_by_role("link", name="Fill in your profile").click()
    page.wait_for_url(page.base + "/profile/")
    page.get_by_label("Headline").fill("Career changer learning backend development")
    page.get_by_label("Skills").fill("Python, python ,  SQL")
    page.get_by_label("Interests").fill("Public speaking, Leadership")
    page.get_by_label("I am looking for a mentor").check()
    page.get_by_label("Time zone").select_option("Europe/Lisbon")
    page.get_by_role("button", name="Save profile").click()
    page.wait_for_url(page.base + "/profile/")
    assert "Your profile is saved." in page.locator(".messages").inner_text()
    assert page.get_by_label("Skills").input_value() == "Python, SQL"
    assert page.get_by_label("Headline").input_value() == (
        "Career changer learning backend development"
    )
    screenshot(page, "profile")

    nia = Person.objects.get(email="nia@example.org")
    assert nia.skills == ["Python", "SQL"]
    assert nia.timezone == "Europe/Lisbon"
    assert nia.seeking_mentor is True

    page.get_by_role("link", name="See your public profile").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Nia Newcomer"
    assert page.locator(".tags li").all_inner_texts() == ["Python", "SQL"]
    assert "nia@example.org" not in page.content()

    page.get_by_role("link", name="Find a mentor").click()
    page.wait_for_url(page.base + "/people/?mentors=1")
    cards = page.locator("li.person")
    assert cards.count() == 1
    assert "Grace Mentor" in cards.first.inner_text()
    screenshot(page, "people")


def test_the_pages_fit_a_375_pixel_phone(new_page, mentee, mentor):
    page = new_page(width=375, height=740)
    page.goto(page.base + "/")
    assert fits_the_width(page)
    screenshot(page, "home-375")

    sign_in(page, "ada@example.org", PASSWORD)
    page.goto(page.base + "/people/?mentors=1")
    assert page.locator("li.person").count() == 1
    assert fits_the_width(page)
    screenshot(page, "people-375")

    page.goto(page.base + "/profile/")
    page.get_by_label("How many mentees at once").fill("99")
    page.get_by_role("button", name="Save profile").click()
    field = page.get_by_label("How many mentees at once")
    assert field.get_attribute("aria-invalid") == "true"
    assert fits_the_width(page)
    screenshot(page, "profile-375")
