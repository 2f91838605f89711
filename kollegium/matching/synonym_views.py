"""The coordinator's synonym list: words and abbreviations that mean the same in a need."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kollegium.core.forms import StyledModelForm
from kollegium.matching import services
from kollegium.matching.models import Synonym
from kollegium.network import permissions
from kollegium.network.decorators import staff_required


class SynonymForm(StyledModelForm):
    class Meta:
        model = Synonym
        fields = ["terms"]

    def clean_terms(self):
        terms = [t.strip() for t in self.cleaned_data["terms"].split(",") if t.strip()]
        if len(terms) < 2:
            raise forms.ValidationError(
                _("Give at least two words or phrases, separated by commas.")
            )
        return ", ".join(terms)


def _require_editor(user) -> None:
    if not permissions.can_edit_synonyms(user):
        raise PermissionDenied


@staff_required
def synonym_list(request):
    """Every staff member may read the list; the coordinator edits it."""
    context = {
        "synonyms": Synonym.objects.all(),
        "can_edit": permissions.can_edit_synonyms(request.user),
    }
    return render(request, "matching/synonyms.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def synonym_create(request):
    _require_editor(request.user)
    form = SynonymForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.synonym_create(actor=request.user, terms=form.cleaned_data["terms"])
        messages.success(request, _("Synonyms saved."))
        return redirect("matching:synonyms")
    return render(request, "matching/synonym_form.html", {"form": form})


@staff_required
@require_http_methods(["GET", "POST"])
def synonym_edit(request, pk: int):
    _require_editor(request.user)
    synonym = get_object_or_404(Synonym, pk=pk)
    form = SynonymForm(request.POST or None, instance=Synonym(pk=synonym.pk, terms=synonym.terms))
    if request.method == "POST" and form.is_valid():
        services.synonym_update(
            actor=request.user, synonym=synonym, terms=form.cleaned_data["terms"]
        )
        messages.success(request, _("Synonyms saved."))
        return redirect("matching:synonyms")
    return render(request, "matching/synonym_form.html", {"form": form, "synonym": synonym})


@staff_required
@require_POST
def synonym_delete(request, pk: int):
    _require_editor(request.user)
    synonym = get_object_or_404(Synonym, pk=pk)
    services.synonym_delete(actor=request.user, synonym=synonym)
    messages.success(request, _("Synonyms removed."))
    return redirect("matching:synonyms")
