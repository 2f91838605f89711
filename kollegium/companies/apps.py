from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    name = "kollegium.companies"
    label = "companies"
