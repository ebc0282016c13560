"""Shared timing helper of the benchmarks (run them from the repository root)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best(fn: Callable[[], object], runs: int = 5) -> float:
    """The fastest of ``runs`` calls, in seconds: the least disturbed by the machine."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)
