"""Put back the paragraph breaks of a text that lost them.

Some sites, copied from, give the whole document as one line: paragraphs run
on with a space between them. The breaks are put back where the layout of an
official document leaves no doubt: before a clause number, after a sentence
or a colon, around a date, the publication note, a subtitle or a disclosure
label, after a title, and after a short numbered heading. A space inside a
sentence (“规上” 企业) is kept as it is.
"""

from __future__ import annotations

import re

from ..chinese import DATE
from .metadata import is_metadata_line
from .structure import _DOC_KIND, _ENDS_AS_TITLE, is_addressee, marker_of

_WS = re.compile(r"(\s+)")
_DATE_START = re.compile(rf"^{DATE}$")
_DATE_END = re.compile(rf"{DATE}$")
_YEARS = re.compile(r"^[（(]\d{4}\s*[-—–－至]+\s*\d{4}年[）)]")
_NOTE = re.compile(r"^[（(]此件")
# A notice's title run straight into its addressees: …措施的通知各相关单位:
_TITLE_THEN_ADDRESSEES = re.compile(rf"^(\S*?关于\S*?(?:{_DOC_KIND}))((?:各|全|省|市|区|县|镇|乡)\S*[:：])$")


def split_lost_breaks(text: str) -> list[str]:
    parts = _WS.split(text.strip())
    words = parts[0::2]
    spaces = parts[1::2]
    lines: list[str] = []
    current = words[0]
    for i, space in enumerate(spaces):
        right = words[i + 1]
        if _break(current, right):
            lines.append(current)
            current = right
        else:
            current += space + right
    lines.append(current)
    split = []
    for line in lines:
        m = _TITLE_THEN_ADDRESSEES.match(line) if is_addressee(line) else None
        split += [m.group(1), m.group(2)] if m else [line]
    return split


def _break(current: str, right: str) -> bool:
    """Whether a paragraph ends between ``current`` (the paragraph so far) and the next word."""
    if not current.strip("•●·▪■◆ "):
        return False  # a bullet stays with what follows it
    if marker_of(right) or right.startswith(("•", "●", "·")) or is_metadata_line(right):
        return True
    if current.endswith(">") and right.endswith(">"):
        return False  # 文字解读> 图片解读>: one row of links
    if is_metadata_line(current) and current.endswith((":", "：")) and not is_addressee(right):
        return False  # 政策解读: 文字解读> …, the value of an empty-looking label
    if current.endswith(("。", "；", "！", "？", ":", "：", ">", ";")):
        return True
    if _DATE_START.match(right) or _DATE_END.search(current):
        return True
    if _NOTE.match(right) or current.endswith(("公开发布)", "公开发布）")):
        return True
    if right.startswith(("附件:", "附件：")) or _YEARS.match(right) or re.fullmatch(r"附件\d*", current):
        return True
    if _YEARS.match(current) and current.endswith((")", "）")):
        return True
    if is_addressee(right):
        return True
    if _ENDS_AS_TITLE.search(current) and not re.search(r"[，,。；]", current):
        return True
    found = marker_of(current)
    return bool(found) and len(current) <= 40 and not re.search(r"[，,。；;：:]", current)
