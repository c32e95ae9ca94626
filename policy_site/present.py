"""How the site writes things: numbers, targets, comparators, dates, statuses
and citations, each said once.

The page data (``pages/``), the infographic, the search records and the
catalogue's open-data export all write these through this module, so the
same fact reads the same everywhere.
Nothing here loads or checks content; the content checks use it only where
they must word a value as the site does. Which state a document is in is
decided by ``content.status`` (``validity``, ``validity_state``).
"""

from __future__ import annotations

import datetime as dt
import re

from . import target_shape
from .chinese import half_width
from .content.status import validity, validity_state
from .schema.model import (COMPARATOR, DOCUMENT_TYPE, DOCUMENT_TYPE_DEFAULT, EDITORIAL_NOTE, INTERPRETATION_TYPE,
                           OFFICIAL_INTERPRETATION)
from .schema.types import EMPTY

# -- Numbers and targets ---------------------------------------------------------


def format_number(value: int | float) -> str:
    """11700 -> '11700', 2.5 -> '2.5', 45.0 -> '45': as the plan writes numbers."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def whole_number(value: int | float) -> str:
    """A regular expression for ``value`` stated as a whole number in a text:
    1170 is not in 11700, nor 2 in 2.5."""
    return rf"(?<![\d.]){re.escape(format_number(value))}(?![\d]|\.\d)"


def amount(value: int | float, unit: str) -> str:
    """A number with its unit: 11700家, 2.5%."""
    return f"{format_number(value)}{unit}"


# How a range is written between its bounds: 5%-8%, 5至8个百分点, 4.5%—5%.
RANGE_SEPARATOR = "(?:——|[-－—–～~至到])"


def range_span(quote: str, lower, upper, unit: str) -> str | None:
    """The range as the quote writes it (5%-8%, 5至8个百分点), found by its
    bounds and unit; None when the quote does not state that range."""
    unit = re.escape(unit)
    m = re.search(rf"{whole_number(lower)}(?:{unit})?\s*{RANGE_SEPARATOR}\s*{whole_number(upper)}{unit}", quote)
    return m.group(0) if m else None


def _with_comparator(comparator: str, number: str) -> str:
    term = COMPARATOR.term(comparator)
    position = term.extra["position"]
    if position == "after":
        return f"{number}{term.label}"
    if position == "before":
        return f"{term.label}{number}"
    return number


def _bounded(comparator: str, value, upper, unit: str, quote: str) -> str:
    """One number or a range, with its comparator: 11700家以上, 5%-8%."""
    if comparator == "区间":
        return range_span(quote, value, upper, unit) or f"{amount(value, unit)}至{amount(upper, unit)}"
    return _with_comparator(comparator, amount(value, unit))


def part_text(ind, part) -> str:
    """One labelled value of a 分别 target, without its label: 达到10家."""
    return _bounded(ind.comparator, part.value, part.upper, part.unit, ind.quote)


def target_text(ind) -> str:
    """The target as the text words it, by its shape (target_shape): 11700家以上,
    不低于2.5%, 5%-8%, 不低于上年同期, 保持增长, 省级达到10家，市级达到20家."""
    kind = target_shape.shape(ind)
    if kind == target_shape.QUALITATIVE:
        return ind.direction
    if kind == target_shape.VALUES:
        return "，".join(f"{p.label}{part_text(ind, p)}" for p in ind.values)
    if kind == target_shape.RELATIVE:
        return relative_phrase(ind)
    return _bounded(ind.comparator, ind.value, ind.upper, ind.unit, ind.quote)


def relative_phrase(ind) -> str:
    """A relative target as the quote must state it: comparator, reference
    and the number where there is one (高于全省平均水平, 不低于上年同期,
    上年水平以上)."""
    term = COMPARATOR.term(ind.comparator)
    number = amount(ind.value, ind.unit) if ind.value is not None else ""
    if term.extra["position"] == "after":
        return f"{ind.reference}{number}{term.label}"
    return f"{term.label}{ind.reference}{number}"


def target_terms(ind) -> list[str]:
    """What shape a target is when it is not one number, when it is due and
    what kind of figure it is, where the content says: [区间目标, 目标年份
    2025年, 年均]; [] when it says none of these."""
    kind = target_shape.shape(ind)
    return [term for term in [target_shape.LABELS[kind] if kind != target_shape.SINGLE else "",
                              f"比较基准 {ind.reference}" if ind.reference else "",
                              f"目标年份 {ind.deadline}年" if ind.deadline else "", ind.kind or ""] if term]


# What the 目标值 and 单位 columns show for a target without a number.
NO_NUMBER = "无数值"


def target_number(ind) -> str:
    """The 目标值 column: 11700; a range 5至8; each labelled value 10、20、30;
    无数值 for a target the text states without a number."""
    kind = target_shape.shape(ind)
    if kind == target_shape.VALUES:
        return "、".join(_number_or_range(p) for p in ind.values)
    if ind.value is None:
        return NO_NUMBER
    return _number_or_range(ind)


def _number_or_range(holder) -> str:
    if holder.upper is not None:
        return f"{format_number(holder.value)}至{format_number(holder.upper)}"
    return format_number(holder.value)


def target_unit(ind) -> str:
    """The 单位 column: the unit, the units of labelled values once each, or
    "" where there is no number."""
    if ind.values:
        return "、".join(dict.fromkeys(p.unit for p in ind.values))
    return ind.unit or ""


def comparator_text(comparator: str | None) -> str:
    """The comparator with its sign, for people who scan a table: 以上（≥）,
    区间（∈）; "" for a target without one (a qualitative target)."""
    if not comparator:
        return ""
    return f"{comparator}（{COMPARATOR.term(comparator).extra['symbol']}）"


def file_size(size: int) -> str:
    """A file's size as people read it: 812 字节, 12.3 KB, 4.1 MB (a
    no-break space between number and unit)."""
    if size < 1000:
        return f"{size}\u00a0字节"
    if size < 1_000_000:
        return f"{size / 1000:.1f}\u00a0KB"
    return f"{size / 1_000_000:.1f}\u00a0MB"


def tel_href(phone: str) -> str:
    """The tel: link of a phone number as written: 0574-8765 4321 ->
    tel:057487654321 (a phone dials digits; brackets and hyphens are for eyes)."""
    return "tel:" + "".join(c for c in phone if c.isdigit() or c == "+")


# -- Dates -------------------------------------------------------------------------


def date_zh(value: dt.date | dt.datetime | None) -> str:
    """2018-12-12 -> 2018年12月12日; with a time: 2018年12月24日 08:54."""
    if value is None:
        return ""
    text = f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.datetime):
        text += f" {value:%H:%M}"
    return text


def date_iso(value: dt.date | dt.datetime | None, separator: str = "T") -> str | None:
    """2018-12-12; with a time 2018-12-24T08:54 (open data), or with
    ``separator=" "`` 2018-12-24 08:54 (the PubDate meta tag)."""
    if value is None:
        return None
    return value.strftime(f"%Y-%m-%d{separator}%H:%M") if isinstance(value, dt.datetime) else value.isoformat()


def period_zh(period) -> str:
    """An application period: 2019年1月1日 至 2019年12月31日, 未提供 for a missing end."""
    return f"{date_zh(period.start) if period.start else EMPTY} 至 {date_zh(period.end) if period.end else EMPTY}"


# -- Statuses ----------------------------------------------------------------------


def document_lapsed(doc) -> str | None:
    """What a document's status tag says when it is not stated to be in force:
    已废止 / 已失效, or 有效性未标注; None for a document in force."""
    return None if validity_state(doc) == "in-force" else validity_word(doc)


def validity_word(doc) -> str:
    """The one word the site uses for a document's state wherever it shows a
    status (badges, search results, banners): 有效, 已废止, 已失效 or
    有效性未标注. The 公开信息 table alone quotes the source's own 有效性
    field (废止) as published."""
    return validity(doc).extra["word"]


def entry_lapsed(status) -> str | None:
    """A catalogue entry's status (已截止, 已失效) when it is not current; None when it is."""
    return None if status.current else status.value


