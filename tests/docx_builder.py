"""Build a Word file from one of the real texts, numbered the way offices number them.

The clause numbers (一、 (一) 1. 第一章 第一条 …) are taken out of the
paragraphs and given to Word's automatic numbering instead (a numbering
definition with one level per kind of number, as Word writes it), so the
numbers exist only in ``word/numbering.xml``: the importer must compute them.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

# kind -> (pattern of the number at the start of a paragraph, Word format, level text with %N for the level)
KINDS = {
    "chapter": (re.compile(r"^第([一二三四五六七八九十]+)章(\s*)"), "chineseCounting", "第%N章"),
    "article": (re.compile(r"^第([一二三四五六七八九十]+)条(\s*)"), "chineseCounting", "第%N条"),
    "cn": (re.compile(r"^([一二三四五六七八九十]+)、(\s*)"), "chineseCounting", "%N、"),
    "paren_cn": (re.compile(r"^\(([一二三四五六七八九十]+)\)(\s*)"), "chineseCounting", "(%N)"),
    "arabic": (re.compile(r"^(\d+)\.(\s*)"), "decimal", "%N."),
}


def numbered(paragraphs: list[str]) -> list[tuple[str | None, str, str]]:
    """(kind of number or None, the separator after the number, text without it) per paragraph."""
    result = []
    for text in paragraphs:
        for kind, (pattern, _, _) in KINDS.items():
            m = pattern.match(text)
            if m:
                result.append((kind, m.group(2), text[m.end():]))
                break
        else:
            result.append((None, "", text))
    return result


def build_docx(source: Path, target: Path, continue_kinds: tuple[str, ...] = ("article",)) -> Path:
    """Write ``target`` (.docx) with the paragraphs of the text file ``source``
    (its comment lines above the text left out); numbers become Word numbering.
    Kinds in ``continue_kinds`` never restart (articles count through chapters)."""
    lines = source.read_text(encoding="utf-8").split("\n")
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    paragraphs = [line.strip(" \u00a0\u3000\t") for line in lines]
    paragraphs = [p for p in paragraphs if p]
    items = numbered(paragraphs)
    order = list(dict.fromkeys(kind for kind, _, _ in items if kind))  # one Word level per kind, outermost first
    separators = {kind: sep for kind, sep, _ in reversed(items) if kind}
    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = []
    for level, kind in enumerate(order):
        _, fmt, text = KINDS[kind]
        suffix = "space" if separators[kind] else "nothing"
        restart = '<w:lvlRestart w:val="0"/>' if kind in continue_kinds else ""
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{restart}'
            f'<w:suff w:val="{suffix}"/><w:lvlText w:val="{text.replace("%N", f"%{level + 1}")}"/>'
            f'<w:lvlJc w:val="left"/></w:lvl>')
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        + "".join(levels) + "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for kind, _, text in items:
        paragraph = document.add_paragraph(text)
        if kind:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{order.index(kind)}"/><w:numId w:val="90"/></w:numPr>'))
    # Word writes abstractNum elements before num elements; keep that order.
    for num in numbering.findall(qn("w:num")):
        numbering.remove(num)
        numbering.append(num)
    document.save(target)
    return target
