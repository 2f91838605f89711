"""Official Norwegian code lists (municipalities, counties, SN2025 industry codes).

The lists are read once per process from the CSV files in ``data/`` and never change at run
time, so caching them in memory is safe with many processes.
"""

import csv
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def municipalities() -> dict[str, str]:
    """Kommunenummer (2024 structure) -> name."""
    return {row["number"]: row["name"] for row in _read("kommuner-2024.csv")}


@cache
def counties() -> dict[str, str]:
    """Fylkesnummer (2024 structure) -> name."""
    return {row["number"]: row["name"] for row in _read("fylker-2024.csv")}


@cache
def industry_codes() -> dict[str, str]:
    """SN2025 code (any level, sections A-V down to 5-digit subclasses) -> name."""
    return {row["code"]: row["name"] for row in _read("sn2025.csv")}


def municipality_name(number: str) -> str:
    return municipalities().get(number, "")


def industry_name(code: str) -> str:
    return industry_codes().get(code, "")


def municipality_choices() -> list[tuple[str, str]]:
    return sorted(
        ((n, f"{name} ({n})") for n, name in municipalities().items()), key=lambda c: c[1]
    )
