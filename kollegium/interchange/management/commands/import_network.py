import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError
from django.utils import translation

from kollegium.interchange.base import DocumentInvalid
from kollegium.interchange.document import parse
from kollegium.interchange.importer import network_import


class Command(BaseCommand):
    help = (
        "Create or update the network from a kollegium.network/1 document, all or nothing. "
        "Every problem is printed with its JSON path; nothing is written when there is one."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the document, or - to read standard input")

    def handle(self, *args, file, **options):
        text = _read(file)
        # Problems name JSON paths and are read by operators and scripts: always English.
        with translation.override("en"):
            try:
                summary = network_import(data=parse(text))
            except DocumentInvalid as exc:
                for line in exc.lines:
                    self.stderr.write(line)
                raise CommandError(
                    f"{len(exc.lines)} problem(s) in {file}; nothing was imported."
                ) from None
            except IntegrityError as exc:
                # Another process changed the same rows at the same moment.
                raise CommandError(f"The database refused the import ({exc}); try again.") from exc
        self.stdout.write(f"Imported {file}:")
        for section, counts in summary.items():
            self.stdout.write(f"  {section}: {counts}")


def _read(file: str) -> str:
    try:
        if file == "-":
            return sys.stdin.read()
        with open(file, encoding="utf-8") as f:
            return f.read()
    except OSError as exc:
        raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise CommandError(f"{file} is not UTF-8 text: {exc.reason} at byte {exc.start}") from None
