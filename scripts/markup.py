"""Convert a generated page's Markdown to HTML once, with one reused converter.

A site engine (MkDocs) converts each page itself, building a new
Python-Markdown instance with every extension for each page: at thousands of
catalogue entries that set-up is most of the conversion cost, and it runs on
one core. Generated pages are instead converted here, with the site's own
Markdown settings, by one converter reset between pages, and catalogue entry
pages in the forked workers that render them (``scripts/pages/page.py``).
An engine that can take a page's HTML as it is (the MkDocs hook can) skips
its own conversion; the output is the same (tests/test_determinism.py builds
the site both ways and compares every byte).

Only Python-Markdown is used here, no engine internals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import markdown

from .html_blocks import restore, stash


@dataclass(frozen=True)
class MarkdownSettings:
    """The site's Markdown extensions and their options, as the engine has them."""

    extensions: tuple = ()
    configs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Converted:
    html: str
    toc: list  # Python-Markdown's toc_tokens: {level, id, name, html, children, ...}
    title: str | None  # text of the first heading when it is an <h1>, as the engine takes it
    anchors: frozenset  # every id="..." in the HTML


class Converter:
    def __init__(self, settings: MarkdownSettings):
        self._md = markdown.Markdown(extensions=list(settings.extensions), extension_configs=settings.configs)

    def convert(self, text: str) -> Converted:
        """The HTML of ``text``; the generator's HTML blocks pass through
        untouched (scripts/html_blocks.py)."""
        source, blocks = stash(_FRONT_MATTER.sub("", text, count=1))
        html = self._md.reset().convert(source)
        if blocks:
            html = restore(html, blocks)
        return Converted(html, getattr(self._md, "toc_tokens", []), first_h1_text(html), frozenset(_ID.findall(html)))


# YAML front matter (page settings such as hide: toc), which engines read
# and leave out of the page; the same pattern as MkDocs' and Zensical's.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_ID = re.compile(r'\sid="([^"]*)"')
_FIRST_ELEMENT = re.compile(r"\s*<(\w+)")
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_PERMALINK = re.compile(r'<a class="headerlink" href="#[^"]*"[^>]*>.*?</a>\s*$', re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]*>")


def first_h1_text(html: str) -> str | None:
    """The page title the way MkDocs takes it from a page's first element
    when that is an <h1>: its inner HTML without the permalink, tags stripped
    (entities kept), whitespace collapsed."""
    first = _FIRST_ELEMENT.match(html)
    if not first or first.group(1) != "h1":
        return None
    inner = _H1.search(html).group(1)
    inner = _PERMALINK.sub("", inner)
    inner = _TAG.sub("", _COMMENT.sub("", inner))
    return " ".join(inner.split())
