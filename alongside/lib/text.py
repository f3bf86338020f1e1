"""The one rule for text people type, for every API schema, page form and admin form.

Single-line values (titles, names, places, headlines, list entries) end up where a line
break or a control character breaks something: a calendar file, an email subject, a file
name in a header, a log line. They are refused, not silently folded, so that the person
sees what was wrong. Bidirectional overrides are refused too: they make a title read
differently from what it is ("Trojan Source"). Multi-line values (bodies, notes, bios)
keep line breaks and tabs but refuse NUL and the other C0 controls, which PostgreSQL
cannot store and no one types.

This module imports no app: lib sits below every app.
"""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from pydantic import GetJsonSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

# C0 controls, DEL, C1 controls, line and paragraph separators, and the bidi overrides
# and isolates (U+202A-202E, U+2066-2069).
_NOT_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# The same, less tab, line feed and carriage return.
_NOT_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _what(field: str) -> str:
    return field.replace("_", " ").strip() or "value"


def one_line_problem(value: str, *, field: str) -> str | None:
    """What is wrong with `value` as a one-line `field`, said so a person can fix it."""
    if _NOT_ONE_LINE.search(value):
        return f"The {_what(field)} must be one line: remove line breaks and control characters."
    return None


def text_problem(value: str, *, field: str) -> str | None:
    """What is wrong with `value` as a multi-line `field` (line breaks and tabs are fine)."""
    if "\x00" in value:
        return f"The {_what(field)} contains a NUL character (\\0): remove it."
    if _NOT_IN_TEXT.search(value):
        return (
            f"The {_what(field)} contains a control character or a text-direction "
            "override: remove it."
        )
    return None


def fold_one_line(value: str) -> str:
    """A stored value made one line: controls become spaces, overrides go, spaces collapse.
    For rows written before the rule (a data migration) and for text read back into a
    one-line place (a file name, a calendar name)."""
    value = re.sub(r"[\u202a-\u202e\u2066-\u2069]", "", value)
    return " ".join(_NOT_ONE_LINE.sub(" ", value).split())


# --- API schemas (pydantic) ------------------------------------------------------------


class _MultiLine:
    """Marks a `str` schema field as several lines (Annotated[str, MultiLine]). `In`, the
    base of request bodies, checks every string field, one line unless marked, so that a
    new field is safe by default."""

    multi_line = True

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        # Documented, so that clients (and the hostile-input sweep) know which fields
        # keep line breaks; every other text field of a request body must be one line.
        return {**handler(schema), "x-multiline": True}


MultiLine = _MultiLine()


def schema_check(value: Any, *, field: str, multi_line: bool) -> Any:
    """For a pydantic field validator: strings and lists of strings, checked in place."""
    values = value if isinstance(value, list) else [value]
    for item in values:
        if not isinstance(item, str):
            continue
        problem = (text_problem if multi_line else one_line_problem)(item, field=field)
        if problem:
            raise PydanticCustomError("text_rule", problem)
    return value


# --- page and admin forms ----------------------------------------------------------------


def _form_validator(field: str, *, multi_line: bool) -> Any:
    def validate(value: Any) -> None:
        if isinstance(value, str):
            problem = (text_problem if multi_line else one_line_problem)(value, field=field)
            if problem:
                raise ValidationError(problem, code="text_rule")

    return validate


def apply_text_rules(form: forms.BaseForm) -> None:
    """Give every text field of a form the rule its widget implies: a textarea holds
    several lines, any other text input one line. Passwords are left alone."""
    for name, field in form.fields.items():
        if not isinstance(field, forms.CharField):
            continue
        if isinstance(field.widget, forms.PasswordInput):
            continue
        if getattr(field, "_text_rule", False):
            continue
        multi_line = isinstance(field.widget, forms.Textarea)
        field.validators = [*field.validators, _form_validator(name, multi_line=multi_line)]
        field._text_rule = True  # type: ignore[attr-defined]


class TextRulesAdmin:
    """For a ModelAdmin: the admin site's forms follow the same rules as the pages."""

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        base = super().get_form(request, obj, change=change, **kwargs)  # type: ignore[misc]

        class Checked(base):  # type: ignore[valid-type, misc]
            def __init__(self, *args: Any, **kw: Any) -> None:
                super().__init__(*args, **kw)
                apply_text_rules(self)

        return Checked
