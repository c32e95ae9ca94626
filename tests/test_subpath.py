"""Hosting anywhere: the built site works at a domain's root and under a URL
prefix (/xwqy/, with SITE_URL set), served by a plain static file server.

A tiny server maps /<prefix>/... to the site's files (directory URLs to
index.html, like nginx's ``try_files $uri $uri/``) and answers everything else,
and every missing file, with 404 and the site's 404.html (like ``error_page``).
A crawler starts at the prefix and follows every href/src in the HTML and every
url()/@import in the CSS that stays on the server.
"""

from __future__ import annotations

import http.server
import os
import re
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import deque
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest

from conftest import build_site, copy_project
from html_tree import parse_html

SITE_URL = "https://example.gov.cn/xwqy/"
IGNORED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:")


def _handler(site: Path, prefix: str):
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            path = unquote(urlsplit(self.path).path)
            if not path.startswith(prefix):
                return self._not_found()
            rel = path[len(prefix):]
            target = (site / rel).resolve()
            if site.resolve() not in (target, *target.parents):
                return self._not_found()
            if target.is_dir():
                if not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.end_headers()
                    return
                target = target / "index.html"
            if not target.is_file():
                return self._not_found()
            self._send(200, target)

        def _not_found(self):
            self._send(404, site / "404.html")

        def _send(self, status: int, file: Path):
            body = file.read_bytes()
            types = {".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
                     ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json"}
            self.send_response(status)
            self.send_header("Content-Type", types.get(file.suffix, "application/octet-stream"))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


def _links(body: str, content_type: str) -> list[str]:
    if content_type.startswith("text/html"):
        return [value.strip() for node in parse_html(body).root.walk()
                for name, value in node.attrs.items() if name in ("href", "src") and value is not None]
    if content_type.startswith("text/css"):
        return (re.findall(r"url\(\s*['\"]?([^'\")]*)", body)
                + re.findall(r"@import\s+['\"]([^'\"]+)", body))
    return []


def _fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def crawl(origin: str, prefix: str, extra_starts: tuple[str, ...] = ()) -> tuple[set[str], list[str], list[str]]:
    """Crawl from origin+prefix; (URLs fetched, '404 <url> from <page>', '<link> escapes from <page>')."""
    host = urlsplit(origin).netloc
    start = origin + prefix
    seen = {start}
    queue = deque([(start, "(start)")])
    for extra in extra_starts:  # pages expected to answer 404 (their links are still crawled)
        queue.append((origin + extra, "(start)"))
    missing, escaping = [], []
    while queue:
        url, source = queue.popleft()
        status, content_type, body = _fetch(url)
        if status != 200 and url not in {origin + e for e in extra_starts}:
            missing.append(f"{status} {url} from {source}")
            continue
        for link in _links(body.decode("utf-8", errors="replace"), content_type):
            if not link or link.lower().startswith(IGNORED_SCHEMES):
                continue
            absolute, _ = urldefrag(urljoin(url, link))
            parts = urlsplit(absolute)
            if parts.netloc != host:
                continue  # another host: not this test's business (test_site_html forbids them)
            if not parts.path.startswith(prefix):
                escaping.append(f"{link} -> {parts.path} from {url}")
                continue
            if absolute not in seen:
                seen.add(absolute)
                queue.append((absolute, url))
    return seen, missing, escaping


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("hosting") / "project")


def _serve(site: Path, prefix: str):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(site, prefix))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.mark.parametrize("site_url, prefix", [(SITE_URL, "/xwqy/"), ("", "/")], ids=["subpath", "root"])
def test_site_works_when_hosted_at(project, tmp_path, site_dir, site_url, prefix):
    if site_url:
        env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
        env["SITE_URL"] = site_url
        site = tmp_path / "site"
        result = build_site(project, site, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    else:
        site = site_dir  # the session's build, without an address

    server, origin = _serve(site, prefix)
    try:
        # A missing page deep below the prefix gets 404.html, whose links must work from there.
        seen, missing, escaping = crawl(origin, prefix, extra_starts=(prefix + "no/such/page/",))
    finally:
        server.shutdown()
        server.server_close()
    assert not missing, "\n".join(missing)
    assert not escaping, "\n".join(escaping)
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")} - {"404.html"}
    fetched = {unquote(urlsplit(u).path)[len(prefix):] for u in seen}
    fetched_pages = {f + "index.html" if f.endswith("/") or not f else f for f in fetched}
    assert pages <= fetched_pages, f"pages the crawl never reached: {sorted(pages - fetched_pages)}"
    assert any(f.endswith(".css") for f in fetched) and any(f.endswith(".js") for f in fetched)

    _check_not_found_page(site, prefix)

    if site_url:
        locs = [e.text for e in ET.parse(site / "sitemap.xml").iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
        assert locs and all(loc.startswith(site_url) for loc in locs), locs


def _check_not_found_page(site: Path, prefix: str) -> None:
    """The 404 page served deep below the prefix: in Chinese, with its way
    back (home, search, 政策文件库, catalogue, 网站地图) each opening a page
    under the prefix, and nothing it loads: no stylesheet, script or picture
    to address from an unknown depth (its styles are inline)."""
    server, origin = _serve(site, prefix)
    try:
        status, _, body = _fetch(origin + prefix + "deep/no/such/page/")
        assert status == 404
        page = parse_html(body.decode("utf-8"))
        assert page.root.find_all("html")[0].attrs["lang"] == "zh-CN"
        assert page.root.find_all("h1")[0].text() == "页面未找到"
        loaded = [n.attrs for n in page.root.walk() if n.tag in ("link", "script", "img", "iframe")
                  and (n.attrs.get("src") or n.tag == "link")]
        assert not loaded, loaded
        ways = {a.text(): a.attrs["href"] for a in page.article.find_all("a")}
        assert set(ways) == {"首页", "政策文件库", "小微企业政策目录", "网站地图"}, ways
        for text, href in ways.items():
            assert href.startswith(prefix), (text, href)
            status, content_type, _ = _fetch(origin + href)
            assert status == 200 and content_type.startswith("text/html"), (text, href, status)
        form = page.root.find_all("form")[0]
        assert form.attrs["action"] == prefix and form.find_all("input")[0].attrs["name"] == "q"
    finally:
        server.shutdown()
        server.server_close()
