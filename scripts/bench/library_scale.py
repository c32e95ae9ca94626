"""Scale of a policy library: 300 documents of about 30 clauses each plus
5,000 catalogue entries. Prints the full build's time and peak memory, the
政策文件库 page's download size, and how fast its filters answer in Chromium
with the CPU slowed down.

Usage: python -m scripts.bench.library_scale [--documents 300] [--clauses 30]
       [--entries 5000] [--throttle 4] [--changes 20]

The content is the real content/ with N generated documents added under
content/documents/ (built from the plan's own sentences, as
scripts/bench/catalogue_scale.py builds its entries, so they validate: every
validity state, dates over 16 years, 12 issuing bodies, 8 topics, every
document type, some fields left out) and its catalogue replaced by M
generated entries (catalogue_scale.synthetic_policies).

- Build: ``python -m policy_site build`` as its own child of a small wrapper
  (catalogue_scale.measure): wall time, CPU time (user + system of every
  process of the build), and peak memory: ``resource.getrusage(RUSAGE_CHILDREN)
  .ru_maxrss`` in the wrapper, the peak resident set of the largest single
  process of the build (the MkDocs one), not the sum of processes alive at once.
- Download: documents/index.html raw and gzip (level 6, as a static host
  compresses), and everything the page fetches in Chromium until the network
  is idle (raw, and gzip of each text file); the list is in the HTML, the
  filters' script (assets/catalogue.js) fetches nothing more.
- Filters: Chromium with CDP ``Emulation.setCPUThrottlingRate`` (4x: Chrome
  DevTools' "mid-tier mobile"); for each of --changes filter changes (a
  checkbox of a different filter each time, on, then off), the time from the
  click's input event to the frame after the list is updated (the script's
  work, style, layout and paint: a requestAnimationFrame, then a task), median
  and worst. Target: the median within 100 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from scripts.bench.build_time import machine, reference_seconds
from scripts.bench.catalogue_scale import (ROOT, _sentences, copy_project, measure, synthetic_policies,
                                           write_catalogue)
from scripts.bench.search import serve
from policy_site.content import load_content
from policy_site.schema.model import DOCUMENT_TYPE

TARGET_MS = 100.0
ISSUERS = [f"示例{place}人民政府{office}" for place in ("市", "区", "县", "省") for office in ("", "办公室", "办公厅")]
TOPICS = ["工业", "财政", "金融", "科技", "商贸", "人才", "就业", "营商环境"]
VALIDITIES = ["有效", "有效", "废止", None, "失效", "有效"]
TEXT_TYPES = {"text/html", "text/css", "application/javascript", "text/javascript", "application/json",
              "image/svg+xml"}


def synthetic_documents(n: int, clauses: int) -> list[dict]:
    """N documents of about ``clauses`` clauses each (parts of five tasks)."""
    content = load_content(ROOT / "content")
    sentences = _sentences(content)
    depts = list(content.departments)
    types = list(DOCUMENT_TYPE.terms)
    width = max(3, len(str(n)))
    docs = []
    for i in range(n):
        number = f"{i + 1:0{width}d}"
        year = 2010 + i % 16
        meta = {"doc_no": f"示例发〔{year}〕{i + 1}号", "issuer": ISSUERS[i % len(ISSUERS)],
                "topic": TOPICS[(i // 3) % len(TOPICS)],
                "written_date": dt.date(year, i % 12 + 1, i % 28 + 1)}
        if VALIDITIES[i % len(VALIDITIES)]:
            meta["validity"] = VALIDITIES[i % len(VALIDITIES)]
        if i % 10 == 9:  # some fields not given, as in real documents
            del meta["topic"], meta["doc_no"]
        body = []
        part, k = 0, 0
        while k < clauses:
            part += 1
            children = []
            for t in range(1, 6):
                if k + len(children) + 1 >= clauses:
                    break
                s = sentences[(i * 7 + k + t) % len(sentences)]
                children.append({"id": f"p{part}-{t}", "number": f"{t}.", "heading": s[:8] + "。",
                                 "text": s, "role": "task",
                                 "responsible": [depts[(i + k + t) % len(depts)]]})
            body.append({"id": f"p{part}", "number": f"{'一二三四五六七八九十'[(part - 1) % 10]}、",
                         "heading": sentences[(i + part) % len(sentences)][:10], "children": children})
            k += 1 + len(children)
        doc = {"id": f"lib-{number}", "title": f"示例文件库第{number}号文件：关于{sentences[i % len(sentences)][:12]}的通知",
               "type": types[i % len(types)], "metadata": meta,
               "body": {"title": f"示例文件{number}", "clauses": body}}
        docs.append(doc)
    return docs


def write_documents(project: Path, docs: list[dict]) -> None:
    folder = project / "content" / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000)
        (folder / f"{doc['id']}.yaml").write_text(
            "# yaml-language-server: $schema=../../schema/content.schema.json\n" + text, encoding="utf-8")


def page_download(browser, url: str) -> dict:
    """Every response the page at ``url`` gets until the network is idle."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    got: list[tuple[str, bytes, str]] = []

    def on_response(response):
        try:
            body = response.body()
        except Exception:  # no body (a redirect)
            return
        got.append((response.url, body, response.headers.get("content-type", "").split(";")[0]))

    context.on("response", on_response)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    context.close()
    raw = sum(len(b) for _, b, _ in got)
    zipped = sum(len(gzip.compress(b, 6)) if kind in TEXT_TYPES else len(b) for _, b, kind in got)
    biggest = sorted(((len(b), u.rsplit("/", 2)[-2] + "/" + u.rsplit("/", 1)[-1]) for u, b, _ in got), reverse=True)[:4]
    return {"files": len(got), "raw": raw, "gzip": zipped, "biggest": biggest}


