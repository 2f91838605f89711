from django.urls import path

from kollegium.companies import views

app_name = "companies"
urlpatterns = [
    path("", views.company_list, name="list"),
    path("new/", views.company_create, name="create"),
    path("lookup/", views.company_lookup, name="lookup"),
    path("<str:org_number>/", views.company_detail, name="detail"),
    path("<str:org_number>/edit/", views.company_edit, name="edit"),
    path("<str:org_number>/relate/", views.company_relate, name="relate"),
    path("<str:org_number>/contacts/new/", views.contact_create, name="contact_create"),
    path("<str:org_number>/contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("<str:org_number>/contacts/<int:pk>/delete/", views.contact_delete, name="contact_delete"),
    path("<str:org_number>/needs/new/", views.need_create, name="need_create"),
    path("<str:org_number>/needs/<int:pk>/", views.need_detail, name="need"),
    path("<str:org_number>/needs/<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("<str:org_number>/needs/<int:pk>/status/", views.need_status, name="need_status"),
]
