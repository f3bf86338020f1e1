"""Steps the browser journeys share: sign in, find a card by its heading, read a time as
the pages write it. Playwright is imported late, so that importing this costs nothing where
the browser tests are not run."""

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone as tz

from conftest import PASSWORD

# The marks of a module of browser tests (`pytestmark = BROWSER`): a real chromium, and
# rows committed, so that the live server's thread reads what the test wrote.
BROWSER = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# True when nothing sticks out sideways (a horizontal scrollbar is a broken mobile layout).
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def expect(target: Any) -> Any:
    from playwright.sync_api import expect as pw_expect

    return pw_expect(target)


def fill_sign_in(page: Any, email: str, password: str = PASSWORD) -> None:
    """Fills in and sends the sign-in form; where it leads is the caller's to check."""
    page.goto(page.base + "/signin/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_in(page: Any, email: str, password: str = PASSWORD, *, patient: bool = False) -> None:
    """Signs in through the form and waits for the home page's greeting. `patient`: the
    page's steps wait 30 s (the machine these run on is shared: slow pages are not what
    such a test is about)."""
    if patient:
        page.set_default_timeout(30_000)
    fill_sign_in(page, email, password)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello,")


def signed_in(
    new_page: Any, email: str, password: str = PASSWORD, *, patient: bool = False, **options: Any
) -> Any:
    """A new page (`options` as new_page takes them: width, height, timezone_id...), signed
    in as `email`."""
    page = new_page(**options)
    sign_in(page, email, password, patient=patient)
    return page


def section(page: Any, heading: str) -> Any:
    """The <section> labelled by a heading: keeps assertions inside one card."""
    return page.locator("section").filter(has=page.get_by_role("heading", name=re.compile(heading)))


def long_time(moment: dt.datetime) -> str:
    """As the meeting page writes a start: 'Wednesday 3 June 2026, 09:00'."""
    return f"{moment:%A} {moment.day} {moment:%B %Y, %H:%M}"


def long_date(day: dt.date) -> str:
    """As the goal page writes a date: '3 June 2026'."""
    return f"{day.day} {day:%B %Y}"


def add_milestones(page: Any, titles: list[str]) -> None:
    """On a goal's page: each milestone due 20 days after the one before; each shows at once."""
    for i, title in enumerate(titles):
        page.get_by_label("Milestone", exact=True).fill(title)
        page.get_by_label("Due on").fill(
            (tz.localdate() + dt.timedelta(days=20 * (i + 1))).isoformat()
        )
        page.get_by_role("button", name="Add milestone").click()
        expect(page.locator("li.milestone")).to_have_count(i + 1)
    expect(page.locator("li.milestone .ms-title")).to_have_text(titles)


def fill_check_in(
    form: Any, *, wins: str, challenges: str, feeling: int, levels: dict[str, int]
) -> None:
    """Fills the growth page's check-in form (not sent): wins, challenges, how the mentee
    feels (1-5) and a confidence level per skill."""
    form.get_by_label("Wins since last time").fill(wins)
    form.get_by_label("Challenges").fill(challenges)
    group = form.get_by_role("group", name=re.compile("How do you feel about your progress"))
    group.get_by_role("radio", name=str(feeling)).check()
    for skill, level in levels.items():
        form.get_by_label(f"Confidence in {skill} (1-5)").select_option(str(level))


def track_skills(page: Any, *, tick: tuple[str, ...] = (), add: tuple[str, ...] = ()) -> None:
    """On the growth page, the mentee ticks skills offered (their goals, their profile) and
    adds others by name, for their check-ins to ask about."""
    section = page.locator("details.track-skills")
    section.get_by_text("Choose the skills you track").click()
    for name in tick:
        section.get_by_label(name, exact=True).check()
    section.get_by_label("Add skills").fill(", ".join(add))
    section.get_by_role("button", name="Save skills").click()
    page.get_by_role("status").filter(has_text="Your next check-in asks about").wait_for()


def fill_first_agreement(page: Any, *, hopes: str, offers: str, ends_on: dt.date) -> None:
    """Fills the form of an agreement's first version (not sent): Ada's hopes, Grace's
    offer, a video call of 45 minutes every 14 days, confidential."""
    page.get_by_label("What Ada hopes to get").fill(hopes)
    page.get_by_label("What Grace offers").fill(offers)
    page.get_by_label("Meet every … days").fill("14")
    page.get_by_label("Channel").select_option("video")
    page.get_by_label("Minutes per meeting").fill("45")
    page.get_by_label("Planned end date").fill(ends_on.isoformat())
    page.get_by_label("We keep what we share in our conversations confidential").check()
