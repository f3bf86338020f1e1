from django import forms

from alongside.lib.forms import AccessibleForm


class DeleteForm(AccessibleForm):
    password = forms.CharField(
        label="Your password",
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To confirm that it is you.",
    )
    confirm = forms.BooleanField(
        label="I understand that this cannot be undone.",
        error_messages={"required": "Tick the box to confirm that you understand."},
    )
