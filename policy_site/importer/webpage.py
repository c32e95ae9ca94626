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

from ..html_text import HIDDEN, Node, parse, text_lines
from .metadata import is_metadata_line

# What is not the article: what a reader never sees, and the page's furniture.
_SKIP = HIDDEN | {"iframe", "select", "button", "svg", "canvas", "nav", "header", "footer", "form", "object", "map"}

_CJK = re.compile(r"[\u4e00-\u9fff]")
_TITLE_HINT = re.compile(r"title|biaoti|bt\b", re.I)


def _direct_score(node: Node) -> int:
    """Chinese characters in the paragraphs that are this element's own children."""
    score = 0
    for child in node.children:
        if isinstance(child, str):
            score += len(_CJK.findall(child))
        elif child.tag in ("p", "span", "font", "strong", "b", "h1", "h2", "h3", "h4", "center", "br"):
            score += sum(len(_CJK.findall(t)) for t in text_lines(child, _SKIP))
    return score


def _walk(node: Node):
    for child in node.children:
        if isinstance(child, Node) and child.tag not in _SKIP:
            yield child
            yield from _walk(child)


def html_paragraphs(text: str) -> list[str]:
    """The disclosure lines and the article of a saved page, in reading order."""
    root = parse(text)
    nodes = list(_walk(root))
    if not nodes:
        return []
    body = max(nodes, key=_direct_score)
    if _direct_score(body) == 0:
        return text_lines(root, _SKIP)
    before: list[str] = []
    # Everything before the article, kept only where it is disclosure metadata
    # or the page's title; navigation and footers are dropped.
    for line, node in _lines_before(root, body):
        if is_metadata_line(line) or (node is not None and _is_title(node)):
            before.append(line)
    return before + text_lines(body, _SKIP)


def _is_title(node: Node) -> bool:
    while node is not None:
        if node.tag in ("h1",) or _TITLE_HINT.search(node.attrs.get("class", "") + " " + node.attrs.get("id", "")):
            return True
        node = node.parent
    return False


def _lines_before(root: Node, body: Node) -> list[tuple[str, Node | None]]:
    """(line, element it came from) for the text of the page that precedes ``body``."""
    path = [body]  # from the root down to body
    while path[0] is not root:
        path.insert(0, path[0].parent)
    result: list[tuple[str, Node | None]] = []
    for parent, on_path in zip(path, path[1:]):
        for child in parent.children[:parent.children.index(on_path)]:
            if isinstance(child, Node) and child.tag not in _SKIP:
                result += [(line, child) for line in text_lines(_wrap(child), _SKIP)]
    return result


def _wrap(node: Node) -> Node:
    holder = Node("div", {}, node.parent)
    holder.children = [node]
    return holder
