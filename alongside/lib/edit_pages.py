"""The pages that correct and take back what a person wrote: one edit page and one
delete page per kind of thing, made from a description of the kind (`Editable`), so each
app says what differs (its access helper, its form, its services, where to go back) and
nothing else. They work without JavaScript: a form to edit, and a page that asks before
deleting. The API's PATCH and DELETE endpoints call the same description (`api_edit`,
`api_delete`), so page and API reach the thing and its services the same way. The pages
are routed by `Routes.edit_pages` (`lib.routes`), which puts them behind sign-in."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import Status

from alongside.lib.pages import act, form_page, success

View = Callable[..., HttpResponse]
SEEN_EDITED = "The other person sees the new words, marked “edited”."


@dataclass(frozen=True)
class Editable:
    """One kind of thing a person wrote and may correct or take back."""

    what: str  # "note", "thank-you note": the words of the page
    get: Callable[[Any, str], Any]  # the access helper: the thing, or a 404
    author_id: Callable[[Any], Any]  # who wrote it: only they see these pages
    form: Callable[..., forms.Form]  # form(data, initial=..., thing=...)
    initial: Callable[[Any], dict[str, Any]]  # its current values, for the form
    edit: Callable[..., Any]  # the service: edit(<arg>=thing, actor=..., **changes)
    delete: Callable[..., Any]  # the service: delete(<arg>=thing, actor=...)
    back: Callable[[Any], str]  # the page to return to
    quote: Callable[[Any], str]  # its words, shown before deleting
    arg: str = "item"  # the services' keyword for the thing
    # The valid form as the edit service's keywords (e.g. an owner id to a person).
    changes: Callable[[Any, Any, Any], dict[str, Any]] = field(
        default=lambda me, form, thing: form.cleaned_data
    )
    deleted_note: str = ""  # what else goes with it, said before deleting
    # Said under the edit form; a function of the thing when it depends on who reads it.
    edit_note: str | Callable[[Any], str] = SEEN_EDITED


def _own(spec: Editable, request: HttpRequest, thing_id: str) -> Any:
    """The thing, if the signed-in person wrote it: 404 for whoever may not see it (the
    access helper), 403 for the other member, who may read it but not change it."""
    thing = spec.get(request.user, thing_id)
    if spec.author_id(thing) != request.user.pk:
        raise PermissionDenied(f"Only the person who wrote this {spec.what} can change it.")
    return thing


def edit_page(spec: Editable) -> View:
    def view(request: HttpRequest, thing_id: str) -> HttpResponse:
        thing = _own(spec, request, thing_id)
        form = spec.form(
            request.POST if request.method == "POST" else None,
            initial=spec.initial(thing),
            thing=thing,
        )
        note = spec.edit_note(thing) if callable(spec.edit_note) else spec.edit_note
        context = {
            "spec": spec,
            "thing": thing,
            "form": form,
            "back": spec.back(thing),
            "edit_note": note,
        }
        return form_page(
            request,
            form,
            lambda: spec.edit(
                **{spec.arg: thing}, actor=request.user, **spec.changes(request.user, form, thing)
            ),
            page=lambda status: render(request, "edit/edit.html", context, status=status),
            done=lambda _: success(request, f"Your {spec.what} is saved.", spec.back(thing)),
        )

    return view


def delete_page(spec: Editable) -> View:
    def view(request: HttpRequest, thing_id: str) -> HttpResponse:
        thing = _own(spec, request, thing_id)
        back = spec.back(thing)
        if request.method == "POST":
            return act(
                request,
                lambda: spec.delete(**{spec.arg: thing}, actor=request.user),
                to=back,
                said=f"Your {spec.what} is deleted.",
            )
        context = {"spec": spec, "thing": thing, "quote": spec.quote(thing), "back": back}
        return render(request, "edit/delete.html", context)

    return view


def api_edit(spec: Editable, request: HttpRequest, thing_id: str, **changes: Any) -> Any:
    """PATCH: the thing through its access helper (404 for whoever may not see it), then
    the edit service (403 for the other member, 409 or 422 for what it refuses)."""
    return spec.edit(**{spec.arg: spec.get(request.user, thing_id)}, actor=request.user, **changes)


def api_delete(spec: Editable, request: HttpRequest, thing_id: str) -> Status:
    """DELETE: as `api_edit`, with the delete service; 204 when it is gone."""
    spec.delete(**{spec.arg: spec.get(request.user, thing_id)}, actor=request.user)
    return Status(204, None)
