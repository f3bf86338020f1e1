"""A Content-Security-Policy without inline scripts, and a Permissions-Policy, on every
answer: a page, an API answer, static files and the error pages."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import include, path

from alongside.lib.headers import CONTENT_SECURITY_POLICY
from conftest import PASSWORD


def boom(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("boom/", boom), path("", include("alongside.urls"))]

TEMPLATES = Path(__file__).resolve().parents[1]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def assert_headers(response):
    csp = directives(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_a_page_an_api_answer_and_a_404_carry_the_policies(db, mentee):
    client = Client()
    client.force_login(mentee)
    for url, status in [
        ("/", 200),
        ("/people/", 200),
        ("/api/v1/me", 200),
        ("/api/v1/openapi.json", 200),
        ("/no/such/page/", 404),
        ("/api/v1/no-such-thing", 404),
    ]:
        response = client.get(url)
        assert response.status_code == status, url
        assert_headers(response)
    anonymous = Client().get("/api/v1/me")
    assert anonymous.status_code == 401
    assert_headers(anonymous)


@pytest.mark.urls(__name__)
def test_the_500_page_carries_the_policies(db):
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert_headers(response)


def test_the_policy_allows_no_inline_script_and_no_eval():
    script = [d for d in CONTENT_SECURITY_POLICY.split("; ") if d.startswith("script-src")]
    assert script == ["script-src 'self'"]
    assert "unsafe-eval" not in CONTENT_SECURITY_POLICY


def test_no_template_has_an_inline_script_or_an_event_handler_attribute():
    found = []
    for template in TEMPLATES.rglob("templates/**/*.html"):
        text = template.read_text()
        if "/email/" in str(template) or template.name == "email_base.html":
            continue  # emails are not served under the policy
        for match in re.finditer(r"<script\b[^>]*>", text):
            tag = match.group(0)
            if "src=" not in tag and 'type="application/json"' not in tag:
                found.append(f"{template}: {tag}")
        found += [f"{template}: {m}" for m in re.findall(r"\son[a-z]+\s*=", text)]
    assert not found, found


@pytest.mark.browser
def test_the_pages_that_run_scripts_work_under_the_policy(new_page, pair, mentee):
    """The API docs (Swagger UI, all static files) and the admin's sign-in run their
    scripts; `new_page` fails the test on any refusal chromium reports."""
    from playwright.sync_api import expect

    page = new_page()
    page.goto(page.base + "/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Alongside")
    expect(page.locator(".opblock").first).to_be_visible()
    page.goto(page.base + "/admin/login/")
    expect(page.get_by_label("Email")).to_be_visible()
    # The admin's own scripts: a list, a change form with a two-box picker, an add form.
    from alongside.programs.selectors import community_program

    mentee.is_staff = mentee.is_superuser = True
    mentee.save()
    page.get_by_label("Email").fill(mentee.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    for url in ("/admin/people/person/", "/admin/programs/enrollment/add/"):
        page.goto(page.base + url)
        expect(page.locator("#content")).to_be_visible()
    page.goto(page.base + f"/admin/programs/program/{community_program().pk}/change/")
    # The two-box picker of the admins is built by the admin's script: it ran.
    expect(page.locator(".selector-available").first).to_be_visible()
