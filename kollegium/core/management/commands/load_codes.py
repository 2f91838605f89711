import datetime

from django.core.management.base import BaseCommand, CommandError

from kollegium.core.codes_load import CodeFileInvalid, code_list_load, decode, parse_code_file
from kollegium.core.models import CodeKind, CodeList


class Command(BaseCommand):
    help = (
        "Load an official code list from a CSV file (an SSB Klass export works as it is): "
        "replace the codes of an existing list, or add a new one, e.g. next year's "
        "municipalities. All or nothing; every bad line is printed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV with code and name columns (parent, level optional)")
        parser.add_argument(
            "--standard",
            required=True,
            help="the list's name, e.g. kommune-2025, fylke-2025, sn2025, sn2007, orgform",
        )
        parser.add_argument(
            "--kind", choices=CodeKind.values, help="needed for a new list: what its codes are"
        )
        parser.add_argument(
            "--valid-from",
            type=datetime.date.fromisoformat,
            help="YYYY-MM-DD; of the lists of one kind, the latest one in force is current",
        )
        parser.add_argument("--source", default="", help="where the file comes from")

    def handle(self, *args, file, standard, kind, valid_from, source, **options):
        try:
            with open(file, "rb") as f:
                text = decode(f.read())
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
        known = CodeList.objects.filter(pk=standard).values_list("kind", flat=True).first()
        if not (kind or known):
            raise CommandError(f"{standard} is a new list: say which kind it is with --kind.")
        try:
            entries = parse_code_file(text, kind or known)
            result = code_list_load(
                standard=standard,
                entries=entries,
                kind=kind,
                valid_from=valid_from,
                source=source or file,
            )
        except CodeFileInvalid as exc:
            for line in exc.lines:
                self.stderr.write(line)
            raise CommandError(f"{file} was not loaded; nothing changed.") from None
        verb = "Created" if result.created_list else "Updated"
        self.stdout.write(f"{verb} {standard}: {result}.")
