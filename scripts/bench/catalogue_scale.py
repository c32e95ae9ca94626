"""Time a full build with a catalogue of N synthetic entries, for several N,
against the bare render of the same pages.

Usage: python -m scripts.bench.catalogue_scale [--sizes 100 1000 5000]
       python -m scripts.bench.catalogue_scale --sizes 5000 --baseline a73914e --repeat 3
       python -m scripts.bench.catalogue_scale --sizes 1000 5000 --engines mkdocs zensical --repeat 3

For each N: copy the project into a temp dir, replace content/policies/*.yaml
by N generated entries (built from the plan's own sentences, so they
validate), run the real build (`python -m policy_site --root <copy> build`) and
print wall time and its stages (load, generate, engine, link check), the
same build with MkDocs in one process (what its shards buy: policy_site/engines/mkdocs), the
bare render of the same pages (scripts/bench/bare_render.py) and the ratio
of the two, peak memory, site size and HTML page count (each build starts
after flushing writes to disk and a pause, --settle); then the growth of
time against the growth of N, and whether the targets hold (5,000 entries in
under 20 s and within 1.5x the bare render, growing linearly).

``--baseline COMMIT``: instead, the same build by the code of an earlier
commit (its policy_site/, mkdocs.yml, overrides/, docs/ and schema/, taken
with ``git archive``) on the same synthetic content, interleaved with this
one's ``--repeat`` times: what the work added since costs. Measured with
the commit before the open data (a73914e): the open data's share of a build
(issue 17's target: at most 20 % at 5,000 entries).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from scripts.bench.build_time import machine, reference_seconds
from policy_site.content import load_content
from policy_site.engines import ENGINES
from policy_site.schema.model import AUDIENCE, INDUSTRY, SUPPORT_TYPE

ROOT = Path(__file__).resolve().parents[2]
# Everything a build needs (as tests/conftest.py copies it; kept separate on
# purpose so the benchmark does not depend on the test suite).
PROJECT_FILES = ["mkdocs.yml", "content", "docs", "overrides", "schema"]
TARGET_N = 5000
TARGET_SECONDS = 20.0
TARGET_RATIO = 1.5  # the build against the bare render of the same pages (scripts/bench/bare_render.py)
LAST_VERIFIED = dt.date(2026, 11, 25)

# Runs the build as its own child and reports on it. A fresh interpreter per
# build, because RUSAGE_CHILDREN.ru_maxrss is the maximum over *every* child
# a process has ever waited for: measured in the benchmark process itself, a
# small build after a big one would report the big one's peak. In the wrapper
# the only child is this build; Linux folds a waited-for child's own waited
# children into it, so the figure covers `python -m policy_site build` and the
# `python -m mkdocs build` it runs. It is the peak RSS of the largest single
# process in that tree (the MkDocs one), not the sum of processes alive at
# the same time. Wall time is taken in the wrapper too, so interpreter
# start-up of the wrapper itself is not counted. CPU time (user + system,
# summed over the same processes) is printed beside it: on a shared machine
# wall time rises with other load, CPU time much less, and the load average
# at the start of each build says how busy the machine was.
_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "seconds": seconds,
    "cpu_seconds": usage.ru_utime + usage.ru_stime,
    "maxrss_kb": usage.ru_maxrss,
    "returncode": result.returncode,
    "output": result.stdout + result.stderr,
}))
"""


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "site"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def _sentences(content) -> list[str]:
    """The sentences of content/plan.yaml's clause texts, cut on 。."""
    plan = next(d for d in content.documents.values() if d.where()[0].endswith("plan.yaml"))
    found = []
    for ref in content.clauses(plan):
        for part in (ref.clause.text or "").split("。"):
            part = re.sub(r"\s*\n\s*", "", part).strip()
            if len(part) >= 4:
                found.append(part + "。")
    return found


def synthetic_policies(n: int) -> list[dict]:
    """N catalogue entries that validate against the real content."""
    content = load_content(ROOT / "content")
    plan = next(d for d in content.documents.values() if d.where()[0].endswith("plan.yaml"))
    sentences = _sentences(content)
    clauses = [r.clause.id for r in content.clauses(plan) if r.clause.role in ("goal", "task")]
    depts = list(content.departments)
    supports, audiences, industries = list(SUPPORT_TYPE.terms), list(AUDIENCE.terms), list(INDUSTRY.terms)
    width = max(4, len(str(n)))
    entries = []
    for i in range(n):
        sentence = sentences[i % len(sentences)]
        number = f"{i + 1:0{width}d}"
        entry = {
            "id": f"synthetic-{number}",
            "name": f"示例条目 {number} · {sentence[:12]}",
            "summary": sentence,
            "support_types": [supports[i % len(supports)]],
            "audiences": [audiences[i % len(audiences)]],
            "industries": [industries[i % len(industries)]] if i % 3 else [],
            "departments": [depts[i % len(depts)]],
            "basis": [{"document": plan.id, "clause": clauses[i % len(clauses)]}],
            "last_verified": LAST_VERIFIED,
        }
        if not entry["industries"]:
            del entry["industries"]  # left out: 不限行业
        if i % 4 == 0:  # some entries with two values, as real ones have
            entry["support_types"].append(supports[(i + 5) % len(supports)])
            entry["departments"].append(depts[(i + 3) % len(depts)])
        entries.append(entry)
    return entries


