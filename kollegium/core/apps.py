from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "kollegium.core"
    label = "core"

    def ready(self):
        from kollegium.core import freshness

        # Every write bumps its table's version after commit (core/freshness.py).
        connection_created.connect(freshness.install, dispatch_uid="freshness.install")
