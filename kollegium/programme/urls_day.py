"""The event day and after: participants, check-in, walk-ins, feedback."""

from django.urls import path

from kollegium.programme.views import checkin, feedback, participants

urlpatterns = [
    path(
        "events/<slug:ref>/participants/",
        participants.participant_list,
        name="day_participants",
    ),
    path(
        "events/<slug:ref>/participants/add/",
        participants.participant_add,
        name="day_add",
    ),
    path(
        "events/<slug:ref>/participants/<int:pk>/move/",
        participants.participant_move,
        name="day_move",
    ),
    path(
        "events/<slug:ref>/participants.csv",
        participants.participant_export_csv,
        name="day_export_csv",
    ),
    path(
        "events/<slug:ref>/participants.xlsx",
        participants.participant_export_xlsx,
        name="day_export_xlsx",
    ),
    path("events/<slug:ref>/check-in/", checkin.check_in, name="day_checkin"),
    path("events/<slug:ref>/check-in/walk-in/", checkin.walk_in, name="day_walk_in"),
    path("events/<slug:ref>/check-in/<int:pk>/", checkin.check_in_mark, name="day_mark"),
    path(
        "events/<slug:ref>/check-in/<int:pk>/let-in/",
        checkin.check_in_let_in,
        name="day_let_in",
    ),
    path("events/<slug:ref>/feedback/", feedback.feedback_results, name="feedback_results"),
    path("feedback/", feedback.feedback_summary, name="feedback_summary"),
    path("feedback/<str:token>/", feedback.feedback_form, name="feedback_form"),
]
