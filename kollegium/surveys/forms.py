from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kollegium.core.forms import FIELDSET_TEMPLATE, RadioGroup, StyledForm
from kollegium.surveys.models import SCORE_MAX, SCORE_MIN
from kollegium.surveys.services import TEXT_LIMIT


class RoundForm(StyledForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    intro = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A short greeting shown at the top of the form and in the e-mail."),
    )
    closes_on = forms.DateField(
        label=_("Answers accepted until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty to accept answers until the next round."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)


class AnswerForm(StyledForm):
    score = forms.TypedChoiceField(
        label=_("How likely is it that you would recommend us to a colleague or a friend?"),
        help_text=_("0 = not at all likely, 10 = extremely likely"),
        choices=[(n, str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)],
        coerce=int,
        widget=RadioGroup(attrs={"class": "ds-input k-score"}),
        template_name=FIELDSET_TEMPLATE,
    )
    did_well = forms.CharField(
        label=_("What did we do well?"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    to_improve = forms.CharField(
        label=_("What could we do better?"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