def filter_times(browser, url: str, throttle: float, changes: int) -> list[tuple[float, float]]:
    """(ms from each filter change to the frame after the list updated, ms of
    the filter script's own work: the click's event handlers)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(120_000)
    page = context.new_page()
    page.goto(url)
    page.locator("form.catalogue-filters").wait_for(state="visible")
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    boxes = page.locator(".catalogue-filters input[type=checkbox]")
    names = boxes.evaluate_all("bs => bs.map(b => b.name)")
    # Round-robin over the filters, so each change is of a different kind.
    by_name: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        by_name.setdefault(name, []).append(index)
    order = []
    while len(order) < changes and any(by_name.values()):
        for name in list(by_name):
            if by_name[name] and len(order) < changes:
                order.append(by_name[name].pop(0))
    times = []
    for index in order + order:  # each on, then each off
        page.evaluate("""i => new Promise(done => {
            const box = document.querySelectorAll('.catalogue-filters input[type=checkbox]')[i];
            const start = performance.now();
            box.click();  // input and change events: the filter script updates the list
            const script = performance.now() - start;
            requestAnimationFrame(() => setTimeout(() => {
                window.__ms = [performance.now() - start, script]; done(); }, 0));
        })""", index)
        times.append(tuple(page.evaluate("window.__ms")))
    shown = page.locator("li.library-item").evaluate_all("items => items.filter(i => !i.hidden).length")
    total = page.locator("li.library-item").count()
    context.close()
    assert shown == total, f"after every change was undone, {shown} of {total} documents show"
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--clauses", type=int, default=30)
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--throttle", type=float, default=4.0)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM") or "/usr/bin/chromium")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    before = reference_seconds()
    with tempfile.TemporaryDirectory(prefix="library-scale-") as tmp:
        project = copy_project(Path(tmp) / "project")
        write_documents(project, synthetic_documents(args.documents, args.clauses))
        write_catalogue(project, synthetic_policies(args.entries))
        content = load_content(project / "content")
        clauses = sum(1 for d in content.documents.values() for _ in content.clauses(d))
        os.sync()
        load = os.getloadavg()[0]
        build = measure(project)
        site = project / "site"
        html = (site / "documents" / "index.html").read_bytes()
        doc_pages = sorted((site / "documents").glob("lib-*/index.html"))
        doc_page = statistics.median(p.stat().st_size for p in doc_pages)
        server, url = serve(site)
        try:
            with sync_playwright() as driver:
                browser = driver.chromium.launch(executable_path=args.chromium, headless=True,
                                                 args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
                try:
                    download = page_download(browser, url + "documents/")
                    times = filter_times(browser, url + "documents/", args.throttle, args.changes)
                finally:
                    browser.close()
        finally:
            server.shutdown()
    after = reference_seconds()

    st = build["stages"]
    print(f"content: {len(content.documents)} documents ({args.documents} generated, about {args.clauses} clauses each),"
          f" {clauses} clauses, {len(content.policies)} catalogue entries")
    print(f"build: {build['seconds']:.1f} s wall, {build['cpu']:.1f} s CPU (load average {load:.2f} at the start;"
          f" stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in st.items()) + ")")
    print(f"peak memory: {build['peak_mb']:.0f} MB (ru_maxrss of the build's largest process, RUSAGE_CHILDREN)")
    print(f"site: {build['html']} HTML pages, {build['site_mb']:.1f} MB; a generated document's page: median"
          f" {doc_page / 1000:.0f} KB raw")
    print(f"政策文件库 page: HTML {len(html) / 1000:.0f} KB raw, {len(gzip.compress(html, 6)) / 1000:.0f} KB gzip;"
          f" with everything it fetches ({download['files']} files): {download['raw'] / 1000:.0f} KB raw,"
          f" {download['gzip'] / 1000:.0f} KB gzip; largest: "
          + ", ".join(f"{name} {size / 1000:.0f} KB" for size, name in download["biggest"]))
    median = statistics.median(t for t, _ in times)
    print(f"filter change to list updated, CPU throttled {args.throttle:g}x: median {median:.0f} ms, worst"
          f" {max(t for t, _ in times):.0f} ms over {len(times)} changes (the filter script's own part: median"
          f" {statistics.median(s for _, s in times):.0f} ms)")
    print(f"target: median within {TARGET_MS:.0f} ms at {args.throttle:g}x: "
          f"{'holds' if median <= TARGET_MS else 'MISSED'} ({median:.0f} ms)")
    print(f"machine: {machine()}; reference loop {before:.2f} s before, {after:.2f} s after "
          "(scripts/bench/build_time.py reference_seconds: lower is a faster machine); "
          f"load average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