def write_catalogue(project: Path, entries: list[dict]) -> None:
    folder = project / "content" / "policies"
    for old in folder.glob("*.yaml"):
        old.unlink()
    for entry in entries:
        text = yaml.safe_dump(entry, allow_unicode=True, sort_keys=False, width=1000)
        (folder / f"{entry['id']}.yaml").write_text(
            "# yaml-language-server: $schema=../../schema/policy.schema.json\n" + text, encoding="utf-8")


def bare_render(project: Path, site: Path) -> float:
    """Seconds of scripts/bench/bare_render.py on the same pages (its own process, one core)."""
    shell = next(p for p in sorted((site / "policies").glob("*/index.html")))
    with tempfile.TemporaryDirectory(prefix="bare-", dir=project.parent) as out:
        result = subprocess.run(
            [sys.executable, "-m", "scripts.bench.bare_render", str(project / "build" / "source"),
             str(project / "content"), out, str(shell)],
            cwd=ROOT, capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def _stages(output: str) -> dict[str, float]:
    """The seconds per stage the build printed (--timings)."""
    line = next((l for l in output.splitlines() if l.startswith("timings: ")), "")
    return {name.strip(): float(seconds) for name, seconds in re.findall(r"([a-z ]+?) ([\d.]+) s", line[len("timings: "):])}


def measure(project: Path, shards: int | None = None, code: Path | None = None, engine: str | None = None) -> dict:
    """One build (``shards``: MkDocs processes; default: the build's own
    choice; ``code``: a folder whose policy_site package builds, instead of
    this checkout's; ``engine``: default, the build's default engine)."""
    site = project / "site"
    cmd = [sys.executable, "-m", "policy_site", "--root", str(project), "build", "--site-dir", str(site), "--timings"]
    if shards:
        cmd += ["--shards", str(shards)]
    if engine:
        cmd += ["--engine", engine]
    env = dict(os.environ, PYTHONPATH=str(code or ROOT))
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], cwd=project,
                         capture_output=True, text=True, check=True, env=env)
    run = json.loads(out.stdout)
    if run["returncode"] != 0:
        raise SystemExit(f"build failed ({run['returncode']}):\n{run['output']}")
    files = [p for p in site.rglob("*") if p.is_file()]
    return {
        "stages": _stages(run["output"]),
        "seconds": run["seconds"],
        "cpu": run["cpu_seconds"],
        "peak_mb": run["maxrss_kb"] / 1024,  # Linux reports ru_maxrss in KiB
        "site_mb": sum(p.stat().st_size for p in files) / 1e6,
        "html": sum(1 for p in files if p.suffix == ".html"),
    }


