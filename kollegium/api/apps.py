from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kollegium.api"
    label = "api"
