"""FormsPage: a form posted from a thing's page comes back on that page with its errors,
or the change is made and the person goes back to the page with a message."""

from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from alongside.lib.errors import Conflict
from alongside.lib.pages import FormsPage


class NoteForm(forms.Form):
    body = forms.CharField(max_length=20)


class Thing:
    public_id = "t1"


shown: list[dict[str, Any]] = []


def _show(request: HttpRequest, thing: Thing, *, status: int = 200, **forms: Any) -> HttpResponse:
    shown.append({"thing": thing, **forms})
    return HttpResponse("the page", status=status)


PAGE = FormsPage(_show, url=lambda thing: f"/things/{thing.public_id}/")


@pytest.fixture
def post():
    shown.clear()

    def make(**data: str) -> HttpRequest:
        request = RequestFactory().post("/things/t1/notes/", data)
        request.session = SessionStore()
        request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
        return request

    return make


def _said(request: HttpRequest) -> list[str]:
    return [str(m) for m in get_messages(request)]


def test_a_wrong_form_comes_back_on_the_page_under_its_name_and_the_service_is_not_called(post):
    request = post(body="x" * 21)
    form = NoteForm(request.POST)
    called = []
    answer = PAGE.post(request, Thing(), lambda: called.append(1), note_form=form, open_notes=True)
    assert answer.status_code == 400
    assert called == []
    assert shown[0]["note_form"] is form and shown[0]["open_notes"] is True
    assert form.errors["body"]


def test_a_change_made_says_so_and_goes_back_to_the_page_at_its_anchor(post):
    request = post(body="hello")
    form = NoteForm(request.POST)
    answer = PAGE.post(
        request,
        Thing(),
        lambda: form.cleaned_data["body"].upper(),
        note_form=form,
        said=lambda result: f"Saved {result}.",
        anchor="notes",
    )
    assert (answer.status_code, answer["Location"]) == (302, "/things/t1/#notes")
    assert _said(request) == ["Saved HELLO."]
    assert shown == []


def test_without_words_or_anchor_it_goes_back_to_the_page_in_silence(post):
    request = post(body="hello")
    answer = PAGE.post(request, Thing(), lambda: None, note_form=NoteForm(request.POST))
    assert answer["Location"] == "/things/t1/"
    assert _said(request) == []


def test_the_services_refusals_stand_on_the_form_on_the_page(post):
    request = post(body="hello")
    form = NoteForm(request.POST)

    def refuse() -> None:
        raise ValidationError({"body": "Not that."})

    assert PAGE.post(request, Thing(), refuse, note_form=form).status_code == 400
    assert form.errors["body"] == ["Not that."]

    form = NoteForm(request.POST)

    def conflict() -> None:
        raise Conflict("Too late.", code="late")

    assert PAGE.post(request, Thing(), conflict, note_form=form).status_code == 409
    assert form.non_field_errors() == ["Too late."]


def test_it_takes_exactly_one_form(post):
    request = post(body="hello")
    with pytest.raises(ValueError):
        PAGE.post(request, Thing(), lambda: None, open_notes=True)
    with pytest.raises(ValueError):
        PAGE.post(
            request, Thing(), lambda: None, a=NoteForm(request.POST), b=NoteForm(request.POST)
        )


class GroupForm(forms.ModelForm):
    """A model's form is a form too (forms.BaseForm, not forms.Form)."""

    class Meta:
        from django.contrib.auth.models import Group

        model = Group
        fields = ["name"]


def test_a_models_form_is_the_pages_form_too(post):
    request = post(name="")
    form = GroupForm(request.POST)
    called = []
    answer = PAGE.post(request, Thing(), lambda: called.append(1), group_form=form)
    assert answer.status_code == 400
    assert called == []
    assert shown[0]["group_form"] is form
