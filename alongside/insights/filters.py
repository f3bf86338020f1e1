"""The dashboard's filters: a period (the last twelve months unless chosen, at most
MAX_MONTHS), the mentee's department, the cohort (the month its pairs started), read from a
query string with a message per bad field."""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.utils import timezone as tz

MAX_MONTHS = 36
COHORT = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass
class Filters:
    since: dt.date
    until: dt.date
    department: str = ""
    cohort: str = ""  # "YYYY-MM": the pairs that started in that month

    def query(self) -> dict[str, str]:
        out = {"since": self.since.isoformat(), "until": self.until.isoformat()}
        if self.department:
            out["department"] = self.department
        if self.cohort:
            out["cohort"] = self.cohort
        return out


def default_filters(today: dt.date | None = None) -> Filters:
    """The last twelve months, this one included."""
    today = today or tz.localdate()
    year, month = today.year, today.month - 11
    if month < 1:
        year, month = year - 1, month + 12
    return Filters(since=dt.date(year, month, 1), until=today)


def months_between(since: dt.date, until: dt.date) -> list[str]:
    months: list[str] = []
    year, month = since.year, since.month
    while (year, month) <= (until.year, until.month) and len(months) <= MAX_MONTHS:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


DEPARTMENT_MAX = 120


def filters_from(
    *, since: Any = None, until: Any = None, department: Any = "", cohort: Any = ""
) -> Filters:
    """The filters from a query string: dates as YYYY-MM-DD (at most 36 months apart, the
    last twelve months when none), a department, a cohort as YYYY-MM. Bad input raises a
    ValidationError naming the field."""
    from django.core.exceptions import ValidationError

    chosen = default_filters()
    errors: dict[str, str] = {}
    dates: dict[str, dt.date] = {"since": chosen.since, "until": chosen.until}
    for name, raw in (("since", since), ("until", until)):
        if raw in (None, ""):
            continue
        try:
            dates[name] = dt.date.fromisoformat(str(raw))
        except ValueError:
            errors[name] = "Give a date as YYYY-MM-DD."
    if not errors:
        if dates["since"] > dates["until"]:
            errors["until"] = "The end of the period comes before its start."
        elif len(months_between(dates["since"], dates["until"])) > MAX_MONTHS:
            errors["since"] = f"Choose a period of at most {MAX_MONTHS} months."
        elif dates["since"].year < 2000 or dates["until"].year > 2100:
            errors["since"] = "Choose dates between 2000 and 2100."
    department = str(department or "").strip()
    if len(department) > DEPARTMENT_MAX or any(ord(c) < 32 for c in department):
        errors["department"] = f"Give a department name of at most {DEPARTMENT_MAX} characters."
    cohort = str(cohort or "").strip()
    if cohort and not COHORT.match(cohort):
        errors["cohort"] = "Give a cohort as the month its pairs started: YYYY-MM."
    if errors:
        raise ValidationError(errors)
    return Filters(since=dates["since"], until=dates["until"], department=department, cohort=cohort)
