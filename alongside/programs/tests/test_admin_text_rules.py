"""The admin site's forms follow the one-line rule too: a program's name or a person's
name reaches emails, calendar files and file names like any other."""

import pytest
from django.contrib.admin import site
from django.test import RequestFactory

from alongside.people.models import Person
from alongside.programs.models import Program
from alongside.programs.selectors import community_program


@pytest.fixture
def staff_request(db):
    request = RequestFactory().post("/admin/")
    request.user = Person.objects.create_superuser(
        email="root@example.org", password="root-pass-123456", name="Root"
    )
    return request


def _form(model, request, obj, **changes):
    admin = site._registry[model]
    form_class = admin.get_form(request, obj, change=True)
    form = form_class(instance=obj)
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if hasattr(value, "all") or isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif value is not None:
            data[name] = value
    return form_class(data={**data, **changes}, instance=obj)


def test_a_program_name_with_a_line_break_is_refused_in_the_admin(staff_request):
    program = community_program()
    form = _form(Program, staff_request, program, name="Community\nX")
    assert not form.is_valid()
    assert form.errors["name"] == [
        "The name must be one line: remove line breaks and control characters."
    ]
    form = _form(Program, staff_request, program, description="Two\nlines are fine here")
    assert form.is_valid(), form.errors


def test_a_person_headline_with_a_direction_override_is_refused_in_the_admin(staff_request, mentee):
    form = _form(Person, staff_request, mentee, headline="abc\u202eexe")
    assert not form.is_valid()
    assert "must be one line" in form.errors["headline"][0]
