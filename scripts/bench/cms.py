"""Decap CMS (the web editor the site ships) against Sveltia CMS, side by
side, with the same configuration generated from the model.

Usage: python -m scripts.bench.cms [--runs 5] [--entries 5000]
       (``make bench-cms`` installs Sveltia CMS from scripts/bench/cms/package.json first)

Each CMS is served by a small loopback server of this script with
schema/cms-config.yml as ``make schema`` writes it:

- Decap CMS from the site's own npm install, against our local backend
  (policy_site/editor.py, Decap's proxy protocol), as ``make serve`` offers it.
- Sveltia CMS from scripts/bench/cms/node_modules. It cannot use our local
  backend: it ignores ``local_backend`` and has no proxy protocol; its local
  mode reads a folder the user picks through the File System Access API. Its
  ``test-repo`` backend reads the same way from the browser's origin-private
  file system (OPFS, folder ``sveltia-cms-test``): the script copies the
  content files there first, so Sveltia shows the same content through the
  same browser file interface its local mode uses. The copy is not counted
  as transferred. Sveltia fetches its non-English interface strings from
  unpkg.com at run time; the script answers that request from the installed
  package, refuses every other request to another host (its fonts, its
  version check) and prints them all.

Figures, for each CMS: bytes transferred to the first editing form (the
editor's own files, and content the backend sends); time from navigation to
the first input of a new 政策目录条目 form at 4x CPU throttling (CDP
``Emulation.setCPUThrottlingRate``; median of ``--runs`` cold starts, each in
a new browser context, the two CMSs interleaved); with ``--entries``
generated catalogue entries (the generator of catalogue_scale.py) and no
throttling, whether the 接替条目 relation widget finds an entry by its
Chinese name and how long the search takes, and the time to open the
largest document's form (its clause tree) from a cold start; the
zh_Hans / zh-CN interface strings against the English ones in each package.
Machine, reference loop (build_time.py) and load average are printed first:
this machine is shared, and times are only comparable within one run.
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import re
import statistics
import tempfile
import threading
import time
from pathlib import Path

import yaml

from policy_site import editor
from policy_site.schema.cms import cms_config, with_built_in_widgets
from scripts.bench.build_time import machine, reference_seconds
from scripts.bench.catalogue_scale import copy_project, synthetic_policies, write_catalogue

ROOT = Path(__file__).resolve().parents[2]
SVELTIA = ROOT / "scripts" / "bench" / "cms" / "node_modules" / "@sveltia" / "cms"
DECAP = ROOT / "node_modules" / "decap-cms"
THROTTLE = 4
TIMEOUT_MS = 300_000  # a step that takes longer is reported as failed
OPFS_FOLDER = "sveltia-cms-test"  # where Sveltia's test-repo backend reads its files
SVELTIA_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>编辑后台 (Sveltia CMS)</title>
<link href="config.yml" type="application/yaml" rel="cms-config-url"></head>
<body><script src="sveltia-cms.js"></script></body></html>"""
LARGEST_DOCUMENT = ("plan", "hs-2018-138")  # content/plan.yaml: the deepest clause tree (slug, id)


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def version(package: Path) -> str:
    return json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]


# -- Serving ------------------------------------------------------------------


