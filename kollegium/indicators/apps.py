from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "kollegium.indicators"
    label = "indicators"
