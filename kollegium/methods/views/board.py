"""The pipeline: the board (a column per stage), the list, the spread, and stage moves."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from kollegium.core import freshness
from kollegium.methods import access, selectors, services
from kollegium.methods.forms import MethodFilterForm, MethodListFilterForm, MoveForm
from kollegium.methods.models import Kind, Method, Stage
from kollegium.methods.views.common import add_errors, cleaned_filters, is_htmx
from kollegium.methods.views.detail import method_context
from kollegium.network import permissions
from kollegium.network.decorators import staff_required
from kollegium.network.models import CompetenceArea, Garden

PAGE_SIZE = 50
# The cards (owner garden, areas) and the filter form's choices (gardens, areas).
BOARD_TABLES = [Method, Garden, CompetenceArea, Method.areas.through]


def _next_stage(method) -> Stage | None:
    if method.stage == Stage.SHARED:
        return None
    return Stage(services.allowed_moves(method)[0])


def _viewer(user) -> tuple:
    """What decides which methods a user sees and which they may move: the user, and their
    garden and role as they are now (so a move to another garden is never served stale)."""
    person = permissions.person_of(user)
    return (
        user.pk,
        user.is_superuser,
        getattr(person, "garden_id", None),
        getattr(person, "role", None),
    )


# What a card needs. Up to 210 cards: loading whole rows and prefetching each card's areas
# through Django's related managers made up half of the board's first (uncached) render.
CARD_FIELDS = ("ref", "title", "kind", "stage", "owner", "owner__name")


def _add_area_names(methods: list[Method]) -> None:
    """``area_names`` on each card, by name, in one query."""
    names = defaultdict(list)
    rows = (
        Method.areas.through.objects.filter(method_id__in=[m.pk for m in methods])
        .order_by("competencearea__name", "competencearea_id")
        .values_list("method_id", "competencearea__name")
    )
    for method_id, name in rows:
        names[method_id].append(name)
    for method in methods:
        method.area_names = names[method.pk]


def _board_context(request, query: QueryDict) -> dict:
    """The filter form and the columns; what the user may see and move decides the cards."""
    form = MethodFilterForm(query or None)
    methods = selectors.filter_methods(
        selectors.visible_methods(request.user), **cleaned_filters(form)
    )
    columns = selectors.board(methods.prefetch_related(None).only(*CARD_FIELDS))
    user = request.user
    cards = [method for column in columns for method in column.methods]
    _add_area_names(cards)
    kinds = {value: str(label) for value, label in Kind.choices}  # translated once, not per card
    for method in cards:
        method.kind_label = kinds.get(method.kind, method.kind)
        method.may_move = permissions.can_move_method(user, method)
        method.next_stage = _next_stage(method)
    return {"form": form, "columns": columns, "query": query.urlencode()}


def _render_board(request, query: QueryDict, **extra):
    """The board after a move from it (htmx): rendered afresh, with what happened."""
    context = {**_board_context(request, query), **extra}
    response = render(request, "methods/_board.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_required
def board(request):
    """Every method the user may see, one column per stage, filtered by garden, area, kind.

    Kept per viewer until a method, its areas or a garden changes. The move buttons point at
    the form ``board-move`` outside the kept part, which holds the CSRF token."""
    # An htmx filter gets the board alone (its own key); the page, the filter form with it.
    template = "methods/_board.html" if is_htmx(request) else "methods/_board_content.html"
    html = freshness.template_fragment(
        f"methods.board.{'board' if is_htmx(request) else 'content'}",
        BOARD_TABLES,
        template,
        lambda: _board_context(request, request.GET),
        request,
        vary=_viewer(request.user),
    )
    if is_htmx(request):
        response = HttpResponse(html)
    else:
        can_create = permissions.can_create_method(request.user)
        context = {"content": html, "can_create": can_create}
        response = render(request, "methods/board.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_required
def method_list(request):
    form = MethodListFilterForm(request.GET or None)
    methods = selectors.filter_methods(
        selectors.visible_methods(request.user), **cleaned_filters(form)
    ).order_by("title", "pk")
    page = Paginator(methods, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "can_create": permissions.can_create_method(request.user),
    }
    template = "methods/_list_results.html" if is_htmx(request) else "methods/method_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_required
def spread(request):
    """How far each method has spread: which gardens pilot it and use it."""
    form = MethodFilterForm(request.GET or None)
    methods = selectors.filter_methods(
        selectors.visible_methods(request.user), **cleaned_filters(form)
    )
    gardens, rows = selectors.spread(methods)
    context = {
        "form": form,
        "gardens": gardens,
        "rows": rows,
        "can_create": permissions.can_create_method(request.user),
    }
    return render(request, "methods/spread.html", context)


def _move(request, method, form):
    """Run the move; True when it happened, else the reason is on the form."""
    try:
        services.method_move_stage(
            actor=request.user,
            method=method,
            to=form.cleaned_data["to"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        add_errors(form, exc)
    except services.StageMoveRefused as exc:
        form.refused = exc
    else:
        return True
    return False


@staff_required
def move(request, ref: str):
    """Move a method to another stage: a page of its own, the form on the method page, and
    the buttons of the board (htmx, answering with the board again)."""
    method = access.get_method_for_move(request.user, ref)
    form = MoveForm(request.POST or None, choices=services.allowed_moves(method))
    form.refused = None
    if request.method == "POST" and form.is_valid() and _move(request, method, form):
        label = Stage(form.cleaned_data["to"]).label
        text = _("“%(title)s” is now in the stage “%(stage)s”.") % {"title": method, "stage": label}
        if request.POST.get("from") == "board" and is_htmx(request):
            return _render_board(request, QueryDict(request.POST.get("filters", "")), notice=text)
        messages.success(request, text)
        return redirect(method)
    if request.POST.get("from") == "board" and is_htmx(request):
        return _render_board(
            request, QueryDict(request.POST.get("filters", "")), refused=form.refused, failed=method
        )
    status = 400 if request.method == "POST" else 200
    if request.POST.get("from") == "detail":
        # Refused from the method page: show why there, with the rest of the method.
        context = method_context(request, method, move_form=form, refused=form.refused)
        return render(request, "methods/method_detail.html", context, status=status)
    context = {"method": method, "form": form, "refused": form.refused}
    return render(request, "methods/move.html", context, status=status)
