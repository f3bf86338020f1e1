"""The small forms under a check-in and a resource (a reply, a reaction): what is wrong
is said in plain words at the top of the page they come back to, and nothing is saved."""

from alongside.growth import services as growth
from alongside.growth.models import CheckIn, ResourceResponse
from conftest import page_client


def _said(response):
    """The messages shown at the top of the page."""
    html = response.content.decode()
    start = html.index('<ul class="messages">')
    return html[start : html.index("</ul>", start)]


def test_an_empty_response_to_a_resource_is_refused_in_plain_words(pair, mentee, mentor):
    resource = growth.resource_share(mentorship=pair, author=mentor, title="On pauses")
    r = page_client(mentee).post(
        f"/resources/{resource.public_id}/respond/", {"reaction": "", "body": ""}, follow=True
    )
    back = f"/mentorships/{pair.public_id}/resources/#r-{resource.public_id}"
    assert r.redirect_chain == [(back, 302)]
    said = _said(r)
    assert "React, or write a reply." in said and "errorlist" not in said
    assert not ResourceResponse.objects.exists()


def test_a_reaction_that_does_not_exist_is_named_not_ignored(pair, mentee, mentor):
    resource = growth.resource_share(mentorship=pair, author=mentor, title="On pauses")
    r = page_client(mentee).post(
        f"/resources/{resource.public_id}/respond/", {"reaction": "meh", "body": ""}, follow=True
    )
    assert "Select a valid choice. meh is not one of the available choices." in _said(r)
    assert not ResourceResponse.objects.exists()


def test_a_reply_must_have_words_and_be_the_mentors(pair, mentee, mentor):
    checkin = growth.checkin_create(
        mentorship=pair, author=mentee, wins="Spoke up", challenges="", feeling=4, ratings={}
    )
    url = f"/checkins/{checkin.public_id}/reply/"
    r = page_client(mentor).post(url, {"reply": ""}, follow=True)
    back = f"/mentorships/{pair.public_id}/growth/#checkin-{checkin.public_id}"
    assert r.redirect_chain == [(back, 302)]
    assert "Write a reply first (at most 4,000 characters)." in _said(r)
    r = page_client(mentee).post(url, {"reply": "Well done me"}, follow=True)
    assert "The mentor replies to check-ins." in _said(r)
    assert CheckIn.objects.get(pk=checkin.pk).reply == ""
    page_client(mentor).post(url, {"reply": "Well done"})
    assert CheckIn.objects.get(pk=checkin.pk).reply == "Well done"
