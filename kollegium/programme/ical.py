"""iCalendar (RFC 5545) for the programme: subscription feeds and one-event files.

Feeds: the whole network, per garden, per format and per competence area, at stable URLs
under /ical/. Each event keeps one UID for life (its ref at the site's host), so a calendar
app updates an event in place when it changes or is cancelled. There is deliberately no
ORGANIZER: calendar apps would offer to e-mail the organiser on every accept. Times are
written in UTC, which every client converts to its own zone, so no VTIMEZONE is needed.
"""

import datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kollegium.network.models import CompetenceArea, Garden, NetworkSettings
from kollegium.programme import access_events
from kollegium.programme.models import Event, EventHost, EventStatus, Format
from kollegium.programme.selectors.events import public_events
from kollegium.programme.structured import plain_description

PRODID = "-//Kollegium//Programme//NO"
# Feeds carry what is coming and what happened lately, not the whole archive.
FEED_HISTORY = datetime.timedelta(days=180)
# Calendar apps re-read a subscription about this often (a hint; many have their own rules).
REFRESH = datetime.timedelta(hours=6)
DESCRIPTION_LENGTH = 2000


def uid(event: Event) -> str:
    """The event's UID, the same in every feed and file for as long as the ref stays."""
    host = urlsplit(settings.SITE_URL).hostname or "kollegium"
    return f"event-{event.ref}@{host}"


def _location(event: Event) -> str:
    parts = [p for p in (event.venue, event.address) if p]
    if event.online_url:
        parts.append(event.online_url)
    return ", ".join(parts)


def _vevent(event: Event) -> icalendar.Event:
    url = settings.SITE_URL + event.get_absolute_url()
    item = icalendar.Event()
    item.add("uid", uid(event))
    # The moment this version of the event was last written: the same bytes until it changes.
    item.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    item.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    item.add("created", event.created_at.astimezone(datetime.UTC))
    item.add("dtstart", event.starts_at.astimezone(datetime.UTC))
    item.add("dtend", event.ends_at.astimezone(datetime.UTC))
    title = event.title
    if event.status == EventStatus.CANCELLED:
        title = _("Cancelled: %(title)s") % {"title": event.title}
    item.add("summary", title)
    description = plain_description(event, DESCRIPTION_LENGTH)
    item.add("description", f"{description}\n\n{url}".strip())
    location = _location(event)
    if location:
        item.add("location", location)
    item.add("url", url)
    item.add("categories", [str(Format(event.format).label)])
    cancelled = event.status == EventStatus.CANCELLED
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    item.add("transp", "OPAQUE")
    return item


# Rendered VEVENTs by everything they are made of (so a change to the event, the language or
# the site gives a new entry, never a stale one): a national feed holds thousands of events,
# each rendering its markdown description, and few change between two reads.
VEVENT_MEMORY = 20_000
_vevents: dict[tuple, bytes] = {}
END = b"END:VCALENDAR\r\n"


def _vevent_bytes(event: Event) -> bytes:
    key = (
        event.pk,
        event.ref,
        event.title,
        event.status,
        event.format,
        event.description,
        event.starts_at,
        event.ends_at,
        event.venue,
        event.address,
        event.online_url,
        event.created_at,
        event.updated_at,
        get_language(),
        settings.SITE_URL,
    )
    found = _vevents.get(key)
    if found is None:
        found = _vevent(event).to_ical()
        if len(_vevents) >= VEVENT_MEMORY:
            _vevents.clear()
        _vevents[key] = found
    return found


def calendar(events, name: str) -> bytes:
    """A VCALENDAR with one VEVENT per event (each rendered once per version and language)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    # Outlook's older name for the same hint; an X- property is written as given.
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH).to_ical().decode())
    head = cal.to_ical()
    return head[: -len(END)] + b"".join(_vevent_bytes(event) for event in events) + END


def event_ics(event: Event) -> bytes:
    """One event as an .ics file (for "add to calendar" and e-mail attachments)."""
    return calendar([event], event.title)


# --- views ----------------------------------------------------------------------------------


def _response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900"
    return response


def _feed(events, title: str, filename: str) -> HttpResponse:
    since = timezone.now() - FEED_HISTORY
    # A VEVENT shows the event's own fields only: no hosts, areas or places to load.
    events = events.filter(ends_at__gte=since).prefetch_related(None).iterator(chunk_size=2000)
    network = NetworkSettings.load().name
    return _response(calendar(events, f"{network}: {title}"), filename)


def network_feed(request):
    return _feed(public_events(), _("Programme"), "network.ics")


def garden_feed(request, slug: str):
    garden = get_object_or_404(Garden, slug=slug)
    hosted = EventHost.objects.filter(garden=garden).values("event_id")
    return _feed(public_events().filter(pk__in=hosted), garden.name, f"{slug}.ics")


def format_feed(request, format: str):
    if format not in Format.values:
        raise Http404
    events = public_events().filter(format=format)
    return _feed(events, str(Format(format).label), f"{format}.ics")


def area_feed(request, slug: str):
    area = get_object_or_404(CompetenceArea, slug=slug)
    tagged = Event.areas.through.objects.filter(competencearea=area).values("event_id")
    return _feed(public_events().filter(pk__in=tagged), area.name, f"{slug}.ics")


def event_file(request, ref: str):
    """One event to add to a calendar (drafts only for those who manage them)."""
    event = access_events.get_event_for_view(request.user, ref)
    return _response(event_ics(event), f"{event.ref}.ics")
