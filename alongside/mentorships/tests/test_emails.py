"""Each mentorship email renders a subject, a text part and an HTML part a person can read.

The rendered emails are written under var/emails/ so that they can be looked at.
"""

import datetime as dt
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone as tz

from alongside.mentorships.services import (
    mentorship_accept,
    mentorship_decline,
    mentorship_end,
    mentorship_request,
)
from alongside.programs.selectors import community_program
from conftest import agreement, deliver_mail

OUT = Path(__file__).resolve().parents[3] / "var" / "emails"


def save(message, name):
    OUT.mkdir(parents=True, exist_ok=True)
    html = message.alternatives[0][0]
    (OUT / f"{name}.txt").write_text(f"Subject: {message.subject}\n\n{message.body}")
    (OUT / f"{name}.html").write_text(html)
    return html


@pytest.fixture
def sent(mentee, mentor):
    program = community_program()
    hostile = mentorship_request(
        requester=mentee,
        mentor=mentor,
        program=program,
        message="<b>Hi</b> & thanks — I'd love help with talks",
    )
    mentorship_decline(mentorship=hostile, actor=mentor, reason="Away <until> June")
    m = mentorship_request(requester=mentee, mentor=mentor, program=program)
    mentorship_accept(mentorship=m, actor=mentor)
    agreement(
        m, hopes="x", offers="y", ends_on=tz.localdate() + dt.timedelta(days=90), acknowledged=False
    )
    mentorship_end(mentorship=m, actor=mentor, reason="Moving abroad")
    deliver_mail()  # the worker sends them, in order
    return dict(
        zip(
            ["requested", "declined", "requested-again", "accepted", "agreement", "ended"],
            mail.outbox,
            strict=True,
        )
    )


def test_each_email_has_a_subject_text_and_html_with_a_link(sent, mentee, mentor):
    for name, message in sent.items():
        html = save(message, name)
        assert message.subject and "\n" not in message.subject
        assert "/mentorships/" in message.body
        assert 'href="http' in html
        assert "{{" not in message.body and "{%" not in html


def test_the_recipients_are_the_other_member(sent, mentee, mentor):
    assert sent["requested"].to == [mentor.email]
    assert sent["declined"].to == [mentee.email]
    assert sent["accepted"].to == [mentee.email]
    assert sent["agreement"].to == [mentor.email]
    assert sent["ended"].to == [mentee.email]


def test_text_is_plain_and_html_is_escaped(sent):
    request = sent["requested"]
    assert "<b>Hi</b> & thanks — I'd love help" in request.body
    html = request.alternatives[0][0]
    assert "&lt;b&gt;Hi&lt;/b&gt; &amp; thanks" in html
    assert "<b>Hi</b>" not in html
    assert "Away <until> June" in sent["declined"].body
    assert "Away &lt;until&gt; June" in sent["declined"].alternatives[0][0]
    assert sent["declined"].subject == "Grace Mentor declined your request"
