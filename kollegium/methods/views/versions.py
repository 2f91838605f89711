"""A method's versions: the history of its text and the difference between two versions."""

from django.shortcuts import get_object_or_404, render

from kollegium.methods import access, selectors
from kollegium.methods.diff import version_diff
from kollegium.network.decorators import staff_required


@staff_required
def versions(request, ref: str):
    method = access.get_method_for_view(request.user, ref)
    rows = list(selectors.versions(method).select_related("author"))
    return render(request, "methods/versions.html", {"method": method, "versions": rows})


@staff_required
def version(request, ref: str, number: int):
    """Version ``number`` against the one before it, or against ``?against=<number>``."""
    method = access.get_method_for_view(request.user, ref)
    newer = get_object_or_404(method.versions, number=number)
    against = request.GET.get("against", "")
    base_number = int(against) if against.isdigit() else number - 1
    older = method.versions.filter(number=base_number).first()
    context = {
        "method": method,
        "version": newer,
        "older": older,
        "diffs": version_diff(older, newer),
        "numbers": list(method.versions.order_by("number").values_list("number", flat=True)),
    }
    return render(request, "methods/version_detail.html", context)
