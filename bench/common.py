"""Shared pieces of the benchmarks: the cached aggregate database and timing with baselines.

Benchmarks report absolute times and ratios to a bare baseline measured in the same run
(DESIGN §7); machines are shared and noisy, so nothing here is a pass/fail test.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "bench" / ".cache"
sys.path.insert(0, str(ROOT / "src"))


def aggregate_database(members: int = 100_000, communes: int = 100, seed: int = 2024) -> Path:
    """The province-sized aggregate, built once per (size, seed) and reused across runs."""
    from antt_desktop.wiring import open_services

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"aggregate-{communes}x{members}-seed{seed}.sqlite"
    if path.exists():
        return path
    building = path.with_suffix(".building")
    for leftover in CACHE.glob(building.name + "*"):
        leftover.unlink()
    services = open_services(building, actor="bench", clock=lambda: datetime(2026, 11, 22, 9, 0))
    try:
        services.demo.build_aggregate(communes=communes, members=members, seed=seed)
    finally:
        services.close()
    for suffix in ("-wal", "-shm"):
        Path(str(building) + suffix).unlink(missing_ok=True)
    shutil.move(building, path)
    return path


def time_ms(function: Callable[[], object], *, repeat: int = 7, warmup: int = 1) -> float:
    """Median wall time in milliseconds."""
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def result(name: str, value_ms: float, baseline_name: str, baseline_ms: float,
           budget_ms: float | None, **extra) -> dict:
    return {
        "name": name, "ms": round(value_ms, 2), "baseline": baseline_name,
        "baseline_ms": round(baseline_ms, 3),
        "ratio": round(value_ms / baseline_ms, 2) if baseline_ms > 0 else None,
        "budget_ms": budget_ms, "within_budget": None if budget_ms is None else value_ms <= budget_ms,
        **extra,
    }


def emit(benchmark: str, results: list[dict]) -> None:
    print(json.dumps({"benchmark": benchmark, "results": results}, ensure_ascii=False, indent=2))
