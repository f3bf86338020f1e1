from django.contrib import admin
from django.urls import include, path

from alongside import views
from alongside.api import api

urlpatterns = [
    # First: no page begins with api/v1/, and an API request then tries one prefix rather
    # than every page's pattern (130 of them) before reaching its own.
    path("api/v1/", api.urls),
    # Browsers ask for /favicon.ico whatever the page says: answer with the icon, not a 404.
    path("favicon.ico", views.favicon, name="favicon"),
    path("", include("alongside.home.urls")),
    path("", include("alongside.people.urls")),
    path("", include("alongside.programs.urls")),
    path("", include("alongside.matching.urls")),
    path("", include("alongside.mentorships.urls")),
    path("", include("alongside.goals.urls")),
    path("", include("alongside.meetings.urls")),
    path("", include("alongside.growth.urls")),
    path("", include("alongside.threads.urls")),
    path("", include("alongside.notifications.urls")),
    path("", include("alongside.privacy.urls")),
    path("", include("alongside.insights.urls")),
    path("", include("alongside.matching.suggestions_urls")),
    path("admin/", admin.site.urls),
]

handler400 = "alongside.views.bad_request"
handler404 = "alongside.views.not_found"
handler500 = "alongside.views.server_error"
