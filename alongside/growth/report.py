"""The progress report a mentee brings to a celebration: a printable page and a PDF.

Only what the pair shares: goals, skills, check-in highlights, appreciation received.
Never a journal entry, a private note or meeting feedback.
"""

import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone as tz
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from alongside.goals.models import Goal
from alongside.growth import charts
from alongside.growth.models import Appreciation, CheckIn
from alongside.growth.selectors import Growth, growth_for
from alongside.lib.http import download
from alongside.lib.routes import Routes
from alongside.mentorships.access import get_mentorship_for
from alongside.mentorships.models import Mentorship
from alongside.people.access import signed_in

routes = Routes()

FONT_DIR = Path(getattr(settings, "REPORT_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))


@dataclass
class Report:
    mentorship: Mentorship
    growth: Growth
    goals: list[Goal]
    highlights: list[CheckIn]
    appreciation: list[Appreciation]


def report_for(mentorship: Mentorship) -> Report:
    growth = growth_for(mentorship)
    goals = list(Goal.objects.filter(mentorship=mentorship).order_by("status", "closed_at", "pk"))
    highlights = [
        c
        for c in CheckIn.objects.filter(mentorship=mentorship).order_by("-created_at")[:12]
        if c.wins
    ][:6]
    received = list(
        Appreciation.objects.filter(mentorship=mentorship, author=mentorship.mentor).order_by(
            "-created_at"
        )[:10]
    )
    return Report(mentorship, growth, goals, highlights, received)


@routes.page("mentorships/<str:mentorship_id>/report/", name="report")
def report_page(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    mentorship = get_mentorship_for(signed_in(request), mentorship_id)
    report = report_for(mentorship)
    context = {
        "r": report,
        "m": mentorship,
        "skills_svg": mark_safe(charts.skills_chart(report.growth)),  # noqa: S308 - escaped
        "milestones_svg": mark_safe(  # noqa: S308
            charts.monthly_chart("Milestones completed", report.growth.milestones_completed)
        ),
        "then_now": [("Then", report.growth.then), ("Now", report.growth.now)],
        "milestone_months": [
            (month, milestones) for month, _, milestones, _ in charts.month_rows(report.growth)
        ],
    }
    return render(request, "growth/report.html", context)


@routes.page("mentorships/<str:mentorship_id>/report.pdf", name="report_pdf")
def report_pdf(request: HttpRequest, mentorship_id: str) -> HttpResponse:
    mentorship = get_mentorship_for(signed_in(request), mentorship_id)
    data = render_pdf(report_for(mentorship))
    # The name is the mentee's to choose: only its letters and digits make the file name.
    who = slugify(mentorship.mentee.get_short_name(), allow_unicode=True) or "mentee"
    return download(data, filename=f"progress-{who}.pdf", content_type="application/pdf")


def render_pdf(report: Report) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("Body", "", str(regular))
        pdf.add_font("Body", "B", str(bold))
        family = "Body"

        def clean(text: str) -> str:
            return text
    else:  # without DejaVu, the core font: Latin-1 only
        family = "Helvetica"

        def clean(text: str) -> str:
            return text.encode("latin-1", "replace").decode("latin-1")

    def write(height: float, text: str) -> None:
        pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")

    m = report.mentorship
    g = report.growth
    pdf.set_title(clean(f"Progress report: {m.mentee.name}"))
    pdf.add_page()
    pdf.set_text_color(11, 110, 79)
    pdf.set_font(family, "B", 20)
    write(10, clean(f"{m.mentee.name}: how far you have come"))
    pdf.set_text_color(31, 41, 51)
    pdf.set_font(family, "", 11)
    pdf.multi_cell(
        0,
        6,
        clean(
            f"Mentored by {m.mentor.name} since {g.since:%-d %B %Y}. "
            f"Report of {tz.localdate():%-d %B %Y}."
        ),
    )
    pdf.ln(2)
    t = g.totals

    def count(n: int, noun: str) -> str:
        return f"{n} {noun}{'' if n == 1 else 's'}"

    pdf.multi_cell(
        0,
        6,
        clean(
            f"{count(t['checkins'], 'check-in')}, {count(t['meetings_held'], 'meeting')} held, "
            f"{count(t['milestones_completed'], 'milestone')} completed, "
            f"{count(t['goals_achieved'], 'goal')} achieved."
        ),
    )

    def heading(text: str) -> None:
        pdf.ln(4)
        pdf.set_font(family, "B", 14)
        write(8, clean(text))
        pdf.set_font(family, "", 11)

    if g.then and g.now:
        heading("Then and now")
        for label, c in (("Then", g.then), ("Now", g.now)):
            pdf.set_font(family, "B", 11)
            write(6, clean(f"{label} · {tz.localtime(c.created_at):%-d %b %Y}"))
            pdf.set_font(family, "", 10)
            for part, words in (("Wins", c.wins), ("Challenges", c.challenges)):
                if words:
                    write(5, clean(f"{part}: {words}"))
            write(5, clean(f"Feeling: {c.feeling}/5"))
            pdf.ln(1)
    if g.skills:
        heading("Skills: then and now")
        for s in g.skills:
            sign = "+" if s.change > 0 else ""
            write(6, clean(f"{s.skill}: {s.first} -> {s.latest} ({sign}{s.change})"))
        pdf.ln(2)
        pdf.image(io.BytesIO(charts.skills_chart(g).encode()), w=170)
    heading("Goals")
    if report.goals:
        for goal in report.goals:
            state = {"achieved": "Achieved", "dropped": "Dropped"}.get(goal.status, "In progress")
            pdf.set_font(family, "B", 11)
            write(6, clean(f"{goal.title} ({state})"))
            pdf.set_font(family, "", 10)
            write(5, clean(goal.objective))
            pdf.ln(1)
    else:
        write(6, "No goals yet.")
    if report.highlights:
        heading("Highlights from the check-ins")
        for c in report.highlights:
            write(6, clean(f"{tz.localtime(c.created_at):%-d %b %Y}: {c.wins}"))
    if report.appreciation:
        heading(f"Thank-you notes from {m.mentor.name}")
        for a in report.appreciation:
            write(6, clean(f"\u201c{a.message}\u201d"))
    return bytes(pdf.output())
