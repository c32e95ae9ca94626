"""政策原文: one page per document with its disclosure metadata, notice, text and attachments."""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import SimpleNamespace

from markupsafe import Markup

from .. import urls
from ..content import Content
from ..opendata import linked_data
from ..pdf import html_to_pdf
from ..present import (citation, clause_label, date_zh, doc_name, file_size, interpretation_class,
                       interpretation_name)
from ..render import render
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


# What a PDF the site makes from a document's text says of itself, on every
# page of it and beside its link: never to be taken for the original.
GENERATED = "本站根据原文生成"
GENERATED_NOTE = "本文件由本站根据所公开的原文生成，不是发布机关的原件；内容以发布机关公布的原件为准。"
NO_DOWNLOAD = "本站未收录该文件全文，也没有原件文件，暂无可下载的文件。"


@dataclass(frozen=True)
class Download:
    """The file of a document a reader can download."""

    link: Link  # the file, by its name
    kind: str  # PDF, Word 文档(DOCX) … (content/originals.KINDS)
    size: str  # present.file_size
    generated: bool  # made by the site from the text (GENERATED), not the original


@dataclass
class DocumentPage:
    title: str
    metadata_rows: list[Fact]  # in the model's order
    # Its interpretations by class (政策解读, or 本站编辑说明: present.interpretation_class),
    # each named by its form (present.interpretation_name)
    interpretations: list[tuple[str, list[Link]]]
    download: Download | None  # the original, else the PDF the site makes; None: no text and no original
    no_download: str  # why there is nothing to download (NO_DOWNLOAD)
    generated_note: str  # beside a generated PDF's link (GENERATED_NOTE)
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
            interpretations=interpretation_links(content.interpretations_of(doc)),
            download=None,
            no_download=NO_DOWNLOAD,
            generated_note=GENERATED_NOTE,
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
        page.download = download(content, env, doc, page)
        result.append(make_page(env, "document.html.j2", urls.document(doc), doc.title, page))
    return result


def interpretation_links(items) -> list[tuple[str, list[Link]]]:
    """Interpretations grouped by class, official ones first."""
    groups: dict[str, list[Link]] = {}
    for item in sorted(items, key=lambda i: not i.body):
        groups.setdefault(interpretation_class(item), []).append(Link(interpretation_name(item), urls.interpretation(item)))
    return list(groups.items())


def download(content: Content, env, doc, page: DocumentPage) -> Download | None:
    """The original file staff gave, else a PDF of the published text."""
    original = content.originals.get(doc.id)
    if original:
        return Download(Link(f"{doc_name(doc)}（原件）", urls.original_file(doc, original.extension)),
                        original.kind, original.size_text, False)
    pdf = printed(content, env, doc, page)
    if pdf is None:
        return None
    return Download(Link(f"{doc_name(doc)}（{GENERATED}）", urls.generated_pdf(doc)), "PDF", file_size(len(pdf)), True)


def printed(content: Content, env, doc, page: DocumentPage) -> bytes | None:
    """The PDF of a document's text (templates/document_pdf.html.j2), made
    once per load; None for a document whose text the site does not have."""
    if not doc.body or doc.id in content.originals:
        return None
    made = content.once("pdf", "made", dict)  # document id -> PDF: files() publishes them
    if doc.id not in made:
        made[doc.id] = html_to_pdf(render(env, "document_pdf.html.j2", urls.document(doc), page=replace(page, download=None),
                                          label=f"{GENERATED} · 不是原件", note=GENERATED_NOTE))
    return made[doc.id]


def files(content: Content) -> dict[str, bytes]:
    """The files a reader downloads from the documents' pages: the originals
    as staff gave them, and the PDFs made while making the pages."""
    found = {urls.original_file(content.documents[doc_id], o.extension): o.path.read_bytes()
             for doc_id, o in content.originals.items()}
    found.update({urls.generated_pdf(content.documents[doc_id]): pdf
                  for doc_id, pdf in content.once("pdf", "made", dict).items()})
    return found
