"""Link integrity of a built site, read from its static HTML only.

``check_site(site_dir)`` reads every ``*.html`` file under ``site_dir`` with a
regular scan of its tags (the site is our own well-formed output) and reports

- **broken** links: an internal ``href``/``src`` that does not open a file in
  ``site_dir`` (directory URLs open ``index.html``), a ``#fragment`` that is no
  ``id`` (nor ``<a name>``) of the target page, a link that leaves the site's
  folder or its URL prefix, and ``data:``/``javascript:`` URLs (the site uses
  none);
- **unreachable** pages: HTML pages other than ``404.html`` that cannot be
  reached from ``index.html`` by following internal links;
- **external** links (``http:``/``https:`` to another host), listed, never fetched.

``mailto:`` and ``tel:`` links are ignored. Links that Material's JavaScript
creates at run time are not in the HTML and so are not checked.

MkDocs writes ``404.html`` with root-relative links (``/assets/...``) because it
is served at any depth; those depend on where the site is hosted, so in
``404.html`` only relative links are checked. Elsewhere a root-relative link is
resolved against the site's URL path (``site_url``; ``/`` when it is not set).
No MkDocs imports: this runs on any folder of HTML.
"""

from __future__ import annotations

import functools
import re
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import urls
from .html_text import decoded


IGNORED_SCHEMES = {"mailto", "tel"}
FORBIDDEN_SCHEMES = {"data", "javascript", "file"}
LINK_ATTRS = ("href", "src")
NOT_FOUND_PAGE = "404.html"
HOME_PAGE = urls.page_file(urls.home())  # index.html


@dataclass
class Report:
    """What ``check_site`` found; paths are relative to the site folder, POSIX style."""

    broken: list[tuple[str, str, str]] = field(default_factory=list)  # (page, link, reason)
    unreachable: list[str] = field(default_factory=list)
    external: list[tuple[str, str]] = field(default_factory=list)  # (page, url)
    pages: int = 0

    @property
    def ok(self) -> bool:
        return not self.broken and not self.unreachable

    def format(self) -> str:
        """A bilingual report for staff (Chinese first, then English)."""
        lines = []
        if self.broken:
            lines.append(f"站内链接错误 {len(self.broken)} 处 / {len(self.broken)} broken internal link(s):")
            lines.extend(f"  {page}: {link} -> {reason}" for page, link, reason in self.broken)
        if self.unreachable:
            lines.append(f"无法从首页到达的页面 {len(self.unreachable)} 个 / "
                         f"{len(self.unreachable)} page(s) not reachable from index.html:")
            lines.extend(f"  {page}" for page in self.unreachable)
        if self.ok:
            lines.append(f"站内链接检查通过:{self.pages} 个页面。\n"
                         f"Internal links OK: {self.pages} pages.")
        lines.append(self.external_summary())
        return "\n".join(lines)

    def external_summary(self) -> str:
        n = len({url for _, url in self.external})  # distinct
        return f"外部链接 {n} 个(未检查)。/ {n} external link(s) listed, not fetched."

    def external_text(self) -> str:
        """The external links, one ``url<TAB>page`` line each, in a fixed order."""
        return "".join(f"{url}\t{page}\n" for page, url in sorted(self.external, key=lambda e: (e[1], e[0])))


# A regular scan instead of html.parser: the site is our own well-formed output,
# and at thousands of pages the full parser cost more than the build itself.
_SKIP = re.compile(r"<!--.*?-->|<script\b[^>]*>.*?</script>|<style\b[^>]*>.*?</style>", re.S | re.I)
_TAG = re.compile(r"<([a-zA-Z][\w:-]*)(\s[^>]*)?>")
_ATTR = re.compile(r"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_WANTED = re.compile(r"(?:^|\s)(?:id|href|src|name)\s*=", re.I)
_SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)
# Per process, for the whole build: piece -> (anchors, links), or () for none.
_PIECES: dict[str, tuple] = {}


def _value(match: re.Match) -> str:
    return decoded(next(v for v in match.groups()[1:] if v is not None))


def _scan(text: str) -> tuple[set[str], list[str]]:
    """(anchors: ids and <a name>, links: href/src values) of one page."""
    anchors: set[str] = set()
    # Scripts and styles hold no links to check, but a <script src> does.
    links = [_value(a).strip() for m in _SCRIPT.finditer(text) for a in _ATTR.finditer(m.group(1))
             if a.group(1).lower() == "src"]
    # No tag match spans a ">" (see _TAG), so the text is cut after each ">"
    # that ends a line and the pieces are scanned one by one: the theme's
    # lines repeat on every page, and each distinct piece is scanned once.
    for piece in _SKIP.sub("", text).split(">\n"):
        found = _PIECES.get(piece)
        if found is None:
            found = _PIECES[piece] = _scan_tags(piece + ">")
        if found:
            anchors.update(found[0])
            links.extend(found[1])
    return anchors, links


def _scan_tags(text: str) -> tuple:
    """(anchors, links) of the tags in ``text`` (comments, scripts and styles
    removed), or () when there are none."""
    anchors: list[str] = []
    links: list[str] = []
    for m in _TAG.finditer(text):
        attrs = m.group(2)
        # Most tags (class only, SVG paths) carry none of the four attributes:
        # parse the attributes of the others only.
        if not attrs or not _WANTED.search(attrs):
            continue
        tag = m.group(1).lower()
        for a in _ATTR.finditer(attrs):
            name = a.group(1).lower()
            if name == "id" or (name == "name" and tag == "a"):
                anchors.append(_value(a))
            elif name in LINK_ATTRS:
                links.append(_value(a).strip())
    return (tuple(anchors), tuple(links)) if anchors or links else ()


