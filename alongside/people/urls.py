from django.contrib.auth import views as auth_views
from django.urls import path

from alongside.people import password_views, security_views, views
from alongside.people.forms import PasswordResetForm

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signin/", views.signin, name="signin"),
    path("signin/code/", security_views.signin_code, name="signin_code"),
    path("signout/", views.signout, name="signout"),
    path("profile/security/", security_views.security, name="security"),
    path("profile/sessions/", security_views.sessions, name="sessions"),
    path(
        "profile/sessions/signout-everywhere/",
        security_views.signout_everywhere,
        name="signout_everywhere",
    ),
    path("profile/sessions/<str:session_id>/end/", security_views.session_end, name="session_end"),
    path("profile/two-factor/", security_views.twofactor_page, name="twofactor"),
    path("profile/two-factor/start/", security_views.twofactor_start, name="twofactor_start"),
    path("profile/two-factor/setup/", security_views.twofactor_setup, name="twofactor_setup"),
    path("profile/two-factor/disable/", security_views.twofactor_disable, name="twofactor_disable"),
    path(
        "profile/two-factor/recovery-codes/",
        security_views.recovery_codes_renew,
        name="recovery_codes_renew",
    ),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", views.tokens, name="tokens"),
    path("profile/tokens/<str:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("people/", views.people_list, name="people"),
    path("people/<str:person_id>/", views.person_detail, name="person"),
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
