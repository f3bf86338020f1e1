"""`Routes`: a views module's page routes, declared on the views, in declaration order."""

from typing import Any

from django.http import HttpResponse

from alongside.lib.edit_pages import Editable
from alongside.lib.routes import Routes


def test_a_module_keeps_the_order_of_its_declarations():
    routes = Routes()

    @routes.page("things/new/", name="thing_new")
    def thing_new(request: Any) -> HttpResponse:
        return HttpResponse()

    @routes.page_re(r"^things/(?P<thing_id>[^/]+)/(?P<action>keep|drop)/$", name="thing_do")
    @routes.page("things/<str:thing_id>/", name="thing", kwargs={"action": "show"})
    def thing(request: Any, thing_id: str, action: str) -> HttpResponse:
        return HttpResponse()

    # Django tries them in this order; stacked declarations of one view are made from the
    # bottom up, as decorators are.
    assert [(str(p.pattern), p.name, p.callback, p.default_args) for p in routes] == [
        ("things/new/", "thing_new", thing_new, {}),
        ("things/<str:thing_id>/", "thing", thing, {"action": "show"}),
        (r"^things/(?P<thing_id>[^/]+)/(?P<action>keep|drop)/$", "thing_do", thing, {}),
    ]


def test_a_declaration_gives_back_the_view_it_routes():
    routes = Routes()

    def view(request: Any) -> HttpResponse:
        return HttpResponse()

    here = routes.page("here/", name="here")(view)
    there = routes.page_re(r"^there/$", name="there")(here)
    # Behind sign-in (once for the view, however many routes it has); a public page as it is.
    assert [p.callback for p in routes] == [here, there]
    assert here is there and here.__wrapped__ is view
    assert routes.page("open/", name="open", public=True)(view) is view


def test_edit_pages_gives_a_kind_its_edit_and_delete_pages():
    routes = Routes()
    spec = Editable(
        what="note",
        get=lambda person, thing_id: None,
        author_id=lambda thing: None,
        form=lambda data, initial, thing: None,  # type: ignore[arg-type,return-value]
        initial=lambda thing: {},
        edit=lambda **kwargs: None,
        delete=lambda **kwargs: None,
        back=lambda thing: "/",
        quote=lambda thing: "",
    )
    edit, delete = routes.edit_pages("notes/<str:thing_id>/", spec, name="note")
    assert [(str(p.pattern), p.name, p.callback) for p in routes] == [
        ("notes/<str:thing_id>/edit/", "note_edit", edit),
        ("notes/<str:thing_id>/delete/", "note_delete", delete),
    ]
