from django import forms
from django.utils.translation import gettext_lazy as _

from kollegium.core.forms import StyledForm

MAX_QUERY = 500
MAX_NEED = 4000


class SearchForm(StyledForm):
    q = forms.CharField(label=_("Search"), max_length=MAX_QUERY, strip=True)


class MatchForm(StyledForm):
    need = forms.CharField(
        label=_("Describe the need"),
        max_length=MAX_NEED,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: “eksportstrategi og søknad til Innovasjon Norge”."),
    )
