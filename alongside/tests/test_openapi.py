"""The OpenAPI document and the docs page that renders it, served without a CDN."""

import re

from alongside.tests.apispec import SCHEMA


def served(client) -> dict:
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/json")
    return r.json()


def operations(doc: dict) -> set[str]:
    return {
        f"{method.upper()} {path.removeprefix('/api/v1')}"
        for path, methods in doc["paths"].items()
        for method in methods
    }


def test_it_serves_an_openapi_3_document_to_anyone(db, client):
    doc = served(client)
    assert doc["openapi"].startswith("3.")
    assert doc["info"]["title"] == "Alongside API"
    assert "Bearer" in doc["info"]["description"]


def test_it_lists_the_auth_me_and_people_operations(db, client):
    assert {
        "POST /auth/signup",
        "POST /auth/token",
        "GET /auth/tokens",
        "DELETE /auth/tokens/{token_id}",
        "GET /me",
        "PATCH /me",
        "GET /people",
        "GET /people/{person_id}",
    } <= operations(served(client))


def test_it_sweeps_the_same_document_the_site_serves(db, client):
    assert operations(served(client)) == operations(SCHEMA)


def test_it_documents_bearer_auth_and_the_request_fields(db, client):
    doc = served(client)
    schemes = doc["components"]["securitySchemes"]
    assert schemes["BearerToken"] == {"type": "http", "scheme": "bearer"}
    patch = doc["components"]["schemas"]["MePatch"]
    assert patch["additionalProperties"] is False
    assert {"name", "headline", "skills", "timezone", "mentor_capacity"} <= set(patch["properties"])
    people = doc["paths"]["/api/v1/people"]["get"]["parameters"]
    assert {"q", "skill", "open_to_mentor", "limit", "offset"} <= {p["name"] for p in people}


def test_it_never_documents_an_integer_id_or_an_email_for_other_people(db, client):
    person = served(client)["components"]["schemas"]["PersonOut"]["properties"]
    assert person["id"]["format"] == "uuid"
    assert "email" not in person
    assert "pk" not in person


def test_it_serves_the_docs_page_with_swagger_from_our_own_static_files(db, client):
    r = client.get("/api/v1/docs")
    assert r.status_code == 200
    html = r.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert any(a.endswith("swagger-ui.css") for a in assets)
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert client.get(asset).status_code == 200, asset
    assert "/api/v1/openapi.json" in html


def test_the_docs_page_says_its_language(db, client):
    html = client.get("/api/v1/docs").content.decode()
    assert '<html lang="en">' in html
    assert html.count("<html") == 1


def test_it_loads_nothing_from_another_host_on_the_docs_page(db, client):
    html = client.get("/api/v1/docs").content.decode()
    assert re.findall(r"https?://", html) == []
    assert not re.search(r'(?:src|href)="//', html)  # protocol-relative: another host
    # No address names a CDN (the page's random CSRF token may spell "cdn": not an address).
    addresses = re.findall(r'(?:src|href|url)"?\s*[=:]\s*"([^"]*)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in addresses
    assert not [address for address in addresses if "cdn" in address.lower()]


def _answer(doc: dict, op: dict) -> dict:
    """The schema of an operation's success answer, with a `$ref` followed."""
    ok = next((op["responses"][s] for s in ("200", "201") if s in op["responses"]), None)
    schema = ((ok or {}).get("content") or {}).get("application/json", {}).get("schema", {})
    ref = schema.get("$ref", "")
    if ref:
        schema = doc["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    return schema


def test_no_operation_answers_a_bare_list(db, client):
    doc = served(client)
    bare = [
        f"{method.upper()} {path}"
        for path, methods in doc["paths"].items()
        for method, op in methods.items()
        if _answer(doc, op).get("type") == "array"
    ]
    assert bare == []


def test_every_list_takes_limit_and_offset_with_one_default(db, client):
    doc = served(client)
    defaults = {}
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            if method != "get" or "items" not in _answer(doc, op).get("properties", {}):
                continue
            params = {p["name"]: p for p in op.get("parameters", [])}
            assert {"limit", "offset"} <= params.keys(), path
            defaults[path] = params["limit"]["schema"]["default"]
    assert len(defaults) >= 18  # every list of the API, not a handful
    assert set(defaults.values()) == {20}


def test_the_api_docs_are_linked_from_the_tokens_page_not_from_every_footer(mentee):
    """The docs page is Swagger UI's, with accessibility faults that are not ours to fix:
    every page's footer linked to it; now the API tokens page does, and the README."""
    from conftest import page_client

    client = page_client(mentee)
    home = client.get("/").content.decode()
    assert "/api/v1/docs" not in home
    assert 'href="/profile/tokens/"' in home
    assert 'href="/api/v1/docs"' in client.get("/profile/tokens/").content.decode()
