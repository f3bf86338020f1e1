from alongside.people.models import ApiToken
from alongside.people.services import token_create
from conftest import PASSWORD


def test_a_token_works_until_revoked_then_gives_401(mentee, api_as):
    anon = api_as(None)
    r = anon.post("/auth/token", {"email": "ADA@example.org ", "password": PASSWORD})
    assert r.status_code == 200, r.content
    token = r.json()["token"]
    assert not ApiToken.objects.filter(digest=token).exists()  # only the digest is stored
    anon.headers["Authorization"] = f"Bearer {token}"
    assert anon.get("/me").json()["email"] == "ada@example.org"
    listed = anon.get("/auth/tokens").json()["items"]
    assert r.json()["id"] in [t["id"] for t in listed]
    assert all("digest" not in t and "token" not in t for t in listed)
    assert anon.delete(f"/auth/tokens/{r.json()['id']}").status_code == 204
    after = anon.get("/me")
    assert after.status_code == 401
    assert after.json()["code"] == "not_authenticated"


def test_it_refuses_another_persons_token_id(mentee, outsider, api_as):
    theirs, _ = token_create(person=mentee)
    r = api_as(outsider).delete(f"/auth/tokens/{theirs.public_id}")
    assert r.status_code == 404
    assert ApiToken.objects.filter(pk=theirs.pk).exists()
