from django.core.management.base import BaseCommand, CommandError

from kollegium.core import codes
from kollegium.core.codes_load import (
    CodeFileInvalid,
    correspondence_load,
    decode,
    parse_correspondence_file,
)


class Command(BaseCommand):
    help = (
        "Load a correspondence table between two code lists from a CSV file, e.g. SSB Klass's "
        "SN2007-SN2025 table, replacing the one loaded before. Tables work both ways, so "
        "SSB's SN2025 -> SN2007 table 2919 is loaded with --from sn2025 --to sn2007."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV with sourceCode and targetCode columns")
        parser.add_argument("--from", dest="source", default=codes.SN2007)
        parser.add_argument("--to", dest="target", default=codes.SN2025)

    def handle(self, *args, file, source, target, **options):
        try:
            with open(file, "rb") as f:
                text = decode(f.read())
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
        try:
            pairs = parse_correspondence_file(text, source, target)
            result = correspondence_load(source=source, target=target, pairs=pairs)
        except CodeFileInvalid as exc:
            for line in exc.lines:
                self.stderr.write(line)
            raise CommandError(f"{file} was not loaded; nothing changed.") from None
        self.stdout.write(
            f"Loaded {result.added} pairs {source} -> {target} (replacing {result.removed})."
        )
