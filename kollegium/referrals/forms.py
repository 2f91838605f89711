from django import forms
from django.utils.translation import gettext_lazy as _

from kollegium.companies.models import NeedStatus
from kollegium.core.forms import FIELDSET_TEMPLATE, CheckboxGroup, RadioGroup, StyledForm
from kollegium.network.models import Person


class ReferralForm(StyledForm):
    to_people = forms.ModelMultipleChoiceField(
        label=_("Colleagues to ask"),
        queryset=Person.objects.none(),
        widget=CheckboxGroup,
        template_name=FIELDSET_TEMPLATE,
        error_messages={"required": _("Choose at least one colleague.")},
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What you share here is what your colleague sees before answering. The need and "
            "the company's contacts are shared only if they accept."
        ),
    )

    def __init__(self, *args, me: Person, candidates: list[tuple[Person, str]], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["to_people"]
        # Any active colleague validates; the page offers the suggested and searched ones.
        field.queryset = (
            Person.objects.filter(user__is_active=True).exclude(pk=me.pk).select_related("user")
        )
        field.widget.choices = [(p.pk, label) for p, label in candidates]


class AnswerForm(StyledForm):
    accept = forms.TypedChoiceField(
        label=_("Your answer"),
        choices=[("yes", _("I can help")), ("no", _("I cannot help"))],
        coerce=lambda value: value == "yes",
        widget=RadioGroup,
        template_name=FIELDSET_TEMPLATE,
    )
    reason = forms.CharField(
        label=_("Reason (when you decline)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("accept") is False and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say briefly why you decline."))
        return data


class MessageForm(StyledForm):
    text = forms.CharField(
        label=_("Message"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class OutcomeForm(StyledForm):
    helped = forms.TypedChoiceField(
        label=_("Did it help the company?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=RadioGroup,
        template_name=FIELDSET_TEMPLATE,
    )
    note = forms.CharField(
        label=_("Note"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    hours_spent = forms.DecimalField(
        label=_("Time spent (hours)"),
        required=False,
        min_value=0,
        max_value=10000,
        decimal_places=1,
        max_digits=6,
    )
    need_status = forms.ChoiceField(
        label=_("The need is now"),
        choices=[("", _("Met if it helped, else open"))] + list(NeedStatus.choices),
        required=False,
    )
