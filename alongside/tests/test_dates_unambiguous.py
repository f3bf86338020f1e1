"""Dates are typed and shown the one way nobody misreads. A browser's date picker follows
the browser's locale, not the person: a Berlin user with an English browser saw mm/dd/yyyy
on the growth page. Every date field is a text box that takes 2026-03-14 and says so."""

import datetime as dt
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from django import forms

import alongside
from alongside.meetings.forms import ScheduleForm
from conftest import page_client

PACKAGE = Path(alongside.__file__).parent


def every_form_class() -> list[type[forms.Form]]:
    found = []
    for info in pkgutil.walk_packages([str(PACKAGE)], "alongside."):
        if not (info.name.endswith(".forms") or ".forms_" in info.name):
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def date_fields() -> list[tuple[str, forms.Field]]:
    return [
        (f"{cls.__module__}.{cls.__name__}.{name}", field)
        for cls in every_form_class()
        for name, field in getattr(cls, "base_fields", {}).items()
        if isinstance(field, forms.DateField | forms.DateTimeField)
    ]


def test_the_forms_have_date_fields_to_check():
    names = [name for name, _ in date_fields()]
    assert "alongside.meetings.forms.MeetingForm.starts_at" in names
    assert "alongside.goals.forms.GoalForm.target_date" in names or any(
        n.endswith(".target_date") for n in names
    )
    assert len(names) >= 8


@pytest.mark.parametrize(
    ("name", "field"),
    # Named by form and field, in one order: pytest-xdist's workers must collect the same ids.
    [
        pytest.param(name, field, id=name.removeprefix("alongside."))
        for name, field in sorted(date_fields(), key=lambda named: named[0])
    ],
)
def test_every_date_field_is_a_text_box_that_names_its_format(name, field):
    assert field.widget.input_type == "text", f"{name} is a locale-dependent picker"
    assert "YYYY-MM-DD" in field.help_text, f"{name} does not say how to write the date"
    assert "YYYY-MM-DD" in field.error_messages["invalid"]


def test_no_template_draws_a_browser_date_picker():
    pickers = re.compile(r"""type=["']?(date|datetime-local|month|week)\b""")
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.html")
        if pickers.search(path.read_text())
    ]
    assert offenders == []


def test_a_day_month_order_is_refused_with_the_format_to_use(mentor):
    form = ScheduleForm({"starts_at": "14.03.2026 17:30", "minutes": "30"})
    assert not form.is_valid()
    assert form.errors["starts_at"] == [
        "Write the date and time as YYYY-MM-DD HH:MM on a 24-hour clock, for example "
        "2026-03-14 17:30."
    ]
    form = ScheduleForm({"starts_at": "2026-03-14 17:30", "minutes": "30"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"].strftime("%d %m %H %M") == "14 03 17 30"


def test_the_meeting_form_shows_its_time_as_it_wants_it_typed(pair, mentor):
    page = page_client(mentor).get(f"/mentorships/{pair.public_id}/meetings/new/")
    html = page.content.decode()
    field = re.search(r'<input[^>]*name="starts_at"[^>]*>', html).group(0)
    assert 'type="text"' in field
    assert re.search(r'value="\d{4}-\d{2}-\d{2} \d{2}:\d{2}"', field), field
    assert 'aria-describedby="id_starts_at_helptext"' in field
    assert "24-hour clock" in html


def test_the_growth_page_from_field_says_yyyy_mm_dd_and_keeps_what_was_typed(pair, mentee):
    pair.started_at = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    pair.save(update_fields=["started_at"])
    client = page_client(mentee)
    since = dt.date(2026, 1, 5)
    html = client.get(f"/mentorships/{pair.public_id}/growth/?since={since}").content.decode()
    field = re.search(r'<input[^>]*id="since"[^>]*>', html).group(0)
    assert 'type="text"' in field and 'value="2026-01-05"' in field
    assert 'aria-describedby="since-hint"' in field
    assert 'id="since-hint">YYYY-MM-DD</span>' in html
    assert "5 Jan 2026 to" in html


def test_a_growth_date_typed_the_wrong_way_round_is_a_400_that_says_how(pair, mentee):
    r = page_client(mentee).get(f"/mentorships/{pair.public_id}/growth/?since=03/14/2026")
    assert r.status_code == 400
    html = r.content.decode()
    assert "Write the date as YYYY-MM-DD, for example 2026-03-14." in html
    field = re.search(r'<input[^>]*id="since"[^>]*>', html).group(0)
    assert 'value="03/14/2026"' in field and 'aria-invalid="true"' in field
    assert 'aria-describedby="since-error since-hint"' in field
