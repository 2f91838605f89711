from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "kollegium.network"
    label = "network"
