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
from markdown.extensions.toc import nest_toc_tokens, unique

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
    def __init__(self, settings: MarkdownSettings, shortcut: bool = True):
        self._md = markdown.Markdown(extensions=list(settings.extensions), extension_configs=settings.configs)
        self._outline = _Outline.learn(self._md) if shortcut else None

    def convert(self, text: str) -> Converted:
        """The HTML of ``text``; the generator's HTML blocks pass through
        untouched (scripts/html_blocks.py)."""
        source, blocks = stash(_FRONT_MATTER.sub("", text, count=1))
        written = self._outline.write(source) if self._outline is not None else None
        if written is not None:
            html, toc = written
        else:
            html = self._md.reset().convert(source)
            toc = getattr(self._md, "toc_tokens", [])
        if blocks:
            html = restore(html, blocks)
        return Converted(html, toc, first_h1_text(html), frozenset(_ID.findall(html)))


class _Outline:
    """Documents that are only plain headings and stashed HTML blocks (a
    catalogue entry page, once its HTML is stashed), written without the
    Markdown parser.

    The shapes are learnt from the converter itself: ``learn`` converts a
    sample with every heading level, an explicit id, a repeated heading and
    HTML blocks, takes the heading markup, the block spacing and the table
    of contents from the result, and only returns a writer if writing the
    sample itself gives back exactly what the converter gave. Anything else
    (other syntax, markup characters in a heading, blocks not on lines of
    their own) is left to the converter. tests/test_markup.py compares both
    ways on every page of the site and on edge cases.
    """

    _HEADING = re.compile(r"(#{1,6}) ([^ \\`*_\[\]<>&!#{}\"'\t]+(?: [^ \\`*_\[\]<>&!#{}\"'\t]+)*)(?: \{#([A-Za-z][A-Za-z0-9_-]*)\})?")
    _BLOCK = re.compile(r"<!--policy-site-block-\d+-->")
    _TEXT, _ID_MARK = "\x00t\x00", "\x00i\x00"
    _SAMPLE_TEXT, _SAMPLE_ID = "Sampleheading", "sample-id"

    def __init__(self, heading: str, token_keys: tuple, slugify, separator: str):
        self.heading, self.token_keys, self.slugify, self.separator = heading, token_keys, slugify, separator

    @classmethod
    def learn(cls, md: markdown.Markdown) -> "_Outline | None":
        toc = md.treeprocessors["toc"] if "toc" in md.treeprocessors else None
        if toc is None:
            return None
        probe = md.reset().convert(f"## {cls._SAMPLE_TEXT} {{#{cls._SAMPLE_ID}}}")
        if not (probe.startswith("<h2") and probe.endswith("</h2>")) or probe.count(cls._SAMPLE_TEXT) != 1:
            return None
        heading = probe[3:-5].replace(cls._SAMPLE_ID, cls._ID_MARK).replace(cls._SAMPLE_TEXT, cls._TEXT)
        tokens = md.toc_tokens
        if len(tokens) != 1 or set(tokens[0]) - {"level", "id", "name", "html", "data-toc-label", "children"}:
            return None
        outline = cls(heading, tuple(tokens[0]), toc.slugify, toc.sep)
        sample = "\n\n".join([
            "<!--policy-site-block-0-->", "# 标题 一（1）· A-b 2.5%", "<!--policy-site-block-1-->",
            "<!--policy-site-block-2-->", f"## {cls._SAMPLE_TEXT} {{#{cls._SAMPLE_ID}}}", "### 重复", "### 重复",
            "#### 四", "##### 五", "###### 六", "## 重复", "<!--policy-site-block-3-->",
        ]) + "\n"
        expected = md.reset().convert(sample), md.toc_tokens
        return outline if outline.write(sample) == expected else None

    def write(self, source: str) -> tuple[str, list] | None:
        """(HTML, table of contents) as the converter would give them, or
        None when ``source`` is not only headings and blocks."""
        parts: list[str] = []
        flat: list[dict] = []
        used: set[str] = set()  # ids given in the page are taken before any is generated
        headings: list[tuple[int, str, str | None]] = []
        previous_blank = True
        for line in source.split("\n"):
            if not line.strip():
                previous_blank = True
                continue
            if not previous_blank:
                return None  # two lines in one block: leave it to the parser
            previous_blank = False
            if self._BLOCK.fullmatch(line):
                parts.append(line + "\n")
                continue
            m = self._HEADING.fullmatch(line)
            if m is None:
                return None
            level, text, given = len(m.group(1)), m.group(2), m.group(3)
            headings.append((level, text, given))
            parts.append(None)  # written once every id is known
            if given:
                used.add(given)
        written = iter(headings)
        for i, part in enumerate(parts):
            if part is not None:
                continue
            level, text, given = next(written)
            anchor = given or unique(self.slugify(text, self.separator), used)
            parts[i] = f"<h{level}" + self.heading.replace(self._ID_MARK, anchor).replace(self._TEXT, text) + f"</h{level}>"
            values = {"level": level, "id": anchor, "name": text, "html": text, "data-toc-label": "", "children": []}
            flat.append({key: values[key] for key in self.token_keys})
        return "\n".join(parts).strip(), nest_toc_tokens(flat)


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