def entry_fact_empty(field, current: bool) -> str:
    """What an entry's missing fact says: the field's own words (未提供 — 以主管
    部门发布的实施细则为准) while the entry is current; 未提供 alone once it is
    not, since no rules are coming for a lapsed entry."""
    return field.empty if current or not field.empty.startswith(EMPTY) else EMPTY


def verified_note(date) -> str:
    """The date staff last checked an entry against its basis, said as what it is."""
    return f"{date_zh(date)}（工作人员对照依据文件核实本条目的日期）"


# -- Interpretations ---------------------------------------------------------------


def interpretation_class(item) -> str:
    """政策解读 for an interpretation that names its 解读机关; the site's own
    explanatory text is 本站编辑说明, never presented as a 政策解读."""
    return OFFICIAL_INTERPRETATION if item.body else EDITORIAL_NOTE.label


def interpretation_name(item) -> str:
    """How a link names it, by its form: 文字解读, or 文字说明 where it is
    the site's own note (the form's ``note``)."""
    term = INTERPRETATION_TYPE.term(item.type)
    return term.label if item.body else term.extra["note"]


# -- Citations ---------------------------------------------------------------------


def doc_name(doc) -> str:
    """The name a document goes by on the site: its short title, else its title."""
    return doc.short_title or doc.title


