"""政策原文: one page per document with its disclosure metadata, notice, text and attachments."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from markupsafe import Markup

from .. import urls
from ..content import Content
from ..opendata import linked_data
from ..present import citation, clause_label, date_zh, doc_name
from ..schema.model import DISCLOSURE_FIELDS, DOCUMENT, METADATA
from .banners import Banner, DraftBanner, document_banner, draft_banner
from .page import Page, make_page
from .views import HELPLINE_LAPSED, Badge, Fact, Link, Paragraph, dept_link, doc_badge, fact, helpline, linked_text


def metadata_rows(doc) -> list[Fact]:
    """Every metadata field in the model's order; those outside the
    disclosure block (废止日期) only when given."""
    return [fact(field, getattr(doc.metadata, name)) for name, field in METADATA.fields.items()
            if getattr(doc.metadata, name) is not None or name in DISCLOSURE_FIELDS]


@dataclass(frozen=True)
class Clause:
    """A clause of the text, and what links from it."""

    id: str
    heading: str  # its number and heading as written; "" for a clause with neither (a preamble)
    paragraphs: list[Paragraph]  # its text, cited documents' numbers and indicators' quotes linked
    policies: list[Link]  # catalogue entries based on it
    indicators: int  # how many it states
    targets: str  # the URL of its section of 主要目标
    responsible: tuple[Link, ...]  # its responsible units
    children: list["Clause"]


def clause(content: Content, ref, below: dict) -> Clause:
    """The clause of ``ref`` and, from ``below`` (clause id -> refs of its sub-clauses), its sub-clauses."""
    c, doc = ref.clause, ref.document
    links = [Link(d.metadata.doc_no, urls.document(d), "cite") for d in c.cites if d.metadata.doc_no]
    links += [Link(ind.quote, urls.indicator(doc, ind), "indicator") for ind in c.indicators]
    return Clause(c.id, (c.number or "") + (c.heading or ""), linked_text(c.text, links),
                  [Link(p.name, urls.policy(p)) for p in content.policies_based_on(doc, c)], len(c.indicators),
                  f"{urls.targets(doc)}#{c.id}", tuple(dept_link(d) for d in c.responsible),
                  [clause(content, r, below) for r in below.get(c.id, [])])


@dataclass
class DocumentPage:
    title: str
    metadata_rows: list[Fact]  # in the model's order
    interpretations: list[Link]  # named by their type (文字解读 …)
    notice: list[tuple[str, str]]  # 印发通知, its parts given: (addressees/text/signatory/date/publication, words)
    text_title: str  # the text's heading: its own title, or 正文 where that is the page's title; "": no text
    clauses: list[Clause]  # the top-level ones
    attachments: list[tuple[str, str, bool]]  # (id, name: title.format, whether the site has the file)
    relations: list[tuple[str, Link, Badge]]  # both ways: (本文件替代 … / 替代本文件 … (Relation.label), document, validity)
    cited: list[tuple[Link, Fact, Fact]]  # documents the text cites: (title, 文件编号, 发布单位)
    cited_by: list[Link]  # clauses of other documents that cite this one
    banner: Banner | None  # the document's status (banners.document_banner)
    draft: DraftBanner | None  # its open review items, when it is a draft (banners.draft_banner)
    linked_data: Markup  # schema.org Legislation and breadcrumbs (opendata/linked_data.py)
    sections: SimpleNamespace  # the anchors of its fixed sections (urls.SECTIONS)


def pages(content: Content, env, site) -> list[Page]:
    result = []
    for doc in content.documents.values():
        body, below = doc.body, linked_data.sub_clauses(content, doc)
        body_title = body.title + (body.subtitle or "") if body else ""
        page = DocumentPage(
            doc.title,
            metadata_rows=metadata_rows(doc),
            interpretations=[Link(i.type, urls.interpretation(i)) for i in content.interpretations_of(doc)],
            notice=[(part, words) for part, words in [
                ("addressees", n.addressees), *[("text", p) for p in n.paragraphs], ("signatory", n.signatory),
                ("date", date_zh(n.date)), ("publication", n.publication_note)] if words] if (n := doc.notice) else [],
            text_title="正文" if body_title == doc.title else body_title,
            clauses=[clause(content, r, below) for r in content.clauses(doc) if not r.parents],
            attachments=[(a.id, a.title + (f".{a.format}" if a.format else ""), a.available) for a in doc.attachments or ()],
            relations=[(r.label, Link(citation(r.document), urls.document(r.document)), doc_badge(r.document))
                       for r in content.relations_both_ways(doc)],
            cited=[(Link(d.title, urls.document(d)), fact(METADATA.fields["doc_no"], d.metadata.doc_no),
                    fact(METADATA.fields["issuer"], d.metadata.issuer)) for d in linked_data.cited(content, doc)],
            cited_by=[Link(f"{doc_name(r.document)} · {clause_label(r) or '正文'}", urls.clause(r.document, r.clause))
                      for other in content.full_documents for r in content.clauses(other) if doc in r.clause.cites],
            banner=document_banner(doc, content.successors(doc), helpline(site, HELPLINE_LAPSED)),
            draft=draft_banner(doc, DOCUMENT, {"notice", *(f"metadata.{n}" for n in METADATA.fields),
                                               *(r.clause.id for r in content.clauses(doc))}),
            linked_data=linked_data.json_text(linked_data.document(content, site, doc, site.name)),
            sections=urls.SECTIONS,
        )
        result.append(make_page(env, "document.html.j2", urls.document(doc), doc.title, page))
    return result
