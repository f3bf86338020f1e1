from typing import Any

from django import forms

from alongside.lib.forms import AccessibleForm

FACTOR_LABELS = {
    "skills": "Skills wanted vs offered",
    "text": "Goals vs the mentor's expertise and bio",
    "timezone": "Working hours in common",
    "language": "A shared language",
    "seniority": "Seniority gap",
    "picks": "The mentee's own picks",
}


class RunForm(AccessibleForm):
    """The parameters of a run: a weight per factor, fairness, the floor."""

    fairness = forms.BooleanField(
        required=False,
        label="Fairness first",
        help_text="Raise the lowest pair's score first, then the total.",
    )
    floor = forms.FloatField(
        min_value=0,
        max_value=1,
        initial=0.0,
        label="Lowest acceptable score",
        help_text=(
            "0 to 1. A mentee whose best pair scores less is left unmatched, with the reason."
        ),
        widget=forms.NumberInput(attrs={"step": "0.05"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in FACTOR_LABELS.items():
            self.fields[f"weight_{name}"] = forms.FloatField(
                min_value=0,
                max_value=100,
                initial=1.0,
                label=label,
                widget=forms.NumberInput(attrs={"step": "0.5"}),
            )
        # The factors first, then the mode and the floor.
        self.order_fields([f"weight_{n}" for n in FACTOR_LABELS] + ["fairness", "floor"])

    def weights(self) -> dict[str, float]:
        return {name: self.cleaned_data[f"weight_{name}"] for name in FACTOR_LABELS}


class SwapForm(AccessibleForm):
    mentor = forms.UUIDField(label="Another mentor")
