"""Preview: ``policy-site serve`` (``make serve``) shows the site while staff edit.

One thread watches the project's files; on a change it regenerates the source
tree and has the engine render what changed, while the web server keeps
answering from the last good site. Browsers reload when a new version is
ready (a long-poll script added to each served page, never written into the
site). When content is broken the server answers every page with the error,
in Chinese and English, until the file is fixed: it never hangs and never
shows a half-built site.

What a save costs at thousands of catalogue entries (README: "Preview"):
- content files whose size and modification time did not change are not
  parsed again (yaml_source.ParseCache);
- catalogue entry pages are made anew only when a file they are made from
  changed (pages/memo.py), and shown first, before the pages that list
  them are made and rendered again;
- the system tells of a save at once (watchdog);
- the tree is written where its bytes changed, so the engine renders only
  the pages whose sources changed (everything when the navigation, the
  theme or the assets changed): ``engines.preview_engine``, MkDocs' dirty
  build, is all this module knows of an engine;
- the search index is rebuilt after the changed pages are shown.
"""

from __future__ import annotations

import http.server
import os
import shutil
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from .content import load_content
from .engines import DEFAULT, preview_engine
from .content_warnings import content_warnings
from .errors import ContentError, format_warnings
from .generate import (OVERRIDES, SourceTree, TreeInputs, TreeWriter, as_of_from_environment, search_index,
                       whole_render_needed)
from . import editor, urls
from .pages import PageMemo, SiteInfo, policies
from .render import TEMPLATES, environment
from .yaml_source import ParseCache
from .site_config import CONFIG_FILE, SiteConfig

POLL_SECONDS = 2.0  # files are compared at least this often, notice or not
SETTLE_SECONDS = 0.05
WAIT_SECONDS = 25  # a browser's long poll is answered after this at the latest
EVENTS = "/__preview__/version"

@dataclass
class State:
    version: int = 0
    site: Path | None = None  # the folder pages are served from
    error: str | None = None
    warnings: str | None = None  # content_warnings, shown above each page without blocking it
    seconds: float = 0.0  # how long the last rebuild took until its pages were shown
    busy: bool = False  # a rebuild (or its search index) is under way


