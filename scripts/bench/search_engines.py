"""Search engines compared on this project's own query sets: ours against Pagefind.

Usage: python -m scripts.bench.search_engines [--sizes 0 5000] [--throttle 4]

For each N (0: the site as published, its real catalogue of 39 entries; else
N synthetic entries as scripts/bench/catalogue_scale.py makes them) the
project is copied to a temp dir and built once with the normal build (our
index, policy_site/search). Pagefind (PyPI ``pagefind[extended]``, 1.5.2)
then indexes the same built HTML (``--root-selector`` the page's article, so
the navigation is not indexed), and the site is served on 127.0.0.1 (plain
http.server: no compression; a real host would gzip).

Printed per engine and N, in headless Chromium:

- hit@3 (strict: the result itself, with its #anchor; page: a link to its page) over the query set of tests/search_queries.yaml (read as data, not
  imported): ``queries`` (terms) and ``questions`` (natural questions of
  business owners) apart: how many show one of their expected results in the
  first three results. Ours: through the real search box. Pagefind: its JS
  API (``pagefind.search``), each result's sub-results shown as its Default UI
  shows them (at most 3 per page, else the page itself), flattened in order;
- the same for Pagefind with our vocabulary applied to the query first
  (``pagefind+vocabulary``: content/search.yaml's stop words dropped, a
  synonym replaced by its first term; ``understood``), so that the engines
  are compared, not the vocabulary;
- bytes fetched per query and time to results at --throttle x CPU throttling
  (Chrome DevTools Protocol ``Emulation.setCPUThrottlingRate``), each query in
  a fresh browser context, from loading the page until the first results
  are there (ours: a result link in the list; Pagefind: the data of its first
  5 results, as its UI loads them): median and worst over SAMPLE.

The machine and a reference-loop time are printed at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from scripts.bench.build_time import machine, reference_seconds
from scripts.bench.catalogue_scale import copy_project, synthetic_policies, write_catalogue
from scripts.bench.search import _query, _settled_results, build, result_url, serve, target_url

ROOT = Path(__file__).resolve().parents[2]
QUERY_FILE = ROOT / "tests" / "search_queries.yaml"
# The queries timed and weighed, each in a fresh context (terms and questions).
SAMPLE = ["贷款风险", "个转企", "税", "小微企业 贷款", "我想贷款", "借钱", "制造业有什么补贴",
          "找不到员工怎么办", "个体户怎么转成企业", "联系电话"]
PAGEFIND_FILES = "/pagefind/"
OUR_FILES = ("/search-index/", "/search-worker.js")
SUBRESULTS_SHOWN = 3
PAGEFIND_LOADED = 5


def query_sets() -> dict[str, list[dict]]:
    data = yaml.safe_load(QUERY_FILE.read_text(encoding="utf-8"))
    return {"terms": data["queries"], "questions": data.get("questions", [])}


def run_pagefind(site: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", "article.md-content__inner"],
        capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"pagefind failed:\n{result.stdout}{result.stderr}")
    return time.perf_counter() - start


PAGEFIND_SEARCH = """async ([query, pages, shown]) => {
    const start = performance.now();
    if (!window.__pagefind) {
        window.__pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
        await window.__pagefind.options({ baseUrl: new URL(".", document.baseURI).pathname });
    }
    const search = await window.__pagefind.search(query);
    const data = await Promise.all(search.results.slice(0, pages).map(r => r.data()));
    const results = data.map(page => [page.url, ...(page.sub_results || []).slice(0, shown).map(s => s.url)]);
    return { seconds: (performance.now() - start) / 1000, results };
}"""


def _path(url: str) -> str:
    from urllib.parse import unquote, urlsplit
    parts = urlsplit(url)
    return parts.path.lstrip("/") + (f"#{unquote(parts.fragment)}" if parts.fragment else "")


def _page(url: str) -> str:
    return url.split("#")[0]


def _hit(query: dict, shown: list[list[str]]) -> tuple[bool, bool]:
    """(strict, page) for the first three results, each a list of links (ours:
    one record; Pagefind: a page and the sub-results it shows): strict, an
    expected result itself (with its #anchor) is among them; page, a link to
    an expected result's page is (Pagefind's sub-results point at headings,
    so a clause or target in a list has no link of its own)."""
    wanted = {target_url(t) for t in query["find"]}
    links = {link for result in shown[:3] for link in result}
    return bool(wanted & links), bool({_page(w) for w in wanted} & {_page(link) for link in links})


def quality_ours(browser, url: str, queries: list[dict]) -> tuple[int, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(url)
    hits, pages, missed = 0, 0, []
    for query in queries:
        shown = [[result_url(r)] for r in _settled_results(page, query["q"])]
        strict, page_hit = _hit(query, shown)
        hits += strict
        pages += page_hit
        if not strict:
            missed.append(query["q"])
    context.close()
    return hits, pages, missed


def vocabulary() -> tuple[list[str], dict[str, list[str]]]:
    """content/search.yaml: stop words, synonyms (the published list)."""
    data = yaml.safe_load((ROOT / "content" / "search.yaml").read_text(encoding="utf-8")) or {}
    return data.get("stop_words", []), {s["word"]: s["terms"] for s in data.get("synonyms", [])}


def understood(query: str, stop: list[str], synonyms: dict[str, list[str]]) -> str:
    """The query as our worker reads it (policy_site/search/core.js, words()),
    for Pagefind: stop words dropped, a synonym word replaced by its first term
    (Pagefind cannot search either of two words), words apart by spaces."""
    words, current = [], ""
    for piece in query.split():
        i = 0
        while i < len(piece):
            word = next((w for w in sorted(synonyms, key=len, reverse=True) if piece.startswith(w, i)), None)
            drop = None if word else next((w for w in sorted(stop, key=len, reverse=True) if piece.startswith(w, i)), None)
            if word or drop:
                if current:
                    words.append(current)
                current = ""
                if word:
                    words.append(synonyms[word][0])
                i += len(word or drop)
            else:
                current += piece[i]
                i += 1
        if current:
            words.append(current)
        current = ""
    return " ".join(words) or query


def quality_pagefind(browser, url: str, queries: list[dict], vocabulary_used: bool = False) -> tuple[int, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(url)
    hits, pages, missed = 0, 0, []
    for query in queries:
        text = understood(query["q"], *vocabulary()) if vocabulary_used else query["q"]
        found = page.evaluate(PAGEFIND_SEARCH, [text, PAGEFIND_LOADED, SUBRESULTS_SHOWN])
        strict, page_hit = _hit(query, [[_path(link) for link in result] for result in found["results"]])
        hits += strict
        pages += page_hit
        if not page_hit:
            missed.append(query["q"])
    context.close()
    return hits, pages, missed


def cost(browser, url: str, engine: str, text: str, throttle: float) -> tuple[int, float]:
    """(bytes fetched for search from page load to results, seconds from query to results)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(120_000)
    sizes: list[int] = []
    marks = PAGEFIND_FILES if engine.startswith("pagefind") else OUR_FILES

    def on_response(response):
        if any(m in response.url for m in ((marks,) if isinstance(marks, str) else marks)):
            try:
                sizes.append(len(response.body()))
            except Exception:
                sizes.append(0)

    context.on("response", on_response)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.goto(url, wait_until="domcontentloaded")
    if engine.startswith("pagefind"):
        seconds = page.evaluate(PAGEFIND_SEARCH, [text, PAGEFIND_LOADED, SUBRESULTS_SHOWN])["seconds"]
    else:
        seconds = _query(page, text)
    page.wait_for_timeout(300)  # responses still arriving for what was shown
    context.close()
    return sum(sizes), seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 5000])
    parser.add_argument("--throttle", type=float, default=4.0)
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM") or "/usr/bin/chromium")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    sets = query_sets()
    print(f"query sets: {', '.join(f'{k} {len(v)}' for k, v in sets.items())}; "
          f"timed and weighed: {' / '.join(SAMPLE)}; CPU throttled {args.throttle:g}x")
    rows = []
    with sync_playwright() as driver:
        for n in args.sizes:
            with tempfile.TemporaryDirectory(prefix="search-engines-") as tmp:
                project = copy_project(Path(tmp) / "project")
                if n:
                    write_catalogue(project, synthetic_policies(n))
                site, build_s = build(project, "ours")
                pagefind_s = run_pagefind(site)
                server, url = serve(site)
                try:
                    for engine in ("ours", "pagefind", "pagefind+vocabulary"):
                        browser = driver.chromium.launch(
                            executable_path=args.chromium, headless=True,
                            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
                        try:
                            if engine == "ours":
                                scores = {name: quality_ours(browser, url, qs) for name, qs in sets.items()}
                            else:
                                scores = {name: quality_pagefind(browser, url, qs, engine != "pagefind")
                                          for name, qs in sets.items()}
                            sample = SAMPLE if engine != "pagefind+vocabulary" else [
                                understood(q, *vocabulary()) for q in SAMPLE]
                            costs = [cost(browser, url, engine, q, args.throttle) for q in sample]
                        finally:
                            browser.close()
                        folder = site / ("search-index" if engine == "ours" else "pagefind")
                        disk = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
                        byte_list = [b for b, _ in costs]
                        secs = [s for _, s in costs]
                        row = {
                            "n": n or "site", "engine": engine,
                            "index_s": build_s if engine == "ours" else pagefind_s,
                            "disk_kb": disk / 1000,
                            **{f"{name}": f"{h}/{len(sets[name])} (page {p})" for name, (h, p, _) in scores.items()},
                            "kb_median": statistics.median(byte_list) / 1000, "kb_max": max(byte_list) / 1000,
                            "s_median": statistics.median(secs), "s_max": max(secs),
                        }
                        rows.append(row)
                        print(" ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()),
                              flush=True)
                        for name, (_, _, missed) in scores.items():
                            if missed:
                                print(f"  {engine} missed ({name}): {' / '.join(missed)}", flush=True)
                finally:
                    server.shutdown()
    print(f"machine: {machine()}; reference loop {reference_seconds():.2f} s (lower is faster)")
    print("index_s: ours = the whole site build (index included), pagefind = its indexing run on the built site")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
