"""主要目标: every indicator of a document, grouped by the clause that states it."""

from __future__ import annotations

from .. import urls
from ..content import Content
from .memo import PageMemo
from .page import Page, make_page


def pages(content: Content, env, site, memo: PageMemo) -> list[Page]:
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
                "主要目标",
                doc=doc,
                goals=goals,
                indicator_count=sum(len(r.clause.indicators) for r in goals),
            )
        )
    return result
