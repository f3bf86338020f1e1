"""The pages that correct and take back a comment on a goal (its author only)."""

from alongside.goals import services_edit
from alongside.goals.access import get_comment_for
from alongside.goals.forms import CommentForm
from alongside.lib.edit_pages import Editable
from alongside.lib.routes import Routes

routes = Routes()

COMMENT = Editable(
    what="comment",
    get=get_comment_for,
    author_id=lambda c: c.author_id,
    form=lambda data, initial, thing: CommentForm(data, initial=initial),
    initial=lambda c: {"body": c.body},
    edit=services_edit.comment_edit,
    delete=services_edit.comment_delete,
    back=lambda c: f"/goals/{c.goal.public_id}/#comments",
    quote=lambda c: c.body,
    arg="comment",
)

comment_edit, comment_delete = routes.edit_pages(
    "comments/<str:thing_id>/", COMMENT, name="comment"
)
