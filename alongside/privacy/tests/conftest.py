"""A pair with something of every kind in it, each text a marker word that says whose it is
and who may read it."""

import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone as tz

from conftest import make_pair, make_person

# The mentee's own things: in the mentee's export, never in the mentor's.
MENTEE_JOURNAL = "mentee-journal-kestrel"
MENTEE_PRIVATE_NOTE = "mentee-private-note-heron"
# The mentor's own things: in the mentor's export, never in the mentee's.
MENTOR_JOURNAL = "mentor-journal-osprey"
MENTOR_PRIVATE_NOTE = "mentor-private-note-plover"
MENTOR_BLIND_FEEDBACK = "mentor-blind-feedback-curlew"
# Shared with the pair: in both exports.
MENTEE_SHARED_NOTE = "mentee-shared-note-wren"
MENTOR_SHARED_NOTE = "mentor-shared-note-finch"
MENTOR_THANKS = "mentor-thanks-robin"
MENTEE_GOAL = "mentee-goal-lark"
MENTOR_COMMENT = "mentor-comment-swift"
MENTEE_SHARED_ENTRY = "mentee-shared-entry-dunlin"
MENTEE_CHECKIN = "mentee-checkin-tern"
# Another pair of the mentor's: never in the mentee's export.
OTHER_PAIR_GOAL = "other-pair-goal-gannet"
# Text that a browser would run, if the report did not escape it.
HOSTILE = "<script>alert('owned')</script><img src=x onerror=alert(1)>"


@dataclass
class Pair:
    mentee: Any
    mentor: Any
    mentorship: Any
    held: Any  # a meeting held three days ago
    other_mentee: Any


@pytest.fixture
def full_pair(mentee: Any, mentor: Any) -> Pair:
    from alongside.goals import services as goals
    from alongside.growth import services as growth
    from alongside.meetings import services as meetings

    m = make_pair(mentee, mentor)
    goal = goals.goal_create(
        mentorship=m, author=mentee, title=MENTEE_GOAL, objective="Talk", measure="Given"
    )
    goals.comment_add(goal=goal, author=mentor, body=MENTOR_COMMENT)
    (held,) = meetings.meeting_schedule(
        mentorship=m, organizer=mentor, starts_at=tz.now() - dt.timedelta(days=3)
    )
    meetings.note_add(meeting=held, author=mentee, body=MENTEE_PRIVATE_NOTE, visibility="private")
    meetings.note_add(meeting=held, author=mentor, body=MENTOR_PRIVATE_NOTE, visibility="private")
    meetings.note_add(meeting=held, author=mentee, body=MENTEE_SHARED_NOTE, visibility="shared")
    meetings.note_add(meeting=held, author=mentor, body=MENTOR_SHARED_NOTE, visibility="shared")
    meetings.feedback_give(meeting=held, author=mentor, rating=4, went_well=MENTOR_BLIND_FEEDBACK)
    growth.journal_write(author=mentee, body=MENTEE_JOURNAL, mentorship=m)
    growth.journal_write(author=mentor, body=MENTOR_JOURNAL, mentorship=m)
    shared = growth.journal_write(author=mentee, body=MENTEE_SHARED_ENTRY, mentorship=m)
    growth.journal_share(entry=shared, author=mentee)
    growth.appreciation_send(mentorship=m, author=mentor, message=MENTOR_THANKS)
    growth.checkin_create(mentorship=m, author=mentee, wins=MENTEE_CHECKIN, feeling=4)

    other = make_person("olu@example.org", "Olu Othermentee")
    other_pair = make_pair(other, mentor)
    goals.goal_create(
        mentorship=other_pair, author=other, title=OTHER_PAIR_GOAL, objective="x", measure="y"
    )
    return Pair(mentee=mentee, mentor=mentor, mentorship=m, held=held, other_mentee=other)


def unzip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def everything(files: dict[str, bytes]) -> str:
    return "\n".join(content.decode() for content in files.values())


def rows(files: dict[str, bytes], kind: str) -> list[dict[str, Any]]:
    return list(json.loads(files[f"{kind}.json"]))


@pytest.fixture(autouse=True)
def _exports_in_a_temporary_folder(settings: Any, tmp_path: Any) -> None:
    settings.EXPORTS_DIR = tmp_path / "exports"
