"""Fifty people press "Sign me up" for ten places at the same moment.

Exactly ten get a place, the other forty are on the waitlist in the order they got through,
and nobody sees an error. On PostgreSQL the sign-ups run in fifty threads, each with its own
connection, against the test database (the event row lock queues them). SQLite's test
database lives in memory and cannot be shared between processes, so there the test makes a
database file in tmp_path and signs up from ten OS processes of five threads each (the
IMMEDIATE transactions queue them on the file's write lock, with the 20 s busy timeout).
"""

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections

from kollegium.core.models import AuditEntry
from kollegium.programme.models import Registration
from kollegium.programme.services.registrations import registration_cancel, registration_create
from kollegium.programme.services.waitlist import waitlist_positions
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory

PEOPLE = 50
PLACES = 10
ROOT = Path(settings.BASE_DIR).parent
WORKER = "kollegium.programme.tests.signup_concurrency_worker"

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="threads on PostgreSQL; SQLite: processes below"
)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="processes on SQLite; PostgreSQL: threads above"
)


def _at_once(jobs) -> tuple[list, list[BaseException]]:
    """Run the jobs in threads released together, each thread with its own connection."""
    barrier = threading.Barrier(len(jobs))
    results, errors = [], []

    def run(job):
        try:
            barrier.wait()
            results.append(job())
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    _wait_for_closed_sessions()
    return results, errors


def _wait_for_closed_sessions(timeout: float = 5) -> None:
    """PostgreSQL ends a closed session's backend a moment later; wait for that, so the test
    database can be dropped at the end of the run without "being accessed by other users"."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)


def _sign_up(event, n):
    return lambda: registration_create(
        event=event, name=f"Deltaker {n}", email=f"p{n}@bedrift.example", consent=True
    )[0]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_fifty_at_once_get_exactly_ten_places_on_postgresql(garden_b):
    event = EventFactory(hosts=[garden_b], capacity=PLACES)

    results, errors = _at_once([_sign_up(event, n) for n in range(PEOPLE)])

    assert errors == []
    assert Counter(r.status for r in results) == {"confirmed": PLACES, "waitlisted": 40}
    rows = list(Registration.objects.filter(event=event).order_by("pk"))
    # Arrival order is the order of getting the lock, which is also the order of the ids:
    # the first ten through have the places, the rest queue behind them in that order.
    assert [r.status for r in rows] == ["confirmed"] * PLACES + ["waitlisted"] * 40
    in_line = rows[PLACES:]
    assert [r.queued_at for r in in_line] == sorted(r.queued_at for r in in_line)
    positions = waitlist_positions(event)
    assert [positions[r.pk] for r in in_line] == list(range(1, 41))
    assert AuditEntry.objects.filter(action="registration.created").count() == PEOPLE


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_cancellations_and_sign_ups_at_once_never_overbook_on_postgresql(garden_b):
    event = EventFactory(hosts=[garden_b], capacity=PLACES)
    holders = RegistrationFactory.create_batch(PLACES, event=event)
    line = [
        RegistrationFactory(event=event, status="waitlisted", email=f"line{n}@x.example")
        for n in range(15)
    ]
    jobs = [
        *((lambda r=r: registration_cancel(registration=r)) for r in holders[:5]),
        *(_sign_up(event, n) for n in range(20)),
    ]

    _results, errors = _at_once(jobs)

    assert errors == []
    confirmed = Registration.objects.filter(event=event, status="confirmed")
    assert confirmed.count() == PLACES
    # The five freed places went to the first five in line, not to newcomers.
    promoted = set(confirmed.exclude(pk__in=[h.pk for h in holders]).values_list("pk", flat=True))
    assert promoted == {r.pk for r in line[:5]}


def _run_worker(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own module, run with our own interpreter
        [sys.executable, "-m", WORKER, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


@sqlite_only
def test_fifty_at_once_from_several_processes_get_exactly_ten_places_on_sqlite(tmp_path):
    database = tmp_path / "signup.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "KOLLEGIUM_TESTING": "1",
        "KOLLEGIUM_DATA_DIR": str(tmp_path),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    event_pk = _run_worker(env, "setup").stdout.split()[-1]
    go = tmp_path / "go"
    processes, per_process = 10, PEOPLE // 10
    workers = [
        subprocess.Popen(  # noqa: S603 - our own module, run with our own interpreter
            [
                sys.executable,
                "-m",
                WORKER,
                "signup",
                event_pk,
                str(go),
                str(first),
                str(per_process),
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for first in range(0, PEOPLE, per_process)
    ]
    # Every process is up (Django loaded, event read) before any of them signs up.
    assert [w.stdout.readline().strip() for w in workers] == ["ready"] * processes
    go.touch()
    outputs = [w.communicate(timeout=300) for w in workers]

    assert [w.returncode for w in workers] == [0] * processes, [err for _out, err in outputs]
    results = [json.loads(line) for out, _err in outputs for line in out.splitlines()]
    assert len(results) == PEOPLE
    assert [r["error"] for r in results if r["error"]] == []
    assert Counter(r["status"] for r in results) == {"confirmed": PLACES, "waitlisted": 40}
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT status, queued_at FROM programme_registration WHERE event_id = ? ORDER BY id",
            (int(event_pk),),
        ).fetchall()
    assert [status for status, _at in rows] == ["confirmed"] * PLACES + ["waitlisted"] * 40
    queued = [at for _status, at in rows[PLACES:]]
    assert queued == sorted(queued)
