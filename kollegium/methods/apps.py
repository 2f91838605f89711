from django.apps import AppConfig


class MethodsConfig(AppConfig):
    name = "kollegium.methods"
    label = "methods"
