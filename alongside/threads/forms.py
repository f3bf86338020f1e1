from typing import Any

from django import forms

from alongside.lib.forms import AccessibleForm
from alongside.threads.models import BODY_MAX
from alongside.threads.refs import Card


class MessageForm(AccessibleForm):
    body = forms.CharField(
        label="Message",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": BODY_MAX}),
    )
    ref = forms.ChoiceField(label="About", required=False)

    def __init__(self, *args: Any, offered: list[tuple[str, list[Card]]], **kw: Any) -> None:
        super().__init__(*args, **kw)
        choices: list[Any] = [("", "Nothing in particular")]
        for label, cards in offered:
            choices.append((label, [(f"{c.kind}:{c.id}", c.title) for c in cards]))
        ref = self.fields["ref"]
        assert isinstance(ref, forms.ChoiceField)  # noqa: S101 - declared just above
        ref.choices = choices
        if len(choices) == 1:
            del self.fields["ref"]

    def ref_parts(self) -> tuple[str, str | None]:
        value = self.cleaned_data.get("ref") or ""
        if ":" not in value:
            return "", None
        kind, public_id = value.split(":", 1)
        return kind, public_id


class EditForm(AccessibleForm):
    body = forms.CharField(
        label="Message",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": BODY_MAX}),
    )
