import io
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader

from alongside.growth import services
from alongside.growth.report import render_pdf, report_for
from alongside.growth.tests.conftest import HISTORY
from conftest import page_client

SVG = "{http://www.w3.org/2000/svg}"
SECRET = "I doubt I can do this"


def svgs(html: str) -> list[ET.Element]:
    found = []
    rest = html
    while "<svg" in rest:
        start = rest.index("<svg")
        end = rest.index("</svg>", start) + len("</svg>")
        found.append(ET.fromstring(rest[start:end]))
        rest = rest[end:]
    return found


def test_the_growth_page_shows_valid_accessible_charts_and_the_numbers(history, mentee):
    html = page_client(mentee).get(f"/mentorships/{history.public_id}/growth/").content.decode()
    charts = svgs(html)
    assert len(charts) == 5
    for chart in charts:
        assert chart.tag == f"{SVG}svg"
        assert chart.find(f"{SVG}title") is not None and chart.find(f"{SVG}title").text
        assert chart.get("role") == "img"
    assert "Public speaking" in html
    assert "Joined the team" in html and "Spoke at the meetup" in html  # then vs now
    assert "<td>1</td><td>5</td>" in html.replace("\n", "")


def test_the_last_six_months_view_changes_the_numbers(history, mentor):
    html = (
        page_client(mentor)
        .get(f"/mentorships/{history.public_id}/growth/?period=6m")
        .content.decode()
    )
    assert "Last six months" in html


def test_the_mentee_checks_in_on_the_page_and_the_mentor_replies(pair, mentee, mentor):
    client = page_client(mentee)
    assert (
        client.post(f"/mentorships/{pair.public_id}/skills/", {"more": "Python"}).status_code == 302
    )
    r = client.post(
        f"/mentorships/{pair.public_id}/checkins/",
        {"wins": "Led standup", "challenges": "", "feeling": "4", "skill_0": "3"},
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    checkin = pair.checkins.get()
    assert list(checkin.ratings.values_list("skill", "level")) == [("Python", 3)]
    page_client(mentor).post(f"/checkins/{checkin.public_id}/reply/", {"reply": "Well done"})
    checkin.refresh_from_db()
    assert checkin.reply == "Well done"


def test_a_check_in_without_a_feeling_is_a_400(pair, mentee):
    r = page_client(mentee).post(f"/mentorships/{pair.public_id}/checkins/", {"wins": "x"})
    assert r.status_code == 400
    assert not pair.checkins.exists()


def test_the_report_pdf_holds_the_goals_and_no_private_text(history, mentee, mentor):
    services.journal_write(author=mentee, body=SECRET, mentorship=history)
    r = page_client(mentee).get(f"/mentorships/{history.public_id}/report.pdf")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(r.content)).pages)
    assert "Talk (Achieved)" in text
    assert "Public speaking: 1 -> 5 (+4)" in text
    assert "Spoke at the meetup" in text
    assert SECRET not in text


def test_the_report_page_prints_and_holds_no_journal(history, mentee, mentor):
    services.journal_write(author=mentee, body=SECRET, mentorship=history)
    for person in (mentee, mentor):
        html = page_client(person).get(f"/mentorships/{history.public_id}/report/").content.decode()
        assert "how far you have come" in html
        assert SECRET not in html
        assert "@media print" not in html  # the print rules live in the stylesheet


def test_the_pdf_renders_names_outside_latin_1(history, mentee):
    mentee.name = "Łucja Nowak 李"
    mentee.save()
    data = render_pdf(report_for(history))
    assert data.startswith(b"%PDF")


@pytest.mark.parametrize("path", ["growth/", "timeline/", "resources/", "report/", "report.pdf"])
def test_pair_pages_are_404_to_outsiders_and_admins(pair, outsider, program_admin, path):
    for person in (outsider, program_admin):
        r = page_client(person).get(f"/mentorships/{pair.public_id}/{path}")
        assert r.status_code == 404


def test_the_journal_page_is_private_and_sharing_copies_one_entry(pair, mentee, mentor):
    client = page_client(mentee)
    client.post("/journal/", {"body": SECRET, "mentorship": str(pair.public_id)})
    client.post("/journal/", {"body": "Shared thought", "mentorship": str(pair.public_id)})
    entry = mentee.journal_entries.get(body="Shared thought")
    client.post(f"/journal/{entry.public_id}/share/")
    assert SECRET in client.get("/journal/").content.decode()
    for url in (
        "/journal/",
        f"/mentorships/{pair.public_id}/timeline/",
        f"/mentorships/{pair.public_id}/",
        "/",
    ):
        html = page_client(mentor).get(url).content.decode()
        assert SECRET not in html
    assert (
        "Shared thought"
        in page_client(mentor).get(f"/mentorships/{pair.public_id}/timeline/").content.decode()
    )
    other = mentee.journal_entries.get(body=SECRET)
    assert page_client(mentor).post(f"/journal/{other.public_id}/share/").status_code == 404


