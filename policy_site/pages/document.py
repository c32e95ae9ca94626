"""政策原文: one page per document with its disclosure metadata, notice, text and attachments."""

from __future__ import annotations

from markupsafe import Markup

from .. import urls
from ..content import ClauseRef, Content
from ..present import date_zh
from ..render import linked_text
from ..schema.model import METADATA
from ..schema.types import Date, DateTime
from .memo import PageMemo
from .page import Page, make_page


def metadata_rows(doc) -> list[tuple[str, str]]:
    """(label, shown value) for every metadata field, in the model's order."""
    rows = []
    for name, field in METADATA.fields.items():
        value = getattr(doc.metadata, name)
        if isinstance(field.type, (Date, DateTime)):
            value = date_zh(value)
        rows.append((field.label, value or ""))
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


def pages(content: Content, env, site, memo: PageMemo) -> list[Page]:
    result = []
    for doc in content.documents.values():
        url = urls.document(doc)
        refs = list(content.clauses(doc))
        children = {id(r.clause): [c for c in refs if c.parents and c.parents[-1] is r.clause] for r in refs}
        cited = []
        for r in refs:
            cited += [d for d in r.clause.cites if d not in cited]
        cited_by = [
            r
            for other in content.full_documents
            for r in content.clauses(other)
            if doc in r.clause.cites
        ]

        def clause_paragraphs(ref: ClauseRef, url=url) -> list[Markup]:
            return linked_text(ref.clause.text, clause_links(ref, url))

        result.append(
            make_page(
                env,
                "document.html.j2",
                url,
                doc.title,
                doc=doc,
                metadata_rows=metadata_rows(doc),
                top_clauses=[r for r in refs if not r.parents],
                children=lambda ref, children=children: children[id(ref.clause)],
                clause_paragraphs=clause_paragraphs,
                cited=cited,
                cited_by=cited_by,
                policies_of=lambda ref: content.policies_based_on(ref.document, ref.clause),
                interpretations=content.interpretations_of(doc),
            )
        )
    return result
