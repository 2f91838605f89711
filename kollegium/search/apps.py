from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "kollegium.search"
    label = "search"
