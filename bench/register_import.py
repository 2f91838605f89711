"""Benchmark of ``kollegium import_register`` (not a test): speed and peak memory.

Builds a synthetic bulk file of Enhetsregisteret in the register's own formats (a gzipped JSON
array and a gzipped CSV with dotted column names; by default one million main units, about
the size of the national file) in a temporary folder, then imports it into throwaway SQLite
databases, each import in its own process, and prints entities per second and the peak
resident memory of that process (getrusage of the child).

    .venv/bin/python bench/register_import.py                  # 1,000,000 entities
    .venv/bin/python bench/register_import.py --entities 100000 --scenarios json-filter

Nothing is written into the repository; the folder is removed unless --keep is given (a kept
folder passed again with --workdir reuses the files generated with the same --entities and
--seed).
"""

import argparse
import csv
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kollegium" / "core" / "data"
WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
# Larger municipalities hold more entities (roughly as in the register).
BIG = {"0301": 60, "4601": 25, "5001": 20, "1103": 15, "3205": 8, "4204": 8}
ORG_FORMS = ["AS"] * 40 + ["ENK"] * 35 + ["FLI"] * 6 + ["ESEK"] * 4 + ["SA", "DA", "ANS", "NUF"]
# The real header of a 2024 bulk CSV file (from the test excerpt of the register).
HEADER_SOURCE = ROOT / "kollegium" / "companies" / "tests" / "data" / "enheter-2024-excerpt.csv"
CSV_COLUMNS = HEADER_SOURCE.read_text(encoding="utf-8").split("\n", 1)[0].split(",")
SCENARIOS = {
    # name: (file, filter arguments, start from an empty database?)
    "json-filter": ("json", ["--municipality", "5001"], True),
    "json-full": ("json", [], True),
    "json-again": ("json", [], False),
    "csv-filter": ("csv", ["--municipality", "5001"], True),
    "csv-full": ("csv", [], True),
}


def org_numbers():
    base = 80000000
    while True:
        base += 1
        digits = str(base)
        check = 11 - sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11
        if check == 10:
            continue
        yield digits + str(0 if check == 11 else check)


def _codes():
    with open(DATA / "kommuner-2024.csv", encoding="utf-8") as f:
        municipalities = [(row["number"], row["name"].upper()) for row in csv.DictReader(f)]
    with open(DATA / "sn2025.csv", encoding="utf-8") as f:
        industries = [(r["code"], r["name"]) for r in csv.DictReader(f) if r["level"] == "5"]
    weights = [BIG.get(number, 1) for number, _name in municipalities]
    return municipalities, weights, industries


def entity(rng, number, n, codes):
    municipalities, weights, industries = codes
    kommune, kommunenavn = rng.choices(municipalities, weights)[0]
    nace, nace_name = ("00.000", "Uoppgitt") if rng.random() < 0.04 else rng.choice(industries)
    form = rng.choice(ORG_FORMS)
    staffed = rng.random()
    address = {
        "land": "Norge",
        "landkode": "NO",
        "postnummer": f"{rng.randrange(1, 9999):04d}",
        "poststed": kommunenavn,
        "adresse": [f"Storgata {n % 200 + 1}"] + (["Bygg B"] if n % 7 == 0 else []),
        "kommune": kommunenavn,
        "kommunenummer": kommune,
    }
    return {
        "organisasjonsnummer": number,
        "navn": f"SYNTETISK BEDRIFT {n} {form}",
        "organisasjonsform": {"kode": form, "beskrivelse": "Organisasjonsform"},
        "hjemmeside": f"www.bedrift{n}.no" if n % 5 == 0 else None,
        "postadresse": address if n % 3 == 0 else None,
        "registreringsdatoEnhetsregisteret": f"{1995 + n % 30}-0{1 + n % 9}-1{n % 10}",
        "registrertIMvaregisteret": n % 2 == 0,
        "naeringskode1": {"kode": nace, "beskrivelse": nace_name},
        "antallAnsatte": rng.randrange(5, 300) if staffed > 0.7 else None,
        "harRegistrertAntallAnsatte": staffed > 0.4,
        "forretningsadresse": address,
        "stiftelsesdato": f"{1990 + n % 35}-0{1 + n % 9}-2{n % 8}" if form != "ENK" else None,
        "institusjonellSektorkode": {"kode": "2100", "beskrivelse": "Private aksjeselskaper mv."},
        "registrertIForetaksregisteret": form in ("AS", "SA", "DA", "ANS"),
        "registrertIStiftelsesregisteret": False,
        "registrertIFrivillighetsregisteret": form == "FLI",
        "sisteInnsendteAarsregnskap": "2025" if form == "AS" else None,
        "konkurs": n % 97 == 0,
        "konkursdato": "2026-03-01" if n % 97 == 0 else "",
        "underAvvikling": n % 89 == 0,
        "underAvviklingDato": "",
        "underTvangsavviklingEllerTvangsopplosning": False,
        "maalform": "Bokmål",
        "vedtektsfestetFormaal": [
            "Drive virksomhet innen sitt formål og det som står i forbindelse med dette."
        ],
        "aktivitet": ["Syntetisk aktivitet for ytelsestest."],
    }


