"""The two shapes of a page that changes something, written once.

- `form_page`: a form is posted; the page comes back with the errors beside their fields
  (400, or the status of the service's refusal), or the change is made and `done` says so
  (usually `success`: a message, then a redirect).
- `act`: a button is pressed; the service's refusal or `said` becomes a message
  (`attempt`), and the person goes back to `to`. `form_act`: the same for a small form
  posted from a list (a reply, a reaction), whose own errors become the message too.
- `FormsPage`: a page about one thing that carries several small forms, each posted to an
  address of its own (a goal's comment, milestone and status forms): `form_page` where the
  page that comes back is the thing's page, and `done` is going back to it.

The service is given as a function of nothing (`lambda: services.x(...)`), so it reads the
form's cleaned data only once the form is valid."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from alongside.lib.errors import ServiceError, Throttled
from alongside.lib.forms import add_service_errors
from alongside.lib.http import throttled_answer

T = TypeVar("T")


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    call: Callable[[], T],
    *,
    page: Callable[[int], HttpResponse],
    done: Callable[[T], HttpResponse],
) -> HttpResponse:
    """A GET shows `page(200)`. A POST checks the form, then calls the service: its
    complaints go on the form and the page comes back with them (`page(status)`, with
    Retry-After when a rate limit refused); when it succeeds, `done(result)` answers."""
    if request.method != "POST":
        return page(200)
    if not form.is_valid():
        return page(400)
    try:
        result = call()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return page(400)
    except ServiceError as exc:
        form.add_error(None, exc.detail)
        if isinstance(exc, Throttled):
            return throttled_answer(page(exc.status), exc)
        return page(exc.status)
    return done(result)


def success(request: HttpRequest, said: str, to: Any, *args: Any, **kwargs: Any) -> HttpResponse:
    """Say it (unless `said` is empty), then go to `to` (a URL, or a URL name and its
    arguments, as `redirect` takes them)."""
    if said:
        messages.success(request, said)
    return redirect(to, *args, **kwargs)


def _words(said: str | Callable[[T], str], result: T) -> str:
    return said(result) if callable(said) else said


def attempt(
    request: HttpRequest, call: Callable[[], T], *, said: str | Callable[[T], str] = ""
) -> T | None:
    """Call a service for a button: its refusal, or `said` when it succeeds, becomes the
    message of the next page. Answers its result, or None when it refused."""
    try:
        result = call()
    except ServiceError as exc:
        messages.error(request, exc.detail)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = _words(said, result)
        if text:
            messages.success(request, text)
        return result
    return None


def act(
    request: HttpRequest,
    call: Callable[[], T],
    *,
    to: Any,
    said: str | Callable[[T], str] = "",
) -> HttpResponse:
    """A button's POST: `attempt` the service, then go back to `to` (as `redirect` takes
    it), where the message is shown."""
    attempt(request, call, said=said)
    return redirect(to)


def form_act(
    request: HttpRequest,
    form: forms.Form,
    call: Callable[[], T],
    *,
    to: Any,
    said: str | Callable[[T], str] = "",
    invalid: str = "",
) -> HttpResponse:
    """`act` for a small form: when the form is wrong, `invalid` (or else the form's own
    words) is the message, and the service is not called."""
    if form.is_valid():
        attempt(request, call, said=said)
    else:
        words = [str(message) for errors in form.errors.values() for message in errors]
        messages.error(request, invalid or " ".join(words))
    return redirect(to)


@dataclass(frozen=True)
class FormsPage:
    """A page about one thing that carries several small forms, each posted to an address
    of its own. `show(request, thing, status=..., **forms)` draws it, a form given by name
    in the place of its blank one; `url(thing)` is where it is."""

    show: Callable[..., HttpResponse]
    url: Callable[[Any], str]

    def post(
        self,
        request: HttpRequest,
        thing: Any,
        call: Callable[[], T],
        *,
        said: str | Callable[[T], str] = "",
        anchor: str = "",
        **shown: Any,
    ) -> HttpResponse:
        """`form_page` for one of its forms, given by its name on the page (`note_form=form`,
        with anything that unfolds it, `open_details=True`): when it is wrong, the page comes
        back with it, its errors beside its fields; when the change is made, `said` and back
        to the page (at `#anchor`)."""
        (form,) = [value for value in shown.values() if isinstance(value, forms.BaseForm)]
        to = self.url(thing) + (f"#{anchor}" if anchor else "")
        return form_page(
            request,
            form,
            call,
            page=lambda status: self.show(request, thing, status=status, **shown),
            done=lambda result: success(request, _words(said, result), to),
        )
