"""Gunicorn settings for Kollegium (docs/deploy.md):

    gunicorn -c kollegium/gunicorn.conf.py kollegium.wsgi --bind 127.0.0.1:8001 --workers 3

Command-line options still apply; this file only adds the hook below.
"""


def post_worker_init(worker):
    """Do in each new worker, before it takes a request, what its first request would otherwise
    wait for: import the URLconf (every app's views and the API, about 2 s) and load the search
    index (docs/matching.md). Never raises: gunicorn stops when a worker fails to boot, and
    whatever failed here is simply done, or reported, on the first request instead."""
    import time

    from django.db import connections
    from django.urls import get_resolver

    from kollegium.matching.engine import warm_up

    started = time.perf_counter()
    try:
        get_resolver().resolve("/")  # imports the URLconf
    except Exception:
        worker.log.exception("The URLconf could not be loaded at start")
    took = warm_up()
    # Requests open their own connections (in other threads with gthread workers).
    connections.close_all()
    index = "index not loaded" if took is None else f"search index {took:.1f} s"
    worker.log.info("Warmed up in %.1f s (%s)", time.perf_counter() - started, index)
