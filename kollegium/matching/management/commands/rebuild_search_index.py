"""``kollegium rebuild_search_index``: analyse every searchable object again."""

import time

from django.core.management.base import BaseCommand

from kollegium.matching.indexing import reindex_all


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the database. Not needed in normal operation (edits keep "
        "it current); for operators after restoring a backup or changing the analysis."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        counts = reindex_all()
        for kind, count in counts.items():
            self.stdout.write(f"{kind:<10} {count:>9,}")
        self.stdout.write(f"done in {time.monotonic() - started:.1f} s")
