"""One OS process of the SQLite concurrency test (test_signup_concurrency.py).

    python -m kollegium.programme.tests.signup_concurrency_worker setup
    python -m kollegium.programme.tests.signup_concurrency_worker signup EVENT GO FIRST COUNT

The database is the file named by DATABASE_URL. ``setup`` migrates it and prints the id of a
published event with 10 places. ``signup`` prints "ready", waits for the file GO to appear,
then signs up COUNT people (numbered from FIRST) at once from as many threads, each with its
own connection, and prints one JSON object per person: {"n", "status", "error"}.
"""

import json
import os
import sys
import threading
import time
from pathlib import Path

GO_TIMEOUT = 120


def setup() -> None:
    from django.core.management import call_command

    from kollegium.network.tests.factories import GardenFactory
    from kollegium.programme.tests.factories import EventFactory

    call_command("migrate", verbosity=0)
    event = EventFactory(hosts=[GardenFactory(slug="roros")], capacity=10)
    print(event.pk, flush=True)


def _sign_up(event, n: int, barrier, results: list) -> None:
    from django.db import connections

    from kollegium.programme.services.registrations import registration_create

    try:
        barrier.wait()
        registration, _created = registration_create(
            event=event, name=f"Deltaker {n}", email=f"p{n}@bedrift.example", consent=True
        )
        results.append({"n": n, "status": registration.status, "error": None})
    except BaseException as exc:  # noqa: BLE001 - reported to the test
        results.append({"n": n, "status": None, "error": repr(exc)})
    finally:
        connections.close_all()


def signup(event_pk: int, go: Path, first: int, count: int) -> None:
    from django.db import connections

    from kollegium.programme.models import Event

    event = Event.objects.get(pk=event_pk)
    connections.close_all()
    print("ready", flush=True)
    deadline = time.monotonic() + GO_TIMEOUT
    while not go.exists():
        if time.monotonic() > deadline:
            raise SystemExit("no go signal")
        time.sleep(0.002)
    barrier = threading.Barrier(count)
    results: list = []
    threads = [
        threading.Thread(target=_sign_up, args=(event, n, barrier, results))
        for n in range(first, first + count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for result in results:
        print(json.dumps(result), flush=True)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kollegium.settings")
    import django

    django.setup()
    command, args = sys.argv[1], sys.argv[2:]
    if command == "setup":
        setup()
    else:
        signup(int(args[0]), Path(args[1]), int(args[2]), int(args[3]))


if __name__ == "__main__":
    main()
