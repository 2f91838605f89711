"""Loopback benchmark (not a test): gunicorn serving generated data, under a bounded load.

Copies a generated database (``kollegium generate``) to a temp folder, serves it with gunicorn
(2 sync workers by default) on 127.0.0.1 and sends a fixed number of requests per target from a
thread pool: the public programme page, an event page, the people directory (signed in), a
sign-up POST, and a bare view (``HttpResponse("ok")`` through the same middleware). Prints
p50/p95 latency and requests per second for each.

    .venv/bin/python bench/loopback.py /tmp/gen --requests 200 --concurrency 4
    .venv/bin/python bench/loopback.py /tmp/gen --database-url postgres://postgres@127.0.0.1:5432/kollegium_gen_bench

With ``--database-url`` the server uses that (generated) database instead of the SQLite copy;
the data folder then only gives the collected static files (run ``bench/pages.py`` on it once).
The sign-up rate limit is off (``KOLLEGIUM_SIGNUP_RATE_LIMIT=0``); sign-ups go to the copy, or
into the PostgreSQL database given.
"""

import argparse
import concurrent.futures
import http.client
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from signup_load import (  # noqa: E402 - the bench folder is not a package
    ROOT,
    VENV_BIN,
    free_port,
    percentile,
    run_python,
    wait_until_up,
)

SETUP = """
import django
django.setup()
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from kollegium.network.models import Person
from kollegium.programme.models import Event
person = Person.objects.filter(role="leader").select_related("user").order_by("pk").first()
session = SessionStore()
session[SESSION_KEY] = str(person.user.pk)
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
session[HASH_SESSION_KEY] = person.user.get_session_auth_hash()
session.create()
event = (
    Event.objects.filter(status="published", starts_at__gte=timezone.now())
    .order_by("starts_at").first()
)
print(session.session_key, event.ref)
"""


def make_app():
    """The WSGI application with the bare view added (gunicorn calls this in each worker)."""
    from django.core.wsgi import get_wsgi_application
    from pages import install_bare_urlconf

    application = get_wsgi_application()
    install_bare_urlconf()
    return application


def environment(data_dir: Path, database_url: str) -> dict:
    import os

    return {
        **os.environ,
        "DATABASE_URL": database_url or f"sqlite:///{data_dir / 'kollegium.sqlite3'}",
        "KOLLEGIUM_DATA_DIR": str(data_dir),
        "SECRET_KEY": "benchmark-only-not-a-secret",
        "DEBUG": "false",
        "KOLLEGIUM_TESTING": "",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "KOLLEGIUM_SIGNUP_RATE_LIMIT": "0",
        "LOG_LEVEL": "WARNING",
        "DATABASE_CONN_MAX_AGE": "60",
        "DJANGO_SETTINGS_MODULE": "kollegium.settings",
    }


def request(port: int, method: str, path: str, headers: dict, body: bytes | None) -> tuple:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.perf_counter()
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    except OSError:
        return 0, time.perf_counter() - started
    finally:
        conn.close()


def run_target(port, target, count: int, concurrency: int) -> tuple[list, float]:
    label, method, path, headers, body_for = target
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        started = time.perf_counter()
        futures = [
            pool.submit(request, port, method, path, headers, body_for(n) if body_for else None)
            for n in range(count)
        ]
        results = [f.result() for f in futures]
    return results, time.perf_counter() - started


def targets(session_key: str, ref: str) -> list[tuple]:
    def signup_body(n: int) -> bytes:
        email = f"loopback{time.monotonic_ns()}-{n}@bench.example"
        return json.dumps({"name": f"Deltaker {n}", "email": email, "consent": True}).encode()

    cookie = {"Cookie": f"sessionid={session_key}"}
    return [
        ("bare view", "GET", "/bench-bare/", {}, None),
        ("public programme", "GET", "/programme/", {}, None),
        ("event page", "GET", f"/programme/events/{ref}/", {}, None),
        ("people directory", "GET", "/people/", cookie, None),
        (
            "sign-up POST",
            "POST",
            f"/api/v1/events/{ref}/registrations",
            {"Content-Type": "application/json"},
            signup_body,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", help="folder of a generated kollegium.sqlite3")
    parser.add_argument("--requests", type=int, default=200, help="per target")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--database-url", default="", help="a generated database (PostgreSQL)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kollegium-loopback-") as tmp:
        data_dir = Path(tmp)
        if not args.database_url:
            shutil.copy(Path(args.data_dir) / "kollegium.sqlite3", data_dir / "kollegium.sqlite3")
        shutil.copytree(Path(args.data_dir) / "static", data_dir / "static")
        env = environment(data_dir, args.database_url)
        session_key, ref = run_python(env, SETUP).split()
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 - our own server, our own arguments
            [
                VENV_BIN / "gunicorn",
                "loopback:make_app()",
                f"--pythonpath={ROOT / 'bench'},{ROOT}",
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
            report(args, port, targets(session_key, ref))
        finally:
            server.terminate()
            server.wait(timeout=30)


def report(args, port: int, chosen: list[tuple]) -> None:
    database = "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite"
    print(f"gunicorn {args.workers} workers, {args.concurrency} client threads, {database}")
    print(f"{args.requests} requests per target; load average {load_average()}\n")
    print("| target | statuses | p50 ms | p95 ms | req/s |")
    print("| --- | --- | ---: | ---: | ---: |")
    for target in chosen:
        run_target(port, target, min(10, args.requests), args.concurrency)  # warm up
        results, wall = run_target(port, target, args.requests, args.concurrency)
        latencies = [latency for _status, latency in results]
        statuses: dict[int, int] = {}
        for status, _latency in results:
            statuses[status] = statuses.get(status, 0) + 1
        print(
            f"| {target[0]} | {statuses} | {percentile(latencies, 50) * 1000:.1f} "
            f"| {percentile(latencies, 95) * 1000:.1f} | {len(results) / wall:.1f} |"
        )
    print(f"\nload average at the end: {load_average()}")


def load_average() -> str:
    import os

    return ", ".join(f"{load:.1f}" for load in os.getloadavg())


if __name__ == "__main__":
    main()
