"""主要目标: every indicator of a document, grouped by the clause that states it."""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..content import Content
from ..present import (amount, citation, clause_label, clause_number, comparator_text, goals_title, part_text,
                       target_number, target_terms, target_text, target_unit)
from ..schema.model import INDICATOR
from ..target_shape import part_anchor
from ..schema.model import DOCUMENT
from .banners import Banner, DraftBanner, document_banner, draft_banner
from .page import Page, make_page
from .views import Badge, Fact, Link, doc_badge, fact


@dataclass(frozen=True)
class Target:
    """An indicator as pages show it: in 主要目标, among a department's
    indicators and a catalogue entry's related targets."""

    id: str  # its row's anchor on the 主要目标 page
    metric: Link  # its name, to that row
    target: str  # as the text words it (present.target_text)
    parts: tuple[tuple[str, str, str], ...]  # the values of a 分别 target: (anchor, label, present.part_text)
    terms: tuple[str, ...]  # its shape, reference, deadline and kind, where given (present.target_terms)
    comparator: Fact  # with its sign (present.comparator_text)
    number: str  # the 目标值 column (present.target_number)
    unit: Fact  # present.target_unit
    lead: Fact  # 牵头单位, linked to its page
    progress: tuple[str, ...]  # 2019年：11700家（note）, a line a year
    clause: Link  # the goal clause (present.clause_label) in 政策原文
    status: Badge  # its document's validity
    progress_empty: str = INDICATOR.fields["progress"].empty


def target(ref, ind) -> Target:
    """The indicator ``ind`` of the goal clause ``ref`` (a content.ClauseRef)."""
    doc, fields = ref.document, INDICATOR.fields
    return Target(
        ind.id, Link(ind.metric, urls.indicator(doc, ind)), target_text(ind),
        tuple((part_anchor(ind, p), p.label, part_text(ind, p)) for p in ind.values or ()),
        tuple(target_terms(ind)), fact(fields["comparator"], comparator_text(ind.comparator)), target_number(ind),
        fact(fields["unit"], target_unit(ind)), fact(fields["lead"], ind.lead),
        tuple(f"{p.year}年：{amount(p.value, ind.unit)}" + (f"（{p.note}）" if p.note else "") for p in ind.progress or ()),
        Link(clause_label(ref), urls.clause(doc, ref.clause)), doc_badge(doc))


@dataclass(frozen=True)
class Goal:
    """A clause that states indicators, with its table."""

    id: str  # the clause's id: its section's anchor
    label: str  # present.clause_label
    number: str  # present.clause_number; "" when it has none
    heading: str  # the clause's own heading; "" when it has none
    source: str  # the clause's URL in 政策原文
    targets: list[Target]


@dataclass
class TargetsPage:
    citation: str  # the document (present.citation, its number bracketed)
    goals: list[Goal]  # the clauses that state indicators, in text order
    indicator_count: int
    banner: Banner | None  # the document's status (banners.document_banner)
    draft: DraftBanner | None  # its open review items, when it is a draft (banners.draft_banner)


def pages(content: Content, env, site) -> list[Page]:
    result = []
    for doc in content.full_documents:
        goals = [Goal(r.clause.id, clause_label(r), clause_number(r), r.clause.heading or "", urls.clause(doc, r.clause),
                      [target(r, ind) for ind in r.clause.indicators]) for r in content.goals(doc)]
        if not goals:
            continue
        result.append(make_page(env, "targets.html.j2", urls.targets(doc), goals_title(doc), TargetsPage(
            citation(doc, bracketed=True), goals, sum(len(g.targets) for g in goals),
            document_banner(doc, content.successors(doc)),
            draft_banner(doc, DOCUMENT, {p for g in goals for p in [g.id, *(t.id for t in g.targets)]}))))
    return result
