"""Forms of the event day (participants, check-in, walk-ins) and of feedback."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kollegium.companies.models import Company
from kollegium.core.forms import RadioGroup, StyledForm
from kollegium.core.validators import normalize_org_number
from kollegium.programme.models import Question, QuestionKind, RegistrationStatus

LANGUAGE_CHOICES = [("nb", _("Norwegian")), ("en", _("English"))]


def resolve_company(text: str) -> tuple[Company | None, str]:
    """A company of the register by organisation number or exact name, else the typed name."""
    text = " ".join(text.split())
    if not text:
        return None, ""
    digits = normalize_org_number(text)
    if digits.isdigit() and len(digits) == 9:
        company = Company.objects.filter(org_number=digits).first()
    else:
        matches = list(Company.objects.filter(name__iexact=text)[:2])
        company = matches[0] if len(matches) == 1 else None
    return company, "" if company else text


class PersonForm(StyledForm):
    """Who: for a walk-in at the door and for someone added by hand."""

    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("The feedback request after the event goes here."),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "inputmode": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    company = forms.CharField(
        label=_("Company"),
        max_length=200,
        required=False,
        help_text=_("The name or organisation number; one from the register is linked to it."),
    )

    def clean(self):
        data = super().clean()
        data["company"], data["company_name"] = resolve_company(data.get("company") or "")
        return data


class AddParticipantForm(PersonForm):
    """Someone signed up by staff: who, the e-mails' language, and the event's questions."""

    language = forms.ChoiceField(
        label=_("Language of the e-mails"), choices=LANGUAGE_CHOICES, initial="nb"
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(event.questions.all())
        for question in self.questions:
            self.fields[f"q{question.pk}"] = _question_field(question)

    def answers(self) -> dict:
        """The answers given, by question id (as the sign-up form stores them)."""
        data = self.cleaned_data
        return {str(q.pk): data[f"q{q.pk}"] for q in self.questions if data.get(f"q{q.pk}")}


def _question_field(question: Question) -> forms.Field:
    if question.kind == QuestionKind.CHOICE:
        choices = [("", "–"), *((c, c) for c in question.choices)]
        return forms.ChoiceField(label=question.label, choices=choices, required=question.required)
    return forms.CharField(label=question.label, max_length=500, required=question.required)


class MoveForm(StyledForm):
    to = forms.ChoiceField(
        choices=[
            (RegistrationStatus.CONFIRMED, _("Confirm")),
            (RegistrationStatus.WAITLISTED, _("Move to the waitlist")),
            (RegistrationStatus.CANCELLED, _("Remove")),
        ]
    )


class MarkForm(StyledForm):
    """The wanted state, never a toggle: a stale page cannot undo someone else's mark."""

    attended = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1"
    )


class CheckInSearchForm(StyledForm):
    q = forms.CharField(
        label=_("Search by name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "autocapitalize": "words"}
        ),
    )


class FeedbackForm(StyledForm):
    rating = forms.TypedChoiceField(
        label=_("How would you rate the event as a whole?"),
        help_text=_("1 is poor, 5 is excellent."),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=RadioGroup,
    )
    useful = forms.CharField(
        label=_("What was useful?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    improve = forms.CharField(
        label=_("What could we do better?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PeriodForm(StyledForm):
    since = forms.DateField(
        label=_("Events from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        label=_("Events until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end of the period comes before its start."))
        return data