def check_site(site_dir: Path, site_url: str = "") -> Report:
    """Check every page of the built site in ``site_dir`` (see the module docstring).

    ``site_url`` is the address the site is published at (MkDocs' ``site_url``);
    absolute links under it count as internal, and root-relative links are
    resolved against its path.
    """
    site_dir = Path(site_dir).resolve()
    base_path = (urlsplit(site_url).path or "/").removesuffix("/") + "/"
    site_prefix = site_url if site_url.endswith("/") else (site_url + "/" if site_url else "")
    names = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html") if p.is_file())
    # In one process: scanning in several bought nothing (README "Figures").
    pages = {name: _scan((site_dir / name).read_text(encoding="utf-8", errors="replace")) for name in names}
    report = Report(pages=len(pages))
    edges: dict[str, set[str]] = {name: set() for name in pages}
    is_file = functools.lru_cache(maxsize=None)(lambda rel: (site_dir / rel).is_file())  # one stat per file

    # A plain relative link opens the same file from every page that joins it
    # to the same path (the theme's links repeat on every page, each catalogue
    # entry has a folder of its own): resolve each joined path once.
    resolved: dict[tuple[str, bool], str] = {}
    for name, (_, links) in pages.items():
        folder = posixpath.dirname(name)
        for link in links:
            if link.startswith("#") and "%" not in link:
                target = (name, link[1:])  # this page
            elif "?" not in link and "%" not in link and _plain_relative(link):
                path, _, fragment = link.partition("#")
                key = (posixpath.normpath(posixpath.join(folder, path)), path.endswith("/"))
                rel = resolved.get(key)
                if rel is None:
                    target = _classify(site_dir, name, link, base_path, site_prefix, report)
                    if target is not None:
                        resolved[key] = target[0]
                else:
                    target = (rel, fragment)
            else:
                target = _classify(site_dir, name, link, base_path, site_prefix, report)
            if target is None:
                continue
            rel, fragment = target
            if rel not in pages and not is_file(rel):
                report.broken.append((name, link, f"文件不存在 / missing file {rel}"))
                continue
            if rel in pages:
                edges[name].add(rel)
                if fragment and fragment not in pages[rel][0]:
                    report.broken.append((name, link, f"{rel} 中没有锚点 / no id {fragment!r} in {rel}"))
            elif fragment:
                report.broken.append((name, link, f"{rel} 不是网页,不能有锚点 / #{fragment} on a non-HTML file"))

    if HOME_PAGE not in pages:
        report.broken.append((HOME_PAGE, "", "首页不存在 / missing home page"))
    else:
        seen, todo = {HOME_PAGE}, [HOME_PAGE]
        while todo:
            for nxt in edges[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        report.unreachable = [n for n in pages if n not in seen and n != NOT_FOUND_PAGE]
    return report


def _classify(site_dir: Path, page: str, link: str, base_path: str, site_prefix: str,
              report: Report) -> tuple[str, str] | None:
    """The (site-relative file, fragment) an internal link opens; None when it is
    not to be checked (external, ignored, or already reported as broken)."""
    parts = urlsplit(link)
    scheme = parts.scheme.lower()
    if scheme in IGNORED_SCHEMES:
        return None
    if scheme in FORBIDDEN_SCHEMES:
        report.broken.append((page, link[:80], f"不允许 {scheme}: 链接 / {scheme}: URLs are not allowed"))
        return None
    absolute = bool(scheme or parts.netloc)  # http:, https:, //host/..., other schemes
    if absolute and not (site_prefix and (link.startswith(site_prefix) or link + "/" == site_prefix)):
        report.external.append((page, link))
        return None
    path = unquote(parts.path)
    fragment = unquote(parts.fragment)
    if not path and not absolute:
        return page, fragment  # "#anchor" or "?query": this page
    if absolute or path.startswith("/"):
        if page == NOT_FOUND_PAGE and not absolute:
            return None  # depends on where the site is hosted; see the module docstring
        if path + "/" == base_path:
            path = base_path
        elif not path.startswith(base_path):
            report.broken.append((page, link, f"链接不在网站路径 {base_path} 之下 / outside the site path {base_path}"))
            return None
        rel = path[len(base_path):]
    else:
        rel = posixpath.join(posixpath.dirname(page), path)
    directory = path.endswith("/") or rel in ("", ".")
    rel = posixpath.normpath(rel) if rel else "."
    if rel == ".." or rel.startswith("../"):
        report.broken.append((page, link, "链接超出网站目录 / leaves the site folder"))
        return None
    if rel == ".":
        rel = ""
    if directory or (rel and (site_dir / rel).is_dir()) or not rel:
        rel = urls.page_file(rel)
    return rel, fragment


def _plain_relative(link: str) -> bool:
    """A relative path (no scheme, host, root, or bare #/? reference)."""
    return bool(link) and not link.startswith(("#", "?", "/")) and ":" not in link.split("/", 1)[0]

