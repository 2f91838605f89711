"""The public method library: methods shared publicly, readable without an account."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from kollegium.core import freshness
from kollegium.methods import access, selectors
from kollegium.methods.forms import LibraryFilterForm
from kollegium.methods.models import Method
from kollegium.methods.views.common import cleaned_filters, is_htmx
from kollegium.methods.views.files import package_response, serve_attachment
from kollegium.network.models import CompetenceArea, Garden

PAGE_SIZE = 30
# The cards (owner garden, areas) and the filter form's area choices.
LIBRARY_TABLES = [Method, Garden, CompetenceArea, Method.areas.through]


@require_safe
def library(request):
    """The same for every visitor: kept until a method, its areas or its garden changes."""

    def context() -> dict:
        form = LibraryFilterForm(request.GET or None)
        methods = selectors.library(**cleaned_filters(form))
        page = Paginator(methods, PAGE_SIZE).get_page(request.GET.get("page"))
        return {"form": form, "page": page}

    part = "results" if is_htmx(request) else "content"
    html = freshness.template_fragment(
        f"methods.library.{part}", LIBRARY_TABLES, f"methods/_library_{part}.html", context, request
    )
    if is_htmx(request):
        response = HttpResponse(html)
    else:
        response = render(request, "methods/library.html", {"content": html})
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def detail(request, ref: str):
    method = access.get_public_method(ref)
    context = {
        "method": method,
        "links": list(method.links.all()),
        "attachments": list(method.attachments.all()),
        "evidence": selectors.evidence(method),
        "adoptions": selectors.adoptions(method),
        "garden_count": Garden.objects.count(),
    }
    return render(request, "methods/library_detail.html", context)


@require_safe
def attachment(request, ref: str, pk: int):
    return serve_attachment(access.get_public_attachment(ref, pk))


@require_safe
def package(request, ref: str):
    return package_response(access.get_public_method(ref))
