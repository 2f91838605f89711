"""The public figures ("nettverket i tall"), shared by the public page and the public API.

Both are open without signing in and a report costs about a second of database work on
national data, so the public subset is kept in Django's cache per year and language for
``PUBLIC_CACHE_SECONDS``: repeated requests cannot be used to load the server, and the figures
are at most that old.
"""

from django.core.cache import cache
from django.utils.translation import get_language

from kollegium.indicators import scopes
from kollegium.indicators.report import Period, Report, build_report

PUBLIC_CACHE_SECONDS = 10 * 60


def public_report(year: int) -> Report:
    """The network's report for ``year`` with only its public tables (cached)."""
    key = f"indicators:public:{year}:{get_language()}"
    report = cache.get(key)
    if report is None:
        report = build_report(scopes.public_scope(), Period.year(year))
        for group in report.groups:
            group.tables = [table for table in group.tables if table.public]
        report.groups = [group for group in report.groups if group.tables]
        cache.set(key, report, PUBLIC_CACHE_SECONDS)
    return report
