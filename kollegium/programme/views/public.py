"""The public programme: the list by semester, the month calendar, the printable programme
and the event page. No account needed; drafts show only to those who manage them."""

import datetime

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from kollegium.core.markdown import render_markdown
from kollegium.network.models import NetworkSettings
from kollegium.programme import access_events, structured
from kollegium.programme.forms_events import ProgrammeFilterForm
from kollegium.programme.selectors import events as selectors

# Events per page of the list. A whole network plans a couple of thousand events a semester:
# rendering 200 cards was most of the page's time at national scale (docs/performance.md).
PAGE_SIZE = 50


def _is_htmx(request) -> bool:
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def _feed_links(filters: dict) -> list[tuple[str, str]]:
    """The subscription feeds matching the filters (the whole network's first)."""
    links = [(_("The whole programme"), reverse("ical:network"))]
    if filters.get("garden"):
        garden = filters["garden"]
        links.append((garden.name, reverse("ical:garden", args=[garden.slug])))
    if filters.get("format"):
        label = dict(ProgrammeFilterForm.base_fields["format"].choices)[filters["format"]]
        links.append((label, reverse("ical:format", args=[filters["format"]])))
    if filters.get("area"):
        area = filters["area"]
        links.append((area.name, reverse("ical:area", args=[area.slug])))
    return links


def _page_number(request) -> int:
    """The page asked for, from 1; anything else (an old or hand-made link) is the first."""
    number = request.GET.get("page", "")
    return min(int(number), 10_000) if number.isdigit() and int(number) > 0 else 1


def programme_list(request):
    """The programme grouped by semester, filtered by garden, format, area, online/on site
    and period (upcoming, past, all, or one semester)."""
    semesters = selectors.semesters_with_events()
    form = ProgrammeFilterForm(request.GET or None, semesters=semesters)
    # An unknown filter value (an old bookmark) is dropped; the valid filters still apply.
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    period = filters.get("period") or selectors.UPCOMING
    events = selectors.programme(
        garden=filters.get("garden"),
        format=filters.get("format") or "",
        area=filters.get("area"),
        attendance=filters.get("attendance") or "",
        period=period,
    )
    page = _page_number(request)
    start = (page - 1) * PAGE_SIZE
    shown = list(selectors.for_cards(events)[start : start + PAGE_SIZE + 1])
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "groups": selectors.group_by_semester(shown[:PAGE_SIZE]),
        "previous_page": page - 1 if page > 1 else None,
        "next_page": page + 1 if len(shown) > PAGE_SIZE else None,
        "query": query.urlencode(),
        "period": period,
        "semesters": semesters,
        "feeds": _feed_links(filters),
        "now": timezone.now(),
        "current_semester": selectors.Semester.of(timezone.now()),
    }
    template = (
        "programme/_public_results.html" if _is_htmx(request) else "programme/public_list.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def calendar_month(request, year: int | None = None, month: int | None = None):
    """A month of the programme as a grid (and as a list on a phone)."""
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    first = datetime.date(year, month, 1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    events = list(selectors.month_events(year, month))
    context = {
        "month": first,
        "weeks": selectors.month_grid(year, month, events),
        "events": [e for e in events if timezone.localtime(e.starts_at).month == month],
        "previous": previous,
        "following": following,
        "today": today,
        "feeds": _feed_links({}),
    }
    return render(request, "programme/public_calendar.html", context)


def semester_print(request, semester: str):
    """One semester's programme on paper: every public event with its full details."""
    found = selectors.Semester.from_slug(semester)
    if found is None:
        raise Http404
    events = list(selectors.programme(period=found.slug))
    for event in events:
        event.description_html = render_markdown(event.description)
    context = {"semester": found, "events": events, "site_url": settings.SITE_URL}
    return render(request, "programme/public_print.html", context)


def event_detail(request, ref: str):
    """The event page: details, the sign-up box and, for its managers, their actions."""
    event = access_events.get_event_for_view(request.user, ref)
    open_graph = structured.open_graph(event, NetworkSettings.load().name)
    context = {
        "event": event,
        "description_html": render_markdown(event.description),
        "semester": selectors.Semester.of(event.starts_at),
        "can_manage": access_events.can_manage(request.user, event),
        "is_past": event.ends_at < timezone.now(),
        "jsonld": structured.jsonld_script(structured.event_jsonld(event)),
        "open_graph": open_graph.items(),
        "open_graph_description": open_graph["og:description"],
    }
    return render(request, "programme/event_detail.html", context)
