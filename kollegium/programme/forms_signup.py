"""The public sign-up form, the participant's own edit form and the advisor's many-at-once form.

The forms check the shape of the input (required fields, types) so the browser and the
participant get quick messages; every rule about the event itself is the service's, whose
ValidationError the views put back on these fields (``answers.<id>`` on ``q<id>``).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kollegium.companies.models import Company
from kollegium.core.forms import RadioGroup, StyledForm
from kollegium.core.validators import normalize_org_number
from kollegium.programme.models import Event, Question, QuestionKind
from kollegium.programme.phone import normalize_phone

# Choices shown as radio buttons up to this many, as a drop-down beyond (phones).
MAX_RADIOS = 5


def question_field(question: Question) -> forms.Field:
    if question.kind == QuestionKind.CHOICE:
        if len(question.choices) <= MAX_RADIOS:
            choices = [(c, c) for c in question.choices]
            widget = RadioGroup
        else:
            choices = [("", "–"), *((c, c) for c in question.choices)]
            widget = forms.Select
        return forms.ChoiceField(
            label=question.label, choices=choices, required=question.required, widget=widget
        )
    return forms.CharField(label=question.label, max_length=500, required=question.required)


def find_company(text: str, picked_org_number: str = "") -> tuple[Company | None, str]:
    """(company of the register, typed name): the one picked in the look-up, else one whose
    organisation number was typed, else one whose name matches exactly and alone."""
    text = " ".join((text or "").split())
    for candidate in (picked_org_number, text):
        digits = normalize_org_number(candidate or "")
        if len(digits) == 9 and digits.isdigit():
            company = Company.objects.filter(org_number=digits).first()
            if company is not None:
                return company, company.name
    if not text:
        return None, ""
    matches = list(Company.objects.filter(name__iexact=text)[:2])
    if len(matches) == 1:
        return matches[0], matches[0].name
    return None, text


class QuestionsMixin:
    """Adds a field ``q<id>`` per extra question of the event."""

    def add_questions(self, event: Event):
        self.questions = list(event.questions.all())
        for question in self.questions:
            self.fields[f"q{question.pk}"] = question_field(question)

    def answers(self) -> dict:
        data = self.cleaned_data
        return {str(q.pk): data[f"q{q.pk}"] for q in self.questions if data.get(f"q{q.pk}")}

    def question_fields(self):
        return [self[f"q{q.pk}"] for q in self.questions]


class PhoneMixin:
    def clean_phone(self):
        try:
            return normalize_phone(self.cleaned_data.get("phone") or "")
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc


class SignupForm(PhoneMixin, QuestionsMixin, StyledForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        error_messages={"required": _("Enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name", "autocapitalize": "words"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("The confirmation and the link to change or cancel go here."),
        error_messages={"required": _("Enter your e-mail address.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=40,
        required=False,
        help_text=_("A Norwegian number, or an international one starting with +."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    company = forms.CharField(
        label=_("Company (optional)"),
        max_length=200,
        required=False,
        help_text=_("Type the name or the organisation number, and pick it if it is listed."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    # The organisation number picked in the look-up (radio buttons the look-up fills in).
    company_org = forms.CharField(required=False, max_length=20)
    consent = forms.BooleanField(
        label=_("I have read the privacy notice"),
        error_messages={"required": _("You must accept the privacy notice to sign up.")},
    )
    # A honeypot: hidden from people, filled in by bots.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.add_questions(event)
        lookup = reverse("programme:signup_company_lookup")
        self.fields["company"].widget.attrs.update(
            {
                "hx-get": lookup,
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": "#company-matches",
                "hx-swap": "innerHTML",
                "aria-controls": "company-matches",
            }
        )

    def picked_company(self) -> Company | None:
        """The register's company the participant linked (to show it again with errors)."""
        return (getattr(self, "cleaned_data", None) or {}).get("company")

    def picked_companies(self) -> list[Company]:
        company = self.picked_company()
        return [company] if company else []

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self):
        data = super().clean()
        data["company"], data["company_name"] = find_company(
            data.get("company") or "", data.get("company_org") or ""
        )
        return data


class RegistrationEditForm(PhoneMixin, QuestionsMixin, StyledForm):
    """What the participant may change through their link."""

    name = SignupForm.base_fields["name"]
    email = SignupForm.base_fields["email"]
    phone = SignupForm.base_fields["phone"]
    company = forms.CharField(
        label=_("Company (optional)"),
        max_length=200,
        required=False,
        help_text=_("The name or the organisation number."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )

    def __init__(self, *args, registration, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "name": registration.name,
                "email": registration.email,
                "phone": registration.phone,
                "company": registration.company_name,
                **{f"q{k}": v for k, v in registration.answers.items()},
            },
        )
        super().__init__(*args, **kwargs)
        self.registration = registration
        self.add_questions(registration.event)

    def clean(self):
        data = super().clean()
        text = " ".join((data.get("company") or "").split())
        if text and text == self.registration.company_name:
            # Unchanged: keep the company as linked (the name may match several in the register).
            data["company"], data["company_name"] = self.registration.company, text
        else:
            data["company"], data["company_name"] = find_company(text)
        return data


class ManyCompanyForm(StyledForm):
    """The company whose employees an advisor signs up (one their garden serves)."""

    company = forms.ModelChoiceField(
        label=_("Company"), queryset=Company.objects.none(), empty_label="–"
    )

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies


class PersonRowForm(StyledForm):
    """One employee in the many-at-once form; an empty row is skipped."""

    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)

    def clean(self):
        data = super().clean()
        if (data.get("name") or data.get("phone")) and not data.get("email"):
            self.add_error("email", _("Enter the e-mail address."))
        if data.get("email") and not data.get("name"):
            self.add_error("name", _("Enter the name."))
        return data


PeopleFormSet = forms.formset_factory(PersonRowForm, extra=5, max_num=100, absolute_max=100)
