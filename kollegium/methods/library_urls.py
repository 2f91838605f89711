"""The public method library, mounted at /library/ (namespace "library")."""

from django.urls import path

from kollegium.methods.views import library

app_name = "library"
urlpatterns = [
    path("", library.library, name="list"),
    path("<slug:ref>/", library.detail, name="detail"),
    path("<slug:ref>/package.zip", library.package, name="package"),
    path("<slug:ref>/files/<int:pk>/", library.attachment, name="attachment"),
]
