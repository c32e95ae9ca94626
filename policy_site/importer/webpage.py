"""The article of a saved government web page, as paragraphs.

A saved page is mostly furniture: navigation, the site's header and footer,
share buttons, a QR code. The document is the one element whose paragraphs
hold the most Chinese text; the disclosure table (索引号, 发文字号 …) usually
sits outside it and is kept from the rest of the page by its labels. Table
rows become one line with cells separated by " | ", the shape the metadata
reader expects from any source.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .metadata import is_metadata_line

_SKIP = {"script", "style", "noscript", "template", "head", "iframe", "select", "button", "svg", "canvas",
         "nav", "header", "footer", "form", "object", "map"}
_VOID = {"br", "img", "meta", "link", "input", "hr", "area", "base", "col", "embed", "param", "source",
         "track", "wbr"}
_BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tbody", "thead", "tfoot",
          "tr", "section", "article", "main", "aside", "center", "blockquote", "pre", "dl", "dt", "dd",
          "figure", "figcaption", "address", "body", "html", "td", "th"}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TITLE_HINT = re.compile(r"title|biaoti|bt\b", re.I)


class _Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict, parent: "_Node | None"):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "li") and self.stack[-1].tag == tag:
            self.stack.pop()  # an unclosed <p> or <li> ends where the next one starts
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(_Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1]))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _lines(node: _Node, out: list[str], current: list[str]) -> None:
    """Append the text of ``node`` to ``current``; a block boundary flushes a line."""
    for child in node.children:
        if isinstance(child, str):
            current.append(child.replace("\n", " ").replace("\r", " "))
            continue
        if child.tag in _SKIP:
            continue
        if child.tag == "br":
            _flush(out, current)
        elif child.tag == "tr":
            _flush(out, current)
            cells = []
            for cell in child.children:
                if isinstance(cell, _Node) and cell.tag in ("td", "th"):
                    inner: list[str] = []
                    cell_lines: list[str] = []
                    _lines(cell, cell_lines, inner)
                    _flush(cell_lines, inner)
                    cells.append(" ".join(cell_lines).strip())
            if any(cells):
                out.append(" | ".join(cells))
        elif child.tag in _BLOCK:
            _flush(out, current)
            _lines(child, out, current)
            _flush(out, current)
        else:
            _lines(child, out, current)


def _flush(out: list[str], current: list[str]) -> None:
    text = "".join(current)
    current.clear()
    if text.strip(" \t\u00a0\u3000"):
        out.append(text)


def _text_of(node: _Node) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    _lines(node, out, current)
    _flush(out, current)
    return out


def _direct_score(node: _Node) -> int:
    """Chinese characters in the paragraphs that are this element's own children."""
    score = 0
    for child in node.children:
        if isinstance(child, str):
            score += len(_CJK.findall(child))
        elif child.tag in ("p", "span", "font", "strong", "b", "h1", "h2", "h3", "h4", "center", "br") \
                and child.tag not in _SKIP:
            score += sum(len(_CJK.findall(t)) for t in _text_of(child))
    return score


def _walk(node: _Node):
    for child in node.children:
        if isinstance(child, _Node) and child.tag not in _SKIP:
            yield child
            yield from _walk(child)


def html_paragraphs(text: str) -> list[str]:
    """The disclosure lines and the article of a saved page, in reading order."""
    tree = _Tree()
    tree.feed(text)
    tree.close()
    nodes = list(_walk(tree.root))
    if not nodes:
        return []
    body = max(nodes, key=_direct_score)
    if _direct_score(body) == 0:
        return _text_of(tree.root)
    before: list[str] = []
    # Everything before the article, kept only where it is disclosure metadata
    # or the page's title; navigation and footers are dropped.
    for line, node in _lines_before(tree.root, body):
        if is_metadata_line(line) or (node is not None and _is_title(node)):
            before.append(line)
    return before + _text_of(body)


def _is_title(node: _Node) -> bool:
    while node is not None:
        if node.tag in ("h1",) or _TITLE_HINT.search(node.attrs.get("class", "") + " " + node.attrs.get("id", "")):
            return True
        node = node.parent
    return False


def _lines_before(root: _Node, body: _Node) -> list[tuple[str, _Node | None]]:
    """(line, element it came from) for the text of the page that precedes ``body``."""
    result: list[tuple[str, _Node | None]] = []

    def visit(node: _Node) -> bool:
        for child in node.children:
            if child is body:
                return True
            if isinstance(child, str) or child.tag in _SKIP:
                continue
            if not _contains(child, body):
                for line in _text_of(_wrap(child)):
                    result.append((line, child))
                continue
            if visit(child):
                return True
        return False

    visit(root)
    return result


def _contains(node: _Node, target: _Node) -> bool:
    while target is not None:
        if target is node:
            return True
        target = target.parent
    return False


def _wrap(node: _Node) -> _Node:
    holder = _Node("div", {}, node.parent)
    holder.children = [node]
    return holder
