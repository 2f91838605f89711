import re
import time

from django.core.management.base import BaseCommand, CommandError

from kollegium.companies.register import (
    BATCH_SIZE,
    Filters,
    RegisterImporter,
    RegisterImportFailed,
    Summary,
)
from kollegium.companies.register_read import RegisterFileError
from kollegium.companies.register_records import valid_org_number

INDUSTRY = re.compile(r"[A-Z]|\d{2}(\.\d{0,3})?")


def _values(text: str | None, pattern: str, what: str, upper: bool = False) -> list[str]:
    values = [v.strip().upper() if upper else v.strip() for v in (text or "").split(",")]
    values = [v for v in values if v]
    wrong = [v for v in values if not re.fullmatch(pattern, v)]
    if wrong:
        raise CommandError(f"Not {what}: {', '.join(wrong)}")
    return values


def read_org_numbers(path: str) -> frozenset[str]:
    """One org number a line (spaces ignored); empty lines and # comments are skipped."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"Cannot read {path}: {exc}") from None
    numbers, wrong = set(), []
    for n, line in enumerate(lines, start=1):
        number = "".join(line.split("#", 1)[0].split())
        if not number:
            continue
        if valid_org_number(number):
            numbers.add(number)
        else:
            wrong.append(f"line {n}: {line.strip()!r}")
    if wrong:
        shown = "; ".join(wrong[:10]) + (f"; and {len(wrong) - 10} more" if len(wrong) > 10 else "")
        raise CommandError(f"{path} has lines that are no valid organisation number: {shown}")
    return frozenset(numbers)


class ProgressBar:
    """Progress on standard error: redrawn in place on a terminal, every 10 % otherwise."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.tty = stream.isatty()
        self.started = time.monotonic()
        self.last_tenth = -1
        self.line = ""

    def __call__(self, summary: Summary, position: int, size: int) -> None:
        share = min(position / size, 1.0) if size else 1.0
        elapsed = max(time.monotonic() - self.started, 1e-6)
        filled = int(share * self.WIDTH)
        self.line = (
            f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {share:4.0%}  "
            f"{summary.read:,} read, {summary.matched:,} matched, "
            f"{summary.read / elapsed:,.0f}/s"
        )
        if self.tty:
            self.stream.write("\r" + self.line, ending="")
            self.stream.flush()
        elif int(share * 10) > self.last_tenth:
            self.last_tenth = int(share * 10)
            self.stream.write(self.line)
            self.line = ""

    def done(self) -> None:
        """End the bar: a line break on a terminal, else the last state if not yet written."""
        if self.tty:
            self.stream.write("")
        elif self.line:
            self.stream.write(self.line)


class Command(BaseCommand):
    help = (
        "Import companies from an Enhetsregisteret bulk file (enheter or underenheter; JSON "
        "array or CSV, gzipped or not). Creates or updates companies and keeps the register "
        "data for the company form. Filters combine: every one given must hold."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the bulk file as downloaded from data.brreg.no")
        parser.add_argument("--municipality", help="kommunenummer, comma-separated: 5021,5025")
        parser.add_argument("--county", help="fylkesnummer, comma-separated: 50")
        parser.add_argument(
            "--industry",
            help="industry code prefixes or section letters, comma-separated: 62,70.2 "
            "(as written in the file: SN2025 codes in files from 2025 on)",
        )
        parser.add_argument("--org-form", help="organisation forms, comma-separated: AS,ENK")
        parser.add_argument("--org-numbers", help="a file with one org number per line")
        parser.add_argument(
            "--update-only",
            action="store_true",
            help="update companies already in Kollegium, create none",
        )
        parser.add_argument(
            "--nace-standard",
            choices=["auto", "sn2025", "sn2007"],
            default="auto",
            help="the industry standard of the file's codes (auto: told by the codes)",
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args, file, **options):
        filters = Filters(
            municipalities=frozenset(_values(options["municipality"], r"\d{4}", "municipality")),
            counties=frozenset(_values(options["county"], r"\d{2}", "a county number")),
            org_forms=frozenset(_values(options["org_form"], r"[A-ZÆØÅ0-9]+", "org forms", True)),
            org_numbers=read_org_numbers(options["org_numbers"])
            if options["org_numbers"]
            else None,
            update_only=options["update_only"],
        )
        industries = _values(options["industry"], INDUSTRY.pattern, "an industry code", True)
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        progress = None if options["quiet"] else ProgressBar(self.stderr)
        importer = RegisterImporter(
            file,
            filters,
            industries=industries,
            nace_standard=options["nace_standard"],
            batch_size=options["batch_size"],
            progress=progress,
        )
        try:
            summary = importer.run()
        except RegisterImportFailed as exc:
            if progress:
                progress.done()
            self._report(exc.summary, "Stopped")
            raise CommandError(
                f"{file} is damaged: {exc}. The {exc.summary.committed:,} entities read before "
                "the damage are imported and committed; importing an intact file again is safe."
            ) from None
        except RegisterFileError as exc:
            raise CommandError(f"Cannot import {file}: {exc}") from None
        if progress:
            progress.done()
        self._report(summary, "Imported")

    def _report(self, summary: Summary, verb: str) -> None:
        kind = "JSON" if summary.format == "json" else "CSV"
        packed = ", gzip" if summary.compressed else ""
        standard = summary.nace_standard.upper()
        self.stdout.write(
            f"{verb} {summary.file} ({kind}{packed}; industry codes read as {standard}):"
        )
        rows = [
            ("read", summary.read),
            ("matched the filter", summary.matched),
            ("created", summary.created),
            ("updated", summary.updated),
            ("unchanged", summary.unchanged),
        ]
        if summary.not_in_kollegium:
            rows.append(("not in Kollegium (register data kept)", summary.not_in_kollegium))
        rows.append(("rejected", sum(summary.rejected.values())))
        for label, value in rows:
            self.stdout.write(f"  {label:<38}{value:>12,}")
        for reason, n in summary.rejected.most_common():
            where = ", ".join(summary.examples.get(reason, []))
            self.stdout.write(f"    {reason}: {n:,} ({where}{', …' if n > 5 else ''})")
        for note, n in summary.notes.most_common():
            self.stdout.write(f"  note: {note}: {n:,} (kept in the register data only)")