def checkout(commit: str, dest: Path) -> Path:
    """The files a build needs, as they were at ``commit`` (git archive)."""
    dest.mkdir(parents=True)
    names = ["policy_site", *[n for n in PROJECT_FILES if n != "content"]]
    archive = subprocess.run(["git", "archive", commit, *names], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def against_baseline(sizes: list[int], commit: str, repeat: int, settle: float, where: str | None = None) -> int:
    """This code's build against ``commit``'s, on the same content, interleaved."""
    before = reference_seconds()
    # Wall time, and CPU time (user + system, all processes of the build):
    # on a shared machine other load stretches wall time far more than CPU time.
    print(f"{'N':>6} {'run':>4} {'this s':>8} {'CPU s':>7} {'gen s':>6} {'engine s':>8} {'check s':>8} {'site MB':>8}"
          f" {'base s':>8} {'CPU s':>7} {'gen s':>6} {'engine s':>8} {'check s':>8} {'site MB':>8} {'load':>5}"
          f" {'added':>7} {'CPU':>7}")
    with tempfile.TemporaryDirectory(prefix="catalogue-baseline-", dir=where) as tmp:
        base = checkout(commit, Path(tmp) / "baseline")
        for n in sizes:
            entries = synthetic_policies(n)
            runs = []
            for i in range(repeat):
                row = {}
                for name, code, files in (("base", base, base), ("this", None, ROOT)):
                    project = Path(tmp) / f"{name}-{n}"
                    shutil.rmtree(project, ignore_errors=True)
                    project.mkdir()
                    for item in PROJECT_FILES:
                        src = (files / item) if item != "content" else ROOT / "content"
                        if src.is_dir():
                            shutil.copytree(src, project / item, ignore=shutil.ignore_patterns("__pycache__", "site"))
                        elif src.exists():
                            shutil.copy2(src, project / item)
                    write_catalogue(project, entries)
                    os.sync()
                    time.sleep(settle)
                    row["load"] = os.getloadavg()[0]
                    row[name] = measure(project, code=code)
                    shutil.rmtree(project)
                runs.append(row)
                t, b = row["this"], row["base"]
                print(f"{n:>6} {i + 1:>4} {t['seconds']:8.2f} {t['cpu']:7.2f} {t['stages'].get('generate', 0):6.2f}"
                      f" {t['stages'].get('mkdocs', 0):8.2f} {t['stages'].get('link check', 0):8.2f} {t['site_mb']:8.1f}"
                      f" {b['seconds']:8.2f} {b['cpu']:7.2f} {b['stages'].get('generate', 0):6.2f}"
                      f" {b['stages'].get('mkdocs', 0):8.2f} {b['stages'].get('link check', 0):8.2f} {b['site_mb']:8.1f}"
                      f" {row['load']:5.2f} {(t['seconds'] / b['seconds'] - 1) * 100:6.1f}%"
                      f" {(t['cpu'] / b['cpu'] - 1) * 100:6.1f}%", flush=True)

            def median(name: str, key: str) -> float:
                return sorted(r[name][key] for r in runs)[len(runs) // 2]

            for key, label in (("seconds", "wall"), ("cpu", "CPU")):
                this, baseline = median("this", key), median("base", key)
                print(f"{n:>6} {label} medians of {repeat}: this {this:.2f} s, {commit} {baseline:.2f} s: "
                      f"{(this / baseline - 1) * 100:+.1f} %")
    after = reference_seconds()
    print(f"machine: {machine()}; reference loop {before:.2f} s before, {after:.2f} s after "
          "(scripts/bench/build_time.py reference_seconds: lower is a faster machine)")
    return 0


def against_engines(sizes: list[int], engines: list[str], repeat: int, settle: float, where: str | None = None) -> int:
    """The same content built by each engine, interleaved, ``repeat`` times."""
    before = reference_seconds()
    print(f"{'N':>6} {'run':>4} {'engine':>9} {'build s':>8} {'CPU s':>7} {'gen s':>6} {'engine s':>8}"
          f" {'check s':>8} {'load':>5} {'peak MB':>8} {'site MB':>8} {'HTML':>6}")
    for n in sizes:
        runs: dict[str, list[dict]] = {engine: [] for engine in engines}
        loads = []
        with tempfile.TemporaryDirectory(prefix="catalogue-engines-", dir=where) as tmp:
            project = copy_project(Path(tmp) / "project")
            write_catalogue(project, synthetic_policies(n))
            for i in range(repeat):
                for engine in engines:
                    # From scratch: the generated tree holds Zensical's cache (.cache).
                    for folder in ("site", "build"):
                        shutil.rmtree(project / folder, ignore_errors=True)
                    os.sync()
                    time.sleep(settle)
                    load = os.getloadavg()[0]
                    loads.append(load)
                    r = measure(project, engine=engine)
                    runs[engine].append(r)
                    st = r["stages"]
                    print(f"{n:>6} {i + 1:>4} {engine:>9} {r['seconds']:8.2f} {r['cpu']:7.2f} {st.get('generate', 0):6.2f}"
                          f" {st.get(engine, 0):8.2f} {st.get('link check', 0):8.2f} {load:5.2f} {r['peak_mb']:8.0f}"
                          f" {r['site_mb']:8.1f} {r['html']:>6}", flush=True)

        def median(engine: str, key: str) -> float:
            return statistics.median(r[key] if key in r else r["stages"].get(engine, 0) for r in runs[engine])

        first = engines[0]
        for engine in engines:
            print(f"{n:>6} {engine}: medians of {repeat}: build {median(engine, 'seconds'):.2f} s wall, "
                  f"{median(engine, 'cpu'):.2f} s CPU, engine stage {median(engine, engine):.2f} s"
                  + (f"; {median(engine, 'seconds') / median(first, 'seconds'):.2f}x {first}'s wall, "
                     f"{median(engine, 'cpu') / median(first, 'cpu'):.2f}x its CPU" if engine != first else ""))
        print(f"{n:>6} load average at the start of the builds: {min(loads):.2f} to {max(loads):.2f}")
    after = reference_seconds()
    print(f"machine: {machine()}; reference loop {before:.2f} s before, {after:.2f} s after "
          "(scripts/bench/build_time.py reference_seconds: lower is a faster machine)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--settle", type=float, default=30.0,
                        help="seconds to wait, after flushing writes to disk, before each build (0: back to back)")
    parser.add_argument("--baseline", metavar="COMMIT",
                        help="compare with the build of this commit's code on the same content (see above)")
    parser.add_argument("--engines", nargs="+", metavar="ENGINE", choices=sorted(ENGINES),
                        help="build the same content with each of these engines, interleaved (see above)")
    parser.add_argument("--repeat", type=int, default=3, help="with --baseline or --engines: builds of each, interleaved")
    parser.add_argument("--dir", default=None,
                        help="where the projects are built (default: the system's temporary folder); "
                             "e.g. /dev/shm, to measure the work apart from the disk (README, Figures)")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))
    if args.baseline:
        return against_baseline(sizes, args.baseline, args.repeat, args.settle, args.dir)
    if args.engines:
        return against_engines(sizes, args.engines, args.repeat, args.settle, args.dir)
    before = reference_seconds()
    results = []
    print(f"{'N':>6} {'build s':>8} {'1 proc s':>8} {'bare s':>7} {'ratio':>6} {'load s':>7} {'gen s':>6} {'engine s':>8} {'check s':>8}"
          f" {'CPU s':>7} {'load':>5} {'peak MB':>8} {'site MB':>8} {'HTML':>6} {'ms/entry':>9}")
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="catalogue-scale-", dir=args.dir) as tmp:
            project = copy_project(Path(tmp) / "project")
            write_catalogue(project, synthetic_policies(n))
            # Each build writes about 100 MB at 5,000 entries; on this machine's
            # disk the writing-out goes on after the build and slows the next
            # one by 1-3 s. Flush and wait, so each build starts on a settled
            # machine as a CI build does (--settle 0 measures back to back).
            os.sync()
            time.sleep(args.settle)
            load = os.getloadavg()[0]
            r = measure(project)
            os.sync()
            time.sleep(args.settle / 3)
            r["bare"] = bare_render(project, project / "site")
            # What rendering in several processes buys (policy_site/engines/mkdocs, Shard):
            # the same build in one MkDocs process.
            shutil.rmtree(project / "site")
            shutil.rmtree(project / "build")  # from scratch, as the first build was
            os.sync()
            time.sleep(args.settle / 3)
            r["one"] = measure(project, shards=1)["seconds"]
        prev = results[-1] if results else None
        if prev:
            # The cost of each added entry between two sizes: constant if linear.
            marginal = f"{(r['seconds'] - prev['seconds']) * 1000 / (n - prev['n']):9.2f}"
        else:
            marginal = f"{'-':>9}"
        results.append({"n": n, **r})
        st = r["stages"]
        print(f"{n:>6} {r['seconds']:8.2f} {r['one']:8.2f} {r['bare']:7.2f} {r['seconds'] / r['bare']:6.2f} {st.get('load', 0):7.2f}"
              f" {st.get('generate', 0):6.2f} {st.get('mkdocs', 0):8.2f} {st.get('link check', 0):8.2f}"
              f" {r['cpu']:7.2f} {load:5.2f} {r['peak_mb']:8.0f} {r['site_mb']:8.1f} {r['html']:>6} {marginal}", flush=True)
    after = reference_seconds()
    print(f"machine: {machine()}; reference loop {before:.2f} s before, {after:.2f} s after "
          "(scripts/bench/build_time.py reference_seconds: lower is a faster machine)")

    by_n = {r["n"]: r for r in results}
    if TARGET_N in by_n:
        t, bare = by_n[TARGET_N]["seconds"], by_n[TARGET_N]["bare"]
        print(f"target {TARGET_N} entries < {TARGET_SECONDS:.0f} s: "
              f"{'holds' if t < TARGET_SECONDS else 'MISSED'} ({t:.2f} s)")
        print(f"target {TARGET_N} entries within {TARGET_RATIO:g}x the bare render: "
              f"{'holds' if t <= TARGET_RATIO * bare else 'MISSED'} ({t / bare:.2f}x: {t:.2f} s against {bare:.2f} s)")
    if len(results) >= 3:
        first = (results[1]["seconds"] - results[0]["seconds"]) / (results[1]["n"] - results[0]["n"])
        last = (results[-1]["seconds"] - results[-2]["seconds"]) / (results[-1]["n"] - results[-2]["n"])
        # Linear: each added entry costs about the same at every size.
        linear = last <= 1.5 * first
        print(f"linear growth: {'holds' if linear else 'MISSED'} (marginal cost {first * 1000:.2f} ms/entry "
              f"from {results[0]['n']} to {results[1]['n']}, {last * 1000:.2f} ms/entry "
              f"from {results[-2]['n']} to {results[-1]['n']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
