"""Rendered fragments kept until a table they read changes, and not a moment longer.

Every write through Django's connections (``save()``, ``update()``, ``bulk_create()``,
deletes and raw SQL alike) bumps its table's row in ``core_tableversion`` once the transaction
commits (one statement per transaction). ``fragment()`` caches a piece of rendered HTML under
its own key plus the current versions of the tables it declares, so it is served until one of
those tables changes. Under DEBUG and in tests every render checks that the tables it really
reads are among those declared, so a forgotten dependency fails tests (and is logged under
DEBUG) instead of going stale.

Bumps run after commit, so no transaction holds a lock on a version row while it works. Between
a commit and its bump a reader may cache new data under the old version; that is harmless (the
next bump replaces it). A fragment that depends on the clock passes ``vary=(minute(),)``.
"""

import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection, connections, models, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

log = logging.getLogger(__name__)

TABLE = "core_tableversion"
CACHE_ALIAS = "fragments"
TTL = 3600  # a safety net only: versions decide freshness
WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)"?',
    re.IGNORECASE,
)
READ = re.compile(r'\b(?:FROM|JOIN)\s+"(\w+)"', re.IGNORECASE)


_MISSING = object()


class UndeclaredRead(AssertionError):
    """A fragment read a table it does not declare: it could be served stale."""


class _Bump:
    """The post-commit callback of one transaction: the tables it wrote, bumped together."""

    def __init__(self, alias: str, tables: Iterable[str] = ()):
        self.alias = alias
        self.tables: set[str] = set(tables)
        self.done = False

    def __call__(self) -> None:
        self.done = True
        if not self.tables:
            return
        rows = ", ".join(["(%s, 1)"] * len(self.tables))
        # Placeholders and constants only: nothing from outside goes into the text.
        sql = (
            f"INSERT INTO {TABLE} (name, version) VALUES {rows} "  # noqa: S608
            f"ON CONFLICT (name) DO UPDATE SET version = {TABLE}.version + 1"
        )
        try:
            with connections[self.alias].cursor() as cursor:
                cursor.execute(sql, sorted(self.tables))
        except DatabaseError:  # e.g. during the first migrate, before the table exists
            log.debug("table versions not bumped: %s", sorted(self.tables), exc_info=True)


def _pending_bump(db) -> _Bump | None:
    """This transaction's bump, registered with on_commit once (Django drops it on rollback)."""
    for _savepoints, callback, _robust in db.run_on_commit:
        # A done one is left in the list only by tests capturing callbacks.
        if isinstance(callback, _Bump) and not callback.done:
            return callback
    return None


def touch(names: Iterable[str]) -> None:
    """Bump these tables now (``kollegium touch_tables``: after writes outside Django)."""
    _Bump(connection.alias, names)()


def _bump_pending_in_tests() -> None:
    """Tests run in a transaction that never commits, so their writes would never bump: do
    now what the commit would do. Never in production, where only a commit may bump."""
    bump = _pending_bump(connection)
    if bump is not None:
        bump()


def track_writes(execute, sql, params, many, context):
    """Execute wrapper installed on every connection (core.apps): note the table written."""
    result = execute(sql, params, many, context)
    match = WRITE.match(sql) if isinstance(sql, str) else None
    if match and match[1] != TABLE:
        db = context["connection"]
        pending = _pending_bump(db)
        if pending is not None:
            pending.tables.add(match[1])
            return result
        # In autocommit on_commit runs the bump at once: it must hold the table already.
        bump = _Bump(db.alias, [match[1]])
        try:
            transaction.on_commit(bump, using=db.alias, robust=True)
        except transaction.TransactionManagementError:  # manual transaction management
            bump()
    return result


def install(sender, connection, **kwargs) -> None:
    """connection_created receiver."""
    if track_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(track_writes)


def table_names(tables: Iterable) -> list[str]:
    """Table names from models, many-to-many managers' through models or names."""
    names = set()
    for table in tables:
        if isinstance(table, str):
            names.add(table)
        elif isinstance(table, type) and issubclass(table, models.Model):
            names.add(table._meta.db_table)
        else:
            raise TypeError(f"not a model or table name: {table!r}")
    return sorted(names)


def versions(names: list[str]) -> list[int]:
    """The current version of each table (0 for one never written), one query."""
    from kollegium.core.models import TableVersion

    if settings.TESTING:
        _bump_pending_in_tests()

    found = dict(TableVersion.objects.filter(name__in=names).values_list("name", "version"))
    return [found.get(name, 0) for name in names]


def minute() -> str:
    """For ``vary``: a fragment that shows what is upcoming, open or 'today' changes with the
    clock too; it is then kept for at most the current minute."""
    return timezone.now().strftime("%Y%m%d%H%M")


def _undeclared(tables: set[str], what: str) -> None:
    """Tests fail on an undeclared read; with DEBUG (a developer clicking around) it is logged
    loudly and the page still shows."""
    if not tables:
        return
    message = f"{what} reads {sorted(tables)} it does not declare"
    if settings.TESTING:
        raise UndeclaredRead(message)
    log.error(message)


@contextmanager
def _recording_reads(read: set[str], when: Callable[[], bool] = lambda: True):
    """Add to ``read`` the tables each query of the block reads (while ``when()``)."""

    def record(execute, sql, params, many, context):
        if isinstance(sql, str) and when():
            read.update(READ.findall(sql))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield


