from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "kollegium.matching"
    label = "matching"
