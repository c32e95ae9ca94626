"""Text out of HTML, one way for the whole project: ``text_lines`` reads an element
(``parse``) as a reader sees it, a line per block (a table row's cells joined by
" | "), inline markup joined to its words; ``plain_text`` a fragment on one line;
``decoded`` an attribute's value (the link checker)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# What a reader never sees as text.
HIDDEN = frozenset({"script", "style", "noscript", "template", "head"})
_VOID = {"br", "img", "meta", "link", "input", "hr", "area", "base", "col", "embed", "param", "source",
         "track", "wbr"}
_BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tbody", "thead", "tfoot",
          "tr", "section", "article", "main", "aside", "center", "blockquote", "pre", "dl", "dt", "dd",
          "figure", "figcaption", "address", "body", "html", "td", "th"}
_SPACE = re.compile(r"\s+")
# The permalink Python-Markdown puts in a heading (¶): not part of its text.
_PERMALINK = re.compile(r'<a[^>]*class="headerlink"[^>]*>.*?</a>', re.S)


class Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict, parent: "Node | None"):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "li") and self.stack[-1].tag == tag:
            self.stack.pop()  # an unclosed <p> or <li> ends where the next one starts
        node = Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(text: str) -> Node:
    """The element tree of ``text`` (its root holds the top-level elements)."""
    tree = _Tree()
    tree.feed(text)
    tree.close()
    return tree.root


def text_lines(node: Node, skip: frozenset = HIDDEN) -> list[str]:
    """The text of ``node`` as a reader sees it, a line per block, without
    the elements named in ``skip``."""
    out, current = [], []
    _lines(node, out, current, skip)
    _flush(out, current)
    return out


def _lines(node: Node, out: list[str], current: list[str], skip: frozenset) -> None:
    """Append the text of ``node`` to ``current``; a block boundary flushes a line."""
    for child in node.children:
        if isinstance(child, str):
            current.append(child.replace("\n", " ").replace("\r", " "))
        elif child.tag in skip:
            continue
        elif child.tag == "br":
            _flush(out, current)
        elif child.tag == "tr":
            _flush(out, current)
            cells = [" ".join(text_lines(cell, skip)).strip() for cell in child.children
                     if isinstance(cell, Node) and cell.tag in ("td", "th")]
            if any(cells):
                out.append(" | ".join(cells))
        elif child.tag in _BLOCK:
            _flush(out, current)
            _lines(child, out, current, skip)
            _flush(out, current)
        else:
            _lines(child, out, current, skip)


def _flush(out: list[str], current: list[str]) -> None:
    text = "".join(current)
    current.clear()
    if text.strip(" \t\u00a0\u3000"):
        out.append(text)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment on one line, white space collapsed,
    headings' permalinks left out."""
    return _SPACE.sub(" ", " ".join(text_lines(parse(_PERMALINK.sub("", fragment))))).strip()


def decoded(text: str) -> str:
    """Text or an attribute's value with its entities decoded: &amp; -> &."""
    return html.unescape(text) if "&" in text else text
