from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "kollegium.notifications"
    label = "notifications"
