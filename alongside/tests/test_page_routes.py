"""Every page's route is declared on its view (`lib.routes`) and listed by its app's urls.py:
each declared route is in the URLconf, answers at its own address with its own view, and
no two pages share a URL name."""

import importlib
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RoutePattern

import alongside

PACKAGE = Path(alongside.__file__).parent
DECLARES = re.compile(r"^routes = Routes\(\)$", re.MULTILINE)


def _modules_with_routes() -> list[ModuleType]:
    """Every module of the package that declares page routes, imported."""
    found = []
    for source in sorted(PACKAGE.rglob("*.py")):
        if "tests" in source.relative_to(PACKAGE).parts or not DECLARES.search(source.read_text()):
            continue
        dotted = ".".join(source.relative_to(PACKAGE.parent).with_suffix("").parts)
        found.append(importlib.import_module(dotted))
    return found


MODULES = _modules_with_routes()
DECLARED = [pytest.param(m, p, id=p.name) for m in MODULES for p in m.routes]


def _pages() -> list[URLPattern]:
    """The URLconf's patterns, but the API's and the admin's (each in its namespace)."""
    patterns: list[URLPattern] = []

    def walk(entries: list[Any]) -> None:
        for entry in entries:
            if isinstance(entry, URLResolver):
                if not entry.namespace:
                    walk(entry.url_patterns)
            else:
                patterns.append(entry)

    walk(get_resolver().url_patterns)
    return patterns


def _sample_kwargs(pattern: URLPattern) -> dict[str, str]:
    """A value for each part of the address: an id for a converter, the first word of
    `(?P<action>accept|decline)`."""
    if isinstance(pattern.pattern, RoutePattern):
        return dict.fromkeys(pattern.pattern.converters, "x1")
    groups = re.findall(r"\(\?P<(\w+)>([^)]*)\)", str(pattern.pattern))
    return {name: "x1" if body == "[^/]+" else body.split("|")[0] for name, body in groups}


def test_every_page_is_declared_on_its_view_but_the_password_pages_and_the_icon():
    declared = {p.name for m in MODULES for p in m.routes}
    undeclared = {p.name for p in _pages() if p.name} - declared
    # Django's own class-based views, listed in people/urls.py; the icon in alongside/urls.py.
    assert undeclared == {
        "favicon",
        "password_change",
        "password_change_done",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
    }


@pytest.mark.parametrize(("module", "pattern"), DECLARED)
def test_a_declared_page_is_in_the_urlconf(module: ModuleType, pattern: URLPattern):
    assert any(p is pattern for p in _pages()), f"add *{module.__name__}.routes to its urls.py"


@pytest.mark.parametrize(("module", "pattern"), DECLARED)
def test_a_page_answers_at_its_own_address_with_its_own_view(
    module: ModuleType, pattern: URLPattern
):
    kwargs = _sample_kwargs(pattern)
    found = resolve(reverse(pattern.name, kwargs=kwargs))
    # Not a route declared earlier that matches the same address (`programs/new/` is tried
    # before `programs/<str:program_id>/`, so a program's id is never "new").
    assert (found.url_name, found.func) == (pattern.name, pattern.callback)
    assert found.kwargs == {**kwargs, **pattern.default_args}


@pytest.mark.parametrize(("module", "pattern"), DECLARED)
def test_the_route_is_declared_above_the_other_decorators(module: ModuleType, pattern: URLPattern):
    # What is routed is the view as the module finally holds it, wrapped in login_required
    # and require_POST: a declaration below them would route the unwrapped function.
    assert any(pattern.callback is value for value in vars(module).values())


def test_no_two_pages_share_a_url_name():
    names = [p.name for p in _pages() if p.name]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def test_a_word_declared_first_wins_over_an_id_at_the_same_place():
    assert resolve("/programs/new/").url_name == "program_new"
    assert resolve("/programs/x1/").url_name == "program"


# A page is for signed-in people unless its route says `public=True`: these, and no others.
PUBLIC = {"home", "signin", "signin_code", "signup", "signout", "calendar_feed", "unsubscribe"}
SIGNED_IN = [p for p in DECLARED if p.id not in PUBLIC]


def test_the_public_pages_are_exactly_these():
    declared_public = {
        p.name
        for m in MODULES
        for p in m.routes
        if not getattr(p.callback, "signed_in_only", False)
    }
    assert declared_public == PUBLIC


@pytest.mark.django_db
@pytest.mark.parametrize(("module", "pattern"), SIGNED_IN)
def test_any_other_page_sends_an_anonymous_visitor_to_sign_in(
    client: Client, module: ModuleType, pattern: URLPattern
):
    address = reverse(pattern.name, kwargs=_sample_kwargs(pattern))
    response = client.get(address)
    assert (response.status_code, response["Location"]) == (302, f"/signin/?next={address}")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["twofactor_setup", "recovery_codes_renew"])
def test_a_no_cache_page_sends_even_the_sign_in_redirect_uncached(client: Client, name: str):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_page_with_two_routes_is_behind_sign_in_once(client: Client):
    routed = resolve("/mentorships/x1/accept/").func
    assert routed is resolve("/mentorships/x1/complete/decline/").func
    assert not getattr(routed.__wrapped__, "signed_in_only", False)
