"""小微企业政策目录： the catalogue index, one page per entry and the self-check (its JSON,
policies/catalogue.json, is open data: policy_site/opendata)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup, escape

from .. import urls
from ..content import ClauseRef, Content, PolicyStatus
from ..opendata import linked_data
from ..present import Banner, date_zh, entry_banner, entry_fact_empty, period_zh, verified_note
from ..schema.model import AUDIENCE, INDUSTRY, POLICY, POLICY_STATUS, SUPPORT_TYPE
from ..schema.types import Date, List, Object, RefTo, Url, resolve
from ..validate import Record
from .memo import PageMemo, entry_sources
from .next_step import NextStep, entry_next_step
from .self_check import page as self_check_page
from .page import Page, make_page


# Fields shown elsewhere on the entry page than in its facts table.
# successor: shown in the status banner of an entry that is no longer current,
# where it leads somewhere; as a row it would say 未提供 on every current entry.
# keywords: for search only, a row of them reads as jargon to a visitor.
_NOT_IN_FACTS = {"id", "name", "summary", "basis", "related_indicators", "status_override", "successor", "keywords"}


@dataclass
class Facet:
    """A filter of the catalogue."""

    key: str  # as in Card.facets and the page's data-* attributes
    label: str
    options: list[tuple[str, str]]  # (value, label)


@dataclass
class Card:
    """One entry in the catalogue list."""

    policy: Record
    status: PolicyStatus
    facets: dict[str, list[str]]  # facet key -> the entry's values


@dataclass
class CataloguePage:
    cards: list[Card]
    facets: list[Facet]
    as_of: dt.date | None
    historical: list[tuple[str, int]]  # (status, number of entries) of entries that are not current
    lead: str = ""  # content/site.yaml catalogue_lead: what the catalogue holds, in the site's words


@dataclass
class PolicyEntryPage:
    policy: Record
    status: PolicyStatus
    facts: list[tuple[str, Markup, bool]]  # (label, value html, given), in the model's order
    basis: list[tuple[Record, ClauseRef]]  # (document, clause) the entry is based on
    indicators: list[tuple[ClauseRef, Record]]  # related (goal clause, indicator)
    as_of: dt.date | None
    banner: Banner | None  # not current, or of unknown validity: why, and what applies instead
    next_step: NextStep  # 怎么办: apply, ask, or see what replaced it
    linked_data: Markup  # schema.org GovernmentService and breadcrumbs (opendata/linked_data.py)



# The industry value of entries whose source names no industry: said as what
# it is (the plan does not limit them), not as "every industry".
INDUSTRY_UNSTATED = POLICY.fields["industries"].empty


def facets(content: Content) -> list[Facet]:
    """The filters of the catalogue: one per vocabulary, plus departments and status."""
    used_depts = [d for d in content.departments.values() if content.policies_of(d)]
    return [
        Facet("support", "支持方式", [(t.value, t.label) for t in SUPPORT_TYPE.terms.values()]),
        Facet("audience", "适用对象", [(t.value, t.label) for t in AUDIENCE.terms.values()]),
        Facet("industry", "行业", [(t.value, t.label) for t in INDUSTRY.terms.values()]
              + [(INDUSTRY_UNSTATED, INDUSTRY_UNSTATED)]),
        Facet("dept", "主管部门", [(d.ref_id, content.department_label(d)) for d in used_depts]),
        Facet("status", "状态", [(t.value, t.label) for t in POLICY_STATUS.terms.values()]),
    ]


def facet_values(content: Content, policy) -> dict[str, list[str]]:
    """The values of one entry for each facet key (what the filters match on)."""
    return {
        "support": list(policy.support_types),
        "audience": list(policy.audiences),
        "industry": list(policy.industries) or [INDUSTRY_UNSTATED],
        "dept": [d.ref_id for d in policy.departments],
        "status": [content.policy_status(policy).value],
    }


def reading_order(content: Content, policies) -> list:
    """The catalogue's order for a reader: entries that apply today first,
    then by support type (the vocabulary's order), then by where their basis
    stands in its document (the plan's order); never by file name."""
    support_rank = {t: i for i, t in enumerate(SUPPORT_TYPE.terms)}
    doc_rank = {d.id: i for i, d in enumerate(content.full_documents)}
    clause_rank = {(doc.id, ref.clause.id): i for doc in content.full_documents
                   for i, ref in enumerate(content.clauses(doc))}

    def key(p):
        first = p.basis[0]
        return (not content.policy_status(p).current,
                support_rank[p.support_types[0]],  # its main support, as staff list it first
                doc_rank.get(first.document.id, len(doc_rank)),
                clause_rank.get((first.document.id, first.clause), 0),
                p.id)

    return sorted(policies, key=key)


def _format(field, value, href) -> Markup:
    """One fact of an entry as HTML, by the type the model gives the field."""
    t = resolve(field.type)
    if isinstance(t, List):
        item = resolve(t.item)
        if isinstance(item, RefTo) and item.kind == "department":
            return Markup("、").join(Markup('<a href="{}">{}</a>').format(href(urls.department(d)), d.name) for d in value)
        return Markup(escape("、".join(str(v) for v in value)))
    if isinstance(t, Date):
        return Markup(escape(date_zh(value)))
    if isinstance(t, Url):
        return Markup('<a href="{}" rel="noopener">{}</a>').format(value, value)
    if isinstance(t, Object) and t.name == "period":
        return Markup(escape(period_zh(value)))
    return Markup(escape(str(value)))


def fact_rows(policy, href, status: PolicyStatus | None = None) -> list[tuple[str, Markup, bool]]:
    """(label, value html, given) for every catalogue field, in the model's
    order; for an entry that is no longer current (``status``), missing facts
    say 未提供 alone (no rules are coming) and the date it was last verified
    is left out (it would read as if the entry were still checked as valid)."""
    rows = []
    current = status is None or status.current
    for name, field in POLICY.fields.items():
        if name in _NOT_IN_FACTS or (name == "last_verified" and not current):
            continue
        value = getattr(policy, name)
        if value in (None, [], ""):
            rows.append((field.label, Markup(escape(entry_fact_empty(field, current))), False))
        elif name == "last_verified":
            rows.append((field.label, Markup(escape(verified_note(value))), True))
        else:
            rows.append((field.label, _format(field, value, href), True))
    return rows


def _related_indicators(content: Content, policy) -> list[tuple]:
    wanted = set(policy.related_indicators)
    found = []
    if not wanted:
        return found
    for basis in policy.basis:
        for ref in content.goals(basis.document):
            for ind in ref.clause.indicators:
                if ind.id in wanted and all(ind is not f[1] for f in found):
                    found.append((ref, ind))
    return found


def _count_by_status(statuses) -> list[tuple[str, int]]:
    """(status, number of entries) in vocabulary order, for statuses that occur."""
    counts: dict[str, int] = {}
    for s in statuses:
        counts[s.value] = counts.get(s.value, 0) + 1
    return [(v, counts[v]) for v in POLICY_STATUS.terms if v in counts]


def pages(content: Content, env, site, memo: PageMemo) -> list[Page]:
    """The catalogue and the self-check; the entries' pages are ``entry_pages``
    (pages.build_pages makes them after every other page type's)."""
    if not content.policies:
        return []
    policies = reading_order(content, content.policies.values())
    statuses = {p.id: content.policy_status(p) for p in policies}
    cards = [Card(p, statuses[p.id], facet_values(content, p)) for p in policies]
    catalogue = CataloguePage(cards, facets(content), content.as_of,
                              historical=_count_by_status(s for s in statuses.values() if not s.current),
                              lead=site.catalogue_lead)
    self_check = self_check_page(content)
    return [
        make_page(env, "policies.html.j2", urls.policies(), site.catalogue_title, catalogue, hide=("toc",)),
        make_page(env, "self_check.html.j2", urls.self_check(), "政策自测", self_check, hide=("toc",)),
    ]


def entry_pages(content: Content, env, memo: PageMemo, site) -> list[Page]:
    """One page per catalogue entry (the preview makes these first: an edit
    to an entry shows before the pages that list it are made again)."""

    def entry_page(p) -> Page:
        url = urls.policy(p)
        return memo.page(content, url, entry_sources(content, p), lambda: make_page(env, "policy.html.j2", url, p.name, PolicyEntryPage(
            p,
            content.policy_status(p),
            facts=fact_rows(p, lambda target, url=url: urls.relative(target, url), content.policy_status(p)),
            basis=[(b.document, content.clause_by_id(b.document, b.clause)) for b in p.basis],
            indicators=_related_indicators(content, p),
            as_of=content.as_of,
            banner=entry_banner(content.policy_status(p),
                                [s for b in p.basis if b.document for s in content.successors(b.document)],
                                p.successor),
            next_step=entry_next_step(p, content.policy_status(p),
                                      [s for b in p.basis if b.document for s in content.successors(b.document)],
                                      site.helpline),
            linked_data=linked_data.script(linked_data.policy(content, site, p, site.name, site.catalogue_title)),
        )))

    return [entry_page(p) for p in content.policies.values()]
