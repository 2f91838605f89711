"""Mark tables as changed, so every process renders anew what it kept from them.

For changes made outside Django (psql, another program), which do not bump table versions:
    kollegium touch_tables                      # every table
    kollegium touch_tables programme_event ...  # these tables
"""

from django.apps import apps
from django.core.management.base import BaseCommand

from kollegium.core import freshness


class Command(BaseCommand):
    help = "Mark tables as changed so kept pages built from them are rendered anew."

    def add_arguments(self, parser):
        parser.add_argument("tables", nargs="*", help="table names (default: every table)")

    def handle(self, *args, tables, **options):
        names = tables or freshness.app_tables(*(c.label for c in apps.get_app_configs()))
        freshness.touch(names)
        self.stdout.write(f"{len(names)} table(s) marked as changed")
