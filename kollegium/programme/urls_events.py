"""Events and visibility: the public programme pages and the staff's event editors."""

from django.urls import path

from kollegium.programme import ical
from kollegium.programme.views import public, staff_events

urlpatterns = [
    path("", public.programme_list, name="list"),
    path("calendar/", public.calendar_month, name="calendar"),
    path("calendar/<int:year>/<int:month>/", public.calendar_month, name="calendar_month"),
    path("semester/<str:semester>/print/", public.semester_print, name="print"),
    path("events/<slug:ref>/", public.event_detail, name="event"),
    path("events/<slug:ref>/calendar.ics", ical.event_file, name="event_ics"),
    path("manage/", staff_events.event_manage_list, name="manage"),
    path("new/", staff_events.event_create, name="event_create"),
    path("events/<slug:ref>/edit/", staff_events.event_edit, name="event_edit"),
    path("events/<slug:ref>/publish/", staff_events.event_publish, name="event_publish"),
    path("events/<slug:ref>/copy/", staff_events.event_copy, name="event_copy"),
    path("events/<slug:ref>/cancel/", staff_events.event_cancel, name="event_cancel"),
    path("events/<slug:ref>/questions/", staff_events.questions, name="questions"),
    path(
        "events/<slug:ref>/questions/<int:pk>/edit/",
        staff_events.question_edit,
        name="question_edit",
    ),
    path(
        "events/<slug:ref>/questions/<int:pk>/delete/",
        staff_events.question_delete,
        name="question_delete",
    ),
]
