from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "kollegium.programme"
    label = "programme"
