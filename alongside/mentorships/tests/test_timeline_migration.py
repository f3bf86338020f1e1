"""The timeline moves from growth to the pair core with its rows: from the schema before
the move, with rows written the old way (stored words and links), to the new one."""

import datetime as dt
import uuid
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone as tz

# Migrates a database backwards and forwards again: seconds.
pytestmark = pytest.mark.slow

BEFORE = [
    ("mentorships", "0004_pair_key"),
    ("growth", "0001_initial"),
    ("goals", "0001_initial"),
    ("meetings", "0002_prompts"),
    # The programs of that time too: the old Program model knows none of the later columns.
    ("programs", "0002_community"),
]


def migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


def tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


@pytest.fixture
def schema_restored() -> Any:
    """Whatever happens in the test, the database ends at the newest schema, so that a
    failure here never leaves the tests after it on an old one."""
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_timeline_moves_to_the_pair_core_with_its_rows_and_renders_them_when_read(
    schema_restored: None,
) -> None:
    executor = migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    assert "growth_timelineitem" in tables()
    Person = old.get_model("people", "Person")
    Program = old.get_model("programs", "Program")
    ada = Person.objects.create(email="ada@example.org", name="Ada Mentee", password="!")
    grace = Person.objects.create(email="grace@example.org", name="Grace Mentor", password="!")
    low, high = sorted([ada.pk, grace.pk])
    pair = old.get_model("mentorships", "Mentorship").objects.create(
        program=Program.objects.get_or_create(slug="community", defaults={"name": "Community"})[0],
        mentor=grace,
        mentee=ada,
        status="active",
        pair_key=f"{low}-{high}",
        started_at=tz.now(),
    )
    now = tz.now()
    goal = old.get_model("goals", "Goal").objects.create(
        mentorship=pair, title="Speak up", objective="o", measure="m", created_by=ada
    )
    Revision = old.get_model("goals", "Revision")
    Revision.objects.create(goal=goal, author=ada, reason="First", at=now - dt.timedelta(days=9))
    Revision.objects.create(goal=goal, author=ada, reason="Sharper", at=now - dt.timedelta(days=2))
    meeting = old.get_model("meetings", "Meeting").objects.create(
        mentorship=pair, starts_at=now, organizer=grace, title="Catch-up", status="cancelled"
    )
    thanks = old.get_model("growth", "Appreciation").objects.create(
        mentorship=pair, author=ada, message="Thank you, Grace"
    )
    Item = old.get_model("growth", "TimelineItem")
    for kind, summary, ref, at in [
        ("meeting", "Meeting scheduled: Catch-up", meeting.public_id, now - dt.timedelta(days=5)),
        ("meeting", "Meeting cancelled: Catch-up", meeting.public_id, now - dt.timedelta(days=4)),
        (
            "revision",
            "Goal revised: Speak up (Sharper)",
            goal.public_id,
            now - dt.timedelta(days=2),
        ),
        ("appreciation", "Thank you: Thank you, Grace", thanks.public_id, now),
        ("goal", "Goal set: a goal since deleted", uuid.uuid4(), now),
    ]:
        Item.objects.create(
            mentorship=pair, kind=kind, actor=ada, summary=summary, ref=ref, at=at, url="/x/"
        )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from alongside.goals.models import Revision as NewRevision
    from alongside.mentorships.models import Mentorship, TimelineItem
    from alongside.mentorships.timeline import rendered, timeline_for

    assert "mentorships_timelineitem" in tables()
    assert "growth_timelineitem" not in tables()
    # The row of the goal since deleted goes (0010): the timeline no longer looks on read.
    assert TimelineItem.objects.count() == 4
    assert not TimelineItem.objects.filter(kind="goal").exists()
    sharper = NewRevision.objects.get(reason="Sharper")
    assert TimelineItem.objects.get(kind="revision").ref == sharper.public_id
    m = Mentorship.objects.get()
    assert m.pair_key == f"{low}-{high}"
    shown = [(i.shown_kind, i.summary, i.url) for i in rendered(timeline_for(m))]
    assert shown == [
        ("appreciation", "Thank you: Thank you, Grace", f"/mentorships/{m.public_id}/timeline/"),
        ("revision", "Goal revised: Speak up (Sharper)", f"/goals/{goal.public_id}/"),
        ("meeting", "Meeting cancelled: Catch-up", f"/meetings/{meeting.public_id}/"),
        ("meeting", "Meeting scheduled: Catch-up", f"/meetings/{meeting.public_id}/"),
    ]
