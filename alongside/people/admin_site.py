"""The Django admin site, signed in to through the site's own throttle.

Staff accounts matter most, so /admin/login/ counts failures with the same counters
as /signin/ and POST /api/v1/auth/token (a lock-out on one is a lock-out on all), and
answers 429 with Retry-After while throttled. The admin's own password change checks
the current password under the same throttle and revokes API tokens, like the site's.
"""

from typing import Any

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from alongside.lib.errors import NotAuthenticated, Throttled
from alongside.lib.http import client_address, throttled_answer


class ThrottledAdminLoginForm(AdminAuthenticationForm):
    throttled: Throttled | None = None
    # A staff member with two-factor sign-in on: the password was right, the code comes
    # next, on the site's code page (the admin signs in nobody on a password alone).
    needs_code: Any = None

    def clean(self) -> dict[str, Any]:
        from alongside.people import services

        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email is not None and password:
            client = client_address(self.request) if self.request is not None else "unknown"
            try:
                self.user_cache = services.person_signin(
                    email=email, password=password, client=client
                )
            except Throttled as exc:
                self.throttled = exc
                raise ValidationError(exc.detail, code="throttled") from None
            except NotAuthenticated:
                raise self.get_invalid_login_error() from None
            self.confirm_login_allowed(self.user_cache)  # staff only
            from alongside.people.twofactor import twofactor_enabled

            if twofactor_enabled(self.user_cache):
                self.needs_code = self.user_cache
                raise ValidationError("Enter your two-factor code.", code="needs_code")
        return self.cleaned_data


class AlongsideAdminSite(admin.AdminSite):
    login_form = ThrottledAdminLoginForm

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        from alongside.people.audit import audit
        from alongside.people.models import AuditAction, Person
        from alongside.people.signin_flow import signin_after_password

        response = super().login(request, extra_context)
        user = request.user
        if request.method == "POST" and response.status_code == 302 and isinstance(user, Person):
            audit(AuditAction.SIGNIN, actor=user, request=request, detail={"via": "admin"})
        form = (getattr(response, "context_data", None) or {}).get("form")
        if isinstance(form, ThrottledAdminLoginForm) and form.needs_code is not None:
            target = request.POST.get("next") or request.GET.get("next") or ""
            if not url_has_allowed_host_and_scheme(
                target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                target = reverse("admin:index", current_app=self.name)
            return signin_after_password(request, form.needs_code, next_url=target, via="admin")
        if isinstance(form, ThrottledAdminLoginForm) and form.throttled is not None:
            return throttled_answer(response, form.throttled)
        return response

    def password_change(  # type: ignore[override]
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponseBase:
        from alongside.people.password_views import PasswordChangeView

        request.current_app = self.name
        return PasswordChangeView.as_view(
            success_url=reverse("admin:password_change_done", current_app=self.name),
            extra_context={**self.each_context(request), **(extra_context or {})},
        )(request)
