"""Paragraphs of a Word (.docx) file, with the numbers Word draws itself.

Offices number clauses with Word's automatic lists: the "一、", "（一）" or
"第一条" a reader sees is not in the paragraph's text but computed by Word
from the numbering definitions (``word/numbering.xml``): each list level has
a format (一二三, 1 2 3, ①②③ …), a pattern such as ``第%1条`` or ``（%2）``
and a start value, and counters restart below a level that advances. This
module does the same computation, so a Word file reads exactly like the text
copied from the published page.
"""

from __future__ import annotations

import io
import zipfile

from ..chinese import chinese_number, full_width
from .errors import ImportFailure

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(path, raw: bytes) -> list[str]:
    """The paragraphs of a .docx in reading order, automatic numbers included;
    table rows become one line with their cells separated by " | "."""
    name = path.name
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise _not_docx(name) from None
    if "word/document.xml" not in names:
        raise _not_docx(name)
    try:
        import docx

        document = docx.Document(io.BytesIO(raw))
    except Exception:  # python-docx raises several kinds for a broken package
        raise _not_docx(name) from None
    numbering = _Numbering(document)
    lines: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            lines += _paragraph_lines(element, numbering, document)
        elif element.tag == f"{_W}tbl":
            for row in element.iter(f"{_W}tr"):
                cells = ["".join(_paragraph_text(p) for p in cell.iter(f"{_W}p")).strip()
                         for cell in row.iter(f"{_W}tc")]
                lines.append(" | ".join(cells))
    return lines


def _not_docx(name: str) -> ImportFailure:
    return ImportFailure(
        f"文件“{name}”不是有效的 Word 文件(.docx):它是一个压缩包,但里面没有 Word 文档。"
        "请用 Word 打开原文件,选“另存为”→“Word 文档(*.docx)”后再导入。",
        f'"{name}" is not a valid Word file (.docx): it is a zip archive without a Word document inside. '
        'Open the original in Word, choose "Save As" → "Word Document (*.docx)", and import that.')


# The elements of a run that stand for a character: a tab, a line break.
_BREAKS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}


def _paragraph_text(p) -> str:
    return "".join(_BREAKS.get(node.tag, node.text or "") for node in p.iter(f"{_W}t", *_BREAKS))


def _paragraph_lines(p, numbering: "_Numbering", document) -> list[str]:
    text = _paragraph_text(p)
    label = numbering.label(p, document)
    if label and text.strip():
        text = label + text.lstrip()
    return text.split("\n")


class _Numbering:
    """Word's list counters, advanced paragraph by paragraph."""

    def __init__(self, document):
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.levels: dict[str, dict[int, dict]] = {}  # abstractNumId -> level -> definition
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        for abstract in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in abstract.iter(f"{_W}lvl"):
                levels[int(lvl.get(f"{_W}ilvl"))] = {
                    "start": int(_val(lvl, "start") or 1),
                    "format": _val(lvl, "numFmt") or "decimal",
                    "text": _val(lvl, "lvlText") or "",
                    "suffix": _val(lvl, "suff") or "tab",
                    # after which level (1-based) this one starts again; 0: never
                    "restart": int(_val(lvl, "lvlRestart")) if _val(lvl, "lvlRestart") is not None else None,
                }
            self.levels[abstract.get(f"{_W}abstractNumId")] = levels
        for num in root.iter(f"{_W}num"):
            overrides = {}
            for override in num.iter(f"{_W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    overrides[int(override.get(f"{_W}ilvl"))] = int(start)
            self.nums[num.get(f"{_W}numId")] = (_val(num, "abstractNumId"), overrides)

    def label(self, p, document) -> str:
        num_id, level = self._num_pr(p, document)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.levels.get(abstract_id, {})
        if level not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        start = overrides.get(level, levels[level]["start"])
        counters[level] = counters[level] + 1 if level in counters else start
        for deeper in [k for k in counters if k > level]:
            # a level that advances restarts the ones below it, unless they say otherwise
            restart = levels.get(deeper, {}).get("restart")
            if restart is None or level < restart:
                del counters[deeper]
        text = levels[level]["text"]
        for k in range(level + 1):
            if f"%{k + 1}" in text:
                value = counters.get(k, overrides.get(k, levels.get(k, {}).get("start", 1)))
                text = text.replace(f"%{k + 1}", _format(value, levels.get(k, {}).get("format", "decimal")))
        suffix = levels[level]["suffix"]
        if suffix == "space" or (suffix == "tab" and text and text[-1] not in "、.．)）:："):
            text += " "
        return text

    def _num_pr(self, p, document) -> tuple[str | None, int]:
        """(numId, level) of a paragraph, from its own properties or its style's."""
        ppr = p.find(f"{_W}pPr")
        num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
        style_id = None
        if ppr is not None and ppr.find(f"{_W}pStyle") is not None:
            style_id = ppr.find(f"{_W}pStyle").get(f"{_W}val")
        seen = set()
        while num_pr is None and style_id and style_id not in seen:
            seen.add(style_id)
            style = document.styles.element.find(f"{_W}style[@{_W}styleId='{style_id}']")
            if style is None:
                break
            sppr = style.find(f"{_W}pPr")
            num_pr = sppr.find(f"{_W}numPr") if sppr is not None else None
            based = style.find(f"{_W}basedOn")
            style_id = based.get(f"{_W}val") if based is not None else None
        if num_pr is None:
            return None, 0
        return _val(num_pr, "numId"), int(_val(num_pr, "ilvl") or 0)


def _val(element, child: str) -> str | None:
    node = element.find(f"{_W}{child}")
    return node.get(f"{_W}val") if node is not None else None


_LEGAL = "零壹贰叁肆伍陆柒捌玖", "拾佰仟万"  # capital digits and units
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
# Numbers 1-20 in a circle (①), in parentheses (⑴) or with a full stop (⒈): the code point of 1.
_ENCLOSED = {"decimalEnclosedCircle": 0x2460, "decimalEnclosedCircleChinese": 0x2460, "decimalEnclosedParen": 0x2474,
             "decimalEnclosedFullstop": 0x2488}


def _format(n: int, fmt: str) -> str:
    """``n`` in one of Word's number formats."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "ideographDigital", "japaneseCounting"):
        return chinese_number(n)
    if fmt == "chineseLegalSimplified":
        return chinese_number(n, *_LEGAL)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12]
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return full_width(str(n))
    if fmt in _ENCLOSED and 1 <= n <= 20:
        return chr(_ENCLOSED[fmt] + n - 1)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out