@contextmanager
def reads_checked(declared: list[str], key: str):
    """Fail when the block reads a table outside ``declared`` (DEBUG and tests only)."""
    read: set[str] = set()
    with _recording_reads(read):
        yield
    _undeclared(read - set(declared) - {TABLE}, f"fragment {key!r}")


def _computed(names: list[str], key: str, compute: Callable[[], object]):
    """``compute()``, its reads checked under DEBUG and in tests."""
    if not (settings.DEBUG or settings.TESTING):
        return compute()
    with reads_checked(names, key):
        return compute()


def value(key: str, tables: Iterable, compute: Callable[[], object], vary=()):
    """``compute()`` (anything picklable), reused while the declared ``tables`` are unchanged.

    ``key`` names it; ``vary`` holds everything else it depends on: the viewer (their id, or
    what decides what they may see), the query string, ``minute()``. The active language is
    added here (translated labels are part of what is kept).
    """
    names = table_names(tables)
    if not settings.KOLLEGIUM_FRAGMENT_CACHE:
        return _computed(names, key, compute)
    cache_key = _key((key, tuple(vary), translation.get_language(), names, versions(names)))
    cache = caches[CACHE_ALIAS]
    found = cache.get(cache_key, _MISSING)
    if found is _MISSING:
        found = _computed(names, key, compute)
        cache.set(cache_key, found, TTL)
    return found


def fragment(key: str, tables: Iterable, render: Callable[[], str], vary=()) -> SafeString:
    """HTML from ``render()``, reused as ``value()`` does."""
    return mark_safe(str(value(key, tables, render, vary)))  # noqa: S308 - render() escapes


def app_tables(*labels: str) -> list[str]:
    """Every table of these apps (with their many-to-many tables): for what reads widely."""
    return sorted(
        model._meta.db_table
        for label in labels
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    )


def template_fragment(
    key: str, tables: Iterable, template: str, context: Callable[[], dict], request, vary=()
) -> SafeString:
    """``template`` rendered with ``context()``, reused as ``fragment()`` does.

    Rendered without context processors: what the fragment shows comes from ``context()``
    and the declared tables, not from the viewer. ``request`` is there for its query string
    (filters, pagination links), which is part of the key.
    """

    def render() -> str:
        return render_to_string(template, {**context(), "request": request})

    return fragment(key, tables, render, vary=(request.GET.urlencode(), *vary))


def _token_stand_in() -> str:
    """What kept forms hold instead of a CSRF token: derived from SECRET_KEY, so no text a user
    types can contain it, and the same in every process."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:csrf-stand-in".encode()).hexdigest()


def form_fragment(
    key: str, tables: Iterable, template: str, context: Callable[[], dict], request, vary=()
) -> SafeString:
    """A POST form, kept like ``template_fragment`` but rendered with a stand-in for the CSRF
    token, which each response replaces with this browser's own token."""
    stand_in = _token_stand_in()

    def render() -> str:
        return render_to_string(template, {**context(), "csrf_token": stand_in})

    html = fragment(key, tables, render, vary=tuple(vary))
    return mark_safe(html.replace(stand_in, get_token(request)))  # noqa: S308 - a token


def api_cached(key: str, tables: Iterable, guard: Callable, vary: Callable = lambda request: ()):
    """For a GET operation of the API, inside its route decorator (so after authentication):
    answer from the cache while the declared tables are unchanged. ``guard(request)`` (the
    operation's access check) runs first, hit or miss. The answer is cached per viewer
    (``request.auth``) and query string, plus ``vary(request)``; the API's URL wrapper
    (``store_api_response``) stores what the operation produced on a miss."""
    names = table_names(tables)

    def decorate(operation):
        @wraps(operation)
        def cached(request, *args, **kwargs):
            guard(request)
            # From here on, what the operation and ninja's serialisation read is checked
            # against ``names`` (``api_reads_checked``, around the whole API view).
            request.fresh_declared = (key, names)
            if not settings.KOLLEGIUM_FRAGMENT_CACHE:
                return operation(request, *args, **kwargs)
            viewer = getattr(getattr(request, "auth", None), "pk", None)
            parts = (key, viewer, request.GET.urlencode(), tuple(vary(request)), names)
            cache_key = _key((*parts, translation.get_language(), versions(names)))
            content = caches[CACHE_ALIAS].get(cache_key)
            if content is not None:
                return HttpResponse(content, content_type="application/json; charset=utf-8")
            request.fresh_cache_key = cache_key
            return operation(request, *args, **kwargs)

        return cached

    return decorate


@contextmanager
def api_reads_checked(request):
    """Around an API view (DEBUG and tests): once ``api_cached`` has let the operation run,
    fail when it, or the serialisation of its answer, reads a table it does not declare."""
    if not (settings.DEBUG or settings.TESTING):
        yield
        return
    read: set[str] = set()
    with _recording_reads(read, when=lambda: hasattr(request, "fresh_declared")):
        yield
    if hasattr(request, "fresh_declared"):
        key, declared = request.fresh_declared
        _undeclared(read - set(declared) - {TABLE}, f"API {key!r}")


def store_api_response(request, response) -> None:
    """Keep an operation's successful answer for ``api_cached`` (called by the API's URLs)."""
    cache_key = getattr(request, "fresh_cache_key", None)
    if cache_key and response.status_code == 200 and not response.streaming:
        caches[CACHE_ALIAS].set(cache_key, response.content, TTL)


def _key(parts) -> str:
    return "fragment:" + hashlib.sha256(repr(parts).encode()).hexdigest()
