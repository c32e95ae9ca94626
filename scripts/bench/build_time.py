"""Time a full validated build (`python -m policy_site build`) and print the figures.

Usage: python -m scripts.bench.build_time [--runs 5]
Prints each run's wall time, the median, and the machine it ran on, in the
form the README quotes.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def reference_seconds() -> float:
    """Seconds a fixed pure-Python loop takes here (best of 3).

    This machine is a shared virtual machine whose speed varies over a day
    (the same loop has taken 1.9 s and 2.2 s an hour apart). Printed beside
    the figures, it says how fast the machine was when they were taken, so
    runs can be compared: divide a time by it.
    """
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "policy_site", "--root", str(ROOT), "build", "--site-dir", f"{tmp}/site"],
                check=True, capture_output=True,
            )
            times.append(time.perf_counter() - start)
            print(f"run {i + 1}: {times[-1]:.2f} s")
        pages = sum(1 for _ in Path(tmp, "site").rglob("*.html"))
        size = sum(p.stat().st_size for p in Path(tmp, "site").rglob("*") if p.is_file())
    print(f"make build (python -m policy_site build): median {statistics.median(times):.2f} s "
          f"over {args.runs} runs (min {min(times):.2f} s, max {max(times):.2f} s); "
          f"{pages} HTML pages, {size / 1e6:.1f} MB")
    print(f"machine: {machine()}; reference loop {reference_seconds():.2f} s (lower is faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
