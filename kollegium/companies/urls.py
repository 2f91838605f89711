from django.urls import path

from kollegium.companies import views

app_name = "companies"
urlpatterns = [
    path("", views.company_list, name="list"),
    path("<str:org_number>/", views.company_detail, name="detail"),
]
