"""How the site writes things: numbers, targets, comparators, dates, statuses
and citations, each said once.

The pages (through the filters and globals ``render.environment`` registers),
the infographic, the search records and the catalogue's open-data export all
write these through this module, so the same fact reads the same everywhere.
Nothing here loads or checks content; ``content.py`` uses it only where a check
or a status reason must word a value as the site does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .schema.model import COMPARATOR, VALIDITY

# -- Numbers and targets ---------------------------------------------------------


def format_number(value: int | float) -> str:
    """11700 -> '11700', 2.5 -> '2.5', 45.0 -> '45': as the plan writes numbers."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def amount(value: int | float, unit: str) -> str:
    """A number with its unit: 11700家, 2.5%."""
    return f"{format_number(value)}{unit}"


def target_text(ind) -> str:
    """The target as the plan words it: 11700家以上, 不低于2.5%, 超过45万平方米."""
    term = COMPARATOR.term(ind.comparator)
    number = amount(ind.value, ind.unit)
    position = term.extra["position"]
    if position == "after":
        return f"{number}{term.label}"
    if position == "before":
        return f"{term.label}{number}"
    return number


def comparator_text(comparator: str) -> str:
    """The comparator with its sign, for people who scan a table: 以上（≥）."""
    return f"{comparator}（{COMPARATOR.term(comparator).extra['symbol']}）"


# -- Dates -------------------------------------------------------------------------


def date_zh(value: dt.date | dt.datetime | None) -> str:
    """2018-12-12 -> 2018年12月12日; with a time: 2018年12月24日 08:54."""
    if value is None:
        return ""
    text = f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.datetime):
        text += f" {value:%H:%M}"
    return text


def period_zh(period) -> str:
    """An application period: 2019年1月1日 至 2019年12月31日, 未提供 for a missing end."""
    start = date_zh(period.start) if period.start else "未提供"
    end = date_zh(period.end) if period.end else "未提供"
    return f"{start} 至 {end}"


# -- Statuses ----------------------------------------------------------------------


def in_force(doc) -> bool:
    """Whether a document is in force (no validity given counts as in force)."""
    validity = doc.metadata.validity if doc.metadata else None
    return validity is None or VALIDITY.term(validity).extra["in_force"]


def validity_description(doc) -> str:
    """What the document's validity means for a reader, or "" when none is given."""
    return VALIDITY.term(doc.metadata.validity).description if doc.metadata.validity else ""


def document_lapsed(doc) -> str | None:
    """已废止 / 已失效 for a document no longer in force; None for one in force."""
    return None if in_force(doc) else f"已{doc.metadata.validity}"


def entry_lapsed(status) -> str | None:
    """A catalogue entry's status (已截止, 已失效) when it is not current; None when it is."""
    return None if status.current else status.value


# Why a catalogue entry has its derived status (content.Content.policy_status).
ENTRY_PERIOD_ENDED = "申报期已结束。"
ENTRY_PERIOD_NOT_STARTED = "申报期尚未开始。"
ENTRY_BASIS_IN_FORCE = "依据文件有效。"


def entry_basis_lapsed(docs) -> str:
    """Why an entry whose basis documents are all no longer in force has lapsed."""
    names = "、".join(f"{d.metadata.doc_no or d.title}（{d.metadata.validity}）" for d in docs)
    return f"依据文件 {names} 已不再有效。"


def entry_status_data(status) -> dict:
    """A catalogue entry's status as the open data writes it."""
    return {"value": status.value, "reason": status.reason, "overridden": status.overridden}


@dataclass(frozen=True)
class Banner:
    """A warning at the top of a page whose subject no longer applies."""

    aria_label: str
    title: str
    text: str


def document_banner(doc) -> Banner | None:
    """The banner of a page about a document that is no longer in force."""
    if in_force(doc):
        return None
    return Banner("文件有效性", f"本文件有效性：{doc.metadata.validity}", validity_description(doc))


def entry_banner(status) -> Banner | None:
    """The banner of a catalogue entry that is not current."""
    if status.current:
        return None
    return Banner("条目状态", f"本条目状态：{status.value}", f"{status.reason}本条目仅作历史参考，不代表现行政策。")


# -- Citations ---------------------------------------------------------------------


def doc_name(doc) -> str:
    """The name a document goes by on the site: its short title, else its title."""
    return doc.short_title or doc.title


def book_title(doc) -> str:
    """The document's name in title marks: 《小微企业三年行动计划》."""
    return f"《{doc_name(doc)}》"


def citation(doc, bracketed: bool = False) -> str:
    """The document as the site cites it: 《name》 and its number, the number in
    full-width brackets when ``bracketed``."""
    number = doc.metadata.doc_no or ""
    return f"{book_title(doc)}（{number}）" if bracketed else f"{book_title(doc)}{number}"


def clause_number(ref) -> str:
    """A clause's position as people cite it: 三(一)1. for task 1 of group (一) of part 三、."""
    numbers = [c.number for c in (*ref.parents, ref.clause) if c.number]
    return "".join(n.rstrip("、") if i < len(numbers) - 1 else n for i, n in enumerate(numbers))


def clause_label(ref) -> str:
    """Citation and heading, e.g. 三(一)1.主体提质行动。; a clause with
    neither (a preamble) is named by the start of its text."""
    label = clause_number(ref) + (ref.clause.heading or "")
    if not label and ref.clause.text:
        text = ref.clause.text
        label = text[:12]
        if "《" in label and "》" not in label:  # do not leave a title mark open
            label = label[:label.index("《")]
        label += "…" if len(label) < len(text) else ""
    return label
