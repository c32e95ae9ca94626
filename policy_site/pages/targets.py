"""主要目标: every indicator of a document, grouped by the clause that states it."""

from __future__ import annotations

from dataclasses import dataclass

from ..present import goals_title
from .banners import Banner, document_banner
from .. import urls
from ..content import ClauseRef, Content
from ..validate import Record
from .page import Page, make_page


@dataclass
class TargetsPage:
    doc: Record
    goals: list[ClauseRef]  # the clauses that state indicators, in text order
    indicator_count: int
    banner: Banner | None  # the document's status (banners.document_banner)


def pages(content: Content, env, site) -> list[Page]:
    result = []
    for doc in content.full_documents:
        goals = content.goals(doc)
        if not goals:
            continue
        result.append(
            make_page(
                env,
                "targets.html.j2",
                urls.targets(doc),
                goals_title(doc),
                TargetsPage(doc, goals, sum(len(r.clause.indicators) for r in goals),
                            document_banner(doc, content.successors(doc))),
            )
        )
    return result
