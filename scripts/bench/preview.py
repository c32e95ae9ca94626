"""How long staff wait in the preview: the server's start, and an edit to one
entry until the preview serves it.

Usage: python -m scripts.bench.preview [--sizes 0 1000 5000] [--edits 3]

For each size (0: the site as published) a copy of the project (with N
synthetic catalogue entries, as scripts/bench/catalogue_scale.py makes them)
is served by `policy-site serve`. Start: from launching the server until it
serves the home page. Edit: from saving a changed summary in one entry's
file until its page, fetched every 50 ms, shows the change (what a person
sees, including the watcher's polling); each edit is saved once the preview
has finished the work of the one before (the pages that list the entry and
the search index), as when a person reads the page between saves. Prints
each edit, the median, and how long the whole rebuild of each edit took.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from scripts.bench.build_time import machine, reference_seconds
from scripts.bench.catalogue_scale import copy_project, synthetic_policies, write_catalogue

TARGET_N = 5000
TARGET_SECONDS = 2.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _page(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def _wait(check, limit: float = 600) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if check():
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"gave up after {limit} s")


def _idle(url: str) -> bool:
    import json

    try:
        with urllib.request.urlopen(url + "__preview__/version?since=-1", timeout=10) as response:
            return not json.loads(response.read())["busy"]
    except OSError:
        return False


def measure(project: Path, edits: int) -> tuple[float, list[float], list[float]]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    start = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "policy_site", "--root", str(project), "serve",
                               "--addr", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(lambda: _page(url)[0] == 200)
        started = time.perf_counter() - start
        entry = sorted((project / "content" / "policies").glob("*.yaml"))[0]
        page = url + f"policies/{entry.stem}/"
        original = entry.read_text(encoding="utf-8")
        times, whole = [], []
        for i in range(edits):
            _wait(lambda: _idle(url))
            time.sleep(1)
            marker = f"预览计时第{i + 1}次修改。"
            saved = time.perf_counter()
            entry.write_text(original.replace("summary: ", f"summary: {marker}", 1), encoding="utf-8")
            times.append(_wait(lambda: marker in _page(page)[1]))
            _wait(lambda: _idle(url))
            whole.append(time.perf_counter() - saved)
        entry.write_text(original, encoding="utf-8")
        return started, times, whole
    finally:
        server.terminate()
        server.wait(10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 1000, 5000])
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"{'N':>6} {'start s':>8} {'edit visible s (each)':>24} {'median s':>9} {'whole rebuild s (each)':>24}")
    medians = {}
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="preview-bench-") as tmp:
            project = copy_project(Path(tmp) / "project")
            if n:
                write_catalogue(project, synthetic_policies(n))
            started, times, whole = measure(project, args.edits)
        medians[n] = statistics.median(times)
        each = " ".join(f"{t:.2f}" for t in times)
        rebuilt = " ".join(f"{t:.2f}" for t in whole)
        print(f"{n or 'site':>6} {started:8.2f} {each:>24} {medians[n]:9.2f} {rebuilt:>24}", flush=True)
    print(f"machine: {machine()}; reference loop {reference_seconds():.2f} s (lower is faster)")
    if TARGET_N in medians:
        m = medians[TARGET_N]
        print(f"target at {TARGET_N} entries, an edit visible within {TARGET_SECONDS:g} s: "
              f"{'holds' if m <= TARGET_SECONDS else 'MISSED'} (median {m:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