def _csv_row(data):
    row = []
    for column in CSV_COLUMNS:
        value = data
        for part in column.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, list):
            value = "/n".join(value)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        row.append("" if value is None else str(value))
    return row


def generate(folder: Path, count: int, seed: int) -> dict[str, Path]:
    rng = random.Random(seed)
    codes = _codes()
    paths = {"json": folder / "enheter.json.gz", "csv": folder / "enheter.csv.gz"}
    numbers = org_numbers()
    with (
        gzip.open(paths["json"], "wt", encoding="utf-8", compresslevel=6) as js,
        gzip.open(paths["csv"], "wt", encoding="utf-8", newline="", compresslevel=6) as cs,
    ):
        writer = csv.writer(cs, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        js.write("[")
        for n in range(count):
            data = entity(rng, next(numbers), n, codes)
            js.write(("," if n else "") + json.dumps(data, ensure_ascii=False))
            writer.writerow(_csv_row(data))
        js.write("]")
    return paths


def _env(folder: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        "KOLLEGIUM_DATA_DIR": str(folder),
        "SECRET_KEY": "benchmark-only",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "localhost",
    }


def kollegium(folder: Path, *args) -> tuple[float, float, int, str]:
    """Run a command in its own process: (wall seconds, CPU seconds, peak RSS in MB, output).

    CPU time is reported as well because a shared machine stretches wall time."""
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "kollegium.cli", *args],
        env=_env(folder),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    out = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"kollegium {' '.join(args)} failed:\n{out}")
    cpu = usage.ru_utime + usage.ru_stime
    return time.monotonic() - started, cpu, usage.ru_maxrss // 1024, out


def _count(out: str, label: str) -> int:
    for line in out.splitlines():
        if line.strip().startswith(label):
            return int(line.split()[-1].replace(",", ""))
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--workdir", help="folder to use (default: a new temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the files afterwards")
    args = parser.parse_args()
    folder = Path(args.workdir or tempfile.mkdtemp(prefix="kollegium-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        run(folder, args)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path, args) -> None:
    started = time.monotonic()
    marker = folder / f"generated-{args.entities}-{args.seed}"
    if marker.exists():
        paths = {"json": folder / "enheter.json.gz", "csv": folder / "enheter.csv.gz"}
    else:
        paths = generate(folder, args.entities, args.seed)
        marker.touch()
    sizes = ", ".join(f"{k} {p.stat().st_size / 1e6:.0f} MB" for k, p in paths.items())
    print(
        f"generated {args.entities:,} entities in {time.monotonic() - started:.0f} s ({sizes})",
        flush=True,
    )
    empty = folder / "empty.sqlite3"
    kollegium(folder, "migrate", "-v0")  # the shipped code lists come with it
    shutil.copy(folder / "bench.sqlite3", empty)
    print(
        f"{'scenario':<12} {'read':>10} {'matched':>10} {'wall s':>7} {'CPU s':>7} "
        f"{'entities/s':>11} {'per CPU s':>10} {'peak RSS':>9}"
    )
    for name in args.scenarios.split(","):
        fmt, filters, fresh = SCENARIOS[name]
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{folder / 'bench.sqlite3'}{suffix}").unlink(missing_ok=True)
            shutil.copy(empty, folder / "bench.sqlite3")
        command = ["import_register", str(paths[fmt]), "--quiet", *filters]
        seconds, cpu, rss, out = kollegium(folder, *command)
        read = _count(out, "read")
        print(
            f"{name:<12} {read:>10,} {_count(out, 'matched the filter'):>10,} {seconds:>7.1f} "
            f"{cpu:>7.1f} {read / seconds:>11,.0f} {read / cpu:>10,.0f} {rss:>6} MB",
            flush=True,
        )


if __name__ == "__main__":
    main()
