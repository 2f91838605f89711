"""In-process benchmark (not a test) of the indicator report on generated data.

Times a full year's network report: building it (``report.build_report``) and the pages and
exports that render it, plus the programme-growth page, with the number of SQL queries of each.

    KOLLEGIUM_DATA_DIR=/tmp/gen-ind DEBUG=1 .venv/bin/kollegium migrate
    KOLLEGIUM_DATA_DIR=/tmp/gen-ind DEBUG=1 .venv/bin/kollegium generate --scale national --seed 1
    .venv/bin/python bench/indicators.py /tmp/gen-ind [--year 2025] [--runs 5]

Target: the network's full-year report under 1 second, with a bounded number of queries.
Each page is timed cold (the kept report dropped before each GET, as after any change to the
data under it: report.report_for, core/freshness.py) and kept (repeated GETs with no change
in between); the verdict is on the cold times. The queries are those of a cold GET.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import clients, configure  # noqa: E402 - the bench folder is not a package

TARGET_MS = 1000.0


def build_times(year: int, runs: int) -> tuple[list[float], list[float], int]:
    from django.db import connection

    from kollegium.indicators.report import Period, Scope, build_report

    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)
    ):
        build_report(Scope("network"), Period.year(year))
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        build_report(Scope("network"), Period.year(year))
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return times, cpu, len(queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default=os.environ.get("KOLLEGIUM_DATA_DIR"))
    parser.add_argument("--year", type=int, default=None, help="default: the last full year")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not args.data_dir:
        parser.error("give the data folder of a generated database (or KOLLEGIUM_DATA_DIR)")
    configure(args.data_dir)
    from django.urls import reverse

    from kollegium.indicators.scopes import default_year

    year = args.year or default_year()
    _anonymous, signed_in, staff = clients()
    coordinator = _coordinator_client()
    query = f"?period=year&year={year}"
    print(f"year {year}; {args.runs} runs each; load average {os.getloadavg()[0]:.1f}\n")
    times, cpu, queries = build_times(year, args.runs)
    print(
        f"build_report, network, full year: median {statistics.median(times):.0f} ms wall, "
        f"{statistics.median(cpu):.0f} ms CPU (SQLite runs in-process), {queries} queries\n"
    )
    print("| what | status | queries | cold median ms | cold max ms | kept median ms | under 1 s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    _row("build_report, network, full year", 200, queries, times)
    targets = [
        ("report page, network", reverse("indicators:report") + query, coordinator),
        ("annual report, network", reverse("indicators:annual") + query, coordinator),
        ("report XLSX, network", reverse("indicators:report_xlsx") + query, coordinator),
        ("public page", reverse("indicators:public") + f"?year={year}", _anonymous),
        ("api report, network", f"/api/v1/indicators/report?year={year}", coordinator),
        ("programme growth page", reverse("indicators:programme"), signed_in),
        ("api programme growth", "/api/v1/indicators/programme", signed_in),
    ]
    misses = 0
    for label, path, client in targets:
        cold, kept, status, queries = measure(client, path, args.runs)
        misses += _row(label, status, queries, cold, kept)
    print(f"\n{misses} miss(es) of the 1 s target")
    return 0


def measure(client, path: str, runs: int) -> tuple[list[float], list[float], int, int]:
    """Times in ms of ``runs`` cold GETs (the kept report and pages dropped first, as after a
    change to the data) and ``runs`` kept ones; the status and queries of a cold one."""
    from django.core.cache import caches
    from django.db import connection

    def cold():
        caches["fragments"].clear()
        caches["default"].clear()  # the public figures' own cache

    cold()
    client.get(path, secure=True)  # warm up the process (templates, code lists)
    cold()
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)
    ):
        status = client.get(path, secure=True).status_code
    cold_times, kept_times = [], []
    for _ in range(runs):
        cold()
        started = time.perf_counter()
        client.get(path, secure=True)
        cold_times.append((time.perf_counter() - started) * 1000)
    for _ in range(runs):
        started = time.perf_counter()
        client.get(path, secure=True)
        kept_times.append((time.perf_counter() - started) * 1000)
    return cold_times, kept_times, status, len(queries)


def _row(label: str, status: int, queries: int, times: list[float], kept=None) -> int:
    median = statistics.median(times)
    ok = status == 200 and median < TARGET_MS
    verdict = "yes" if ok else "**no**"
    kept_ms = f"{statistics.median(kept):.1f}" if kept else "–"
    print(
        f"| {label} | {status} | {queries} | {median:.0f} | {max(times):.0f} | {kept_ms} "
        f"| {verdict} |"
    )
    return 0 if ok else 1


def _coordinator_client():
    from django.test import Client

    from kollegium.network.models import Person

    person = Person.objects.filter(role="coordinator").select_related("user").first()
    client = Client()
    if person is not None:
        client.force_login(person.user)
    return client


if __name__ == "__main__":
    sys.exit(main())
