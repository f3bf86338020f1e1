"""Correcting and taking back a comment on a goal (its author only; the other member 403)."""

from django.http import HttpRequest
from ninja import Router, Status

from alongside.goals.models import Comment
from alongside.goals.schemas import CommentIn, CommentOut
from alongside.goals.views_edit import COMMENT
from alongside.lib.edit_pages import api_delete, api_edit

edit_router = Router()


@edit_router.patch("/comments/{comment_id}", response=CommentOut)
def edit_comment(request: HttpRequest, comment_id: str, payload: CommentIn) -> Comment:
    return api_edit(COMMENT, request, comment_id, body=payload.body)


@edit_router.delete("/comments/{comment_id}", response={204: None})
def delete_comment(request: HttpRequest, comment_id: str) -> Status:
    return api_delete(COMMENT, request, comment_id)
