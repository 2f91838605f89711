from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "kollegium.interchange"
    label = "interchange"
