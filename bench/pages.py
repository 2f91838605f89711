"""In-process page benchmark (not a test): server time of the main pages on generated data.

Measures each main page and API list with ``django.test.Client`` (no network, no server) next to
a bare view that returns ``HttpResponse("ok")`` through the same middleware, in the same run.
Prints median, p95, the ratio of each median to the bare view's, the number of SQL queries,
and whether the targets hold (median < 30x bare, p95 < 100 ms). Pages are kept until the data
they show changes (core/freshness.py), so repeated GETs time kept pages; the "cold" columns
time the same GETs with every kept page dropped first (the first view after a change).

    KOLLEGIUM_DATA_DIR=/tmp/gen DEBUG=1 .venv/bin/kollegium migrate
    KOLLEGIUM_DATA_DIR=/tmp/gen DEBUG=1 .venv/bin/kollegium generate --scale national --seed 1
    .venv/bin/python bench/pages.py /tmp/gen                 # or KOLLEGIUM_DATA_DIR=/tmp/gen
    .venv/bin/python bench/pages.py /tmp/gen --runs 50

Runs with DEBUG off (no query log, cached templates), over HTTPS and with persistent database
connections (DATABASE_CONN_MAX_AGE=60), as in production.
"""

import argparse
import os
import statistics
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MEDIAN_FACTOR = 30
P95_MS = 100.0


def configure(data_dir: str) -> None:
    os.environ["KOLLEGIUM_DATA_DIR"] = data_dir
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    # As in production (docs/deploy.md): a connection is kept between requests, not opened
    # for each (on PostgreSQL that costs a new server process, some 2-3 ms).
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kollegium.settings")
    import warnings

    import django

    # No collected static files in a bench data folder; whitenoise warns about it.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    collect_static()
    install_bare_urlconf()


def collect_static() -> None:
    """The manifest storage (DEBUG off) needs collected files: collect them once."""
    from django.conf import settings
    from django.core.management import call_command

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)


def install_bare_urlconf() -> None:
    """The platform's URLs plus /bench-bare/, set as ROOT_URLCONF for this process only."""
    from django.conf import settings
    from django.http import HttpResponse
    from django.urls import include, path

    def bare(request):
        return HttpResponse("ok")

    module = types.ModuleType("bench_urls")
    module.urlpatterns = [path("bench-bare/", bare), path("", include("kollegium.urls"))]
    sys.modules["bench_urls"] = module
    settings.ROOT_URLCONF = "bench_urls"


def pages() -> list[tuple[str, str, bool]]:
    """(label, path, signed in) of every page measured."""
    from django.urls import reverse
    from django.utils import timezone

    from kollegium.companies.models import Company
    from kollegium.programme.models import Event

    event = (
        Event.objects.filter(status="published", starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    )
    company = Company.objects.order_by("org_number").first()
    return [
        ("bare view", "/bench-bare/", True),
        ("public network", reverse("public:network"), False),
        ("public programme", reverse("programme:list"), False),
        ("event page", reverse("programme:event", args=[event.ref]), False),
        ("library", reverse("library:list"), False),
        ("home", reverse("home"), True),
        ("people directory", reverse("network:directory"), True),
        ("company register", reverse("companies:list"), True),
        ("company page", reverse("companies:detail", args=[company.org_number]), True),
        ("method board", reverse("methods:board"), True),
        ("programme indicators", reverse("indicators:programme"), True),
        ("api people", "/api/v1/people", True),
        ("api companies", "/api/v1/companies", True),
        ("api events", "/api/v1/events", True),
        ("api methods", "/api/v1/methods", True),
    ]


def clients():
    from django.test import Client

    from kollegium.network.models import Person

    staff = Person.objects.filter(role="leader").select_related("user").order_by("pk").first()
    signed_in = Client()
    signed_in.force_login(staff.user)
    return Client(), signed_in, staff


def measure(client, path: str, runs: int, warmup: int) -> tuple[list[float], list[float], int, int]:
    """Wall and CPU times in ms of ``runs`` GETs after ``warmup`` ones; the status and queries
    of one GET. CPU time is this process's (on SQLite that includes the database's work): it
    hardly moves when other jobs load the machine, where wall time does."""
    from django.db import connection

    # Counted by a wrapper, not the query log: the request cycle resets and closes that.
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)
    ):
        status = client.get(path, secure=True).status_code
    for _ in range(warmup):
        client.get(path, secure=True)
    times, cpu_times = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        client.get(path, secure=True)
        times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - cpu_started) * 1000)
    return times, cpu_times, status, len(queries)


def measure_cold(client, path: str, runs: int) -> list[float]:
    """Wall times in ms of ``runs`` GETs, each after dropping every kept page (as the first
    view after a change to the data the page shows: core/freshness.py)."""
    from django.core.cache import caches

    times = []
    for _ in range(runs):
        caches["fragments"].clear()
        started = time.perf_counter()
        client.get(path, secure=True)
        times.append((time.perf_counter() - started) * 1000)
    return times


def selected(rows: list[tuple[str, str, bool]], only: str) -> list[tuple[str, str, bool]]:
    """The bare view and the pages whose label contains one of the comma-separated words."""
    if not only:
        return rows
    words = [word.strip() for word in only.split(",") if word.strip()]
    return [row for row in rows if row[0] == "bare view" or any(w in row[0] for w in words)]


def load_average() -> str:
    return ", ".join(f"{load:.1f}" for load in os.getloadavg())


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[18]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default=os.environ.get("KOLLEGIUM_DATA_DIR"))
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--only", default="", help='pages whose label contains: "api,programme"')
    args = parser.parse_args()
    if not args.data_dir:
        parser.error("give the data folder of a generated database (or KOLLEGIUM_DATA_DIR)")
    configure(args.data_dir)
    anonymous, signed_in, staff = clients()
    print(f"signed in as {staff.user.email} ({staff.garden.name}); {args.runs} runs per page")
    print(f"load average at the start: {load_average()}\n")
    rows, floor, cpu_floor = [], None, None
    for label, path, needs_login in selected(pages(), args.only):
        client = signed_in if needs_login else anonymous
        times, cpu_times, status, queries = measure(client, path, args.runs, args.warmup)
        cold = measure_cold(client, path, args.runs)
        median, cpu_median = statistics.median(times), statistics.median(cpu_times)
        floor, cpu_floor = floor or median, cpu_floor or cpu_median
        rows.append((label, path, status, queries, median, p95(times), cpu_median, cold))
    header = (
        "| page | status | queries | median ms | p95 ms | × bare | CPU median ms | CPU × bare "
        "| cold median ms | cold p95 ms | meets targets |"
    )
    print(header)
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    misses = 0
    for label, path, status, queries, median, high, cpu_median, cold in rows:
        ratio = median / floor
        ok = status == 200 and ratio < MEDIAN_FACTOR and high < P95_MS
        misses += 0 if ok or label == "bare view" else 1
        verdict = "–" if label == "bare view" else ("yes" if ok else "**no**")
        print(
            f"| {label} (`{path}`) | {status} | {queries} | {median:.2f} | {high:.2f} "
            f"| {ratio:.1f} | {cpu_median:.2f} | {cpu_median / cpu_floor:.1f} "
            f"| {statistics.median(cold):.2f} | {p95(cold):.2f} | {verdict} |"
        )
    print(f"\ntargets: median < {MEDIAN_FACTOR}× bare ({floor:.3f} ms), p95 < {P95_MS:.0f} ms;")
    print(f"{misses} page(s) miss; load average at the end: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
