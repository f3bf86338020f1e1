from django import forms

from alongside.insights.models import QUESTIONS, WHAT_CHANGED_MAX
from alongside.insights.selectors import REASON_LABELS
from alongside.lib.forms import AccessibleForm

RATING_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class EndForm(AccessibleForm):
    reason = forms.ChoiceField(choices=list(REASON_LABELS.items()), label="Why it ends")


class SurveyForm(AccessibleForm):
    useful = forms.TypedChoiceField(
        choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect, label=QUESTIONS["useful"]
    )
    goals = forms.TypedChoiceField(
        choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect, label=QUESTIONS["goals"]
    )
    recommend = forms.TypedChoiceField(
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        label=QUESTIONS["recommend"],
    )
    what_changed = forms.CharField(
        required=False,
        max_length=WHAT_CHANGED_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="What changed for you?",
        help_text="Yours alone unless you tick the box below.",
    )
    shared = forms.BooleanField(
        required=False,
        label="Share what I wrote with the program",
        help_text="The program's admins then read it, with your role but not your name.",
    )
