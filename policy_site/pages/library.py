"""政策文件库: every document (citation-only ones too) in reading order, with
filters by issuing body, year, validity, document type and topic.

The list is complete in the HTML (in ``Content.all_documents`` order: in
force first, newest first); docs/assets/catalogue.js, the catalogue's filter
script, adds the filters and keeps them in the URL.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .. import urls
from ..content import Content, document_day
from ..present import date_zh, doc_name, facts, validity
from ..schema.model import DOCUMENT_TYPE, VALIDITY, VALIDITY_UNKNOWN
from .page import Page, make_page
from .views import Badge, Facet, Link, doc_badge

TITLE = "政策文件库"
# More published documents than this make a library: the home page lists
# this many (pages/home.py), and the navigation groups the documents under
# one section and shows only the open document's parts (pages/nav.py).
MANY_DOCUMENTS = 6
# The filter value of a document that does not give the field (shown as 未标注).
NOT_GIVEN = "未标注"


@dataclass(frozen=True)
class DocumentItem:
    """A document in a list (政策文件库, the home page's short list: _library.j2)."""

    id: str  # its anchor in the list
    link: Link  # its name (present.doc_name), to its page
    status: Badge
    citation_only: bool  # the site has its number and title, not its text
    facts: str  # 文号 · 发布单位 · 成文日期 (else 发布日期), those given
    kind: str  # 文件类型 · 主题分类, those given


def document_item(doc) -> DocumentItem:
    meta = doc.metadata
    day = meta.written_date and "成文日期 " + date_zh(meta.written_date) or meta.published and (
        "发布日期 " + date_zh(meta.published))
    return DocumentItem(doc.id, Link(doc_name(doc), urls.document(doc)), doc_badge(doc), not doc.body,
                        facts([meta.doc_no, meta.issuer, day]),
                        facts([doc.type, meta.topic and "主题分类：" + meta.topic]))


@dataclass
class Row:
    """One document in the list."""

    item: DocumentItem
    facets: dict[str, str]  # facet key -> the document's value (NOT_GIVEN when not given)
    text: str  # what the keyword box searches: title, short title, 文号, 发布单位


@dataclass
class LibraryPage:
    rows: list[Row]
    facets: list[Facet]


def _values(doc) -> dict[str, str]:
    meta = doc.metadata
    day = document_day(doc)
    return {
        "issuer": _one(meta.issuer),
        "year": str(day.year) if day else NOT_GIVEN,
        "validity": validity(doc).value,
        "type": doc.type or NOT_GIVEN,
        "topic": _one(meta.topic),
    }


def _one(text: str | None) -> str:
    """A free-text field as one filter value: the filter script splits an
    item's values on "|", so one in the text becomes a full-width ｜."""
    return text.replace("|", "｜") if text else NOT_GIVEN


def _by_count(values: list[str]) -> list[tuple[str, str]]:
    """Free-text values, the most frequent first (then by text), 未标注 last."""
    counts = Counter(values)
    given = sorted((v for v in counts if v != NOT_GIVEN), key=lambda v: (-counts[v], v))
    return [(v, v) for v in given] + ([(NOT_GIVEN, NOT_GIVEN)] if NOT_GIVEN in counts else [])


def _in_order(values: list[str], order: list[str]) -> list[tuple[str, str]]:
    """Vocabulary values in the vocabulary's order, only those that occur, 未标注 last."""
    present = set(values)
    return [(v, v) for v in [*order, NOT_GIVEN] if v in present]


def facets(rows: list[Row]) -> list[Facet]:
    """The filters, their options derived from the documents listed."""
    def column(key):
        return [r.facets[key] for r in rows]

    years = sorted({v for v in column("year") if v != NOT_GIVEN}, reverse=True)
    return [
        Facet("issuer", "发布单位", _by_count(column("issuer"))),
        Facet("year", "年份", _in_order(column("year"), years)),
        Facet("validity", "有效性", [(v, VALIDITY_UNKNOWN.label if v == VALIDITY_UNKNOWN.value else v)
                                   for v, _ in _in_order(column("validity"), list(VALIDITY.terms))]),
        Facet("type", "文件类型", _in_order(column("type"), list(DOCUMENT_TYPE.terms))),
        Facet("topic", "主题分类", _by_count(column("topic"))),
    ]


def pages(content: Content, env, site) -> list[Page]:
    rows = [Row(document_item(doc), _values(doc),
                f"{doc.title} {doc.short_title or ''} {doc.metadata.doc_no or ''} {doc.metadata.issuer or ''}")
            for doc in content.all_documents]
    return [make_page(env, "library.html.j2", urls.library(), TITLE, LibraryPage(rows, facets(rows)), hide=("toc",))]
