from django.contrib import admin
from django.urls import include, path

from alongside import views
from alongside.api import api

# The apps whose pages are tried in this order (each app's urls.py lists its routes).
PAGES = [
    "home",
    "people",
    "programs",
    "matching",
    "mentorships",
    "goals",
    "meetings",
    "growth",
    "threads",
    "notifications",
    "privacy",
    "insights",
]

urlpatterns = [
    # First: no page begins with api/v1/, and an API request then tries one prefix rather
    # than every page's pattern (130 of them) before reaching its own.
    path("api/v1/", api.urls),
    # Browsers ask for /favicon.ico whatever the page says: answer with the icon, not a 404.
    path("favicon.ico", views.favicon, name="favicon"),
    *(path("", include(f"alongside.{app}.urls")) for app in PAGES),
    path("admin/", admin.site.urls),
]

handler400 = "alongside.views.bad_request"
handler404 = "alongside.views.not_found"
handler500 = "alongside.views.server_error"
