"""Django's password pages, routed through our services: a change or a reset revokes
every API token and ends every other session; the current password is checked under
the sign-in throttle; reset emails are rate-limited per address and per email."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect

from alongside.lib.errors import Throttled
from alongside.lib.http import client_address, throttled_answer
from alongside.people import services
from alongside.people.sessions import keep_this_session


class CheckedPasswordChangeForm(PasswordChangeForm):
    """The current password is checked as a sign-in is: throttled."""

    def __init__(self, *args: Any, client: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.client = client
        self.throttled: Throttled | None = None

    def clean_old_password(self) -> str:
        password: str = self.cleaned_data["old_password"]
        try:
            services.password_check(person=self.user, password=password, client=self.client)
        except Throttled as exc:
            self.throttled = exc
            raise forms.ValidationError(exc.detail, code="throttled") from None
        except ValidationError:
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            ) from None
        return password


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = CheckedPasswordChangeForm
    success_url = "/password/change/done/"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "client": client_address(self.request)}

    def form_valid(self, form: CheckedPasswordChangeForm) -> HttpResponse:
        try:
            revoked = services.password_set(
                person=form.user, password=form.cleaned_data["new_password1"]
            )
        except ValidationError as exc:
            form.add_error("new_password2", exc.messages)
            return self.form_invalid(form)
        keep_this_session(self.request, form.user)  # this session stays signed in
        if revoked:
            messages.info(
                self.request,
                f"Your {revoked} API token{'s were' if revoked > 1 else ' was'} revoked.",
            )
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form: CheckedPasswordChangeForm) -> HttpResponse:
        response = super().form_invalid(form)
        if form.throttled is not None:
            return throttled_answer(response, form.throttled)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    success_url = "/password/reset/sent/"

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        try:
            services.password_reset_request(
                email=form.cleaned_data["email"], client=client_address(self.request)
            )
        except Throttled as exc:
            form.add_error(None, exc.detail)
            return throttled_answer(self.form_invalid(form), exc)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = "/password/reset/complete/"

    def form_valid(self, form: Any) -> HttpResponse:
        services.password_reset_complete(
            person=form.user,
            password=form.cleaned_data["new_password1"],
            client=client_address(self.request),
        )
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())
