from django.urls import path

from kollegium.network import views

app_name = "network"
urlpatterns = [
    path("people/", views.directory, name="directory"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/edit/", views.profile_edit, name="profile_edit"),
    path("people/<int:pk>/tokens/", views.token_create, name="token_create"),
    path("people/<int:pk>/tokens/<int:token_pk>/revoke/", views.token_delete, name="token_delete"),
    path("gardens/<slug:slug>/edit/", views.garden_edit, name="garden_edit"),
    path("gardens/<slug:slug>/staff/", views.garden_staff, name="garden_staff"),
    path(
        "gardens/<slug:slug>/staff/<int:pk>/active/",
        views.staff_set_active,
        name="staff_set_active",
    ),
    path("network/edit/", views.network_edit, name="network_edit"),
    path("areas/", views.area_list, name="areas"),
    path("areas/new/", views.area_edit, name="area_create"),
    path("areas/<slug:slug>/edit/", views.area_edit, name="area_edit"),
]
