"""Correcting and taking back a comment on a goal (its author only; the other member 403)."""

from django.http import HttpRequest
from ninja import Router, Status

from alongside.goals import services_edit
from alongside.goals.access import get_comment_for
from alongside.goals.models import Comment
from alongside.goals.schemas import CommentIn, CommentOut
from alongside.people.api import me

edit_router = Router()


@edit_router.patch("/comments/{comment_id}", response=CommentOut)
def edit_comment(request: HttpRequest, comment_id: str, payload: CommentIn) -> Comment:
    person = me(request)
    comment = get_comment_for(person, comment_id)
    return services_edit.comment_edit(comment=comment, actor=person, body=payload.body)


@edit_router.delete("/comments/{comment_id}", response={204: None})
def delete_comment(request: HttpRequest, comment_id: str) -> Status:
    person = me(request)
    services_edit.comment_delete(comment=get_comment_for(person, comment_id), actor=person)
    return Status(204, None)
