"""The growth charts, drawn by lib.svg from a Growth."""

from alongside.growth.selectors import Growth
from alongside.lib.svg import line_chart
from alongside.lib.svg_bars import bar_chart


def skills_chart(growth: Growth) -> str:
    return line_chart(
        title="Confidence per skill over time",
        description="Ratings from 1 to 5 in each check-in; a table gives the numbers.",
        series={s.skill: [(d, float(v)) for d, v in s.series] for s in growth.skills},
        y_min=1,
        y_max=5,
        y_label="Confidence",
    )


def feeling_chart(growth: Growth) -> str:
    return line_chart(
        title="How the mentee felt",
        description="Feeling from 1 to 5 in each check-in; a table gives the numbers.",
        series={"Feeling": [(d, float(v)) for d, v in growth.feeling]} if growth.feeling else {},
        y_min=1,
        y_max=5,
        y_label="Feeling",
    )


def _month(label: str, *, full: bool = False) -> str:
    """'2026-05' -> 'May 26', or 'May 2026' when full."""
    import calendar

    year, month = label.split("-")
    return f"{calendar.month_abbr[int(month)]} {year if full else year[2:]}"


def month_rows(growth: Growth) -> list[tuple[str, int, int, int]]:
    """The numbers behind the monthly charts: month, meetings, milestones, goals."""
    return [
        (_month(m, full=True), meetings, milestones, goals)
        for (m, meetings), (_, milestones), (_, goals) in zip(
            growth.meetings_held, growth.milestones_completed, growth.goals_achieved, strict=True
        )
    ]


def monthly_chart(title: str, counts: list[tuple[str, int]]) -> str:
    return bar_chart(
        title=title,
        description=f"{title}, month by month; a table gives the numbers.",
        bars=[(_month(m), float(n)) for m, n in counts],
    )
