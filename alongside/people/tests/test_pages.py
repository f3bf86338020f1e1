"""The sign-up, sign-in, profile, password and people pages."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from alongside.people.models import Person, RateCounter
from conftest import PASSWORD, page_client

NEW_PASSWORD = "a-brand-new-secret-88"


def signed_in_as(client: Client) -> str | None:
    r = client.get("/api/v1/me")
    return r.json()["email"] if r.status_code == 200 else None


def input_tag(html: str, name: str) -> str:
    match = re.search(rf'<(?:input|select|textarea)[^>]*name="{name}"[^>]*>', html)
    assert match, f"no field {name}"
    return match.group(0)


# --- Sign-up ---------------------------------------------------------------------------


def test_it_shows_the_signup_form_with_labels(db, client):
    r = client.get("/signup/")
    assert r.status_code == 200
    html = r.content.decode()
    for field in ["name", "email", "password"]:
        assert f'<label for="id_{field}">' in html
    assert 'autocomplete="new-password"' in html


def test_it_signs_up_signs_in_and_sends_me_to_my_profile(db, client):
    r = client.post(
        "/signup/", {"name": "Nia New", "email": "Nia@Example.org", "password": NEW_PASSWORD}
    )
    assert r.status_code == 302
    assert r["Location"] == "/profile/"
    assert signed_in_as(client) == "nia@example.org"
    assert "Welcome to Alongside" in client.get("/profile/").content.decode()


def test_it_shows_a_taken_email_beside_the_email_field(mentee, client):
    r = client.post(
        "/signup/", {"name": "Ada Again", "email": "ADA@example.org", "password": NEW_PASSWORD}
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert "An account with this email already exists" in html
    assert 'aria-invalid="true"' in input_tag(html, "email")
    assert Person.objects.filter(email="ada@example.org").count() == 1
    assert signed_in_as(client) is None


def test_it_shows_a_weak_password_beside_the_password_field(db, client):
    r = client.post("/signup/", {"name": "Nia", "email": "nia@example.org", "password": "123"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "too short" in html
    tag = input_tag(html, "password")
    assert 'aria-invalid="true"' in tag
    assert "id_password_error" in tag
    # Several messages, one element: an id is unique and aria-describedby finds them all.
    assert html.count('id="id_password_error"') == 1
    error = re.search(r'<p class="error" id="id_password_error">([^<]*)</p>', html)
    assert error and "too short" in error.group(1) and "numeric" in error.group(1)
    assert not Person.objects.exists()


def test_it_says_so_when_signup_is_closed(db, client, settings):
    settings.OPEN_SIGNUP = False
    r = client.post(
        "/signup/", {"name": "Nia", "email": "nia@example.org", "password": NEW_PASSWORD}
    )
    assert r.status_code == 400
    assert "Sign-up is closed" in r.content.decode()
    assert not Person.objects.exists()
    assert 'href="/signup/"' not in client.get("/").content.decode()


# --- Sign-in and sign-out ---------------------------------------------------------------


def signin(client: Client, email: str = "ada@example.org", password: str = PASSWORD, **extra):
    return client.post("/signin/", {"email": email, "password": password, **extra})


def test_it_signs_in_and_goes_home(mentee, client):
    r = signin(client)
    assert r.status_code == 302
    assert r["Location"] == "/"
    assert signed_in_as(client) == "ada@example.org"


def test_it_follows_a_safe_next_after_signing_in(mentee, client):
    r = client.get("/people/?q=grace")
    assert r.status_code == 302
    assert r["Location"] == "/signin/?next=/people/%3Fq%3Dgrace"
    page = client.get(r["Location"]).content.decode()
    assert 'name="next" value="/people/?q=grace"' in page
    r = signin(client, next="/people/?q=grace")
    assert r["Location"] == "/people/?q=grace"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/path",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "/\\evil.example",
    ],
)
def test_it_ignores_an_off_site_next(mentee, client, target):
    r = signin(client, next=target)
    assert r.status_code == 302
    assert r["Location"] == "/"
    assert "evil" not in client.get(f"/signin/?next={target}").content.decode()


def test_it_says_wrong_email_or_password_without_saying_which(mentee, client):
    for email, password in [
        ("ada@example.org", "nope-nope-nope"),
        ("nobody@example.org", PASSWORD),
    ]:
        r = signin(client, email, password)
        assert r.status_code == 400
        assert "Wrong email or password." in r.content.decode()
    assert signed_in_as(client) is None


def test_it_throttles_the_signin_page_after_five_failures(mentee, client):
    for _ in range(5):
        assert signin(client, password="wrong-wrong-wrong").status_code == 400
    r = signin(client)
    assert r.status_code == 429
    html = r.content.decode()
    assert "Too many failed sign-ins" in html
    assert 'role="alert"' in html
    assert signed_in_as(client) is None


def test_it_shares_the_throttle_between_the_page_and_the_api(mentee, client, api_as):
    anon = api_as(None)
    for _ in range(5):
        anon.post("/auth/token", {"email": "ada@example.org", "password": "wrong-wrong"})
    assert signin(client).status_code == 429
    RateCounter.objects.all().delete()
    assert signin(client).status_code == 302


def test_it_signs_out_only_with_a_post(mentee):
    client = page_client(mentee)
    assert client.get("/signout/").status_code == 405
    assert signed_in_as(client) == "ada@example.org"
    r = client.post("/signout/")
    assert r.status_code == 302
    assert r["Location"] == "/"
    assert signed_in_as(client) is None
    assert "You are signed out." in client.get("/").content.decode()


def test_it_refuses_a_signout_post_without_the_csrf_token(mentee):
    client = Client(enforce_csrf_checks=True)
    client.force_login(mentee)
    assert client.post("/signout/").status_code == 403
    assert signed_in_as(client) == "ada@example.org"


# --- Profile ---------------------------------------------------------------------------

PROFILE = {
    "name": "Ada Mentee",
    "headline": "Backend developer",
    "bio": "Two years in.",
    "timezone": "Europe/Stockholm",
    "skills": " Python , python; SQL",
    "interests": "Public speaking",
    "languages": "Swedish, English",
    "mentor_capacity": "0",
    "seeking_mentor": "on",
    "channel": "video",
    "meeting_every_days": "14",
    "meeting_minutes": "45",
}


def test_it_sends_anonymous_people_to_sign_in_from_the_profile(db, client):
    r = client.get("/profile/")
    assert r.status_code == 302
    assert r["Location"] == "/signin/?next=/profile/"


def test_it_shows_my_profile_in_the_form(mentee):
    html = page_client(mentee).get("/profile/").content.decode()
    assert 'value="Ada Mentee"' in input_tag(html, "name")
    assert 'value="Python"' in input_tag(html, "skills")
    assert '<option value="America/New_York" selected>' in html
    assert "checked" in input_tag(html, "seeking_mentor")
    assert "checked" not in input_tag(html, "open_to_mentor")


def test_it_saves_the_profile_and_cleans_the_lists(mentee):
    client = page_client(mentee)
    r = client.post("/profile/", PROFILE)
    assert r.status_code == 302
    assert r["Location"] == "/profile/"
    mentee.refresh_from_db()
    assert mentee.headline == "Backend developer"
    assert mentee.skills == ["Python", "SQL"]
    assert mentee.languages == ["Swedish", "English"]
    assert mentee.timezone == "Europe/Stockholm"
    html = client.get("/profile/").content.decode()
    assert "Your profile is saved." in html
    assert 'value="Python, SQL"' in input_tag(html, "skills")


def test_it_ties_an_error_to_its_field_for_screen_readers(mentee):
    r = page_client(mentee).post("/profile/", {**PROFILE, "mentor_capacity": "25"})
    assert r.status_code == 400
    html = r.content.decode()
    tag = input_tag(html, "mentor_capacity")
    assert 'aria-invalid="true"' in tag
    assert 'aria-describedby="id_mentor_capacity_error id_mentor_capacity_helptext"' in tag
    assert re.search(r'<p class="error" id="id_mentor_capacity_error">[^<]*20', html)
    assert 'id="id_mentor_capacity_helptext"' in html
    # Fields without an error are not marked invalid.
    assert "aria-invalid" not in input_tag(html, "headline")
    mentee.refresh_from_db()
    assert mentee.headline == ""


def test_it_puts_a_service_error_beside_its_field(mentee):
    r = page_client(mentee).post("/profile/", {**PROFILE, "skills": "Python, " + "x" * 61})
    assert r.status_code == 400
    html = r.content.decode()
    assert "60 characters or fewer" in html
    assert 'aria-invalid="true"' in input_tag(html, "skills")
    assert 'id="id_skills_error"' in html
    mentee.refresh_from_db()
    assert mentee.skills == ["Python"]


def test_it_keeps_what_i_typed_when_the_form_has_errors(mentee):
    r = page_client(mentee).post(
        "/profile/", {**PROFILE, "headline": "Unsaved draft", "meeting_minutes": "1"}
    )
    assert r.status_code == 400
    assert 'value="Unsaved draft"' in input_tag(r.content.decode(), "headline")


# --- Passwords -------------------------------------------------------------------------


def test_it_changes_the_password_and_keeps_me_signed_in(mentee):
    client = page_client(mentee)
    r = client.post(
        "/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert r.status_code == 302
    assert r["Location"] == "/password/change/done/"
    assert "Password changed" in client.get(r["Location"]).content.decode()
    assert signed_in_as(client) == "ada@example.org"
    mentee.refresh_from_db()
    assert mentee.check_password(NEW_PASSWORD)
    assert not mentee.check_password(PASSWORD)


def test_it_refuses_a_password_change_with_the_wrong_old_password(mentee):
    client = page_client(mentee)
    r = client.post(
        "/password/change/",
        {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "Your old password was entered incorrectly" in html
    assert 'aria-invalid="true"' in input_tag(html, "old_password")
    mentee.refresh_from_db()
    assert mentee.check_password(PASSWORD)


def test_it_sends_anonymous_people_to_sign_in_from_password_change(db, client):
    r = client.get("/password/change/")
    assert r.status_code == 302
    assert r["Location"].startswith("/signin/")


def test_it_resets_a_forgotten_password_by_email(mentee, client, api_as):
    r = client.post("/password/reset/", {"email": "Ada@Example.org"})
    assert r.status_code == 302
    assert r["Location"] == "/password/reset/sent/"
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["ada@example.org"]
    assert "Hello Ada" in email.body
    link = re.search(re.escape(settings.SITE_URL) + r"(/password/reset/\S+/)", email.body)
    assert link, email.body

    r = client.get(link.group(1))
    assert r.status_code == 302  # Django hides the token from the address bar
    form_url = r["Location"]
    assert "Choose a new password" in client.get(form_url).content.decode()
    r = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert r.status_code == 302
    assert r["Location"] == "/password/reset/complete/"

    assert signin(Client(), password=NEW_PASSWORD).status_code == 302
    assert signin(Client(), password=PASSWORD).status_code == 400
    token = api_as(None).post("/auth/token", {"email": "ada@example.org", "password": NEW_PASSWORD})
    assert token.status_code == 200
    # The link works once.
    again = client.get(link.group(1), follow=True).content.decode()
    assert "This link has expired or was already used" in again


def test_it_sends_no_email_for_an_unknown_address_but_says_the_same(db, client):
    r = client.post("/password/reset/", {"email": "nobody@example.org"})
    assert r.status_code == 302
    assert r["Location"] == "/password/reset/sent/"
    assert mail.outbox == []


@pytest.mark.parametrize(
    "path",
    [
        "/password/reset/",
        "/password/reset/sent/",
        "/password/reset/complete/",
        "/password/change/",
        "/password/change/done/",
    ],
)
def test_it_shows_our_own_password_pages_not_the_admins(mentee, path):
    html = page_client(mentee).get(path).content.decode()
    assert 'class="site-header"' in html
    assert "Django site admin" not in html
    assert "/static/alongside/site.css" in html


# --- People ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/people/", "/people/?mentors=1", "/people/{id}/", "/"])
def test_it_sends_anonymous_people_to_sign_in_from_people_pages(mentee, client, path):
    path = path.replace("{id}", str(mentee.public_id))
    r = client.get(path)
    if path == "/":
        assert r.status_code == 200
        assert "Ada Mentee" not in r.content.decode()
        return
    assert r.status_code == 302
    assert r["Location"].startswith("/signin/?next=/people/")


def test_it_lists_and_searches_people(mentee, mentor, outsider):
    client = page_client(outsider)
    html = client.get("/people/?who=everyone").content.decode()
    assert "Ada Mentee" in html and "Grace Mentor" in html
    assert "3 people found." in html
    html = client.get("/people/?who=everyone&q=leadership").content.decode()
    assert "Grace Mentor" in html and "Ada Mentee" not in html
    assert 'value="leadership"' in html
    html = client.get("/people/?mentors=1").content.decode()
    assert "<h1>Find a mentor</h1>" in html
    assert "Grace Mentor" in html and "Ada Mentee" not in html
    assert "@example.org" not in html


def test_it_says_when_nobody_matches(mentee, outsider):
    html = page_client(outsider).get("/people/?q=astronomy").content.decode()
    assert "Nobody matches “astronomy”" in html


def test_it_pages_the_people_list(outsider):
    for i in range(25):
        Person.objects.create_user(email=f"p{i:02}@example.org", name=f"Person {i:02}")
    client = page_client(outsider)
    first = client.get("/people/?who=everyone&q=person").content.decode()
    assert "25 people found." in first
    assert "Person 19" in first and "Person 20" not in first
    second = client.get("/people/?who=everyone&q=person&page=2").content.decode()
    assert "Person 20" in second and "Person 19" not in second
    assert client.get("/people/?page=999").status_code == 200


def test_it_shows_a_person_page_without_their_email(mentee, mentor, outsider):
    r = page_client(outsider).get(f"/people/{mentor.public_id}/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "<h1>Grace Mentor</h1>" in html
    assert "Leadership" in html
    assert "Europe/Berlin" in html
    assert "Open to mentoring, up to 2 mentees" in html
    assert "grace@example.org" not in html


@pytest.mark.parametrize("person_id", ["00000000-0000-0000-0000-000000000000", "nope", "1"])
def test_it_shows_the_friendly_404_for_an_unknown_person(outsider, person_id):
    r = page_client(outsider).get(f"/people/{person_id}/")
    assert r.status_code == 404
    assert "We could not find that page" in r.content.decode()
