from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kollegium.core"
    label = "core"
