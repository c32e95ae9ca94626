"""Explain a YAML syntax error to staff: the likely cause and the cure, in
Chinese and English, at the line where the mistake is (not always where the
parser noticed it: a full-width colon is noticed on the next line).

``explain(text, exc)`` looks at the lines around the parser's position and
picks the first cause that fits; the parser's own words stay in the English
message (for an engineer), never in the Chinese one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A field name followed by a full-width colon: ``name：值`` or ``- name：值``.
_FULLWIDTH_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*)\s*([：﹕︰])")
# A line that starts like ``key:`` (a field), maybe as a list item.
_KEY_LINE = re.compile(r"^(\s*)(-\s+)?([A-Za-z_][A-Za-z0-9_-]*)\s*:(\s|$)")
# Full-width punctuation staff may type where YAML needs the half-width sign.
_FULLWIDTH_SYNTAX = {
    "　": ("全角空格", "a full-width space", "半角空格"),
    "－": ("全角减号“－”", "a full-width hyphen", "半角“- ”"),
    "［": ("全角方括号“［”", "a full-width bracket", "半角“[”"),
    "］": ("全角方括号“］”", "a full-width bracket", "半角“]”"),
    "，": ("全角逗号“，”", "a full-width comma", "半角逗号“, ”"),
}


@dataclass(frozen=True)
class Hint:
    line: int  # 1-based
    column: int  # 1-based
    zh: str
    en: str


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _meaningful(lines: list[str], before: int) -> int | None:
    """Index of the nearest line above ``before`` that is neither blank nor a comment."""
    for i in range(before - 1, -1, -1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return i
    return None


def explain(text: str, context: str | None, context_mark, problem: str | None, problem_mark) -> Hint:
    """The cause and cure of a YAML syntax error (PyYAML's context/problem and marks)."""
    lines = text.split("\n")
    detail = " ".join(filter(None, [context, problem]))
    mark = problem_mark or context_mark
    line, col = (mark.line, mark.column) if mark else (0, 0)
    raw = f" (parser: {detail})"

    if "\t" in detail or "'\\t'" in detail:
        return Hint(line + 1, col + 1,
                    "这一行用 Tab 键缩进了。YAML 只认空格:请删除这一行开头的 Tab,改用空格(每一级多两个空格,与同一级的上下行对齐)。",
                    "this line is indented with a Tab. YAML only accepts spaces: replace the Tab with spaces "
                    "(two more per level, aligned with the lines of the same level)." + raw)

    # A full-width colon after a field name: the parser notices it a line later.
    # (The line of the error, the one above, and where the parser's context
    # began: a full-width colon before a multi-line text is noticed lines later.)
    upto = min(line, len(lines) - 1)
    began = context_mark.line if context_mark and context_mark.line < len(lines) else upto
    for i in (upto, upto - 1, began):
        m = _FULLWIDTH_KEY.match(lines[i]) if i >= 0 else None
        if m:
            key, colon = m.group(2), m.group(3)
            return Hint(i + 1, m.start(3) + 1,
                        f"字段名“{key}”后面用了全角冒号“{colon}”。字段名和值之间必须是半角冒号加一个空格:请改为“{key}: ”。",
                        f'the field name "{key}" is followed by a full-width colon "{colon}". A field name and its value '
                        f'are separated by a half-width colon and a space: write "{key}: ".' + raw)

    if problem and "end of stream" in problem and context and "quoted scalar" in context and context_mark:
        q = lines[context_mark.line][context_mark.column] if context_mark.column < len(lines[context_mark.line]) else '"'
        return Hint(context_mark.line + 1, context_mark.column + 1,
                    f"这里的引号 {q} 开了头却没有结束。请在这段文字的末尾补上同样的引号 {q};"
                    f"如果文字本身含有这个引号,请把整段文字改用 |- 块写法(见编辑指南“文字里有冒号或引号”)。",
                    f"the quote {q} opened here is never closed. Add the same quote {q} at the end of the text; "
                    f"if the text itself contains that quote, write it as a |- block instead." + raw)

    if problem and "unknown escape character" in problem:
        return Hint(line + 1, col + 1,
                    "双引号中的文字里有反斜杠“\\”。请把这段文字改用单引号 '…' 或 |- 块写法,文字不用改。",
                    "a backslash inside double quotes. Use single quotes or a |- block instead; the text stays as it is." + raw)

    if problem and "mapping values are not allowed" in problem and line < len(lines):
        here = lines[line]
        above = _meaningful(lines, line)
        key = _KEY_LINE.match(here)
        if key and above is not None and _indent(here) > _indent(lines[above]) and \
                not lines[above].rstrip().endswith((":", "|", "|-", ">", ">-")):
            extra = _indent(here) - _indent(lines[above])
            name = key.group(3)
            return Hint(line + 1, _indent(here) + 1,
                        f"这一行的字段“{name}”比上一行多缩进了 {extra} 个空格。同一级的字段必须左对齐:"
                        f"请删掉这一行开头多出的空格,让它与第 {above + 1} 行对齐(只有写在“字段名:”下一行的内容才多缩进)。",
                        f'the field "{name}" is indented {extra} space(s) more than the line above. Fields of the same '
                        f"level must line up: remove the extra spaces so it aligns with line {above + 1}." + raw)
        before = here[:col]
        if col < len(here) and here[col] == ":" and here[col + 1:].strip() == "":
            return Hint(line + 1, col + 1,
                        "这段没有加引号的文字以半角冒号“:”结尾,YAML 把它当成了“字段名:”。请给整段文字加上双引号"
                        "(例如 text: \"……如下:\"),或改用 |- 块写法;文字本身不用改。",
                        'this unquoted text ends in a half-width colon ":", which YAML reads as "field:". Put the whole '
                        'text in double quotes (text: "...:") or write it as a |- block; the text itself stays as it is.' + raw)
        if ":" in before or "：" in before or not _KEY_LINE.match(here):
            return Hint(line + 1, col + 1,
                        "这段没有加引号的文字中含有“冒号加空格”(: ),YAML 把它当成了“字段名: 值”。请给整段文字加上双引号"
                        "(文字里已有双引号时用单引号),或改用 |- 块写法;文字本身不用改。",
                        'this unquoted text contains ": " (a colon and a space), which YAML reads as "field: value". '
                        "Put the whole text in double quotes (single quotes if it contains double quotes) or write it "
                        "as a |- block; the text itself stays as it is." + raw)

    if problem and "expected <block end>" in problem:
        start = context_mark.line if context_mark else 0
        here = lines[line] if line < len(lines) else ""
        if "sequence" in problem or problem.rstrip().endswith("'-'"):
            first = next((i for i in range(start, line) if lines[i].lstrip().startswith("- ")), None)
            align = f"第 {first + 1} 行" if first is not None else "上面同一列表的各项"
            return Hint(line + 1, _indent(here) + 1,
                        f"这一行的列表项(- 开头)缩进不对:同一列表的每一项,“-”都必须上下对齐(与{align}的“-”对齐);"
                        "如果它属于上面的某个字段,那个字段应单独一行、以冒号结尾,列表项比它多缩进两个空格。",
                        "this list item (starting with -) is at the wrong depth: every item of a list starts with a "
                        f"'-' in the same column (as on line {first + 1 if first is not None else start + 1}); if it "
                        "belongs to a field above, that field ends with a colon on its own line and its items are "
                        "indented two more spaces." + raw)
        sibling = _indent(lines[start]) if start < len(lines) else 0
        return Hint(line + 1, _indent(here) + 1,
                    f"这一行的缩进不对:它缩进了 {_indent(here)} 个空格,而它所在的这组字段(从第 {start + 1} 行开始)"
                    f"缩进 {sibling} 个空格。同一级的字段必须左对齐,下一级比上一级多缩进两个空格。",
                    f"this line is indented {_indent(here)} space(s), but the fields it belongs to (from line "
                    f"{start + 1}) are indented {sibling}. Fields of the same level line up; a nested level is "
                    "indented two more spaces." + raw)

    if problem and "could not find expected ':'" in problem and context_mark:
        return Hint(context_mark.line + 1, context_mark.column + 1,
                    "这一行既不是“字段名: 值”,也不是上一行文字的接续:如果它是字段,字段名后缺少半角冒号和空格“: ”;"
                    "如果它是上一行长文字的一部分,请把整段文字改用 |- 块写法(每行比字段名多缩进两个空格)。",
                    'this line is neither "field: value" nor the continuation of the text above: a field needs a '
                    'half-width colon and a space after its name; a long text is best written as a |- block.' + raw)

    if context and "flow" in context and context_mark:
        opener, closer = "[]" if "sequence" in context else "{}"
        return Hint(context_mark.line + 1, context_mark.column + 1,
                    f"这里的“{opener}”没有对应的“{closer}”:一行写完的列表要以“{closer}”结束,各项之间用半角逗号“, ”分隔"
                    f"(从第 {context_mark.line + 1} 行第 {context_mark.column + 1} 列开始)。",
                    f'the "{opener}" opened here has no matching "{closer}": a list written on one line ends with '
                    f'"{closer}" and its items are separated by half-width commas (it began at line '
                    f"{context_mark.line + 1}, column {context_mark.column + 1})." + raw)

    # Full-width punctuation used as syntax somewhere near the error.
    if line < len(lines):
        for ch, (zh, en, fix) in _FULLWIDTH_SYNTAX.items():
            pos = lines[line].find(ch)
            if pos != -1 and not lines[line][:pos].strip(" -"):
                return Hint(line + 1, pos + 1,
                            f"这一行开头用了{zh},YAML 需要{fix}。请改为半角符号。",
                            f"this line starts with {en}; YAML needs the half-width sign." + raw)

    return Hint(line + 1, col + 1,
                "YAML 格式有误。请检查这一行和上一行:缩进是否与同一级对齐、字段名后是否是半角冒号加空格“: ”、"
                "引号和括号是否成对。含有冒号或引号的文字请加引号或改用 |- 块写法。",
                "YAML syntax error: check this line and the one above for indentation, a half-width colon and "
                "space after each field name, and paired quotes and brackets." + raw)
