from django.urls import path

from kollegium.network import public_views

app_name = "public"
urlpatterns = [
    path("", public_views.network_page, name="network"),
    path("gardens/<slug:slug>/", public_views.garden_page, name="garden"),
]
