from django.apps import AppConfig


class CollabConfig(AppConfig):
    name = "kollegium.collab"
    label = "collab"