def serve(project: Path):
    """A loopback server: Decap at /admin/ with our backend at /api/v1,
    Sveltia at /sveltia/, the content files to seed at /seed.json."""
    backend = editor.LocalBackend(project)

    def sveltia_config(port: int) -> bytes:
        # Sveltia refuses a relative site_url ("must be an absolute URL"). Our
        # two widgets are registered by our admin page for Decap; Sveltia gets
        # the built-in widgets they stand in for, as the published admin has.
        here = f"http://127.0.0.1:{port}/"
        config = with_built_in_widgets(cms_config())
        return yaml.safe_dump({**config, "site_url": here, "display_url": here, "backend": {"name": "test-repo"}},
                              allow_unicode=True, sort_keys=False).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, status: int, kind: str, body: bytes):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the browser context of a finished run closed its connections

        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status, reply = editor.backend_reply(backend, body)
            self._send(status, "application/json; charset=utf-8", reply)

        def do_GET(self):  # noqa: N802
            path = self.path.split("?")[0].split("#")[0]
            if path == "/admin/":
                return self._send(200, "text/html; charset=utf-8", editor.admin_page().encode())
            if path.startswith("/admin/"):
                found = editor.admin_file(project, path.removeprefix("/admin/"))
                if found and found[0].is_file():
                    return self._send(200, found[1], found[0].read_bytes())
            if path == "/sveltia/":
                return self._send(200, "text/html; charset=utf-8", SVELTIA_PAGE.encode())
            if path == "/sveltia/config.yml":
                return self._send(200, "application/yaml; charset=utf-8", sveltia_config(self.server.server_address[1]))
            if path.startswith("/sveltia/") and ".." not in path:
                file = SVELTIA / "dist" / path.removeprefix("/sveltia/")
                if file.is_file():
                    return self._send(200, "text/javascript; charset=utf-8", file.read_bytes())
            if path == "/seed.json":
                files = {p.relative_to(project).as_posix(): p.read_text(encoding="utf-8")
                         for p in sorted((project / "content").rglob("*.yaml"))}
                files["content/.editor-index.yaml"] = editor.index_text(project / "content")
                return self._send(200, "application/json", json.dumps(files, ensure_ascii=False).encode())
            if path == "/blank":
                return self._send(200, "text/html; charset=utf-8", b"<!doctype html><title>-</title>")
            self._send(404, "text/plain", b"not found")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# -- In Chromium --------------------------------------------------------------

SEED = """async (files) => {
  const root = await navigator.storage.getDirectory();
  try { await root.removeEntry(%r, {recursive: true}); } catch (e) {}
  const top = await root.getDirectoryHandle(%r, {create: true});
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split('/');
    let dir = top;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const writable = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(text);
    await writable.close();
  }
  return Object.keys(files).length;
}""" % (OPFS_FOLDER, OPFS_FOLDER)


class Session:
    """One cold start of one CMS in a new browser context: bytes by kind,
    requests to other hosts (answered locally or refused)."""

    def __init__(self, browser, base: str, cms: str, throttle: float = 1):
        self.cms, self.base = cms, base
        self.context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        self.elsewhere: list[str] = []
        self.context.route("**/*", self._route)
        if cms == "sveltia":
            seeder = self.context.new_page()
            seeder.goto(base + "/blank")
            files = json.loads(seeder.evaluate("fetch('/seed.json').then(r => r.text())"))
            seeder.evaluate(SEED, files)
            seeder.close()
        self.page = self.context.new_page()
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Network.enable")
        if throttle != 1:
            self.cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        self.urls: dict[str, str] = {}
        self.bytes: dict[str, int] = {"editor": 0, "content": 0}
        self.cdp.on("Network.requestWillBeSent", lambda e: self.urls.__setitem__(e["requestId"], e["request"]["url"]))
        self.cdp.on("Network.loadingFinished", self._finished)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.base) or url.startswith(("data:", "blob:")):
            return route.continue_()
        self.elsewhere.append(url)
        match = re.match(r"https://unpkg\.com/@sveltia/cms@[^/]+/locales/([\w-]+\.json)$", url)
        if match and (SVELTIA / "locales" / match[1]).is_file():  # served as if we hosted it
            return route.fulfill(status=200, content_type="application/json",
                                 body=(SVELTIA / "locales" / match[1]).read_bytes())
        return route.abort()

    def _finished(self, event):
        url = self.urls.get(event["requestId"], "")
        kind = "content" if "/api/v1" in url else "editor"
        self.bytes[kind] += int(event["encodedDataLength"])

    def close(self):
        self.context.close()


