"""A generated page (front matter ``generated: true``, pages.page.Page.source)
is HTML with headings marked ``markdown="span"``. Python-Markdown would
tokenise every tag of it with its pure-Python HTML parser (md_in_html) only
to pass the blocks through unchanged: ``split`` hands it the headings alone,
each run of HTML between them replaced by a placeholder paragraph, and
``restore`` puts the HTML back after the conversion. Headings still get
their ids, permalinks and table of contents from the same extensions; every
other byte is the generator's. Both engines convert pages with
Python-Markdown: MkDocs through our plugin (mkdocs/plugins.py
GeneratedHtml), Zensical through the extension here, which
engines/zensical.py adds to the configuration Zensical builds with.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

# A heading the engine converts (render.heading), kept in the Markdown.
_HEADING = re.compile(r'(<h[1-6]\b[^>]*\bmarkdown="span"[^>]*>.*?</h[1-6]>)', re.S)
_PLACEHOLDER = "PSHTMLBLOCK{}X"
_PLACED = re.compile(r"<p>PSHTMLBLOCK(\d+)X</p>")


def split(markdown: str) -> tuple[str, list[str]]:
    """(the headings of a generated page with a placeholder for each run of
    HTML between them, those runs)."""
    parts = _HEADING.split(markdown)
    blocks: list[str] = []
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(part)
        elif part.strip():
            out.append(_PLACEHOLDER.format(len(blocks)))
            blocks.append(part.strip("\n"))
    return "\n\n".join(out) + "\n", blocks


def restore(html: str, blocks: list[str]) -> str:
    """The converted page with each placeholder replaced by its run of HTML."""
    return _PLACED.sub(lambda m: blocks[int(m.group(1))], html)


class _Split(Preprocessor):
    """Before everything else (as MkDocs' plugin runs before Markdown):
    split a page whose front matter, as Zensical passes it, says generated."""

    def __init__(self, md):
        super().__init__(md)
        self.blocks: list[str] | None = None

    def run(self, lines: list[str]) -> list[str]:
        from zensical.extensions.context import ContextPreprocessor

        context = ContextPreprocessor.from_markdown(self.md)
        self.blocks = None
        if context is None or not context.page.meta.get("generated"):
            return lines
        text, self.blocks = split("\n".join(lines))
        return text.split("\n")


class _Restore(Postprocessor):
    """After everything else (as MkDocs' plugin runs on the converted page).
    Postprocessors also run on parts of a page (the table of contents'
    labels), so the blocks stay until the next page is split."""

    def __init__(self, md, split_: _Split):
        super().__init__(md)
        self.split = split_

    def run(self, text: str) -> str:
        return text if self.split.blocks is None else restore(text, self.split.blocks)


class ZensicalGeneratedHtml(Extension):
    def extendMarkdown(self, md) -> None:
        before = _Split(md)
        md.preprocessors.register(before, "policy_site_split", 100)
        md.postprocessors.register(_Restore(md, before), "policy_site_restore", 0)


def makeExtension(**kwargs) -> ZensicalGeneratedHtml:
    return ZensicalGeneratedHtml(**kwargs)
