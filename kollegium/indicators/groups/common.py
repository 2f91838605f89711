"""Helpers shared by the group functions: rows with the previous period beside, shares."""

from collections.abc import Iterable

from kollegium.indicators.report import Column, Row


def share(part: int | float | None, whole: int | float | None) -> float | None:
    """``part`` of ``whole`` in per cent, one decimal; None when the whole is zero."""
    if not whole or part is None:
        return None
    return round(100 * part / whole, 1)


def average(value) -> float | None:
    return None if value is None else round(float(value), 2)


def figure_rows(figures: list[tuple[str, object, object]]) -> list[Row]:
    """Rows ``[label, value]`` with the previous value beside, from (label, now, before)."""
    return [Row([label, now], [None, before]) for label, now, before in figures]


def keyed_rows(
    current: dict,
    previous: dict,
    labels: dict,
    width: int,
    order: Iterable | None = None,
    missing=0,
) -> list[Row]:
    """One row per key of either period: ``[label, *values]``, missing values as zeros.

    ``current`` and ``previous`` map a key to a list of ``width`` values; ``order`` fixes the
    keys' order (default: by label), keys in neither period are left out unless in ``order``.
    A key missing in one period gets ``missing`` (0 for counts, None for averages).
    """
    keys = (
        list(order)
        if order is not None
        else sorted(set(current) | set(previous), key=lambda key: str(labels.get(key, key)))
    )
    empty = [missing] * width
    return [
        Row(
            [str(labels.get(key, key)), *current.get(key, empty)],
            [None, *previous.get(key, empty)],
        )
        for key in keys
    ]


def label_column(label: str) -> Column:
    return Column("label", label, "text", compare=False)
