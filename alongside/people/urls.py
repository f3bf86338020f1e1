from django.contrib.auth import views as auth_views
from django.urls import path

from alongside.people import password_views, security_views, views
from alongside.people.forms import PasswordResetForm

urlpatterns = [
    *views.routes,
    *security_views.routes,
    # The password pages are Django's own class-based views, some with our changes.
    path(
        "password/change/",
        password_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        # The emailed link is built from SITE_URL, never from the Host header.
        password_views.PasswordResetView.as_view(form_class=PasswordResetForm),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        password_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
