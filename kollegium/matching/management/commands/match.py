"""``kollegium match``: rank people, events and methods for needs read from a JSONL file."""

import json

from django.core.management.base import BaseCommand, CommandError

from kollegium.matching.ranking import KINDS, match


class Command(BaseCommand):
    help = (
        'Batch matching for scripts and evaluation: each input line {"id": "q1", "text": "…"}, '
        'each output line {"id": "q1", "results": [{"kind", "key", "score", "why"}]}.'
    )

    def add_arguments(self, parser):
        parser.add_argument("--queries", required=True, help="JSONL file ('-' for stdin)")
        parser.add_argument("--kind", choices=sorted(KINDS), default="all")
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--format", choices=["jsonl"], default="jsonl")

    def handle(self, *args, **options):
        if options["limit"] < 1:
            raise CommandError("--limit must be at least 1.")
        for number, query in enumerate(self._read(options["queries"]), start=1):
            if not isinstance(query, dict) or not isinstance(query.get("text"), str):
                raise CommandError(f"line {number}: expected an object with a string 'text'")
            results = match(query["text"], kind=options["kind"], limit=options["limit"])
            line = {
                "id": query.get("id"),
                "results": [
                    {"kind": m.kind, "key": m.key, "score": m.score, "why": m.why} for m in results
                ],
            }
            self.stdout.write(json.dumps(line, ensure_ascii=False))

    def _read(self, path: str):
        import sys

        try:
            handle = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from exc
        with handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise CommandError(f"line {number}: not JSON ({exc.msg})") from exc
