"""Where a page lives, declared on its view, as django-ninja declares an endpoint's route
on its function: `routes = Routes()` in a views module, `@routes.page("goals/<str:goal_id>/",
name="goal")` above a view, and the app's urls.py lists its views modules' routes
(`urlpatterns = [*views.routes, *views_edit.routes]`).

The declaration goes above every other decorator, so that what is routed is the view as
finally wrapped (signed in, POST only). A module's routes keep the order of their
declarations, which is the order Django tries them in: where two routes could match one
address (`programs/new/` and `programs/<str:program_id>/`), the one declared first wins."""

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from django.urls import URLPattern, path, re_path

from alongside.lib.edit_pages import Editable, View, delete_page, edit_page

V = TypeVar("V", bound=Callable[..., Any])


class Routes:
    """The page routes of one views module, in the order they were declared."""

    def __init__(self) -> None:
        self.patterns: list[URLPattern] = []

    def __iter__(self) -> Iterator[URLPattern]:
        return iter(self.patterns)

    def page(
        self, route: str, *, name: str, kwargs: dict[str, Any] | None = None
    ) -> Callable[[V], V]:
        """The view below answers at `route` (Django's `path` syntax), under the URL name
        `name`; `kwargs` are extra keyword arguments it receives at this address."""

        def declare(view: V) -> V:
            self.patterns.append(path(route, view, kwargs or {}, name=name))
            return view

        return declare

    def page_re(self, regex: str, *, name: str) -> Callable[[V], V]:
        """As `page`, for a route written as a regular expression (`re_path`): an address
        part that is one of a few words, `(?P<action>accept|decline)`."""

        def declare(view: V) -> V:
            self.patterns.append(re_path(regex, view, name=name))
            return view

        return declare

    def edit_pages(self, route: str, spec: Editable, *, name: str) -> tuple[View, View]:
        """The edit and delete pages of a kind of thing (`lib.edit_pages`), at `<route>edit/`
        and `<route>delete/` under the URL names `<name>_edit` and `<name>_delete`; `route`
        ends with the thing's id, `comments/<str:thing_id>/`."""
        edit = self.page(route + "edit/", name=f"{name}_edit")(edit_page(spec))
        delete = self.page(route + "delete/", name=f"{name}_delete")(delete_page(spec))
        return edit, delete
