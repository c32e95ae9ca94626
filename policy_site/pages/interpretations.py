"""政策解读: one page per interpretation (文字解读, 问答, 图片解读) of a document.

Numbers are never typed in an interpretation: a point writes {indicator-id}
and the page shows that indicator's target from the plan's data, so the
interpretation, the targets page and the infographic cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .. import urls
from ..content import PLACEHOLDER, Content
from ..infographic import infographic_data, infographic_svg
from ..present import (clause_label, date_zh, doc_name, facts, interpretation_class, interpretation_name,
                       target_text)
from ..render import paragraphs
from ..schema.model import EDITORIAL_NOTE, INTERPRETATION
from .banners import Banner, document_banner
from .page import Page, make_page
from .views import Fact, Link, Paragraph, dept_link, fact


def point_paragraphs(content: Content, doc, text: str) -> list[Paragraph]:
    """The paragraphs of a point, each placeholder replaced by its indicator's
    target ({id}) or lead unit ({id.lead}), linked to it."""
    result = []
    for para in paragraphs(text):
        pieces, pos = [], 0
        for m in PLACEHOLDER.finditer(para):
            _, ind = content.indicator_by_id(doc, m.group(1))
            pieces += [para[pos:m.start()], dept_link(ind.lead) if m.group(2) else
                       Link(target_text(ind), urls.indicator(doc, ind), "indicator-value")]
            pos = m.end()
        result.append((*pieces, para[pos:]))
    return result


# At most this many catalogue entries are listed under a point; the clause
# in 政策原文 (linked beside them) lists all of them.
MAX_POLICIES_PER_POINT = 6


@dataclass
class PointLinks:
    """The clauses a point cites and the catalogue entries based on them."""

    clauses: list[Link]  # by present.clause_label, without its full stop
    policies: list[Link]  # at most MAX_POLICIES_PER_POINT
    more_policies: int  # how many more there are


def point_links(content: Content, doc, point) -> PointLinks:
    refs = [content.clause_by_id(doc, c) for c in point.cites]
    policies = []
    for ref in refs:
        policies += [p for p in content.policies_based_on(doc, ref.clause) if p not in policies]
    return PointLinks([Link(clause_label(r).rstrip("。"), urls.clause(doc, r.clause)) for r in refs],
                      [Link(p.name, urls.policy(p)) for p in policies[:MAX_POLICIES_PER_POINT]],
                      max(0, len(policies) - MAX_POLICIES_PER_POINT))


@dataclass(frozen=True)
class Graphic:
    """The poster of a 图片解读: what it says, and the SVG document drawn from it."""

    data: dict  # what it says (infographic_data, plain data): the page's text version reads it too
    svg: str

    @property
    def inline(self) -> Markup:
        """The SVG inline in a page (no XML declaration, no blank lines: it stays one HTML block)."""
        svg = self.svg.split("?>", 1)[-1]
        return Markup("\n".join(line for line in svg.splitlines() if line.strip()))


def graphic(content: Content, item) -> Graphic | None:
    """The poster of a 图片解读, generated from its document's data once per
    build: the page shows it and the downloadable file is it."""
    if item.type != "图片解读" or not item.document.body:
        return None

    def draw() -> Graphic:
        data = infographic_data(content, item.document)
        return Graphic(data, infographic_svg(data))
    return content.once("infographic", item.document.id, draw)


def files(content: Content) -> dict[str, str]:
    """The downloadable SVG of every 图片解读."""
    return {
        urls.infographic_file(item): poster.svg
        for item in content.interpretations.values()
        if (poster := graphic(content, item))
    }


@dataclass
class Point:
    question: list[Paragraph] | None  # None when the point is not a question
    text: list[Paragraph]
    links: PointLinks


@dataclass
class Section:
    id: str
    heading: str
    points: list[Point]


@dataclass
class InterpretationPage:
    category: str  # 政策解读, or 本站编辑说明 where no 解读机关 is named (present.interpretation_class)
    kind: str  # its form: 文字解读 / 问答 / 图片解读, or 文字说明 … for the site's own note (present.interpretation_name)
    note: str  # what a 本站编辑说明 is (EDITORIAL_NOTE); "" for an official interpretation
    date: str  # present.date_zh
    body: Fact  # 解读机关; given for a 政策解读 only
    interpreter_type: Fact  # 解读类型, likewise
    document: Link  # the document it interprets, by its title
    doc_no: str  # that document's number; "" when it has none
    back: Link  # that document again, by its name (present.doc_name)
    summary: str
    graphic: Graphic | None  # the poster of a 图片解读
    graphic_file: str  # the URL of the poster's SVG file
    poster_facts: str  # 文号 · 发布单位 · 有效性（…）, for the poster's text version
    targets: str  # the URLs of the document's 主要目标 and 重点任务 pages, which the text version links
    tasks: str
    sections: list[Section]
    banner: Banner | None  # the document's status (banners.document_banner)


def pages(content: Content, env, site) -> list[Page]:
    result = []
    for item in content.interpretations.values():
        doc = item.document
        sections = [
            Section(section.id, section.heading, [
                Point(point_paragraphs(content, doc, point.question) if point.question else None,
                      point_paragraphs(content, doc, point.text),
                      point_links(content, doc, point))
                for point in section.points
            ])
            for section in item.sections
        ]
        poster = graphic(content, item)
        g = poster.data if poster else None
        validity = g and (g["validity"] if g["state"] == "unknown" else "有效性：" + g["validity"]) + f"（{g['status']}）"
        page = InterpretationPage(
            interpretation_class(item), interpretation_name(item), "" if item.body else EDITORIAL_NOTE.description,
            date_zh(item.date), fact(INTERPRETATION.fields["body"], item.body),
            fact(INTERPRETATION.fields["interpreter_type"], item.interpreter_type), Link(doc.title, urls.document(doc)),
            doc.metadata.doc_no or "", Link(doc_name(doc), urls.document(doc)), item.summary or "", poster,
            urls.infographic_file(item), facts([g["doc_no"], g["issuer"], validity]) if g else "",
            urls.targets(doc), urls.tasks(doc), sections, document_banner(doc, content.successors(doc)))
        result.append(make_page(env, "interpretation.html.j2", urls.interpretation(item), item.title, page))
    return result
