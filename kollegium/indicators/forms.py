from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kollegium.core.forms import StyledForm
from kollegium.indicators import tabular
from kollegium.indicators.importing import FIGURES, figure_value
from kollegium.indicators.models import MIN_YEAR
from kollegium.network.models import Garden


class FigureField(forms.CharField):
    """A figure typed the Norwegian way ("1 234 567", "-12 000", "1234567,00")."""

    def __init__(self, *, figure: str, **kwargs):
        self.figure = figure
        kwargs.setdefault("required", False)
        # inputmode "decimal" has no minus key on some phones; the operating result needs one.
        mode = "text" if figure == "operating_result" else "decimal"
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": mode}))
        super().__init__(**kwargs)

    def to_python(self, value):
        return figure_value(self.figure, super().to_python(value))


def _this_year() -> int:
    return timezone.localdate().year


def _limit_year(field: forms.IntegerField, last: int) -> None:
    field.max_value = last
    field.widget.attrs["max"] = last
    field.validators.append(MaxValueValidator(last))


class KeyFigureForm(StyledForm):
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR)
    revenue = FigureField(
        figure="revenue",
        label=_("Revenue (driftsinntekter), NOK"),
        help_text=_("Whole kroner, e.g. 1 234 567."),
    )
    operating_result = FigureField(
        figure="operating_result",
        label=_("Operating result (driftsresultat), NOK"),
        help_text=_("Negative for a loss, e.g. -12 000."),
    )
    wage_costs = FigureField(figure="wage_costs", label=_("Wage costs (lønnskostnader), NOK"))
    employees = FigureField(figure="employees", label=_("Employees"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Accounts are for years that have begun; computed per form, not at import time.
        _limit_year(self.fields["year"], _this_year())

    def clean(self):
        data = super().clean()
        if not self.errors and all(data.get(name) is None for name in FIGURES):
            raise forms.ValidationError(_("Enter at least one figure."), code="no_figures")
        return data


class ImportForm(StyledForm):
    file = forms.FileField(
        label=_("File with key figures (CSV or XLSX)"),
        help_text=_("At most 5 MB. The first row names the columns, as in the template."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,.txt,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Checked before reading a byte, so a large upload is not loaded into memory.
        if upload.size > tabular.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large (at most 5 MB)."), code="too_large"
            )
        return upload


class ProgrammeFilterForm(StyledForm):
    garden = forms.ModelChoiceField(
        label=_("Garden"),
        queryset=Garden.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        empty_label=_("All gardens"),
    )


class ProgrammeYearForm(StyledForm):
    programme_year = forms.IntegerField(
        label=_("Programme company since (year)"),
        required=False,
        min_value=MIN_YEAR,
        help_text=_(
            "The year the company was admitted (avtalestart). Empty: not a programme company."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An agreement may be signed for next year.
        _limit_year(self.fields["programme_year"], _this_year() + 1)
