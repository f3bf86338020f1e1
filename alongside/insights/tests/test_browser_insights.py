"""The program admin's insights in a real browser: the dashboard with its charts and tables,
the pairs at risk with the formula and the actions, an export downloaded and opened, at
1280 px and on a 375 px phone; axe finds no accessibility violation on these pages, nor on
a member's survey page."""

import io
from html import escape
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone as tz
from openpyxl import load_workbook

from alongside.insights import services
from alongside.insights.models import SurveyAnswer
from alongside.insights.rollups import rollups_refresh
from alongside.insights.tests.world import add_pairs, make_program
from alongside.mentorships.models import Mentorship, Status
from alongside.tests.browser_steps import BROWSER, NO_SIDEWAYS_SCROLL, expect, section, sign_in
from alongside.tests.test_accessibility import DESKTOP, PHONE
from conftest import PASSWORD, screenshot

pytestmark = BROWSER


@pytest.fixture
def cohort(program_admin) -> Any:
    program = make_program(program_admin, name="Spring leaders")
    pairs = add_pairs(program, 8, department="Engineering")
    pairs += add_pairs(program, 4, department="Finance", last_meeting_days_ago=50)
    for pair, reason in zip(pairs[:5], ["Too busy"] * 3 + ["Moved abroad"] * 2, strict=True):
        Mentorship.objects.filter(pk=pair.pk).update(
            status=Status.ENDED, end_reason=reason, closed_at=tz.now()
        )
    survey, _ = services.survey_send(program=program, actor=program_admin)
    for n, pair in enumerate(pairs[5:11]):
        Mentorship.objects.filter(pk=pair.pk).update(status=Status.ACTIVE)
        SurveyAnswer.objects.create(
            survey=survey,
            mentorship=pair,
            author=pair.mentee,
            useful=3 + n % 3,
            goals=4,
            recommend=4 + n % 2,
            what_changed="I ask for feedback every week now.",
            shared=n == 0,
        )
    member = pairs[-1].mentor
    member.set_password(PASSWORD)
    member.save()
    rollups_refresh()  # as the sweep would: the dashboard reads the monthly rollups
    return program, pairs


# What sticks out past the right edge, to name it when a page scrolls sideways.
WIDEST = """[...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(-3)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def axe_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [f"{v['id']} [{v['impact']}] {v['help']}" for v in found]


def test_the_admin_reads_the_dashboard_the_pairs_at_risk_and_an_export(
    new_page, cohort, program_admin
):
    program, pairs = cohort
    page = new_page(width=1280)
    sign_in(page, program_admin.email)
    base = f"{page.base}/programs/{program.public_id}"
    problems = []
    for width, suffix in ((DESKTOP, "1280"), (PHONE, "375")):
        page.set_viewport_size(width)
        page.goto(base + "/insights/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Insights: Spring leaders")
        overview = section(page, "^Overview$")
        expect(overview.get_by_role("row", name="Enrolled mentees 12")).to_be_visible()
        expect(
            overview.get_by_role("row", name="Average meeting feedback (1-5) 4.5")
        ).to_be_visible()
        expect(section(page, "^Month by month$").locator("svg")).to_have_count(2)
        expect(section(page, "^Pairs ended early$")).to_contain_text("No time")
        expect(section(page, "^End-of-program survey$")).to_contain_text("I ask for feedback")
        screenshot(page, f"insights-dashboard-{suffix}")
        wide = page.evaluate(WIDEST)
        assert page.evaluate(NO_SIDEWAYS_SCROLL), (
            f"the dashboard scrolls sideways at {suffix}: {wide}"
        )
        problems += [f"dashboard at {suffix}: {v}" for v in axe_violations(page)]

        page.goto(base + "/at-risk/")
        expect(page.locator("article.at-risk")).to_have_count(4)
        expect(page.locator("article.at-risk").first).to_contain_text("No meeting for")
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        expect(page.locator("details.formula")).to_contain_text("less 40 x")
        screenshot(page, f"insights-at-risk-{suffix}")
        wide = page.evaluate(WIDEST)
        assert page.evaluate(NO_SIDEWAYS_SCROLL), (
            f"the at-risk list scrolls sideways at {suffix}: {wide}"
        )
        problems += [f"at-risk at {suffix}: {v}" for v in axe_violations(page)]

    page.set_viewport_size(DESKTOP)
    page.goto(base + "/at-risk/")
    first = page.locator("article.at-risk").first
    first.get_by_role("button", name="Nudge both").click()
    expect(page.locator(".messages")).to_contain_text("are reminded to meet again")

    page.goto(base + "/insights/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Excel").nth(1).click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(Path(download.path()).read_bytes()), read_only=True)
    rows = [list(r) for r in book.active.iter_rows(values_only=True)]
    assert rows[0][:4] == ["pair_id", "mentor", "mentee", "status"] and len(rows) == 13
    # The workbook as a spreadsheet would show it, for the screenshot.
    table = "".join(
        "<tr>"
        + "".join(f"<td>{escape(str(c if c is not None else ''))}</td>" for c in row)
        + "</tr>"
        for row in rows
    )
    page.set_content(
        "<style>body{font:13px sans-serif}td{border:1px solid #ccc;padding:2px 6px;"
        "white-space:nowrap}tr:first-child{font-weight:bold;background:#eef}</style>"
        f"<h1>{escape(download.suggested_filename)}</h1><table>{table}</table>"
    )
    screenshot(page, "insights-export-pairs-xlsx")
    assert not problems, "\n".join(problems)


def test_a_members_survey_page_has_no_accessibility_violation(new_page, cohort):
    program, pairs = cohort
    member = pairs[-1].mentor
    page = new_page(width=1280)
    sign_in(page, member.email)
    for width, suffix in ((DESKTOP, "1280"), (PHONE, "375")):
        page.set_viewport_size(width)
        page.goto(f"{page.base}/mentorships/{pairs[-1].public_id}/survey/")
        expect(page.get_by_role("heading", level=1)).to_have_text("How was your mentorship?")
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        screenshot(page, f"insights-survey-{suffix}")
        assert axe_violations(page) == []
    page.get_by_role("radio", name="4").first.check()
    page.locator("input[name=goals][value='3']").check()
    page.locator("input[name=recommend][value='5']").check()
    page.get_by_label("What changed for you?").fill("I plan my week.")
    page.get_by_role("button", name="Send my answer").click()
    expect(page.locator(".messages")).to_contain_text("your answer is saved")
