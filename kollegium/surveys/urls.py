from django.urls import path

from kollegium.surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.round_list, name="list"),
    path("new/<slug:slug>/", views.round_create, name="create"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/send/", views.round_send, name="send"),
    path("<int:pk>/remind/", views.round_remind, name="remind"),
    path("a/<str:token>/", views.answer, name="answer"),
]
