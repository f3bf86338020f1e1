"""The growth of the six-month demo pair, in a real browser, with one page for each person.

Ada (mentee) reads how far she has come: then and now, the skills table, five charts, a
shorter period; she checks in and Grace replies; she writes a private journal entry and
shares another, and Grace never sees the private one on any page; Grace thanks her on the
timeline; Ada opens and downloads her progress report; then all of it on a 375 px phone.
"""

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from django.utils import timezone as tz

from alongside.demo import DEMO_PASSWORD
from alongside.tests.browser_steps import (
    BROWSER,
    NO_SIDEWAYS_SCROLL,
    expect,
    fill_check_in,
    section,
    signed_in,
)
from conftest import SCREENSHOTS, screenshot

pytestmark = BROWSER

ADA = "ada@demo.alongside.test"
GRACE = "grace@demo.alongside.test"
FIRST_WINS = "Said yes to presenting at the team demo."
LAST_WINS = "My proposal was accepted for the spring meetup."
NEW_WINS = "Rehearsed the whole talk twice in front of my team."
NEW_CHALLENGES = "The demo part still runs long."
REPLY = "Two full rehearsals is exactly the habit. Cut the demo to one screen."
PRIVATE = "I am scared Grace will think my talk is too basic."
SHARED = (
    "What helped most this month: recording myself and watching it back. I noticed that I "
    "speed up whenever a slide has a chart on it, so now I pause, breathe and point at one "
    "thing. Next month I want to try the same with the Q&A part."
)
THANKS = "Thank you for trusting me with the rough first draft."
GOALS = ["Give my first meetup talk", "Speak up in design reviews"]


