"""The 公开信息 block: the disclosure facts government sites print above a document.

Sites print the same facts in many ways: one per line behind a bullet, two
or three to a line, in a table (cells separated by " | "), with spaces inside
the label (索 引 号) and a full- or half-width colon, and sometimes the value
on the next line. Each known label is found wherever it stands, and its value
runs to the next label. Values are copied as they are; only dates are
rewritten into the model's YYYY-MM-DD (HH:MM) form, and only when the text
states a whole date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Label as printed -> field of METADATA ("title" is the document's own title).
FIELD_LABELS = {
    "index_no": ["信息索引号", "索引号"],
    "doc_no": ["文号", "文件编号", "发文字号", "发文文号", "文件字号"],
    "unified_no": ["规范性文件统一编号", "统一编号"],
    "topic": ["主题分类", "信息分类"],
    "issuer": ["发布机构", "发布单位", "发文机关", "发文机构", "发文单位"],
    "written_date": ["成文日期", "发文日期"],
    "disclosure": ["公开方式", "公开类型"],
    "validity": ["有效性", "是否有效"],
    "published": ["发布日期", "发布时间"],
    "source": ["信息来源", "来源"],
    "title": ["标题", "名称", "信息名称", "文件名称"],
}
# Labels of page furniture: recognised so they do not run into a value, never copied.
COUNTERS = ["浏览次数", "访问次数", "阅读人数", "阅读次数", "点击数", "点击量", "政策原文", "政策解读"]
# Labels of facts the model has no field for: listed for review with their value.
OTHER = ["主题词", "体裁分类", "组配分类", "目录组配分类", "内容概述", "废止日期", "失效日期", "生成日期", "公文目录",
         "文种", "关键词", "公开属性", "公开期限", "实施日期", "施行日期", "有效期", "字号"]

_ALL = sorted({label for labels in FIELD_LABELS.values() for label in labels} | set(COUNTERS) | set(OTHER),
              key=len, reverse=True)
# Spaces a label may hold between its characters (索 引 号).
_GAP = r"[ \t\u00a0\u3000]*"
_LABEL = re.compile(r"(?:(?<=^)|(?<=[\s|•·●▪■◆>\d]))(" + "|".join(_GAP.join(map(re.escape, label)) for label in _ALL)
                    + r")" + _GAP + r"[:：]")
_LEAD = re.compile(r"^[\s•·●▪■◆*\-|]*")
_BY_LABEL = {label: name for name, labels in FIELD_LABELS.items() for label in labels}
_VALUE_EDGE = " \t\u00a0\u3000|•·●▪■◆"


def is_metadata_line(line: str) -> bool:
    """Whether ``line`` begins with a disclosure label (after bullets or a table bar)."""
    m = _LABEL.search(line)
    return m is not None and not _LEAD.sub("", line[: m.start()]).strip()


@dataclass
class Metadata:
    values: dict[str, str] = field(default_factory=dict)  # field -> value as printed
    other: list[tuple[str, str]] = field(default_factory=list)  # (label, value) without a field
    lines: set[int] = field(default_factory=set)  # indexes of the paragraphs that held metadata


def read_metadata(paragraphs: list[str], indexes: list[int]) -> Metadata:
    """Collect label/value pairs from the paragraphs at ``indexes``."""
    result = Metadata()
    pending: str | None = None  # a label whose value is on the next line
    for i in indexes:
        line = paragraphs[i]
        matches = list(_LABEL.finditer(line))
        if not matches or not is_metadata_line(line):
            if pending and not _LABEL.search(line) and len(line) <= 40:
                _store(result, pending, line.strip(_VALUE_EDGE))
                result.lines.add(i)
            pending = None
            continue
        result.lines.add(i)
        pending = None
        for k, m in enumerate(matches):
            end = matches[k + 1].start() if k + 1 < len(matches) else len(line)
            label = re.sub(_GAP, "", m.group(1))  # as FIELD_LABELS writes it: 索 引 号 -> 索引号
            value = line[m.end():end].strip(_VALUE_EDGE)
            if label in ("政策解读",):
                value = ""
            if not value:
                # 索引号: with its value on the next line (never in a table row,
                # where an empty cell is an empty value)
                alone = (k == len(matches) - 1 and "|" not in line
                         and _BY_LABEL.get(label) not in (None, "title"))
                pending = label if alone else None
                continue
            _store(result, label, value)
    return result


_TRAILING_TIME = re.compile(r"\s+(\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)$")


def _store(result: Metadata, label: str, value: str) -> None:
    if label in COUNTERS or not value:
        return
    m = _TRAILING_TIME.search(value)
    if m and label not in ("发布日期", "发布时间", "成文日期", "发文日期"):
        # 来源:市财政局 2019-06-24 16:15 - a time without a label of its own
        result.other.append(("(无标签)", m.group(1)))
        value = value[: m.start()]
    name = _BY_LABEL.get(label)
    if name is None:
        result.other.append((label, value))
    elif name not in result.values:
        result.values[name] = value
