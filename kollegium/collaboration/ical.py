"""A work session as an .ics file (RFC 5545), written like the programme's (programme/ical.py):
a stable UID per session, times in UTC, no ORGANIZER (calendar apps would e-mail it)."""

import datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings

from kollegium.collaboration.models import SessionStatus, WorkSession

PRODID = "-//Kollegium//Collaboration//NO"
DESCRIPTION_LENGTH = 2000


def uid(session: WorkSession) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "kollegium"
    return f"work-session-{session.pk}@{host}"


def _location(session: WorkSession) -> str:
    return ", ".join(p for p in (session.place, session.online_url) if p)


def _description(session: WorkSession, url: str) -> str:
    lines = [session.purpose] if session.purpose else []
    for number, item in enumerate(session.agenda.all(), start=1):
        allotted = f" ({item.minutes_allotted} min)" if item.minutes_allotted else ""
        lines.append(f"{number}. {item.title}{allotted}")
    text = "\n".join(lines)[:DESCRIPTION_LENGTH]
    return f"{text}\n\n{url}".strip()


def session_ics(session: WorkSession) -> bytes:
    """One VCALENDAR with the session as its one VEVENT (the agenda in the description)."""
    url = settings.SITE_URL + session.get_absolute_url()
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    item = icalendar.Event()
    item.add("uid", uid(session))
    item.add("dtstamp", session.updated_at.astimezone(datetime.UTC))
    item.add("last-modified", session.updated_at.astimezone(datetime.UTC))
    item.add("dtstart", session.starts_at.astimezone(datetime.UTC))
    item.add("dtend", session.ends_at.astimezone(datetime.UTC))
    item.add("summary", session.title)
    item.add("description", _description(session, url))
    location = _location(session)
    if location:
        item.add("location", location)
    item.add("url", url)
    cancelled = session.status == SessionStatus.CANCELLED
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    cal.add_component(item)
    return cal.to_ical()
