"""Built pages read as HTML: the one parser every test uses.

Pages are parsed with the standard library's ``html.parser`` into a small
element tree, so that checks look at parsed text, ids, table cells and
resolved links, never at substrings of raw HTML.
"""

from __future__ import annotations

import functools
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
             "meta", "source", "track", "wbr"}
BLOCK_TAGS = {"address", "article", "aside", "blockquote", "br", "caption", "dd", "details",
              "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4",
              "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
              "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
# Not visible text: permalink pilcrows and screen-reader-only labels.
INVISIBLE_CLASSES = {"headerlink", "sr-only"}
# Elements whose content is code, not text.
CODE_TAGS = ("script", "style")


def norm(text: str) -> str:
    """Collapse whitespace (spaces, newlines, \\xa0 and other Unicode spaces) to one space."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list["Node"]:
        return [n for n in self.walk()
                if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)]

    def children_tagged(self, *tags: str) -> list["Node"]:
        return [c for c in self.children if isinstance(c, Node) and c.tag in tags]

    def _collect_text(self, out: list[str]) -> None:
        if self.tag in (*CODE_TAGS, "template") or "hidden" in self.attrs:
            return
        if self.classes & INVISIBLE_CLASSES:
            return
        block = self.tag in BLOCK_TAGS
        if block:
            out.append("\n")
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            else:
                child._collect_text(out)
        if block:
            out.append("\n")

    def text(self) -> str:
        """Visible text, whitespace-normalised; block elements are separated by a space."""
        out: list[str] = []
        self._collect_text(out)
        return norm("".join(out))

    def all_text(self) -> str:
        """Every character of text inside, shown or hidden, as written (scripts and styles left out)."""
        if self.tag in CODE_TAGS:
            return ""
        return "".join(c if isinstance(c, str) else c.all_text() for c in self.children)

    def hrefs(self) -> list[str]:
        return [n.attrs["href"] for n in self.walk() if n.tag == "a" and n.attrs.get("href") is not None]


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.comments: list[str] = []

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID_TAGS:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)

    def handle_comment(self, data):
        self.comments.append(data)


@dataclass(eq=False)
class Page:
    path: Path | None  # None: parsed from text (parse_html)
    root: Node
    comments: list[str] = field(default_factory=list)  # the text of every <!-- comment -->

    @functools.cached_property
    def article(self) -> Node:
        """The main content: Material's <article> inside .md-content."""
        found = self.root.find_all("article") or self.root.find_all(cls="md-content")
        assert found, f"{self.path}: no <article> / .md-content element"
        return found[0]

    @functools.cached_property
    def id_counts(self) -> Counter:
        return Counter(n.attrs["id"] for n in self.root.walk() if n.attrs.get("id"))


def parse_html(html: str, path: Path | None = None) -> Page:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return Page(path, builder.root, builder.comments)


@functools.lru_cache(maxsize=None)
def parse(path: Path) -> Page:
    assert path.is_file(), f"missing page {path}"
    return parse_html(path.read_text(encoding="utf-8"), path)


# -- Tables ---------------------------------------------------------------------

def table_by_caption(page: Page, caption: str) -> Node:
    tables = [t for t in page.article.find_all("table")
              if any(c.text() == caption for c in t.children_tagged("caption"))]
    assert len(tables) == 1, f"{page.path}: expected one table captioned {caption!r}, found {len(tables)}"
    return tables[0]


def table_rows(table: Node) -> tuple[list[str], list[Node]]:
    """(column headers from <thead>, body rows)."""
    heads = table.children_tagged("thead")
    headers = [c.text() for c in heads[0].find_all("th")] if heads else []
    bodies = table.children_tagged("tbody") or [table]
    return headers, [tr for body in bodies for tr in body.children_tagged("tr")]


def cells(tr: Node) -> list[Node]:
    return tr.children_tagged("th", "td")


def rows_by_id(page: Page) -> dict[str, list[tuple[list[str], Node]]]:
    """Table rows of the main content that have an id: {id: [(column headers, tr)]}."""
    rows: dict[str, list] = {}
    for table in page.article.find_all("table"):
        headers, trs = table_rows(table)
        for tr in trs:
            if tr.attrs.get("id"):
                rows.setdefault(tr.attrs["id"], []).append((headers, tr))
    return rows


# -- Links ----------------------------------------------------------------------

def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file a link from ``page`` opens (directory URLs open index.html) and its fragment."""
    parts = urlsplit(href)
    path = unquote(parts.path)
    if not path:
        target = page
    else:
        base = site if path.startswith("/") else page.parent
        target = Path(os.path.normpath(base / path.lstrip("/")))
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
    return target, unquote(parts.fragment)


def site_rel(site: Path, target: Path) -> str:
    try:
        return target.relative_to(site).as_posix()
    except ValueError:
        return f"<outside the site: {target}>"
