"""The thread page: works without JavaScript, shows text escaped with links clickable, and
its small JSON endpoint gives a polling page what is new."""

import datetime as dt
import re

import time_machine
from django.utils import timezone as tz

from alongside.threads import services
from alongside.threads.models import Message
from conftest import page_client


def page(pair, tail=""):
    return f"/mentorships/{pair.public_id}/messages/{tail}"


def post(pair, author, body, **extra):
    return services.message_post(mentorship=pair, author=author, body=body, **extra)


def test_the_page_is_a_tab_of_the_pair_and_shows_the_conversation_newest_last(pair, mentee, mentor):
    post(pair, mentee, "First, a question")
    post(pair, mentor, "Then, an answer")
    r = page_client(mentee).get(page(pair))
    html = r.content.decode()
    assert r.status_code == 200
    assert 'aria-current="page">Messages</a>' in html
    assert html.index("First, a question") < html.index("Then, an answer")
    assert "thread.js" in html


def test_sending_without_javascript_is_a_form_post_and_a_redirect(pair, mentee, mentor):
    client = page_client(mentee)
    r = client.post(page(pair), {"body": "Posted with JavaScript off"})
    assert r.status_code == 302 and r["Location"].endswith(page(pair) + "#m-1")
    assert "Posted with JavaScript off" in page_client(mentor).get(page(pair)).content.decode()


def test_a_refused_message_is_shown_beside_the_field_and_kept(pair, mentee):
    r = page_client(mentee).post(page(pair), {"body": "right\u202eto left"})
    assert r.status_code == 400
    assert "text-direction override" in r.content.decode()
    for size in (10_001, 1_000_000):
        r = page_client(mentee).post(page(pair), {"body": "z" * size})
        assert r.status_code == 400 and "at most 10,000" in r.content.decode()
    r = page_client(mentee).post(page(pair), {"body": "nul \x00 here"})
    assert r.status_code in (400, 422) and not Message.objects.exists()
    assert not Message.objects.exists()


def test_text_is_shown_escaped_with_its_links_made_clickable(pair, mentee, mentor):
    post(
        pair, mentee, '<script>alert("x")</script> <b>bold</b>\nRead https://example.org/a?b=1&c=2'
    )
    html = page_client(mentor).get(page(pair)).content.decode()
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert re.search(r'<a href="https://example.org/a\?b=1&amp;c=2" rel="nofollow">', html)
    assert "<br>" in html  # the line break kept


def test_history_pages_back_thirty_at_a_time_and_search_finds_old_messages(pair, mentee):
    for n in range(1, 41):
        post(pair, mentee, f"note {n:02d}" + (" about the conference" if n == 3 else ""))
    client = page_client(mentee)
    html = client.get(page(pair)).content.decode()
    assert "note 40" in html and "note 11" in html and "note 10" not in html
    assert 'href="?before=11"' in html
    older = client.get(page(pair) + "?before=11").content.decode()
    assert "note 10" in older and "note 01" in older and "note 11" not in older
    found = client.get(page(pair) + "?q=conference").content.decode()
    assert "1 message found" in found and "note 03" in found and "note 04" not in found


def test_a_get_never_marks_read_the_button_does(pair, mentee, mentor):
    post(pair, mentee, "Hello")
    client = page_client(mentor)
    html = client.get(page(pair)).content.decode()
    assert "Mark 1 new message as read" in html
    assert "Grace Mentor has not read" in page_client(mentee).get(page(pair)).content.decode()
    r = client.post(page(pair, "read/"))
    assert r.status_code == 302
    assert "Mark 1 new message" not in client.get(page(pair)).content.decode()
    assert "Grace Mentor has read everything" in (
        page_client(mentee).get(page(pair)).content.decode()
    )


def test_the_updates_endpoint_gives_new_and_changed_messages_rendered(pair, mentee, mentor):
    with time_machine.travel(tz.now(), tick=False) as clock:
        first = post(pair, mentee, "Original words")
        clock.shift(dt.timedelta(minutes=1))
        since = tz.now().isoformat()
        post(pair, mentee, "A <new> one")
        clock.shift(dt.timedelta(minutes=1))
        services.message_edit(message=first, actor=mentee, body="Better words")
        r = page_client(mentor).get(page(pair, "updates/"), {"after": 1, "since": since})
    data = r.json()
    assert r.status_code == 200 and data["last"] == 2
    by_seq = {item["seq"]: item["html"] for item in data["items"]}
    assert "Better words" in by_seq[1] and "(edited)" in by_seq[1]
    assert "A &lt;new&gt; one" in by_seq[2]
    assert data["unread"] == 2


def test_the_updates_endpoint_answers_bad_parameters_without_failing(pair, mentee):
    client = page_client(mentee)
    for query in ("?after=abc&since=yesterday", "?after=-5", "?after=99999999999999999999"):
        assert client.get(page(pair, "updates/") + query).status_code == 200


def test_the_author_edits_from_a_page_then_the_window_closes(pair, mentee, mentor):
    with time_machine.travel(tz.now(), tick=False) as clock:
        sent = post(pair, mentee, "Typo hree")
        client = page_client(mentee)
        assert client.get(f"/messages/{sent.public_id}/edit/").status_code == 200
        r = client.post(f"/messages/{sent.public_id}/edit/", {"body": "Typo here"})
        assert r.status_code == 302
        clock.shift(dt.timedelta(minutes=16))
        r = client.post(f"/messages/{sent.public_id}/edit/", {"body": "Too late"})
        assert r.status_code == 409 and "15 minutes" in r.content.decode()
    assert Message.objects.get().body == "Typo here"
    r = page_client(mentor).post(f"/messages/{sent.public_id}/edit/", {"body": "Not mine"})
    assert r.status_code == 302 and Message.objects.get().body == "Typo here"


def test_deleting_from_the_page_leaves_a_placeholder(pair, mentee, mentor):
    sent = post(pair, mentee, "Oops, wrong pair")
    page_client(mentor).post(f"/messages/{sent.public_id}/delete/")
    assert Message.objects.get().deleted_at is None  # not the mentor's to delete
    page_client(mentee).post(f"/messages/{sent.public_id}/delete/")
    html = page_client(mentor).get(page(pair)).content.decode()
    assert "Message deleted." in html and "Oops" not in html


def test_outsiders_and_program_admins_get_404_on_every_page(pair, mentee, outsider, program_admin):
    sent = post(pair, mentee, "Private words")
    for person in (outsider, program_admin):
        client = page_client(person)
        assert client.get(page(pair)).status_code == 404
        assert client.post(page(pair), {"body": "x"}).status_code == 404
        assert client.get(page(pair, "updates/")).status_code == 404
        assert client.post(page(pair, "read/")).status_code == 404
        assert client.get(f"/messages/{sent.public_id}/edit/").status_code == 404
        assert client.post(f"/messages/{sent.public_id}/delete/").status_code == 404
        assert client.post(f"/messages/{sent.public_id}/action-item/").status_code == 404
        assert client.post(f"/messages/{sent.public_id}/agenda/").status_code == 404
    assert Message.objects.get().body == "Private words"
