"""MkDocs side: generated pages are HTML; Python-Markdown converts only their headings.

A generated page (front matter ``generated: true``, written by
``pages.page.Page.source``) is HTML with headings marked ``markdown="span"``.
Python-Markdown would tokenise every tag of it with its pure-Python HTML
parser (md_in_html) only to pass the blocks through unchanged. This plugin,
added by ``engines.MkdocsEngine`` to the loaded configuration, hands
Python-Markdown the headings alone, with each run of HTML between them
replaced by a placeholder paragraph, and puts the HTML back after the
conversion: headings still get their ids, permalinks and table of contents
from the same extensions, and every other byte is the generator's.
Another engine reads the same source unchanged (it needs no plugin).
What it buys is measured by ``scripts/bench/catalogue_scale.py`` (README, Figures).
"""

from __future__ import annotations

import re

import jinja2
from mkdocs.plugins import BasePlugin

# A heading the engine converts (render.heading), kept in the Markdown.
_HEADING = re.compile(r'(<h[1-6]\b[^>]*\bmarkdown="span"[^>]*>.*?</h[1-6]>)', re.S)
_PLACEHOLDER = "PSHTMLBLOCK{}X"
_PLACED = re.compile(r"<p>PSHTMLBLOCK(\d+)X</p>")


class GeneratedHtml(BasePlugin):
    def __init__(self):
        super().__init__()
        self._blocks: dict[str, list[str]] = {}

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if not page.meta.get("generated"):
            return markdown
        parts = _HEADING.split(markdown)
        blocks: list[str] = []
        out = []
        for i, part in enumerate(parts):
            if i % 2:
                out.append(part)
            elif part.strip():
                out.append(_PLACEHOLDER.format(len(blocks)))
                blocks.append(part.strip("\n"))
        self._blocks[page.file.src_uri] = blocks
        return "\n\n".join(out) + "\n"

    def on_page_content(self, html: str, page, config, files) -> str:
        blocks = self._blocks.pop(page.file.src_uri, None)
        if blocks is None:
            return html
        return _PLACED.sub(lambda m: blocks[int(m.group(1))], html)


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates as compiled, kept in memory between the builds
    of one process (the preview renders after every save; MkDocs makes a
    new template environment, which compiles every template anew, for each
    build). A template whose source changed has another key, so it is
    compiled again."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class KeepCompiled(BasePlugin):
    """Gives each build's template environment the process's ``CompiledTemplates``."""

    def __init__(self, templates: CompiledTemplates):
        super().__init__()
        self.templates = templates

    def on_env(self, env, config, files):
        env.bytecode_cache = self.templates
        return env
