"""The public method library: methods shared publicly, readable without an account."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from kollegium.methods import access, selectors
from kollegium.methods.forms import LibraryFilterForm
from kollegium.methods.views.common import cleaned_filters, is_htmx
from kollegium.methods.views.files import package_response, serve_attachment
from kollegium.network.models import Garden

PAGE_SIZE = 30


@require_safe
def library(request):
    form = LibraryFilterForm(request.GET or None)
    methods = selectors.library(**cleaned_filters(form))
    page = Paginator(methods, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "methods/_library_results.html" if is_htmx(request) else "methods/library.html"
    response = render(request, template, {"form": form, "page": page})
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
