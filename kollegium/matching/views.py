"""Search pages: the header box (as you type), the full results page, and "who can help?"."""

from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from kollegium.companies import access as company_access
from kollegium.matching.forms import MatchForm, SearchForm
from kollegium.matching.ranking import match
from kollegium.matching.search import search
from kollegium.matching.text import terms
from kollegium.network.decorators import staff_required

SUGGEST_PER_GROUP = 4
PAGE_PER_GROUP = 20
MATCH_LIMIT = 10


@require_safe
def search_page(request):
    """The full results page: every group the user may see, for staff and the public alike."""
    form = SearchForm(request.GET or None)
    groups = []
    if form.is_valid():
        groups = search(form.cleaned_data["q"], user=request.user, per_group=PAGE_PER_GROUP)
    return render(request, "matching/search.html", {"form": form, "groups": groups})


@require_safe
def suggest(request):
    """Results as you type, for the header box (an htmx partial)."""
    form = SearchForm(request.GET or None)
    groups = []
    if form.is_valid():
        groups = search(
            form.cleaned_data["q"], user=request.user, per_group=SUGGEST_PER_GROUP, typing=True
        )
    context = {"form": form, "groups": groups, "q": request.GET.get("q", "")}
    response = render(request, "matching/_suggest.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _ranked(request, text: str, kind: str = "all") -> dict:
    results = match(text, kind=kind, limit=MATCH_LIMIT, user=request.user)
    return {
        "people": [m for m in results if m.kind == "person"],
        "events": [m for m in results if m.kind == "event"],
        "methods": [m for m in results if m.kind == "method"],
        "stems": frozenset(terms(text)),
    }


@staff_required
@require_safe
def who_can_help(request):
    """The free-text box on the people directory: staff, events and methods for a need."""
    form = MatchForm(request.GET or None)
    context = {"form": form}
    if form.is_valid():
        context.update(_ranked(request, form.cleaned_data["need"]))
    template = "matching/_who_can_help.html" if request.htmx else "matching/who_can_help.html"
    return render(request, template, context)


@staff_required
def need_matches(request, org_number: str, pk: int):
    """ "Who can help?" for one of a company's needs (loaded into the need page)."""
    # Access first: a need one may not see answers 404 whatever the method.
    need = company_access.get_need_for_view(request.user, org_number, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    context = {"need": need, **_ranked(request, need.text)}
    template = "matching/_who_can_help.html" if request.htmx else "matching/who_can_help.html"
    return render(request, template, context)
