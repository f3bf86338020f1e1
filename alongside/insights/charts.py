"""The dashboard's charts, drawn by lib.svg from a Dashboard; the tables beside them give
the same numbers."""

import calendar

from alongside.insights.selectors import Dashboard
from alongside.lib.svg_bars import bar_chart

NOT_ENOUGH_TEXT = "Not enough data: fewer than 5 pairs"


def _month(label: str, *, full: bool = False) -> str:
    year, month = label.split("-")
    return f"{calendar.month_abbr[int(month)]} {year if full else year[2:]}"


def _per_month(
    dash: Dashboard, rows: list[tuple[str, int]], title: str, says: str, none: str
) -> str:
    return bar_chart(
        title=title,
        description=f"{says}; the table beside gives the numbers.",
        bars=[(_month(m), float(n)) for m, n in rows],
        empty_text=NOT_ENOUGH_TEXT if not dash.enough else none,
    )


def meetings_chart(dash: Dashboard) -> str:
    return _per_month(
        dash,
        dash.meetings_per_month,
        "Meetings held per month",
        "Meetings held by the program's pairs, month by month (UTC)",
        "No meetings in this period",
    )


def checkins_chart(dash: Dashboard) -> str:
    return _per_month(
        dash,
        dash.checkins_per_month,
        "Check-ins submitted per month",
        "Monthly check-ins submitted by the mentees",
        "No check-ins in this period",
    )


def skills_chart(dash: Dashboard) -> str:
    shown = [row for row in dash.skills if row["change"] is not None][:12]
    return bar_chart(
        title="Average confidence change per skill",
        description="For each skill rated by at least 5 pairs: the mean change from the first "
        "to the latest rating (1-5 scale).",
        bars=[(row["skill"], float(row["change"])) for row in shown],
        y_label="Change",
        empty_text=NOT_ENOUGH_TEXT,
    )


def month_rows(dash: Dashboard) -> list[tuple[str, int, int, int, int, int]]:
    """Month, meetings held, check-ins, milestones completed, goals achieved, messages."""
    return [
        (_month(m, full=True), meetings, checkins, milestones, goals, messages)
        for (m, meetings), (_, checkins), (_, milestones), (_, goals), (_, messages) in zip(
            dash.meetings_per_month,
            dash.checkins_per_month,
            dash.milestones_per_month,
            dash.goals_per_month,
            dash.messages_per_month,
            strict=True,
        )
    ]