def shot(locator: Any, name: str) -> Path:
    """A screenshot of one part of a page, beside the full-page ones."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    locator.screenshot(path=str(path))
    return path


def skill_cells(page: Any, skill: str) -> Any:
    table = page.get_by_role("table", name="Confidence per skill (1-5)")
    return table.get_by_role("row", name=re.compile(f"^{skill}")).get_by_role("cell")


def assert_charts(page: Any, count: int) -> None:
    """Each chart is an accessible image with a title, and is on screen when scrolled to."""
    charts = page.locator("figure.chart > svg")
    expect(charts).to_have_count(count)
    for i in range(count):
        svg = charts.nth(i)
        expect(svg).to_have_attribute("role", "img")
        expect(svg.locator(":scope > title")).to_have_count(1)
        expect(svg.locator(":scope > title")).not_to_be_empty()
        svg.scroll_into_view_if_needed()
        expect(svg).to_be_visible()
        box = svg.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100


def assert_private_text_absent(page: Any, url: str) -> None:
    page.goto(url)
    expect(page.locator("main")).to_be_visible()
    assert PRIVATE not in page.content(), url


def test_ada_sees_how_far_she_has_come_and_grace_never_reads_her_journal(
    new_page: Any,
) -> None:
    from pypdf import PdfReader

    from alongside.demo import load_demo
    from alongside.growth.models import Appreciation, CheckIn, JournalEntry, SharedEntry
    from alongside.mentorships.models import Mentorship

    load_demo()
    mentorship = Mentorship.objects.get(mentee__email=ADA, mentor__email=GRACE)
    base_url = f"/mentorships/{mentorship.public_id}/"
    ada = signed_in(new_page, ADA, DEMO_PASSWORD)
    grace = signed_in(new_page, GRACE, DEMO_PASSWORD)

    # 1. Ada opens her mentorship, then its Growth tab.
    ada.get_by_role("link", name="Mentored by Grace Okafor").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("Grace Okafor mentors Ada Lindqvist")
    ada.get_by_role("navigation", name="This mentorship").get_by_role("link", name="Growth").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("How far you have come")
    expect(ada.get_by_role("link", name="Since the start")).to_have_attribute(
        "aria-current", "true"
    )
    expect(
        ada.get_by_text(re.compile(r"6 check-ins, \d+ meetings held, 6 milestones"))
    ).to_be_visible()
    then_now = section(ada, "^Then and now$")
    then_panel = then_now.locator(".then-now > div").first
    now_panel = then_now.locator(".then-now > div").last
    expect(then_panel.get_by_role("heading")).to_contain_text("Then ·")
    expect(then_panel).to_contain_text(FIRST_WINS)
    expect(then_panel).to_contain_text("I freeze when someone senior asks a question.")
    expect(then_panel).to_contain_text("Feeling: 2/5")
    expect(now_panel.get_by_role("heading")).to_contain_text("Now ·")
    expect(now_panel).to_contain_text(LAST_WINS)
    expect(now_panel).to_contain_text("Feeling: 5/5")
    expect(skill_cells(ada, "Public speaking")).to_have_text(["1", "4", "+3"])
    expect(skill_cells(ada, "System design")).to_have_text(["2", "4", "+2"])
    assert_charts(ada, 5)
    skills_chart = section(ada, "^Skills$").locator("svg")
    expect(skills_chart.locator(".legend")).to_contain_text("Public speaking")
    expect(skills_chart.locator(".series")).to_have_count(2)
    expect(section(ada, "^Month by month$").locator("svg.chart-bar")).to_have_count(3)
    ada.evaluate("window.scrollTo(0, 0)")
    screenshot(ada, "growth-then-now")
    shot(section(ada, "^Month by month$"), "growth-charts")

    ada.get_by_role("link", name="Last six months").click()
    expect(ada).to_have_url(re.compile(r"period=6m"))
    expect(ada.get_by_role("link", name="Last six months")).to_have_attribute(
        "aria-current", "true"
    )
    expect(ada.get_by_role("link", name="Since the start")).not_to_have_attribute(
        "aria-current", "true"
    )
    expect(section(ada, "^Then and now$")).to_contain_text(FIRST_WINS)
    assert_charts(ada, 5)

    since = tz.localdate() - dt.timedelta(days=100)
    ada.get_by_label("From", exact=True).fill(since.isoformat())
    ada.get_by_role("button", name="Show").click()
    expect(ada).to_have_url(re.compile(f"since={since.isoformat()}"))
    expect(ada.get_by_label("From", exact=True)).to_have_value(since.isoformat())
    expect(ada.get_by_text(re.compile(r" to .*: 3 check-ins, "))).to_be_visible()
    then_now = section(ada, "^Then and now$")
    expect(then_now).to_contain_text("Asked two questions in the design review.")
    expect(then_now).not_to_contain_text(FIRST_WINS)
    expect(skill_cells(ada, "Public speaking")).to_have_text(["3", "4", "+1"])
    assert_charts(ada, 5)

    # 2. Ada checks in; Grace replies; Ada reads the reply.
    ada.goto(ada.base + base_url + "growth/")
    form = section(ada, "^Check in$")
    fill_check_in(
        form,
        wins=NEW_WINS,
        challenges=NEW_CHALLENGES,
        feeling=4,
        levels={"Public speaking": 5, "System design": 4},
    )
    shot(form, "growth-checkin-form")
    form.get_by_role("button", name="Save check-in").click()
    expect(ada.get_by_role("status")).to_contain_text("Check-in saved.")
    listed = section(ada, "^Check-ins$").locator("article.checkin")
    expect(listed).to_have_count(7)
    newest = listed.first
    expect(newest.get_by_role("heading")).to_contain_text("feeling 4/5")
    expect(newest).to_contain_text(NEW_WINS)
    expect(newest).to_contain_text(NEW_CHALLENGES)
    expect(newest.locator(".tags li")).to_have_text(["Public speaking: 5", "System design: 4"])
    expect(section(ada, "^Then and now$").locator(".then-now > div").last).to_contain_text(NEW_WINS)
    expect(skill_cells(ada, "Public speaking")).to_have_text(["1", "5", "+4"])

    grace.goto(grace.base + base_url + "growth/")
    expect(grace.get_by_role("heading", level=1)).to_have_text("How far Ada has come")
    expect(grace.get_by_role("heading", name="Check in", exact=True)).to_have_count(0)
    theirs = section(grace, "^Check-ins$").locator("article.checkin").filter(has_text=NEW_WINS)
    theirs.get_by_label("Reply to Ada").fill(REPLY)
    theirs.get_by_role("button", name="Reply").click()
    expect(grace).to_have_url(re.compile(r"#checkin-[0-9a-f-]{36}$"))
    replied = section(grace, "^Check-ins$").locator("article.checkin").filter(has_text=NEW_WINS)
    expect(replied.locator(".reply")).to_have_text(f"Grace: {REPLY}")
    expect(replied.get_by_role("button", name="Reply")).to_have_count(0)

    ada.reload()
    newest = section(ada, "^Check-ins$").locator("article.checkin").first
    expect(newest.locator(".reply")).to_have_text(f"Grace: {REPLY}")
    shot(section(ada, "^Check-ins$"), "growth-checkin")

    # 3. Ada writes a private journal entry about the mentorship, then one she shares.
    ada.get_by_role("navigation", name="Main").get_by_role("link", name="Journal").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("Your journal")
    expect(ada.get_by_text("Private: only you can ever read these entries.")).to_be_visible()
    for body in (PRIVATE, SHARED):
        ada.get_by_label("Write for yourself").fill(body)
        ada.get_by_label("About (optional)").select_option(label="With Grace Okafor")
        ada.get_by_role("button", name="Save entry").click()
        expect(ada.get_by_role("status")).to_contain_text("Written. Only you can read it.")
    entries = ada.locator("article.journal-entry")
    expect(entries).to_have_count(2)
    expect(entries.first).to_contain_text(SHARED)
    expect(entries.first).to_contain_text("about Grace Okafor")
    entries.filter(has_text=SHARED).get_by_role("link", name="Share this entry with Grace").click()
    # Sharing asks first, naming who will read it.
    expect(ada.get_by_text("Grace will be able to read this.")).to_be_visible()
    ada.get_by_role("button", name="Share with Grace").click()
    expect(ada.get_by_role("status")).to_contain_text("Shared: a copy is on your timeline.")
    expect(entries.filter(has_text=SHARED)).to_contain_text("Shared on")
    private = entries.filter(has_text=PRIVATE)
    expect(private).not_to_contain_text("Shared on")
    expect(private.get_by_role("link", name="Share this entry with Grace")).to_be_visible()
    screenshot(ada, "journal")

    grace.goto(grace.base + base_url + "timeline/")
    journal_item = grace.locator(".tl-item.tl-journal")
    expect(journal_item).to_have_count(1)
    expect(journal_item.locator("blockquote")).to_have_text(SHARED)  # whole, not cut at 180
    expect(journal_item.locator(".tl-kind")).to_have_text("Shared journal entry")
    for path in (base_url + "timeline/", base_url + "growth/", base_url, "/", "/journal/"):
        assert_private_text_absent(grace, grace.base + path)
    assert_private_text_absent(grace, grace.base + base_url + "report/")

    # 4. Grace thanks Ada on the timeline; the timeline filters by kind.
    grace.goto(grace.base + base_url + "timeline/")
    grace.get_by_label("Say thank you").fill(THANKS)
    grace.get_by_role("button", name="Send thanks").click()
    expect(grace.get_by_role("status")).to_contain_text("Sent. Ada Lindqvist gets it by email too.")
    first = grace.locator(".tl-item").first
    expect(first.locator("blockquote")).to_have_text(THANKS)
    expect(first.locator(".meta")).to_contain_text("Grace Okafor")
    expect(grace.locator(".tl-item.tl-celebration").first).to_be_visible()
    screenshot(grace, "timeline")

    grace.get_by_label("Show", exact=True).select_option(label="Appreciation")
    grace.get_by_role("button", name="Filter").click()
    expect(grace).to_have_url(re.compile(r"kind=appreciation"))
    expect(grace.get_by_label("Show", exact=True)).to_have_value("appreciation")
    items = grace.locator(".tl-item")
    expect(items).to_have_count(2)
    expect(items.locator(".tl-kind")).to_have_text(["Appreciation", "Appreciation"])
    expect(items.first).to_contain_text(THANKS)
    grace.get_by_label("Show", exact=True).select_option(label="Shared journal entry")
    grace.get_by_role("button", name="Filter").click()
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text(SHARED)
    grace.get_by_label("Show", exact=True).select_option(label="Check-in")
    grace.get_by_role("button", name="Filter").click()
    expect(items).to_have_count(7)
    expect(items.locator(".tl-kind")).to_have_text(["Check-in"] * 7)
    grace.get_by_label("Show", exact=True).select_option(label="Everything")
    grace.get_by_role("button", name="Filter").click()
    expect(grace.locator(".tl-item.tl-meeting, .tl-item.tl-milestone").first).to_be_visible()

    # 5. Ada opens her report, then downloads it as a PDF.
    ada.goto(ada.base + base_url)
    ada.get_by_role("navigation", name="This mentorship").get_by_role("link", name="Report").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("Ada Lindqvist: how far you have come")
    expect(ada.locator(".lead")).to_contain_text("Mentored by Grace Okafor since")
    for title in GOALS:
        expect(ada.get_by_role("heading", name=title)).to_be_visible()
    expect(ada.get_by_role("heading", name=GOALS[1])).to_contain_text("Achieved")
    expect(skill_cells(ada, "Public speaking")).to_have_text(["1", "5", "+4"])
    expect(ada.locator("blockquote").filter(has_text=THANKS)).to_be_visible()
    expect(ada.locator(".report")).to_contain_text(NEW_WINS)
    expect(ada.locator(".report")).to_contain_text("milestones completed, 1 goal achieved.")
    assert_charts(ada, 2)
    assert PRIVATE not in ada.content()
    # Print runs from our static script: the policy refuses inline handlers (a refusal
    # would fail the test on the console, and nothing would be printed).
    ada.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }")
    ada.get_by_role("button", name="Print").click()
    assert ada.evaluate("window.__printed") == 1
    screenshot(ada, "report")

    with ada.expect_download() as info:
        ada.get_by_role("link", name="Download the PDF").click()
    download = info.value
    assert download.suggested_filename == "progress-ada.pdf"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "report.pdf").write_bytes(data)
    reader = PdfReader(io.BytesIO(data))
    text = " ".join((p.extract_text() or "") for p in reader.pages)
    flat = " ".join(text.split())
    assert "Ada Lindqvist: how far you have come" in flat
    for title in GOALS:
        assert title in flat
    assert "Public speaking: 1 -> 5 (+4)" in flat
    assert "7 check-ins," in flat and "1 goal achieved." in flat
    assert THANKS in flat
    assert PRIVATE not in flat
    assert "too basic" not in flat

    # 6. A phone: no sideways scroll, and the charts shrink to fit.
    phone = signed_in(new_page, ADA, DEMO_PASSWORD, width=375, height=812)
    phone.goto(phone.base + base_url + "growth/")
    expect(skill_cells(phone, "Public speaking")).to_have_text(["1", "5", "+4"])
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
    charts = phone.locator("figure.chart > svg")
    expect(charts).to_have_count(5)
    for i in range(5):
        box = charts.nth(i).bounding_box()
        assert box is not None and 150 < box["width"] <= 375, box
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    screenshot(phone, "growth-375")
    phone.goto(phone.base + base_url + "timeline/")
    expect(phone.locator(".tl-item").first).to_contain_text(THANKS)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(phone, "timeline-375")

    # And in the database.
    latest = CheckIn.objects.filter(mentorship=mentorship).order_by("-created_at").first()
    assert latest is not None
    assert (latest.wins, latest.feeling, latest.reply) == (NEW_WINS, 4, REPLY)
    assert {(r.skill, r.level) for r in latest.ratings.all()} == {
        ("Public speaking", 5),
        ("System design", 4),
    }
    journal = {e.body: e for e in JournalEntry.objects.filter(author__email=ADA)}
    assert journal[PRIVATE].shared_at is None and journal[SHARED].shared_at is not None
    assert list(SharedEntry.objects.values_list("body", flat=True)) == [SHARED]
    assert Appreciation.objects.filter(mentorship=mentorship, message=THANKS).count() == 1
