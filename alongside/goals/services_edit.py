"""Correcting and taking back a comment on a goal: its author only."""

from typing import Any

from django.db import transaction

from alongside.goals.models import COMMENT_MAX, Comment
from alongside.lib.access import require_author
from alongside.lib.edits import text_edit
from alongside.people.models import Person


@transaction.atomic
def comment_edit(*, comment: Comment, actor: Person, body: Any) -> Comment:
    return text_edit(comment, {"body": body}, actor=actor, what="comment", limit=COMMENT_MAX)


@transaction.atomic
def comment_delete(*, comment: Comment, actor: Person) -> None:
    require_author(comment.author_id, actor, what="comment")
    comment.delete()
