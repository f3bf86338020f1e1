"""A person's data rights on the API: the export (at once when small, else by the worker)
and the deletion of the account."""

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from alongside.lib.errors import Conflict
from alongside.lib.http import client_address, download
from alongside.lib.pagination import paginate
from alongside.lib.schemas import PageQuery
from alongside.people.access import signed_in
from alongside.privacy import services
from alongside.privacy.access import get_export_for
from alongside.privacy.build import export_build, export_filename, export_row_count
from alongside.privacy.schemas import DeleteIn, ExportOut, ExportPage
from alongside.privacy.selectors import exports_of

router = Router()

ZIP = "application/zip"
# The zip as the document shows it: its files are described in the operation's text and,
# row by row, in the schema.json inside it (docs/api.md lists every field).
ZIP_ANSWER = {
    "responses": {
        200: {
            "description": "The zip: a JSON file per kind, schema.json, manifest.json and "
            "report.html.",
            "content": {ZIP: {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.get("/export", response={200: None}, openapi_extra=ZIP_ANSWER)
def export_now(request: HttpRequest) -> HttpResponse:
    """Your data as a zip, at once: one JSON file per kind (profile, api_tokens,
    enrollments, mentorships, goals, meetings, checkins, appreciations, resources,
    journal, shared_entries, notifications, notification_settings, and what later apps
    add), `schema.json` (the JSON Schema of each file), `manifest.json` (the files and
    their row counts) and `report.html` (the same, readable). It holds everything you
    wrote, your private journal and notes included, and what your pairs shared with you;
    never another person's private notes or their feedback while it is still blind to you.

    Up to EXPORT_INLINE_MAX_ROWS rows (5,000 by default); beyond, a 409 with code
    `export_too_large`: ask for it with POST /me/exports and the worker builds it."""
    person = signed_in(request)
    rows = export_row_count(person)
    if rows > settings.EXPORT_INLINE_MAX_ROWS:
        raise Conflict(
            f"Your export holds {rows} rows, more than are built at once "
            f"({settings.EXPORT_INLINE_MAX_ROWS}). Ask for it with POST /api/v1/me/exports: "
            "the worker builds it and emails you when it is ready.",
            code="export_too_large",
        )
    built = export_build(person)
    services.export_downloaded(person=person, rows=built.rows)
    return download(built.content, filename=export_filename(), content_type=ZIP)


@router.post("/exports", response={202: ExportOut})
def export_ask(request: HttpRequest) -> Status:
    """Ask the worker to build your export (the same zip as GET /me/export); you get an
    email when it is ready, and it is kept EXPORT_DAYS (7) days. While one is being
    prepared, asking again answers that one."""
    return Status(202, services.export_request(person=signed_in(request)))


@router.get("/exports", response=ExportPage)
def export_list(request: HttpRequest, q: Query[PageQuery]) -> dict[str, object]:
    """Your exports that have not expired, newest first."""
    return paginate(exports_of(signed_in(request)), q)


@router.get("/exports/{export_id}/download", response={200: None}, openapi_extra=ZIP_ANSWER)
def export_download(request: HttpRequest, export_id: str) -> HttpResponse:
    """Download one of your exports (yours alone: a 404 for anyone else, and once expired).
    A 409 while it is still being prepared."""
    export = get_export_for(signed_in(request), export_id)
    if export.status != "ready":
        raise Conflict(
            "This export is still being prepared; you get an email when it is ready.",
            code="export_not_ready",
        )
    content = services.export_content(export)
    services.export_downloaded(person=export.person, export=export)
    return download(content, filename=export_filename(export.ready_at), content_type=ZIP)


# Mounted by alongside/api.py on the people app's /me router: one address, GET, PATCH and
# DELETE (ninja answers 405 when two routers share a path).
def delete_me(request: HttpRequest, payload: DeleteIn) -> Status:
    """Delete your account, confirmed with your password (throttled like a sign-in: 429
    after repeated wrong passwords). Removed: your profile, private journal, private
    notes, notifications, calendar feed, exports and API tokens (every one answers 401
    from now on), and your sessions end. Your open mentorships end, and each partner is
    told. What you shared with a pair stays for the other member, under the name
    "a former member". Your email address may sign up again."""
    services.account_delete(
        person=signed_in(request), password=payload.password, client=client_address(request)
    )
    logout(request)
    return Status(204, None)
