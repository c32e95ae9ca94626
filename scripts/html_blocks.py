"""Keep the generator's own HTML blocks out of the Markdown parser.

Generated pages are Markdown headings (for the table of contents and search
sections) around large blocks of HTML the templates wrote and escaped. Python-
Markdown would parse every such block only to pass it through unchanged; at
thousands of catalogue pages that is the largest single cost of a build. The
blocks are swapped for placeholders before conversion and put back after,
byte for byte. A block is only swapped when its outer element is closed
within it, so anything unusual is simply left to Markdown.
"""

from __future__ import annotations

import re

# Block-level elements the templates start a block with.
_BLOCK_START = re.compile(r"^<(div|table|p|ul|ol|dl|figure|form|section|script|noscript|blockquote)\b")
_PLACEHOLDER = "<!--policy-site-block-{}-->"
_RESTORE = re.compile(r"<!--policy-site-block-(\d+)-->")


def stash(markdown: str) -> tuple[str, list[str]]:
    """(Markdown with HTML blocks replaced by placeholders, the blocks)."""
    blocks: list[str] = []
    out: list[str] = []
    lines = markdown.split("\n")
    i = 0
    while i < len(lines):
        m = _BLOCK_START.match(lines[i])
        if m and (i == 0 or not lines[i - 1].strip()):
            end = i
            while end + 1 < len(lines) and lines[end + 1].strip():
                end += 1
            block = "\n".join(lines[i:end + 1])
            tag = m.group(1)
            if len(re.findall(rf"<{tag}\b", block)) == len(re.findall(rf"</{tag}>", block)) and block.rstrip().endswith(">"):
                out.append(_PLACEHOLDER.format(len(blocks)))
                blocks.append(block)
                i = end + 1
                continue
        out.append(lines[i])
        i += 1
    return "\n".join(out), blocks


def restore(html: str, blocks: list[str]) -> str:
    """Put the stashed blocks back into the converted HTML."""
    return _RESTORE.sub(lambda m: blocks[int(m.group(1))], html)
