from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    name = "kollegium.collaboration"
    label = "collaboration"
