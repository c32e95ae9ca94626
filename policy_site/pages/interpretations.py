"""政策解读: one page per interpretation (文字解读, 问答, 图片解读) of a document.

Numbers are never typed in an interpretation: a point writes {indicator-id}
and the page shows that indicator's target from the plan's data, so the
interpretation, the targets page and the infographic cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from .. import urls
from ..content import PLACEHOLDER, ClauseRef, Content
from ..infographic import infographic_data, infographic_svg
from ..present import target_text
from .banners import Banner, document_banner
from ..render import paragraphs
from ..validate import Record
from .page import Page, make_page


def point_html(content: Content, doc, text: str, page_url: str) -> list[Markup]:
    """The paragraphs of a point with placeholders replaced by data linked
    from the page at ``page_url``."""
    def href(target: str) -> str:
        return urls.relative(target, page_url)

    result = []
    for para in paragraphs(text):
        out, pos = Markup(""), 0
        for m in PLACEHOLDER.finditer(para):
            out += escape(para[pos:m.start()])
            _, ind = content.indicator_by_id(doc, m.group(1))
            if m.group(2):
                out += Markup('<a href="{}">{}</a>').format(href(urls.department(ind.lead)), ind.lead.name)
            else:
                out += Markup('<a class="indicator-value" href="{}">{}</a>').format(
                    href(urls.indicator(doc, ind)), target_text(ind))
            pos = m.end()
        result.append(out + escape(para[pos:]))
    return result


# At most this many catalogue entries are listed under a point; the clause
# in 政策原文 (linked beside them) lists all of them.
MAX_POLICIES_PER_POINT = 6


@dataclass
class PointLinks:
    """The clauses a point cites and the catalogue entries based on them."""

    clauses: list[ClauseRef]
    policies: list[Record]  # at most MAX_POLICIES_PER_POINT
    more_policies: int  # how many more there are


def point_links(content: Content, doc, point) -> PointLinks:
    refs = [content.clause_by_id(doc, c) for c in point.cites]
    policies = []
    for ref in refs:
        policies += [p for p in content.policies_based_on(doc, ref.clause) if p not in policies]
    return PointLinks(refs, policies[:MAX_POLICIES_PER_POINT], max(0, len(policies) - MAX_POLICIES_PER_POINT))


@dataclass(frozen=True)
class Graphic:
    """The poster of a 图片解读: what it says, and the SVG document drawn from it."""

    data: dict
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
    question: list[Markup] | None  # paragraphs; None when the point is not a question
    text: list[Markup]
    links: PointLinks


@dataclass
class Section:
    id: str
    heading: str
    points: list[Point]


@dataclass
class InterpretationPage:
    item: Record
    doc: Record  # the document it interprets
    graphic: Graphic | None  # the poster of a 图片解读
    sections: list[Section]
    banner: Banner | None  # the document's status (banners.document_banner)


def pages(content: Content, env, site) -> list[Page]:
    result = []
    for item in content.interpretations.values():
        doc = item.document
        url = urls.interpretation(item)
        sections = [
            Section(section.id, section.heading, [
                Point(point_html(content, doc, point.question, url) if point.question else None,
                      point_html(content, doc, point.text, url),
                      point_links(content, doc, point))
                for point in section.points
            ])
            for section in item.sections
        ]
        page = InterpretationPage(item, doc, graphic(content, item), sections,
                                  document_banner(doc, content.successors(doc)))
        result.append(make_page(env, "interpretation.html.j2", url, item.title, page))
    return result
