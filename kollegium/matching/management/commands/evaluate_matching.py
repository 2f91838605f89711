"""``kollegium evaluate_matching``: the engine against a plain BM25 baseline on the evaluation set.

    KOLLEGIUM_DATA_DIR=$(mktemp -d) kollegium evaluate_matching

Loads kollegium/matching/evaluation/network.json into the database inside a transaction, ranks
every need of needs.jsonl with both systems, prints nDCG@5, recall@5 and MRR per result type,
and rolls the transaction back (``--keep`` commits instead, to look at the set in the UI).
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import translation

from kollegium.interchange.importer import network_import
from kollegium.matching.evaluation import run


class _RollBack(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Measure matching quality: nDCG@5, recall@5 and MRR for people, events and methods, "
        "for the engine and for a plain BM25 baseline, on the evaluation set in "
        "kollegium/matching/evaluation/. The set is loaded inside a transaction that is rolled "
        "back at the end. Run it on a throwaway database, e.g. "
        "KOLLEGIUM_DATA_DIR=$(mktemp -d) kollegium evaluate_matching (an empty database is "
        "migrated first); it refuses a database that holds other people, events or methods, "
        "since they would change the rankings."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--details",
            action="store_true",
            help="also list the needs where the engine misses the right help or loses to BM25",
        )
        parser.add_argument(
            "--keep", action="store_true", help="commit the evaluation set instead of rolling back"
        )

    def handle(self, *args, details=False, keep=False, **options):
        if "django_migrations" not in connection.introspection.table_names():
            call_command("migrate", verbosity=0)
        document = run.upcoming(run.load_document())
        needs, judgements = run.load_needs(), run.load_judgements()
        _refuse_other_data(document)
        # Reasons and messages of the engine are not compared; keep the output stable.
        with translation.override("en"):
            try:
                with transaction.atomic():
                    network_import(data=document)
                    results = run.evaluate(needs, judgements)
                    if not keep:
                        raise _RollBack
            except _RollBack:
                pass
        self.stdout.write(
            f"Matching evaluation: {len(needs)} needs, top {run.K} "
            f"(MRR over the top {run.DEPTH}); BM25 k1={run.bm25.K1}, b={run.bm25.B}.\n"
        )
        self.stdout.write(run.table(results))
        if details:
            self.stdout.write("\n" + (run.details(results, needs, judgements) or "no failures"))


def _refuse_other_data(document: dict) -> None:
    from kollegium.methods.models import Method
    from kollegium.network.models import Person
    from kollegium.programme.models import Event

    emails = {p["email"] for p in document["people"]}
    refs = {e["ref"] for e in document["events"]} | {m["ref"] for m in document["methods"]}
    others = (
        Person.objects.exclude(user__email__in=emails).exists()
        or Event.objects.exclude(ref__in=refs).exists()
        or Method.objects.exclude(ref__in=refs).exists()
    )
    if others:
        raise CommandError(
            "The database holds people, events or methods that are not in the evaluation set; "
            "they would change the rankings. Run on a throwaway database: "
            "KOLLEGIUM_DATA_DIR=$(mktemp -d) kollegium evaluate_matching"
        )
