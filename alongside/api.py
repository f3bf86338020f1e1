"""The REST API under /api/v1: one NinjaAPI, one router per app."""

from alongside.goals.api import mentorship_goals
from alongside.goals.api import router as goals_router
from alongside.goals.api_edit import edit_router as goals_edit_router
from alongside.growth.api import journal_router, pair_router
from alongside.growth.api import router as growth_router
from alongside.growth.api_edit import edit_router as growth_edit_router
from alongside.home.api import router as home_messages_router
from alongside.insights.api import pair_router as insights_pair_router
from alongside.insights.api import router as insights_router
from alongside.lib.api_docs import DocumentedErrorsAPI, docs_page_in_english
from alongside.lib.api_errors import install_handlers
from alongside.matching.api import router as matching_router
from alongside.matching.suggestions_api import router as suggestions_router
from alongside.meetings.api import me_router as meetings_me_router
from alongside.meetings.api import mentorship_meetings
from alongside.meetings.api import router as meetings_router
from alongside.meetings.api_edit import edit_router as meetings_edit_router
from alongside.mentorships.api import router as mentorships_router
from alongside.notifications.api import me_router as notifications_me_router
from alongside.notifications.api import router as notifications_router
from alongside.people.api import auth_router, me_router, people_router
from alongside.people.auth import api_auth
from alongside.privacy.api import delete_me
from alongside.privacy.api import router as privacy_router
from alongside.programs.api import router as programs_router
from alongside.threads.api import mentorship_messages
from alongside.threads.api import router as threads_router

api = DocumentedErrorsAPI(
    title="Alongside API",
    version="1",
    description=(
        "Mentorship platform API. Get a token with POST /api/v1/auth/token and send it as "
        "'Authorization: Bearer <token>'. Errors are JSON: detail, code and errors per field."
    ),
    auth=api_auth,
    urls_namespace="api",
    docs_url="/docs",
    docs_decorator=docs_page_in_english,
    openapi_url="/openapi.json",
    # Every operation declares its error answers (alongside.lib.api_docs); these belong
    # to a few operations only: a wrong password, and too many tries.
    extra_error_statuses={
        "/auth/token": {"post": [401, 429]},
        "/auth/signup": {"post": [429]},
        "/me/password": {"post": [429]},
        "/me": {"delete": [429]},
    },
)
install_handlers(api)

api.add_router("/auth", auth_router, tags=["auth"])
# DELETE /me belongs to privacy (above people), on the same address as GET and PATCH /me.
me_router.add_api_operation("", ["DELETE"], delete_me, response={204: None})
api.add_router("/me", me_router, tags=["me"])
api.add_router("/people", people_router, tags=["people"])
api.add_router("/programs", programs_router, tags=["programs"])
api.add_router("/programs", matching_router, tags=["matching"])
api.add_router("/programs", suggestions_router, tags=["matching"])
api.add_router("/mentorships", mentorships_router, tags=["mentorships"])
api.add_router("/mentorships", mentorship_goals, tags=["goals"])
api.add_router("", goals_router, tags=["goals"])
api.add_router("", goals_edit_router, tags=["goals"])
api.add_router("/mentorships", mentorship_meetings, tags=["meetings"])
api.add_router("", meetings_router, tags=["meetings"])
api.add_router("", meetings_edit_router, tags=["meetings"])
api.add_router("/me", meetings_me_router, tags=["meetings"])
api.add_router("/mentorships", pair_router, tags=["growth"])
api.add_router("", growth_router, tags=["growth"])
api.add_router("/journal", journal_router, tags=["journal"])
api.add_router("", growth_edit_router, tags=["growth"])
api.add_router("/mentorships", mentorship_messages, tags=["messages"])
api.add_router("", threads_router, tags=["messages"])
api.add_router("", home_messages_router, tags=["messages"])
api.add_router("", notifications_router, tags=["notifications"])
api.add_router("/me", notifications_me_router, tags=["notifications"])
api.add_router("/me", privacy_router, tags=["privacy"])
api.add_router("/programs", insights_router, tags=["insights"])
api.add_router("/mentorships", insights_pair_router, tags=["insights"])
