"""The programme's iCalendar subscription feeds, mounted at /ical/ (stable public URLs)."""

from django.urls import path

from kollegium.programme import ical

app_name = "ical"
urlpatterns = [
    path("network.ics", ical.network_feed, name="network"),
    path("garden/<slug:slug>.ics", ical.garden_feed, name="garden"),
    path("format/<slug:format>.ics", ical.format_feed, name="format"),
    path("area/<slug:slug>.ics", ical.area_feed, name="area"),
]
