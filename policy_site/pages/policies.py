"""小微企业政策目录： the catalogue index, one page per entry and the self-check (its JSON,
policies/catalogue.json, is open data: policy_site/opendata)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from markupsafe import Markup

from .. import urls
from ..content import Content
from ..opendata import linked_data
from ..opendata.records import related_indicators
from ..present import citation, clause_label, date_zh, entry_fact_empty, verified_note
from ..schema.model import AUDIENCE, INDUSTRY, POLICY, POLICY_STATUS, SUPPORT_TYPE
from .banners import Banner, DraftBanner, draft_banner, entry_banner
from .memo import PageMemo, entry_sources
from .next_step import NextStep, entry_next_step
from .page import Page, make_page
from .self_check import page as self_check_page
from .targets import Target, target
from .views import Badge, Fact, Facet, Link, doc_badge, fact, status_badge


# Fields shown elsewhere on the entry page than in its facts table.
# successor: shown in the status banner of an entry that is no longer current,
# where it leads somewhere; as a row it would say 未提供 on every current entry.
# keywords: for search only, a row of them reads as jargon to a visitor.
_NOT_IN_FACTS = {"id", "name", "summary", "basis", "related_indicators", "status_override", "successor", "keywords", "review"}


@dataclass(frozen=True)
class Card:
    """One entry in the catalogue list."""

    id: str
    name: Link  # to its page
    status: Badge
    summary: str
    support_types: str  # 、-separated, as are its audiences, industries and its departments' names
    audiences: str
    industries: str  # INDUSTRY_ANY when its source limits it to none
    departments: str
    text: str  # what the keyword box searches: name, summary, keywords, departments
    facets: dict[str, str]  # facet key -> the entry's values, |-separated (facet_values)


def card(content: Content, p) -> Card:
    departments = [d.name for d in p.departments]
    return Card(p.id, Link(p.name, urls.policy(p)), status_badge(content.policy_status(p)), p.summary,
                "、".join(p.support_types), "、".join(p.audiences), "、".join(p.industries) or INDUSTRY_ANY,
                "、".join(departments),
                f"{p.name} {p.summary} {' '.join(p.keywords)} " + "".join(f"{d} " for d in departments),
                {key: "|".join(values) for key, values in facet_values(content, p).items()})


@dataclass
class CataloguePage:
    cards: list[Card]
    facets: list[Facet]
    as_of: str  # the day statuses are judged on (present.date_zh)
    historical: list[tuple[str, int]]  # (status, number of entries) of entries that are not current
    intro: str = ""  # content/site.yaml catalogue_intro (目录说明): what the catalogue holds, in the site's words
    feed: str = urls.feed("policies")  # the URLs of the catalogue's feed and of the 开放数据 page
    open_data: str = urls.open_data()

    @property
    def current_first(self) -> bool:
        """Some entries are current and some not: the list puts the current ones first."""
        return 0 < sum(n for _, n in self.historical) < len(self.cards)

    @property
    def none_current(self) -> bool:
        """No entry is current: the notice about them is a warning."""
        return bool(self.cards) and sum(n for _, n in self.historical) == len(self.cards)


@dataclass
class PolicyEntryPage:
    summary: str
    status: Badge
    status_reason: str  # why it has its status (content.PolicyStatus.reason)
    status_set: bool  # staff set its status (status_override); else it is judged on as_of
    as_of: str  # present.date_zh
    facts: list[Fact]  # fact_rows
    basis: list[tuple[str, Link, str, Badge]]  # the clauses it is based on: (text, present.clause_label, citation, validity)
    indicators: list[Target]  # its related indicators
    banner: Banner | None  # not current, or of unknown validity: why, and what applies instead
    draft: DraftBanner | None  # its open review items, when it is a draft (banners.draft_banner)
    next_step: NextStep  # 怎么办: apply, ask, or see what replaced it
    linked_data: Markup  # schema.org GovernmentService and breadcrumbs (opendata/linked_data.json_text)
    catalogue: str = urls.policies()  # the URLs of the pages it links back to
    self_check: str = urls.self_check()


# The industry label of entries whose source limits them to no industry
# (不限行业): they match every industry filter, and this option alone.
INDUSTRY_ANY = POLICY.fields["industries"].empty


def facets(content: Content) -> list[Facet]:
    """The filters of the catalogue: one per vocabulary, plus departments and status."""
    used_depts = [d for d in content.departments.values() if content.policies_of(d)]
    return [
        Facet("support", "支持方式", [(t.value, t.label) for t in SUPPORT_TYPE.terms.values()]),
        Facet("audience", "适用对象", [(t.value, t.label) for t in AUDIENCE.terms.values()]),
        Facet("industry", "行业", [(t.value, t.label) for t in INDUSTRY.terms.values()]
              + [(INDUSTRY_ANY, INDUSTRY_ANY)]),
        Facet("dept", "主管部门", [(d.ref_id, content.department_label(d)) for d in used_depts]),
        Facet("status", "状态", [(t.value, t.label) for t in POLICY_STATUS.terms.values()]),
    ]


def facet_values(content: Content, policy) -> dict[str, list[str]]:
    """The values of one entry for each facet key (what the filters match on)."""
    return {
        "support": list(policy.support_types),
        "audience": list(policy.audiences),
        "industry": list(policy.industries) or [*INDUSTRY.terms, INDUSTRY_ANY],
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


def fact_rows(policy, status) -> list[Fact]:
    """Every catalogue field, in the model's order; for an entry that is no
    longer current (``status``), missing facts say 未提供 alone (no rules are
    coming) and the date it was last verified is left out (it would read as
    if the entry were still checked as valid)."""
    rows = []
    for name, field in POLICY.fields.items():
        if name in _NOT_IN_FACTS or (name == "last_verified" and not status.current):
            continue
        row = fact(field, getattr(policy, name), entry_fact_empty(field, status.current))
        rows.append(replace(row, text=verified_note(policy.last_verified)) if name == "last_verified" and row.given else row)
    return rows


def _count_by_status(statuses) -> list[tuple[str, int]]:
    """(status, number of entries) in vocabulary order, for statuses that occur."""
    counts = Counter(s.value for s in statuses)
    return [(v, counts[v]) for v in POLICY_STATUS.terms if v in counts]


def pages(content: Content, env, site) -> list[Page]:
    """The catalogue and the self-check; the entries' pages are ``entry_pages``
    (pages.build_pages makes them after every other page type's)."""
    if not content.policies:
        return []
    policies = reading_order(content, content.policies.values())
    statuses = {p.id: content.policy_status(p) for p in policies}
    catalogue = CataloguePage([card(content, p) for p in policies], facets(content), date_zh(content.as_of),
                              historical=_count_by_status(s for s in statuses.values() if not s.current),
                              intro=site.catalogue_intro)
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
        return memo.page(content, url, entry_sources(content, p), lambda: make_page(env, "policy.html.j2", url, p.name, entry(p)))

    def entry(p) -> PolicyEntryPage:
        status = content.policy_status(p)
        successors = [s for b in p.basis if b.document for s in content.successors(b.document)]
        basis = [(b.document, content.clause_by_id(b.document, b.clause)) for b in p.basis]
        facts = fact_rows(p, status)
        return PolicyEntryPage(
            p.summary, status_badge(status), status.reason, status.overridden, date_zh(content.as_of),
            facts=facts,
            basis=[(ref.clause.text, Link(clause_label(ref), urls.clause(doc, ref.clause)), citation(doc), doc_badge(doc))
                   for doc, ref in basis],
            indicators=[target(ref, ind) for ref, ind in related_indicators(content, p)],
            banner=entry_banner(status, successors, p.successor),
            draft=draft_banner(p, POLICY, {"summary", "basis", "related_indicators", *(f.field for f in facts)}),
            next_step=entry_next_step(p, status, successors, site),
            linked_data=linked_data.json_text(linked_data.policy(content, site, p, site.name, site.catalogue_title)),
        )

    return [entry_page(p) for p in content.policies.values()]