def open_form(session: Session, collection: str, slug: str | None = None, value: str | None = None) -> float:
    """Seconds from navigation to the first input of an entry's form (a new
    one when ``slug`` is None; else until an input holds ``value``)."""
    page, cms = session.page, session.cms
    where = f"#/collections/{collection}/" + (f"entries/{slug}" if slug else "new")
    start = time.perf_counter()
    page.goto(session.base + ("/admin/" if cms == "decap" else "/sveltia/") + where)
    first = page.get_by_label(re.compile(r"^\s*编号")).first
    if cms == "sveltia":  # its sign-in screen comes first: 使用测试仓库
        sign_in = page.get_by_role("button", name="使用测试仓库")
        sign_in.or_(first).first.wait_for(timeout=TIMEOUT_MS)
        if sign_in.count():
            sign_in.click(timeout=TIMEOUT_MS)
    first.wait_for(timeout=TIMEOUT_MS)
    if value:
        page.wait_for_function("(v) => [...document.querySelectorAll('input')].some(i => i.value === v)",
                               arg=value, timeout=TIMEOUT_MS)
    return time.perf_counter() - start


def relation_search(session: Session, name: str) -> float:
    """Seconds from typing ``name`` into 接替条目 of the open new-entry form
    until the option for it shows."""
    page = session.page
    if session.cms == "decap":
        box = page.get_by_label(re.compile(r"^接替条目")).last
        box.scroll_into_view_if_needed(timeout=TIMEOUT_MS)
        box.click(timeout=TIMEOUT_MS)
    else:  # the fields below the fold are drawn once scrolled to
        combo = page.locator("[data-key-path='successor'] [role=combobox]")
        for _ in range(100):
            if combo.count():
                break
            page.mouse.move(300, 500)
            page.mouse.wheel(0, 1500)
            time.sleep(0.1)
        combo.first.scroll_into_view_if_needed(timeout=TIMEOUT_MS)
        combo.first.click(timeout=TIMEOUT_MS)
        box = page.get_by_role("searchbox", name="筛选选项").last
    start = time.perf_counter()
    box.fill(name, timeout=TIMEOUT_MS)
    page.get_by_role("option", name=re.compile(re.escape(name))).first.wait_for(timeout=TIMEOUT_MS)
    return time.perf_counter() - start


# -- Interface strings -----------------------------------------------------------


def _flatten(tree, prefix="") -> dict[str, str]:
    if isinstance(tree, dict):
        found = {}
        for key, value in tree.items():
            found.update(_flatten(value, f"{prefix}.{key}" if prefix else key))
        return found
    return {prefix: tree}


def decap_strings() -> tuple[int, int]:
    """(zh_Hans keys that have a text, English keys) of Decap's locales."""
    base = ROOT / "node_modules" / "decap-cms-locales" / "dist" / "esm"

    def keys(name: str) -> dict[str, str]:
        return _js_object_keys((base / name / "index.js").read_text(encoding="utf-8"))

    english, chinese = keys("en"), keys("zh_Hans")
    return sum(1 for k in english if chinese.get(k)), len(english)


