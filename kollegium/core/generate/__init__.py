"""A deterministic, realistic Norwegian network for demos and benchmarks (``kollegium generate``).

Same seed, same data: every value comes from one ``random.Random(seed)`` and a fixed base date,
never from ``now()``. Rows go in with ``bulk_create`` in batches (no per-row ``save()``, so no
signals, no password hashing).
"""

from kollegium.core.generate.base import PRESETS, Config, Context, generate

__all__ = ["PRESETS", "Config", "Context", "generate"]
