"""Load benchmark (not a test): many people sign up for one event at the same moment.

Serves Kollegium with gunicorn on loopback, creates a published event with PLACES places,
then fires PEOPLE sign-ups through ``POST /api/v1/events/{ref}/registrations`` from as many
client threads, released together. Prints the confirmed count (from the answers and from the
database: both must equal the capacity), p50/p95 latency and sign-ups per second.

    .venv/bin/python bench/signup_load.py                      # SQLite in a fresh temp dir
    .venv/bin/python bench/signup_load.py --database-url postgres://postgres@127.0.0.1:5432/kollegium_bench

PostgreSQL: the database must exist (``createdb kollegium_bench``); it is migrated, and each
run makes a new event. The rate limit is off (``KOLLEGIUM_SIGNUP_RATE_LIMIT=0``); e-mails go
to the task queue in the database, as in production (no worker runs, none are sent).
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent

SETUP = """
import datetime, sys
import django
django.setup()
from django.utils import timezone
from kollegium.network.models import Garden
from kollegium.programme.models import Event, EventHost
garden, _ = Garden.objects.get_or_create(slug="bench", defaults={"name": "Benkhagen"})
starts = timezone.now() + datetime.timedelta(days=14)
event = Event.objects.create(
    ref=sys.argv[1], title="Benchmark", format="breakfast", starts_at=starts,
    ends_at=starts + datetime.timedelta(hours=2), venue="Loopback", capacity=int(sys.argv[2]),
    status="published",
)
EventHost.objects.create(event=event, garden=garden)
"""

COUNT = """
import sys
import django
django.setup()
from kollegium.programme.models import Registration
rows = Registration.objects.filter(event__ref=sys.argv[1])
print(rows.filter(status="confirmed").count(), rows.filter(status="waitlisted").count())
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(args, data_dir: Path) -> dict:
    url = args.database_url or f"sqlite:///{data_dir / 'bench.sqlite3'}"
    return {
        **os.environ,
        "DATABASE_URL": url,
        "KOLLEGIUM_DATA_DIR": str(data_dir),
        "SECRET_KEY": "benchmark-only-" + uuid.uuid4().hex,
        "DEBUG": "false",
        "KOLLEGIUM_TESTING": "",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "KOLLEGIUM_SIGNUP_RATE_LIMIT": "0",
        "LOG_LEVEL": "WARNING",
        # As in production (docs/deploy.md): a worker keeps its database connection.
        "DATABASE_CONN_MAX_AGE": "60",
        "DJANGO_SETTINGS_MODULE": "kollegium.settings",
    }


def run_python(env, code: str, *argv) -> str:
    done = subprocess.run(  # noqa: S603 - our own code, our own interpreter
        [sys.executable, "-c", code, *argv],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def wait_until_up(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz")


def sign_up(port, ref, n, barrier, results):
    body = json.dumps({"name": f"Deltaker {n}", "email": f"p{n}@bench.example", "consent": True})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    barrier.wait()
    started = time.perf_counter()
    try:
        conn.request(
            "POST",
            f"/api/v1/events/{ref}/registrations",
            body=body,
            headers={"Content-Type": "application/json"},
        )
        response = conn.getresponse()
        payload = json.loads(response.read() or b"{}")
        results.append((response.status, payload.get("status"), time.perf_counter() - started))
    except OSError as exc:
        results.append((0, repr(exc), time.perf_counter() - started))
    finally:
        conn.close()


def fire(port: int, ref: str, people: int) -> tuple[list, float]:
    barrier = threading.Barrier(people + 1)
    results: list = []
    threads = [
        threading.Thread(target=sign_up, args=(port, ref, n, barrier, results))
        for n in range(people)
    ]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def report(args, results, wall, confirmed_db, waitlisted_db) -> None:
    latencies = sorted(r[2] for r in results)
    statuses = {}
    for code, status, _latency in results:
        key = f"{code} {status}" if code else f"error {status}"
        statuses[key] = statuses.get(key, 0) + 1
    database = "PostgreSQL" if (args.database_url or "").startswith("postgres") else "SQLite"
    print(f"database:          {database}")
    print(f"gunicorn workers:  {args.workers} (sync)")
    print(f"sign-ups:          {args.people} at once for {args.places} places")
    print(f"answers:           {statuses}")
    print(f"confirmed:         {confirmed_db} in the database ({waitlisted_db} waitlisted)")
    print(f"latency p50:       {percentile(latencies, 50) * 1000:.0f} ms")
    print(f"latency p95:       {percentile(latencies, 95) * 1000:.0f} ms")
    print(f"latency max:       {latencies[-1] * 1000:.0f} ms")
    print(f"wall time:         {wall:.2f} s")
    print(f"sign-ups/s:        {len(results) / wall:.1f}")
    ok = confirmed_db == args.places and all(code == 201 for code, _s, _l in results)
    print("result:            " + ("OK" if ok else "FAILED"))
    if not ok:
        raise SystemExit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="", help="default: SQLite in a temp dir")
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--places", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kollegium-bench-") as tmp:
        env = environment(args, Path(tmp))
        subprocess.run(  # noqa: S603 - our own command
            [VENV_BIN / "kollegium", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
        )
        ref = f"bench-{uuid.uuid4().hex[:12]}"
        run_python(env, SETUP, ref, str(args.places))
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 - our own server, our own arguments
            [
                VENV_BIN / "gunicorn",
                "kollegium.wsgi:application",
                f"--workers={args.workers}",
                f"--bind=127.0.0.1:{port}",
                "--backlog=2048",
                "--timeout=120",
                "--log-level=warning",
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            wait_until_up(port)
            results, wall = fire(port, ref, args.people)
        finally:
            server.terminate()
            server.wait(timeout=30)
        confirmed, waitlisted = (int(n) for n in run_python(env, COUNT, ref).split())
        report(args, results, wall, confirmed, waitlisted)


if __name__ == "__main__":
    main()
