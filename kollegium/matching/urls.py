from django.urls import path

from kollegium.matching import synonym_views, views

app_name = "matching"
urlpatterns = [
    path("", views.search_page, name="search"),
    path("suggest/", views.suggest, name="suggest"),
    path("who-can-help/", views.who_can_help, name="who_can_help"),
    path("needs/<str:org_number>/<int:pk>/", views.need_matches, name="need"),
    path("synonyms/", synonym_views.synonym_list, name="synonyms"),
    path("synonyms/new/", synonym_views.synonym_create, name="synonym_create"),
    path("synonyms/<int:pk>/edit/", synonym_views.synonym_edit, name="synonym_edit"),
    path("synonyms/<int:pk>/delete/", synonym_views.synonym_delete, name="synonym_delete"),
]
