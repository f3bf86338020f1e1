"""Correcting and taking back a comment on a goal: its author only."""

from typing import Any

from django.db import transaction
from django.utils import timezone as tz

from alongside.goals.models import COMMENT_MAX, Comment
from alongside.lib.access import require_author
from alongside.lib.inputs import clean_text
from alongside.people.models import Person


@transaction.atomic
def comment_edit(*, comment: Comment, actor: Person, body: Any) -> Comment:
    require_author(comment.author_id, actor, what="comment")
    body = clean_text(body or "", field="body", limit=COMMENT_MAX, required=True)
    if body != comment.body:
        comment.body, comment.edited_at = body, tz.now()
        comment.save(update_fields=["body", "edited_at"])
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, actor: Person) -> None:
    require_author(comment.author_id, actor, what="comment")
    comment.delete()
