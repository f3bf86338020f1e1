"""The program's exports as CSV and XLSX: participants, pairs with their metadata, and the
dashboard's aggregates. Metadata and aggregates only: names and emails of the
participants (the admins see them on the participants page), statuses, dates, counts,
scores, never a word a pair wrote; an aggregate below K pairs reads "not enough data".

A cell that starts with = + - @ (or a tab or carriage return) would run as a formula in a
spreadsheet: it gets a leading apostrophe, as OWASP advises against CSV injection."""

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone as tz

from alongside.insights.at_risk import pair_health, per_pair
from alongside.insights.filters import Filters
from alongside.insights.models import QUESTIONS
from alongside.insights.selectors import (
    MATCHED,
    NOT_ENOUGH,
    Dashboard,
    SurveyResults,
    dashboard,
    reason_group,
    survey_results,
)
from alongside.meetings.models import Meeting, MeetingStatus
from alongside.mentorships.models import Mentorship, Status, TimelineItem
from alongside.programs.models import Enrollment, Program

KINDS = ("participants", "pairs", "aggregates")
FORMATS = ("csv", "xlsx")
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: Any) -> Any:
    """Numbers and dates stay what they are; text that a spreadsheet would run is quoted."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return value


def _date(moment: Any) -> str:
    return tz.localtime(moment).date().isoformat() if moment else ""


def participants_rows(program: Program) -> Iterator[list[Any]]:
    yield ["person_id", "name", "email", "role", "status", "department", "enrolled_on", "matched"]
    in_pair = Mentorship.objects.filter(program=program, status__in=MATCHED).filter(
        Q(mentor=OuterRef("person")) | Q(mentee=OuterRef("person"))
    )
    rows = (
        Enrollment.objects.filter(program=program)
        .select_related("person")
        .annotate(matched=Exists(in_pair))
        .order_by("role", "person__name", "pk")
    )
    for e in rows.iterator(chunk_size=2000):
        department = e.answers.get("department", "") if isinstance(e.answers, dict) else ""
        yield [
            str(e.person.public_id),
            e.person.name,
            e.person.email,
            e.role,
            e.status,
            str(department or ""),
            _date(e.created_at),
            "yes" if e.matched else "no",
        ]


def pairs_rows(program: Program) -> Iterator[list[Any]]:
    yield [
        "pair_id",
        "mentor",
        "mentee",
        "status",
        "created_on",
        "started_on",
        "closed_on",
        "ended_reason_group",
        "meetings_held",
        "last_activity_on",
        "cadence_days",
        "health_score",
        "signals",
    ]
    now = tz.now()
    health = {h.pair_pk: h for h in pair_health(program, now=now)}
    held = per_pair(
        Meeting.objects.filter(
            mentorship__program=program, status=MeetingStatus.SCHEDULED, starts_at__lte=now
        ),
        Count("pk"),
    )
    latest = per_pair(TimelineItem.objects.filter(mentorship__program=program), Max("at"))
    pairs = (
        Mentorship.objects.filter(program=program)
        .select_related("mentor", "mentee")
        .order_by("created_at", "pk")
    )
    for m in pairs.iterator(chunk_size=2000):
        h = health.get(m.pk)
        yield [
            str(m.public_id),
            m.mentor.name,
            m.mentee.name,
            m.status,
            _date(m.created_at),
            _date(m.started_at),
            _date(m.closed_at),
            reason_group(m.end_reason) if m.status == Status.ENDED else "",
            held.get(m.pk, 0),
            _date(latest.get(m.pk) or m.started_at),
            h.signals.cadence_days if h else "",
            h.score if h else "",
            "; ".join(h.labels) if h else "",
        ]


def _or_not_enough(value: Any) -> Any:
    return NOT_ENOUGH if value is None else value


def aggregate_rows(dash: Dashboard, survey: SurveyResults) -> Iterator[list[Any]]:
    yield ["metric", "group", "value"]
    f = dash.filters
    yield ["period", "", f"{f.since.isoformat()} to {f.until.isoformat()}"]
    if f.department:
        yield ["department", "", f.department]
    if f.cohort:
        yield ["cohort", "", f.cohort]
    yield ["enrolled_mentors", "", dash.mentors]
    yield ["enrolled_mentees", "", dash.mentees]
    yield ["pairs_started", "", dash.pairs]
    yield ["match_rate", "", _or_not_enough(dash.match_rate)]
    yield ["active_pairs", "", _or_not_enough(dash.active_pairs)]
    yield ["share_keeping_cadence", "", _or_not_enough(dash.cadence_kept)]
    yield ["goals_set", "", _or_not_enough(dash.goals_set)]
    yield ["goals_achieved", "", _or_not_enough(dash.goals_achieved)]
    yield ["milestones_completed", "", _or_not_enough(dash.milestones_completed)]
    yield ["checkins_submitted", "", _or_not_enough(dash.checkins)]
    yield ["meetings_held", "", _or_not_enough(dash.meetings_held)]
    yield ["average_meeting_feedback", "", _or_not_enough(dash.feedback_average)]
    yield ["pairs_ended_early", "", _or_not_enough(dash.ended_early)]
    if dash.enough:
        for month, n in dash.meetings_per_month:
            yield ["meetings_held_in_month", month, n]
        for month, n in dash.checkins_per_month:
            yield ["checkins_in_month", month, n]
        for row in dash.skills:
            yield ["confidence_change", row["skill"], _or_not_enough(row["change"])]
    for row in dash.ended_reasons or []:
        yield ["ended_early_reason", row["label"], row["pairs"]]
    for name in QUESTIONS:
        yield ["survey_" + name, "", _or_not_enough(survey.averages[name])]


def rows_for(program: Program, kind: str, filters: Filters) -> Iterable[list[Any]]:
    if kind == "participants":
        return participants_rows(program)
    if kind == "pairs":
        return pairs_rows(program)
    return aggregate_rows(dashboard(program, filters), survey_results(program))


def as_csv(rows: Iterable[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([neutralised(cell) for cell in row])
    # A byte-order mark, so that spreadsheet programs read the names as UTF-8.
    return ("\ufeff" + out.getvalue()).encode()


def as_xlsx(rows: Iterable[list[Any]], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    bold = Font(bold=True)
    for number, row in enumerate(rows):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=neutralised(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text is text, never a formula
            if number == 0:
                cell.font = bold
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export(program: Program, kind: str, fmt: str, filters: Filters) -> tuple[bytes, str, str]:
    """The file's bytes, its name and its content type."""
    rows = rows_for(program, kind, filters)
    stamp = tz.localdate().isoformat()
    name = f"{program.slug}-{kind}-{stamp}.{fmt}"
    if fmt == "xlsx":
        return (
            as_xlsx(rows, title=kind),
            name,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    return as_csv(rows), name, "text/csv; charset=utf-8"