class Preview:
    def __init__(self, project: Path, work: Path):
        self.project = project
        self.tree = work / "source"
        self.sites = work / "preview"
        self.writer = TreeWriter(self.tree)
        self.engine = preview_engine(self.tree)
        self.parsed = ParseCache()
        self.memo = PageMemo()
        self.env = environment()
        self.index: dict[str, str] = {}
        self.own_pages = environment().get_template("_preview.j2").module  # the error page, the reload script
        self.state = State()
        self.changed = threading.Condition()
        self._built = 0  # numbered output folders
        self._warned = None  # the warnings last printed to the terminal

    # -- watching ------------------------------------------------------------

    def roots(self) -> list[Path]:
        """The folders whose files the preview shows (and mkdocs.yml, in the project folder)."""
        return [self.project / "content", self.project / SiteConfig.read(self.project).docs_dir,
                self.project / OVERRIDES, TEMPLATES]

    def watched(self) -> dict[str, tuple[int, int]]:
        """Every file whose change the preview shows, with (mtime, size)."""
        found = {}
        paths = [os.path.join(folder, name) for root in self.roots() for folder, _, names in os.walk(root)
                 for name in names]
        for path in paths + [str(self.project / CONFIG_FILE)]:
            try:
                stat = os.stat(path)
            except FileNotFoundError:  # removed meanwhile, or no mkdocs.yml
                continue
            found[path] = (stat.st_mtime_ns, stat.st_size)
        return found

    def watch(self, stop: threading.Event) -> None:
        """Rebuild whenever a watched file changes. The system tells of a
        change at once (watchdog: inotify, FSEvents, ReadDirectoryChanges);
        which files changed is then read from their sizes and times, so a
        missed or doubled notice, or an editor that replaces a file on save,
        changes nothing; every POLL_SECONDS the files are compared anyway."""
        poke = threading.Event()
        observer = _observe(self.roots(), poke)
        seen = self.watched()
        self.rebuild(set(seen), first=True)
        try:
            while not stop.is_set():
                if poke.wait(POLL_SECONDS):
                    time.sleep(SETTLE_SECONDS)  # an editor's save can be several writes
                poke.clear()
                now = self.watched()
                if now != seen:
                    changed = {p for p in set(now) | set(seen) if now.get(p) != seen.get(p)}
                    seen = now
                    self.rebuild(changed)
        finally:
            if observer is not None:
                observer.stop()

    # -- building ------------------------------------------------------------

    def rebuild(self, changed: set[str], first: bool = False) -> None:
        self.state.busy = True
        try:
            self._rebuild(changed, first)
        finally:
            self.state.busy = False

    def _rebuild(self, changed: set[str], first: bool) -> None:
        start = time.perf_counter()
        content_dir = str(self.project / "content")
        content_only = not first and all(p.startswith(content_dir) for p in changed)
        if not content_only:
            # Templates, hand-written pages, theme or settings: start afresh.
            self.memo, self.env = PageMemo(), environment()
        try:
            content = load_content(self.project / "content", as_of=as_of_from_environment(), parsed=self.parsed)
            if content_only and self.state.site is not None and self.state.error is None:
                self._entries_first(content, start)
            # After the entries an edit changed are shown: the warnings box
            # is added to pages as they are served, so it follows at once.
            warnings = content_warnings(content)
            self.state.warnings = format_warnings(warnings) if warnings else None
            source = SourceTree.of(TreeInputs.read(self.project, content, env=self.env), self.memo)
            written, removed = self.writer.sync(source.files(self.index))
            self._render(full=first or whole_render_needed(written, removed))
        except ContentError as error:
            self._publish(error=error.format())
            return
        except Exception:  # noqa: BLE001 - any failure is shown, the server goes on
            self._publish(error=traceback.format_exc())
            return
        self._publish(seconds=time.perf_counter() - start)
        # The search index last: built from the same content, shown with no reload.
        try:
            index = search_index(source.records, source.vocabulary)
            if index != self.index:
                self.index = index
                self.writer.sync(source.files(index))
                self._render(full=False)
        except Exception:  # noqa: BLE001
            self._publish(error=traceback.format_exc())

    def _entries_first(self, content, start: float) -> None:
        """Show the catalogue entries an edit changed before the pages that
        list them (the catalogue, departments) are made and rendered again:
        at thousands of entries those are most of a rebuild."""
        self.memo.clear_made()
        site = SiteInfo.of(content.site, SiteConfig.read(self.project).site_url)
        policies.entry_pages(content, self.env, self.memo, site)
        written = self.writer.write({"docs/" + urls.source_path(p.url): p.source() for p in self.memo.made})
        if written:
            # Only these pages: the engine then neither compares nor copies
            # the thousands of others (the rebuild that follows does).
            self._render(full=False, only=[path.removeprefix("docs/") for path in written])
            self._publish(seconds=time.perf_counter() - start)

    def _render(self, full: bool, only: list[str] | None = None) -> None:
        if full or self.state.site is None:
            # Into a new folder: the old one is served until the new one is complete.
            self._built += 1
            target = self.sites / str(self._built)
            self.engine.render_whole(target)
            old, self.state.site = self.state.site, target
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        else:
            self.engine.render_changed(self.state.site, only)

    def _publish(self, error: str | None = None, seconds: float | None = None) -> None:
        with self.changed:
            self.state.error = error
            if seconds is not None:
                self.state.seconds = seconds
            self.state.version += 1
            self.changed.notify_all()
        if error:
            print(error, flush=True)
        else:
            print(f"预览已更新 · Preview updated ({self.state.seconds:.2f} s)", flush=True)
            if self.state.warnings and self.state.warnings != self._warned:
                print(self.state.warnings, flush=True)
            self._warned = self.state.warnings

    def wait(self, since: int) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.state.version != since, timeout=WAIT_SECONDS)
            return self.state.version


def _observe(roots: list[Path], poke: threading.Event):
    """Start watchdog's observer on ``roots`` (and the project folder, for
    mkdocs.yml); any event sets ``poke``. None where it cannot start."""
    try:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
    except ImportError:
        return None

    class Poke(FileSystemEventHandler):
        def on_any_event(self, event):
            if event.event_type not in ("opened", "closed_no_write"):
                poke.set()

    observer = Observer()
    for root in roots:
        if root.is_dir():
            observer.schedule(Poke(), str(root), recursive=True)
    observer.schedule(Poke(), str(roots[0].parent), recursive=False)
    try:
        observer.start()
    except OSError:
        return None
    return observer


