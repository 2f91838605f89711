from django.urls import path

from kollegium.collaboration.views import actions, projects, sessions

app_name = "collaboration"
urlpatterns = [
    path("", projects.project_list, name="projects"),
    path("projects/new/", projects.project_create, name="project_create"),
    path("projects/<slug:slug>/", projects.project_detail, name="project"),
    path("projects/<slug:slug>/edit/", projects.project_edit, name="project_edit"),
    path("projects/<slug:slug>/members/", projects.project_members, name="project_members"),
    path("projects/<slug:slug>/files/", projects.project_file_add, name="file_add"),
    path("projects/<slug:slug>/files/<int:pk>/", projects.project_file, name="file"),
    path(
        "projects/<slug:slug>/files/<int:pk>/delete/",
        projects.project_file_delete,
        name="file_delete",
    ),
    path("projects/<slug:slug>/actions/", projects.project_action_add, name="project_action_add"),
    path("sessions/", sessions.session_list, name="sessions"),
    path("sessions/new/", sessions.session_create, name="session_create"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session"),
    path("sessions/<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path("sessions/<int:pk>/print/", sessions.session_print, name="session_print"),
    path("sessions/<int:pk>/session.ics", sessions.session_ics, name="session_ics"),
    path("sessions/<int:pk>/invite/", sessions.session_invite, name="session_invite"),
    path("sessions/<int:pk>/answer/", sessions.session_answer, name="session_answer"),
    path("sessions/<int:pk>/agenda/", sessions.agenda_add, name="agenda_add"),
    path("sessions/<int:pk>/agenda/<int:item_pk>/", sessions.agenda_edit, name="agenda_edit"),
    path("sessions/<int:pk>/agenda/<int:item_pk>/move/", sessions.agenda_move, name="agenda_move"),
    path(
        "sessions/<int:pk>/agenda/<int:item_pk>/delete/",
        sessions.agenda_delete,
        name="agenda_delete",
    ),
    path("sessions/<int:pk>/decisions/", sessions.decision_add, name="decision_add"),
    path(
        "sessions/<int:pk>/decisions/<int:decision_pk>/delete/",
        sessions.decision_delete,
        name="decision_delete",
    ),
    path("sessions/<int:pk>/actions/", sessions.session_action_add, name="session_action_add"),
    path("sessions/<int:pk>/summary/", sessions.summary_send, name="summary_send"),
    path("actions/", actions.action_list, name="actions"),
    path("actions/<int:pk>/", actions.action_edit, name="action_edit"),
    path("actions/<int:pk>/done/", actions.action_done, name="action_done"),
]
