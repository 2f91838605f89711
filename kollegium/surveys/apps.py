from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "kollegium.surveys"
    label = "surveys"