def _js_object_keys(text: str) -> dict[str, str]:
    """Dotted keys of a locale module's nested object literal with their strings."""
    found, path = {}, []
    for match in re.finditer(r"(\w+):\s*(\{|'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"|`([^`]*)`)|(\})", text):
        if match[6]:
            if path:
                path.pop()
        elif match[2] == "{":
            path.append(match[1])
        else:
            found[".".join(path[1:] + [match[1]])] = match[3] or match[4] or match[5] or ""
    return found


def sveltia_strings() -> tuple[int, int]:
    english = _flatten(json.loads((SVELTIA / "locales" / "en-US.json").read_text(encoding="utf-8")))
    chinese = _flatten(json.loads((SVELTIA / "locales" / "zh-CN.json").read_text(encoding="utf-8")))
    return sum(1 for k in english if chinese.get(k)), len(english)


def _failure(error: Exception) -> str:
    return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"


# -- Run ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM") or "/usr/bin/chromium")
    parser.add_argument("--only", choices=["decap", "sveltia"], action="append")
    args = parser.parse_args(argv)
    if not (SVELTIA / "dist" / "sveltia-cms.js").is_file():
        print("Sveltia CMS is not installed: run `make bench-cms`")
        return 1
    from playwright.sync_api import sync_playwright

    print(f"machine: {machine()}")
    print(f"reference loop: {reference_seconds():.2f} s; load average at start: {load_average()}")
    versions = {"decap": version(DECAP), "sveltia": version(SVELTIA)}
    print(f"Decap CMS {versions['decap']}, Sveltia CMS {versions['sveltia']}; CPU throttling {THROTTLE}x")
    for cms, (zh, en) in [("decap", decap_strings()), ("sveltia", sveltia_strings())]:
        print(f"{cms}: Chinese interface strings {zh} of {en} English ({zh / en:.0%})")
    kinds = args.only or ["decap", "sveltia"]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=args.chromium, headless=True,
                                         args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        project = copy_project(Path(tmp) / "project")
        server, base = serve(project)
        try:
            # The two interleaved, run by run: the load of a shared machine changes by the minute.
            times, sizes, outside = ({cms: [] for cms in kinds} for _ in range(3))
            for run in range(args.runs):
                for cms in kinds:
                    session = Session(browser, base, cms, THROTTLE)
                    try:
                        times[cms].append(open_form(session, "policies"))
                        sizes[cms].append(dict(session.bytes))
                    except Exception as error:
                        print(f"  {cms} run {run + 1}: failed: {_failure(error)}", flush=True)
                        continue
                    finally:
                        outside[cms].extend(session.elsewhere)
                        session.close()
                    print(f"  {cms} run {run + 1}: first form {times[cms][-1]:.1f} s, bytes {sizes[cms][-1]} "
                          f"(load {load_average()})", flush=True)
            for cms in kinds:
                if times[cms]:
                    print(f"{cms}: first form at {THROTTLE}x CPU: median {statistics.median(times[cms]):.1f} s "
                          f"(min {min(times[cms]):.1f}, max {max(times[cms]):.1f}, {len(times[cms])} runs); "
                          f"bytes to it: editor {sizes[cms][0]['editor']:,}, content {sizes[cms][0]['content']:,}",
                          flush=True)
                print(f"{cms}: requests to other hosts: {sorted(set(outside[cms])) or 'none'}", flush=True)
        finally:
            server.shutdown()
        big = copy_project(Path(tmp) / "big")
        entries = synthetic_policies(args.entries)
        write_catalogue(big, entries)
        server, base = serve(big)
        wanted = entries[len(entries) * 3 // 4]["name"]
        try:
            for cms in kinds:
                session = Session(browser, base, cms)
                try:
                    opened = open_form(session, "policies")
                    found = relation_search(session, wanted)
                    print(f"{cms}: {args.entries:,} entries: new entry form {opened:.1f} s, "
                          f"接替条目 search for “{wanted}” {found:.2f} s "
                          f"(bytes {session.bytes}; load {load_average()})", flush=True)
                except Exception as error:  # a failure is a figure here: say what failed
                    print(f"{cms}: {args.entries:,} entries: failed: {_failure(error)}", flush=True)
                finally:
                    session.close()
                session = Session(browser, base, cms)  # afresh: a changed form would ask before leaving
                try:
                    tree = open_form(session, "documents", *LARGEST_DOCUMENT)
                    print(f"{cms}: the form of {LARGEST_DOCUMENT[1]} (its clause tree), cold start: {tree:.1f} s",
                          flush=True)
                except Exception as error:
                    print(f"{cms}: the form of {LARGEST_DOCUMENT[1]}: failed: {_failure(error)}", flush=True)
                finally:
                    session.close()
        finally:
            server.shutdown()
        browser.close()
    print(f"load average at end: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
