"""政策原文: one page per document with its disclosure metadata, notice, text and attachments."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .. import urls
from ..content import ClauseRef, Content, Relation
from ..opendata import linked_data
from ..present import date_zh
from .banners import Banner, document_banner
from ..render import linked_text
from ..schema.model import DISCLOSURE_FIELDS, METADATA
from ..schema.types import Date, DateTime
from ..validate import Record
from .page import Page, fact_row, make_page
from .views import HELPLINE_LAPSED, helpline


def metadata_rows(doc) -> list[tuple[str, str, str]]:
    """(label, shown value, what is shown when there is none: the field's
    ``empty`` or 未提供) for every metadata field, in the model's order."""
    rows = []
    for name, field in METADATA.fields.items():
        value = getattr(doc.metadata, name)
        if value is None and name not in DISCLOSURE_FIELDS:
            continue
        if isinstance(field.type, (Date, DateTime)):
            value = date_zh(value)
        rows.append(fact_row(field, value))
    return rows


def clause_links(ref: ClauseRef, current_url: str) -> list[tuple[str, str, str]]:
    """Phrases of a clause that link elsewhere: cited document numbers, indicator quotes."""
    links = []
    for cited in ref.clause.cites:
        if cited.metadata.doc_no:
            links.append((cited.metadata.doc_no, urls.relative(urls.document(cited), current_url), "cite"))
    for ind in ref.clause.indicators:
        links.append((ind.quote, urls.relative(urls.indicator(ref.document, ind), current_url), "indicator"))
    return links


@dataclass
class DocumentPage:
    doc: Record
    metadata_rows: list[tuple[str, str, str]]  # (label, shown value, shown when empty), in the model's order
    interpretations: list[Record]
    top_clauses: list[ClauseRef]
    children: dict[str, list[ClauseRef]]  # clause id -> its sub-clauses
    paragraphs: dict[str, list[Markup]]  # clause id -> its text, cited numbers and quotes linked
    policies: dict[str, list[Record]]  # clause id -> catalogue entries based on it
    cited: list[Record]  # documents the text cites
    cited_by: list[ClauseRef]  # clauses of other documents that cite this one
    relations: list[Relation]  # both ways: 本文件替代 … / 替代本文件 … (Relation.label)
    banner: Banner | None  # the document's status (banners.document_banner)
    linked_data: Markup  # schema.org Legislation and breadcrumbs (opendata/linked_data.py)


def pages(content: Content, env, site) -> list[Page]:
    result = []
    for doc in content.documents.values():
        url = urls.document(doc)
        refs = list(content.clauses(doc))
        cited = []
        for r in refs:
            cited += [d for d in r.clause.cites if d not in cited]
        cited_by = [
            r
            for other in content.full_documents
            for r in content.clauses(other)
            if doc in r.clause.cites
        ]
        page = DocumentPage(
            doc,
            metadata_rows=metadata_rows(doc),
            interpretations=content.interpretations_of(doc),
            top_clauses=[r for r in refs if not r.parents],
            children={r.clause.id: [c for c in refs if c.parents and c.parents[-1] is r.clause] for r in refs},
            paragraphs={r.clause.id: linked_text(r.clause.text, clause_links(r, url)) for r in refs},
            policies={r.clause.id: content.policies_based_on(doc, r.clause) for r in refs},
            cited=cited,
            cited_by=cited_by,
            relations=content.relations_both_ways(doc),
            banner=document_banner(doc, content.successors(doc), helpline(site, HELPLINE_LAPSED)),
            linked_data=linked_data.script(linked_data.document(content, site, doc, site.name)),
        )
        result.append(make_page(env, "document.html.j2", url, doc.title, page))
    return result