def _handler(preview: Preview, backend: editor.LocalBackend | None):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):  # noqa: N802 - the http.server name
            if backend is None or urlsplit(self.path).path != editor.API:
                return self._send(404, "text/plain; charset=utf-8", b"not found")
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status, reply = editor.backend_reply(backend, body)
            return self._send(status, "application/json; charset=utf-8", reply)

        def do_GET(self):  # noqa: N802 - the http.server name
            parts = urlsplit(self.path)
            if backend is not None and parts.path.startswith(editor.ADMIN.rstrip("/")):
                return self._admin(parts.path.removeprefix(editor.ADMIN.rstrip("/")))
            if parts.path == EVENTS:
                since = int(parse_qs(parts.query).get("since", ["-1"])[0])
                version = preview.wait(since)
                busy = "true" if preview.state.busy else "false"
                return self._send(200, "application/json", f'{{"version": {version}, "busy": {busy}}}'.encode())
            state, shown = preview.state, preview.own_pages
            if state.error is not None:
                page = shown.error_page(state.error, state.version, EVENTS)
                return self._send(500, "text/html; charset=utf-8", page.encode())
            if state.site is None:
                return self._send(503, "text/html; charset=utf-8", shown.wait_page(state.version, EVENTS).encode())
            rel = unquote(parts.path).lstrip("/")
            path = state.site / rel
            if path.is_dir():
                if not parts.path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", parts.path + "/")
                    self.end_headers()
                    return None
                path = state.site / urls.page_file(rel)
            if path.suffix == ".html" and path.is_file():
                text = path.read_text(encoding="utf-8")
                at = text.rfind("</body>")
                reload = str(shown.reload(state.version, EVENTS))  # str: Markup would escape the page
                text = text[:at] + reload + text[at:] if at >= 0 else text + reload
                if state.warnings:
                    box = shown.warnings_box(state.warnings.count("\n  Warning: "), state.warnings)
                    text = _with_warnings(text, str(box))
                return self._send(200, "text/html; charset=utf-8", text.encode())
            self.directory = str(state.site)
            return super().do_GET()

        def _admin(self, name: str):
            """The web editor: its page, its scripts and its configuration."""
            if name in ("", "/"):
                if not editor.installed(preview.project):
                    return self._send(503, "text/plain; charset=utf-8", _NOT_INSTALLED.encode())
                return self._send(200, "text/html; charset=utf-8", editor.admin_page().encode())
            found = editor.admin_file(preview.project, name.lstrip("/"))
            if found is None or not found[0].is_file():
                return self._send(404, "text/plain; charset=utf-8", b"not found")
            return self._send(200, found[1], found[0].read_bytes())

        def _send(self, status: int, kind: str, body: bytes):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler


_NOT_INSTALLED = ("编辑后台还没有安装:请在项目文件夹中运行 make serve(它会用 npm 安装)。\n"
                  "The web editor is not installed: run make serve in the project folder (it installs it with npm).")


def _with_warnings(page: str, box: str) -> str:
    """``page`` with the warnings ``box`` first in its body."""
    start = page.find("<body")
    end = page.find(">", start) if start >= 0 else -1
    return page[:end + 1] + box + page[end + 1:] if end >= 0 else box + page


def engine_note(engine: str) -> str | None:
    """What to tell staff when the preview renders with another engine than
    the published site's (DEFAULT): the preview needs a dirty build."""
    if engine == DEFAULT:
        return None
    return (f"预览用 {engine} 生成,正式网站用 {DEFAULT} 生成(make build):两者页面的外观可能略有不同。\n"
            f"The preview renders with {engine}; the published site is built with {DEFAULT} "
            "(make build): their pages may look slightly different.")


def serve(project: Path, address: str, work: Path | None = None) -> int:
    host, _, port = address.rpartition(":")
    preview = Preview(project, work or project / "build")
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    # Anything that writes content listens on this machine only.
    backend = editor.LocalBackend(project) if editor.loopback(host) else None
    server = http.server.ThreadingHTTPServer((host or "127.0.0.1", int(port)), _handler(preview, backend))
    server.daemon_threads = True
    print(f"预览地址 · Preview at http://{host or '127.0.0.1'}:{port}/ (Ctrl+C 停止 · to stop)", flush=True)
    note = engine_note(preview.engine.name)
    if note:
        print(note, flush=True)
    if backend is not None:
        print(f"编辑后台 · Web editor at http://{host or '127.0.0.1'}:{port}{editor.ADMIN}", flush=True)
    else:
        print(f"编辑后台未启动:{host} 不是本机地址(127.0.0.1),能修改内容的服务只在本机上提供。\n"
              f"The web editor is not served: {host} is not a loopback address, and whatever can write "
              "content listens on 127.0.0.1 only.", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0
