"""What the benchmark scripts share: the demo year's settings and a median timer."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

PASSPHRASE = "banc d'essai – phrase de passe ğüş 2025 !"
"""Passphrase of the temporary benchmark bases (synthetic)."""
YEAR = 2025
"""Civil year of the demo data the benchmarks build."""


def median_seconds(job: Callable[[], object], repeat: int) -> float:
    """Median wall-clock seconds of ``repeat`` runs of ``job``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
