"""What an event page tells search engines and link previews: schema.org Event JSON-LD and
Open Graph tags. Absolute URLs come from KOLLEGIUM_SITE_URL, as in e-mails."""

import json

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from kollegium.core.markdown import render_markdown
from kollegium.programme.models import Event, EventStatus

# Inside <script>, "</script>" or "<!--" in a title must not end the element.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
DESCRIPTION_LENGTH = 300


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def plain_description(event: Event, length: int = DESCRIPTION_LENGTH) -> str:
    """The description as one line of plain text (markdown rendered, tags stripped)."""
    text = " ".join(strip_tags(render_markdown(event.description)).split())
    return Truncator(text).chars(length)


def _attendance_mode(event: Event) -> str:
    if event.is_online and event.is_on_site:
        return "https://schema.org/MixedEventAttendanceMode"
    if event.is_online:
        return "https://schema.org/OnlineEventAttendanceMode"
    return "https://schema.org/OfflineEventAttendanceMode"


def _locations(event: Event) -> list[dict]:
    places = []
    if event.is_on_site:
        place = {"@type": "Place", "name": event.venue or event.address}
        if event.address:
            place["address"] = event.address
        places.append(place)
    if event.is_online:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    return places


def event_jsonld(event: Event) -> dict:
    """The schema.org Event (https://schema.org/Event) for one event."""
    status = (
        "https://schema.org/EventCancelled"
        if event.status == EventStatus.CANCELLED
        else "https://schema.org/EventScheduled"
    )
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": plain_description(event),
        "startDate": timezone.localtime(event.starts_at).isoformat(),
        "endDate": timezone.localtime(event.ends_at).isoformat(),
        "eventStatus": status,
        "eventAttendanceMode": _attendance_mode(event),
        "url": absolute(event.get_absolute_url()),
        "organizer": [
            {
                "@type": "Organization",
                "name": link.garden.name,
                "url": absolute(link.garden.get_absolute_url()),
            }
            for link in event.host_links.all()
        ],
        "isAccessibleForFree": True,
    }
    locations = _locations(event)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    performers = [p.name for p in event.speakers.all()] + event.external_speaker_list
    if performers:
        data["performer"] = [{"@type": "Person", "name": name} for name in performers]
    if event.capacity is not None:
        data["maximumAttendeeCapacity"] = event.capacity
    return data


def jsonld_script(data: dict) -> SafeString:
    """A <script type="application/ld+json"> element, safe against closing tags in values."""
    text = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    # Safe: the JSON has no "<", ">" or "&" left that could end or open an element.
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def open_graph(event: Event, site_name: str) -> dict[str, str]:
    """Open Graph properties (https://ogp.me/) for link previews."""
    return {
        "og:type": "website",
        "og:title": event.title,
        "og:description": plain_description(event, 200),
        "og:url": absolute(event.get_absolute_url()),
        "og:site_name": site_name,
        "og:locale": "nb_NO",
    }