def book_title(doc) -> str:
    """The document's name in title marks: 《小微企业三年行动计划》."""
    return f"《{doc_name(doc)}》"


def citation(doc, bracketed: bool = False) -> str:
    """The document as the site cites it: 《name》 and its number, the number in
    full-width brackets when ``bracketed``; 《name》 alone when it has none."""
    number = doc.metadata.doc_no if doc.metadata else None
    if not number:
        return book_title(doc)
    return f"{book_title(doc)}（{number}）" if bracketed else f"{book_title(doc)}{number}"


def facts(parts, separator: str = " · ") -> str:
    """Facts in a row, the empty ones left out with their separators: no
    leading, trailing or doubled · when a field is not given."""
    return separator.join(str(p) for p in parts if p)


def document_names(doc) -> dict:
    """What a document's parts are called, by its type (schema.model.DOCUMENT_TYPE):
    ``goals`` and ``tasks`` (page titles), ``citation`` (nested or article)."""
    kind = getattr(doc, "type", None)
    return DOCUMENT_TYPE.term(kind).extra if kind else DOCUMENT_TYPE_DEFAULT


def goals_title(doc) -> str:
    return document_names(doc)["goals"]


def tasks_title(doc) -> str:
    return document_names(doc)["tasks"]


# A measure or article numbered with digits: 8. 8、 ８． (8) （8）
_ARTICLE_DIGITS = re.compile(r"^[（(]?([0-9０-９]+)[)）]?[.．、]?$")


def clause_number(ref) -> str:
    """A clause's position as people cite it: in an outline, 三(一)1. for task
    1 of group (一) of part 三、, and 一 for part 一、 (the enumeration comma
    belongs to the heading that follows it); in numbered measures and
    articles (DOCUMENT_TYPE citation "article"), the clause's own number as
    an article: 第8条 for a measure numbered 8., 第八条 as written."""
    own = (ref.clause.number or "").strip()
    if own and document_names(ref.document)["citation"] == "article":
        if own.startswith("第"):
            return own
        if digits := _ARTICLE_DIGITS.match(own):
            return f"第{half_width(digits.group(1))}条"
    return "".join(c.number.rstrip("、") for c in (*ref.parents, ref.clause) if c.number)


def clause_label(ref) -> str:
    """Citation and heading, e.g. 三(一)1.主体提质行动。 or 一、指导思想; a
    clause with a number and no heading by its citation (一, 第8条); one
    with neither (a preamble) by the start of its text."""
    if ref.clause.heading:
        if clause_number(ref).startswith("第"):
            label = f"{clause_number(ref)} {ref.clause.heading}"
        else:
            parents = "".join(c.number.rstrip("、") for c in ref.parents if c.number)
            label = parents + (ref.clause.number or "") + ref.clause.heading
    else:
        label = clause_number(ref)
    if not label and ref.clause.text:
        text = ref.clause.text
        label = text[:12]
        if "《" in label and "》" not in label:  # do not leave a title mark open
            label = label[:label.index("《")]
        label += "…" if len(label) < len(text) else ""
    return label
