from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _build_missing_index(sender, **kwargs):
    """After ``migrate``: build the search index once if it has never been built (a new or an
    upgraded installation), so the first search does not have to."""
    from django.db import connections

    from kollegium.matching.indexing import reindex_all
    from kollegium.matching.models import IndexState

    using = kwargs.get("using", "default")
    if (
        using != "default"
        or IndexState._meta.db_table not in connections[using].introspection.table_names()
    ):
        return  # migrated backwards, or another database
    if not IndexState.objects.exists():
        reindex_all()


class MatchingConfig(AppConfig):
    name = "kollegium.matching"
    label = "matching"

    def ready(self) -> None:
        from kollegium.matching import signals

        signals.connect()
        post_migrate.connect(_build_missing_index, sender=self)
