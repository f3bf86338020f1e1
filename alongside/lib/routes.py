"""Where a page lives, declared on its view, as django-ninja declares an endpoint's route
on its function: `routes = Routes()` in a views module, `@routes.page("goals/<str:goal_id>/",
name="goal")` above a view, and the app's urls.py lists its views modules' routes
(`urlpatterns = [*views.routes, *views_edit.routes]`).

A page is for signed-in people unless its declaration says otherwise, as the API sets its
`auth=` once on the router: the route wraps the view in Django's `login_required`, which
sends an anonymous visitor to sign in, and `public=True` declares the few pages anyone may
open (signing in and up, the home page, the calendar feed and the unsubscribe link, whose
token is the credential). `never_cache=True` marks the page no-cache, the sign-in redirect
too, so that no copy of a page holding a secret is kept.

The declaration goes above every other decorator, so that what is routed is the view as
finally wrapped (signed in, POST only). A module's routes keep the order of their
declarations, which is the order Django tries them in: where two routes could match one
address (`programs/new/` and `programs/<str:program_id>/`), the one declared first wins."""

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.urls import URLPattern, path, re_path
from django.views.decorators import cache

from alongside.lib.edit_pages import Editable, View, delete_page, edit_page

V = TypeVar("V", bound=Callable[..., Any])


def _guarded(view: V, *, public: bool, never_cache: bool) -> V:
    """The view as routed: behind sign-in unless public (once, when a view has two routes),
    and no-cache around that."""
    if not public and not getattr(view, "signed_in_only", False):
        view = login_required(view)
        view.signed_in_only = True  # type: ignore[attr-defined]
    return cache.never_cache(view) if never_cache else view


class Routes:
    """The page routes of one views module, in the order they were declared."""

    def __init__(self) -> None:
        self.patterns: list[URLPattern] = []

    def __iter__(self) -> Iterator[URLPattern]:
        return iter(self.patterns)

    def page(
        self,
        route: str,
        *,
        name: str,
        kwargs: dict[str, Any] | None = None,
        public: bool = False,
        never_cache: bool = False,
    ) -> Callable[[V], V]:
        """The view below answers at `route` (Django's `path` syntax), under the URL name
        `name`, to a signed-in person unless `public`; `kwargs` are extra keyword arguments
        it receives at this address."""

        def declare(view: V) -> V:
            routed = _guarded(view, public=public, never_cache=never_cache)
            self.patterns.append(path(route, routed, kwargs or {}, name=name))
            return routed

        return declare

    def page_re(self, regex: str, *, name: str, public: bool = False) -> Callable[[V], V]:
        """As `page`, for a route written as a regular expression (`re_path`): an address
        part that is one of a few words, `(?P<action>accept|decline)`."""

        def declare(view: V) -> V:
            routed = _guarded(view, public=public, never_cache=False)
            self.patterns.append(re_path(regex, routed, name=name))
            return routed

        return declare

    def edit_pages(self, route: str, spec: Editable, *, name: str) -> tuple[View, View]:
        """The edit and delete pages of a kind of thing (`lib.edit_pages`), at `<route>edit/`
        and `<route>delete/` under the URL names `<name>_edit` and `<name>_delete`; `route`
        ends with the thing's id, `comments/<str:thing_id>/`."""
        edit = self.page(route + "edit/", name=f"{name}_edit")(edit_page(spec))
        delete = self.page(route + "delete/", name=f"{name}_delete")(delete_page(spec))
        return edit, delete
