from django import forms
from django.urls import reverse, reverse_lazy
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from kollegium.companies.models import Company, Contact, Need, NeedStatus, Relation
from kollegium.core import codes
from kollegium.core.fast_select import FastSelect
from kollegium.core.forms import (
    StyledForm,
    StyledModelForm,
    competence_areas_field,
)
from kollegium.core.validators import normalize_org_number, validate_org_number
from kollegium.network.models import Garden


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _code_choice(code: str, name: str) -> tuple[str, str]:
    return code, f"{code} {Truncator(name).chars(70)}"


# (the code list's names, the choices made from them): kept while the list is the same object.
_filter_choices: tuple[dict, list[tuple[str, str]]] | None = None


def industry_filter_choices() -> list[tuple[str, str]]:
    """SN2025 divisions ("62") and groups ("62.1"), the levels the register is filtered by."""
    global _filter_choices
    names = codes.industry_codes()
    if _filter_choices is None or _filter_choices[0] is not names:
        items = names.items()
        choices = [_code_choice(code, name) for code, name in items if len(code) in (2, 4)]
        _filter_choices = (names, choices)
    return _filter_choices[1]


def industry_code_choices() -> list[tuple[str, str]]:
    """SN2025 subclasses ("62.100"), the level a company is registered with."""
    items = codes.industry_codes().items()
    return [_code_choice(code, name) for code, name in items if len(code) == 6]


class CompanyFilterForm(StyledForm):
    q = forms.CharField(
        label=_("Name or organisation number"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    garden = forms.ModelChoiceField(
        label=_("Garden"),
        queryset=Garden.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        empty_label=_("All gardens"),
        widget=FastSelect,
    )
    municipality = forms.ChoiceField(
        label=_("Municipality"),
        required=False,
        choices=lambda: [("", _("All municipalities")), *codes.municipality_choices()],
        widget=FastSelect,
    )
    industry = forms.ChoiceField(
        label=_("Industry"),
        required=False,
        choices=lambda: [("", _("All industries")), *industry_filter_choices()],
        widget=FastSelect,
    )


class CompanyForm(StyledModelForm):
    nace = forms.ChoiceField(
        label=_("Industry (SN2025)"),
        required=False,
        choices=lambda: [("", "—"), *industry_code_choices()],
    )
    municipality = forms.ChoiceField(
        label=_("Municipality"),
        required=False,
        choices=lambda: [("", "—"), *codes.municipality_choices()],
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Company
        fields = ["name", "nace", "municipality", "employees", "website"]
        labels = {"name": _("Name"), "employees": _("Employees")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.nace
        field = self.fields["nace"]
        if current and not field.valid_value(current):
            # Imported companies may carry a code at another level; keep it selectable.
            label = f"{current} {self.instance.industry_name} ({self.instance.nace_standard_label})"
            field.choices = [(current, label), *field.choices]


class CompanyCreateForm(CompanyForm):
    """A new company and how the user's garden relates to it."""

    org_number = forms.CharField(
        label=_("Organisation number"),
        max_length=20,
        help_text=_("Nine digits, as in Enhetsregisteret. Spaces are ignored."),
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                # Fills the empty fields from the register data last imported (see
                # views.company_lookup); without JavaScript the form works as before.
                "hx-get": reverse_lazy("companies:lookup"),
                "hx-trigger": "input changed delay:400ms, change",
                "hx-target": "#register-lookup",
                # The fields it may fill, to leave those already typed (not the CSRF token).
                "hx-include": "#id_name, #id_nace, #id_municipality, #id_employees, #id_website",
                "hx-sync": "this:replace",
            }
        ),
    )
    relation = forms.ChoiceField(
        label=_("Relation of my garden"), choices=Relation.choices, initial=Relation.CLIENT
    )
    since = forms.DateField(label=_("Since"), required=False, widget=_date_widget())

    field_order = ["org_number", "name", "nace", "municipality", "employees", "website"]

    def clean_org_number(self) -> str:
        number = normalize_org_number(self.cleaned_data["org_number"])
        validate_org_number(number)
        existing = Company.objects.filter(org_number=number).first()
        if existing is not None:
            raise forms.ValidationError(
                format_html(
                    '{} <a class="ds-link" href="{}">{}</a>',
                    _("A company with this organisation number is already registered:"),
                    reverse("companies:detail", args=[existing.org_number]),
                    existing.name,
                ),
                code="duplicate_org_number",
            )
        return number


class OperatorCompanyCreateForm(CompanyCreateForm):
    """The operator has no garden of their own, so they say which garden serves the company."""

    garden = forms.ModelChoiceField(label=_("Garden"), queryset=Garden.objects.order_by("name"))
    relation = forms.ChoiceField(
        label=_("Relation of the garden"), choices=Relation.choices, initial=Relation.CLIENT
    )


class RelateForm(StyledForm):
    relation = forms.ChoiceField(
        label=_("Relation of my garden"), choices=Relation.choices, initial=Relation.CLIENT
    )
    since = forms.DateField(label=_("Since"), required=False, widget=_date_widget())
    # The service checks the upper bound (next year) so the form needs no date at import time.
    programme_year = forms.IntegerField(
        label=_("Programme company since (year)"),
        required=False,
        min_value=1990,
        help_text=_("Only for programme companies (målbedrifter): the year of admission."),
    )


class ContactForm(StyledModelForm):
    # Not model fields of the form: the service records when, by whom and how consent changed.
    letter_consent = forms.BooleanField(
        label=_("Send this contact the programme letter"),
        required=False,
        help_text=_(
            "Only with the contact's consent. A monthly e-mail with upcoming events picked for "
            "the company; every letter has a link to unsubscribe."
        ),
    )
    letter_consent_how = forms.CharField(
        label=_("How was consent given?"),
        required=False,
        max_length=200,
        help_text=_(
            "For example: “Said yes by e-mail on 3 March” or "
            "“Signed the form at the breakfast meeting”."
        ),
    )

    class Meta:
        model = Contact
        fields = ["name", "role", "email", "phone"]
        labels = {"name": _("Name"), "role": _("Role"), "email": _("E-mail"), "phone": _("Phone")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        contact = self.instance
        self.fields["letter_consent"].initial = contact.letter_consent
        if contact.letter_consent_at:
            # What was recorded last, so staff see it before changing it.
            when = date_format(localtime(contact.letter_consent_at), "SHORT_DATETIME_FORMAT")
            recorded = _("Last changed %(when)s: %(how)s") % {
                "when": when,
                "how": contact.letter_consent_how or "—",
            }
            field = self.fields["letter_consent"]
            field.help_text = f"{field.help_text} {recorded}"


class NeedForm(StyledModelForm):
    areas = competence_areas_field()

    class Meta:
        model = Need
        fields = ["text", "areas", "status", "shared_with_network"]
        labels = {
            "text": _("What does the company need?"),
            "status": _("Status"),
            "shared_with_network": _(
                "Share with the network: staff of every garden can see this need."
            ),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}


class NeedStatusForm(StyledForm):
    status = forms.ChoiceField(label=_("Status"), choices=NeedStatus.choices)