def test_the_timeline_page_filters_by_kind_and_takes_thanks(pair, mentee, mentor):
    client = page_client(mentee)
    client.post(f"/mentorships/{pair.public_id}/thanks/", {"message": "You helped a lot"})
    client.post(f"/mentorships/{pair.public_id}/celebrate/", {"title": "First talk!"})
    html = (
        page_client(mentor)
        .get(f"/mentorships/{pair.public_id}/timeline/?kind=appreciation")
        .content.decode()
    )
    assert "You helped a lot" in html and "First talk!" not in html
    r = client.post(f"/mentorships/{pair.public_id}/thanks/", {"message": ""})
    assert r.status_code == 400


def test_resources_are_shared_and_answered_on_the_page(pair, mentee, mentor):
    page_client(mentor).post(
        f"/mentorships/{pair.public_id}/resources/share/",
        {"title": "Talk like TED", "url": "https://example.org/ted", "note": "Chapter 3"},
    )
    resource = pair.resources.get()
    page_client(mentee).post(
        f"/resources/{resource.public_id}/respond/", {"reaction": "helpful", "body": "Thanks"}
    )
    html = (
        page_client(mentee).get(f"/mentorships/{pair.public_id}/resources/?q=ted").content.decode()
    )
    assert "Talk like TED" in html and "Helpful" in html
    bad = page_client(mentor).post(
        f"/mentorships/{pair.public_id}/resources/share/",
        {"title": "x", "url": "javascript:alert(1)"},
    )
    assert bad.status_code == 400


def test_a_far_off_period_is_clamped_not_a_500(history, mentor):
    for since in ("0001-01-01", "9999-12-31"):
        r = page_client(mentor).get(f"/mentorships/{history.public_id}/growth/?since={since}")
        assert r.status_code == 200


def test_the_api_works_in_the_callers_time_zone(pair, mentee, api_as):
    import datetime as dt
    import zoneinfo

    from django.utils import timezone as tz

    # "Today" for the New York mentee is her date, whatever the date in UTC.
    today_ny = dt.datetime.now(zoneinfo.ZoneInfo("America/New_York")).date()
    r = api_as(mentee).post(
        f"/mentorships/{pair.public_id}/goals",
        {"title": "T", "objective": "O", "measure": "M", "target_date": str(today_ny)},
    )
    assert r.status_code == 201, r.content
    assert tz.get_current_timezone_name() == "UTC"  # deactivated after the request


@pytest.mark.parametrize("page", ["growth", "report"])
def test_every_chart_has_its_numbers_in_a_table_on_the_page(history, mentee, page):
    """A chart that says a table gives its numbers must have one: the report's milestone
    chart and the growth page's feeling chart had none."""
    html = page_client(mentee).get(f"/mentorships/{history.public_id}/{page}/").content.decode()
    captions = [c.find(f"{SVG}title").text for c in svgs(html)]
    assert captions
    tables = html.count("<table")
    assert tables >= (2 if page == "report" else 3)
    if page == "report":
        assert "Milestones completed per month" in html
    else:
        assert "felt, check-in by check-in" in html
        for _, _, _, feeling in HISTORY:
            assert f"<td>{feeling}</td>" in html


def test_the_report_page_and_pdf_hold_the_then_and_now_words_the_growth_page_shows(history, mentee):
    client = page_client(mentee)
    pdf = client.get(f"/mentorships/{history.public_id}/report.pdf").content
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    html = client.get(f"/mentorships/{history.public_id}/report/").content.decode()
    growth = client.get(f"/mentorships/{history.public_id}/growth/").content.decode()
    # The first and the latest check-in's challenges are quoted nowhere else.
    for words in ("challenge 170", "challenge 20"):
        assert words in growth
        assert words in html
        assert words in text
    assert "Then and now" in text and "Feeling: 2/5" in text and "Feeling: 5/5" in text


def test_the_timeline_pages_from_newer_to_older_keeping_its_filter(pair, mentee, mentor):
    for n in range(26):
        services.appreciation_send(mentorship=pair, author=mentee, message=f"Thanks {n}")
    url = f"/mentorships/{pair.public_id}/timeline/?kind=appreciation"
    first = page_client(mentor).get(url).content.decode()
    assert "Page 1 of 2" in first
    assert '<a href="?kind=appreciation&amp;page=2" rel="next">Older</a>' in first
    second = page_client(mentor).get(f"{url}&page=2").content.decode()
    assert '<a href="?kind=appreciation&amp;page=1" rel="prev">Newer</a>' in second
    assert "Thanks 0" in second and "Thanks 0" not in first
