"""The public programme: the list by semester, the month calendar, the printable programme
and the event page. No account needed; drafts show only to those who manage them."""

import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kollegium.companies.models import CompanyGarden
from kollegium.core import freshness
from kollegium.core.markdown import render_markdown
from kollegium.network import permissions
from kollegium.network.models import CompetenceArea, Garden, NetworkSettings, Person, User
from kollegium.programme import structured
from kollegium.programme.forms_events import ProgrammeFilterForm
from kollegium.programme.forms_signup import SignupForm
from kollegium.programme.models import Event, EventHost, Question, Registration
from kollegium.programme.selectors import events as selectors
from kollegium.programme.selectors.signup import signup_state

# Events per page of the list. A whole network plans a couple of thousand events a semester:
# rendering 200 cards was most of the page's time at national scale (docs/performance.md).
PAGE_SIZE = 50

# What the cached pages read (core/freshness.py): a change to any of these renders them anew.
LIST_TABLES = [Event, EventHost, Garden, Event.areas.through, CompetenceArea, Registration]
HOSTS = Prefetch("host_links", queryset=EventHost.objects.select_related("garden"))
SPEAKERS = Prefetch("speakers", queryset=Person.objects.select_related("user", "garden"))
EVENT_TABLES = [
    *(Event, EventHost, Garden, Event.areas.through, CompetenceArea, NetworkSettings),
    *(Event.speakers.through, Person, User, Registration, CompanyGarden),
]
# The kept parts of the event page: (name in the page's context, template).
EVENT_PARTS = [
    ("head", "programme/_event_detail_head.html"),
    ("content", "programme/_event_detail_content.html"),
    ("signup_status", "programme/_signup_status.html"),
    ("reach", "programme/_reach.html"),
]


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
    and period (upcoming, past, all, or one semester).

    The filters and results are the same for every visitor: kept until an event, its hosts,
    areas or registrations change, and for the current minute at most (what is upcoming and
    whether an event is full move with the clock). An htmx request gets the results alone."""

    def context() -> dict:
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
        return {
            "form": form,
            "groups": selectors.group_by_semester(shown[:PAGE_SIZE]),
            "previous_page": page - 1 if page > 1 else None,
            "next_page": page + 1 if len(shown) > PAGE_SIZE else None,
            "query": query.urlencode(),
            "period": period,
            "semesters": semesters,
            "feeds": _feed_links(filters),
            "now": timezone.now(),
        }

    part = "results" if _is_htmx(request) else "list_content"
    html = freshness.template_fragment(
        f"programme.list.{part}",
        LIST_TABLES,
        f"programme/_public_{part}.html",
        context,
        request,
        vary=(freshness.minute(),),
    )
    if part == "results":
        response = HttpResponse(html)
    else:
        current = selectors.Semester.of(timezone.now())
        response = render(
            request, "programme/public_list.html", {"content": html, "current_semester": current}
        )
    patch_vary_headers(response, ["HX-Request"])
    return response


def calendar_month(request, year: int | None = None, month: int | None = None):
    """A month of the programme as a grid (and as a list on a phone), kept until an event
    changes, and for the day at most (today is marked)."""
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    first = datetime.date(year, month, 1)

    def context() -> dict:
        events = list(selectors.month_events(year, month))
        return {
            "month": first,
            "weeks": selectors.month_grid(year, month, events),
            "events": [e for e in events if timezone.localtime(e.starts_at).month == month],
            "previous": (first - datetime.timedelta(days=1)).replace(day=1),
            "following": (first + datetime.timedelta(days=32)).replace(day=1),
            "today": today,
            "feeds": _feed_links({}),
        }

    content = freshness.template_fragment(
        "programme.calendar",
        [Event],
        "programme/_calendar_content.html",
        context,
        request,
        vary=(year, month, today),
    )
    return render(request, "programme/public_calendar.html", {"month": first, "content": content})


def semester_print(request, semester: str):
    """One semester's programme on paper: every public event with its full details (at
    national scale some 1,700 events: kept until one of them changes)."""
    found = selectors.Semester.from_slug(semester)
    if found is None:
        raise Http404

    def context() -> dict:
        events = list(selectors.programme(period=found.slug))
        for event in events:
            event.description_html = render_markdown(event.description)
        return {"events": events, "site_url": settings.SITE_URL}

    content = freshness.template_fragment(
        "programme.print",
        [*LIST_TABLES, Event.speakers.through, Person, User, Question],
        "programme/_print_events.html",
        context,
        request,
        vary=(found.slug,),
    )
    return render(request, "programme/public_print.html", {"semester": found, "content": content})


def event_detail(request, ref: str):
    """The event page: details, the sign-up box and, for its managers, their actions.

    What every visitor who may see the event sees (the head, the details, what the sign-up box
    says, the reach) is kept until one of the tables it reads changes, and for a minute at
    most. The visibility check, the sign-up form (with its CSRF token and button) and the
    hosts' actions are the visitor's own and are drawn on every request."""
    event = get_object_or_404(Event, ref=ref)
    # Read only when the visitor may be a host (a signed-in staff member): lazy.
    hosts = EventHost.objects.filter(event=event).values_list("garden_id", flat=True)
    if not permissions.can_see_event(request.user, event, hosts):
        raise Http404

    def parts() -> dict:
        # Read again here, after the table versions: what is kept is never older than them.
        details = Event.objects.prefetch_related(HOSTS, "areas", SPEAKERS).get(pk=event.pk)
        open_graph = structured.open_graph(details, NetworkSettings.load().name)
        state = signup_state(details)
        context = {
            "event": details,
            "description_html": render_markdown(details.description),
            "semester": selectors.Semester.of(details.starts_at),
            "state": state,
            "open_graph": open_graph.items(),
            "open_graph_description": open_graph["og:description"],
            "jsonld": structured.jsonld_script(structured.event_jsonld(details)),
        }
        return {
            **{name: render_to_string(template, context) for name, template in EVENT_PARTS},
            # What the form drawn by the page needs to know (None: closed, no form).
            "signup": {"full": state.full} if state.open else None,
        }

    cached = freshness.value(
        f"programme.event.{event.pk}", EVENT_TABLES, parts, vary=(freshness.minute(),)
    )
    context = {
        # Escaped HTML, rendered by parts().
        **{name: mark_safe(cached[name]) for name, _template in EVENT_PARTS},  # noqa: S308
        "event": event,
        "signup": cached["signup"],
        "can_manage": permissions.can_manage_event(request.user, hosts),
    }
    if context["signup"] is not None:
        # An unbound form's fields are the same for everyone until the questions change; the
        # form around them (its CSRF token, its button) is drawn by the page.
        context["signup_fields"] = freshness.template_fragment(
            f"programme.event.{event.pk}.signup_fields",
            [Question],
            "programme/_signup_fields.html",
            lambda: {"form": SignupForm(event=event)},
            request,
        )
    return render(request, "programme/event_detail.html", context)
