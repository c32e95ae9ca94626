"""The catalogue's rules, restated from the requirement (not read from the
code that makes the pages): the status an entry must show, and which entries
the self-check must offer for a reader's answers. Tests compare what the
pages show with these."""

from __future__ import annotations

from policy_site.pages.self_check import IDENTITIES, INDUSTRY_OF, audiences_of
from policy_site.schema.model import AUDIENCE, POLICY_STATUS, VALIDITY
from policy_site.size_classes import RULES, Rule

IDENTITY = {i.value: i for i in IDENTITIES}
RULES_BY_INDUSTRY = {r.industry: r for r in RULES}
# The catalogue's word for an entry whose source limits it to no industry: it
# matches every industry a reader chooses, and this option alone.
INDUSTRY_ANY = "不限行业"


# -- An entry's status ------------------------------------------------------------

def validity_state(doc) -> str:
    """in-force / lapsed, or unknown when the document does not state its validity."""
    validity = doc.metadata.validity if doc.metadata else None
    return VALIDITY.term(validity).extra["state"] if validity else "unknown"


def basis_documents(policy) -> list:
    return list({b.document.id: b.document for b in policy.basis}.values())


def expected_status(content, policy) -> str:
    """The catalogue's rule, restated: staff override; else all basis documents
    out of force -> 已失效; else the application period against the as-of
    date; else none stated in force -> 有效性未标注 (unknown is never 有效)."""
    if policy.status_override:
        return policy.status_override.status
    states = {validity_state(d) for d in basis_documents(policy)}
    if states == {"lapsed"}:
        return "已失效"
    period = policy.application_period
    if period:
        if period.end and period.end < content.as_of:
            return "已截止"
        if period.start and period.start > content.as_of:
            return "未开始"
    if "in-force" not in states:
        return "有效性未标注"
    return "有效"


def is_current(status: str) -> bool:
    return POLICY_STATUS.term(status).extra["current"]


# -- The self-check ---------------------------------------------------------------

def _reached(who: list[str], industry: str, staff, revenue) -> tuple[set[str], set[str], bool]:
    """The groups the answers name (with the broader groups they belong to; a
    firm that is 小型 or 微型 by the size standard is also a 小微企业), the
    catalogue industries they name, and whether an industry was answered."""
    groups = {a for w in who for a in audiences_of(IDENTITY[w])}
    sectors = {i for w in who for i in IDENTITY[w].industries}
    rule = RULES_BY_INDUSTRY.get(industry)
    if rule and size_class(rule, staff, revenue) in ("小型", "微型"):
        groups.add("小微企业")
    if rule and INDUSTRY_OF[industry]:
        sectors.add(INDUSTRY_OF[industry])
    return groups, sectors, bool(rule)


def in_catalogue_view(policy, who: list[str], industry: str, staff=None, revenue=None) -> bool:
    """The catalogue view the self-check links to: an entry for one of the
    groups the answers reach that names no industry (不限行业) or one of the
    reader's (an industry answer rules out entries limited to other ones)."""
    groups, sectors, by_industry = _reached(who, industry, staff, revenue)
    if not groups & set(policy.audiences):
        return False
    return not ((by_industry or sectors) and policy.industries and not sectors & set(policy.industries))


def for_others(policy, who: list[str], industry: str = "", staff=None, revenue=None) -> set[str]:
    """The narrower groups (科技型小微企业 within 小微企业) an entry names and
    the answers did not choose, when the answers reach it only through their
    broader group: the entry is meant for those. Empty otherwise."""
    groups, _, _ = _reached(who, industry, staff, revenue)
    reached = groups & set(policy.audiences)
    others = {a for a in policy.audiences if a not in groups and AUDIENCE.term(a).extra.get("broader") in reached}
    broader = {AUDIENCE.term(a).extra["broader"] for a in others}
    return others if reached <= broader else set()


def self_check_fits(policy, who: list[str], needs: list[str], industry: str, staff=None, revenue=None) -> bool:
    """The self-check's rule, restated: an entry of the catalogue view
    (in_catalogue_view) fits, except one meant for a narrower group the reader
    did not choose (for_others), which fits only when it offers one of the
    needs chosen. Needs order the results; they leave nothing out."""
    if not in_catalogue_view(policy, who, industry, staff, revenue):
        return False
    return not for_others(policy, who, industry, staff, revenue) or bool(set(needs) & set(policy.support_types))


def size_class(rule: Rule, staff: float | None, revenue: float | None) -> str | None:
    """大型 / 中型 / 小型 / 微型 by the standard's rule for an industry (the
    self-check computes it in the browser), or None when a needed answer is
    missing or the standard needs 资产总额. 及以上 includes the number, 以下
    does not."""
    if not rule.computed:
        return None
    if (rule.sme_staff is not None and staff is None) or (rule.sme_revenue is not None and revenue is None):
        return None

    def below(limit_staff, limit_revenue) -> bool:
        return ((limit_staff is not None and staff < limit_staff)
                or (limit_revenue is not None and revenue < limit_revenue))

    def at_least(limits) -> bool:
        s, r = limits
        return (s is None or staff >= s) and (r is None or revenue >= r)

    if not below(rule.sme_staff, rule.sme_revenue):
        return "大型"
    if at_least(rule.medium):
        return "中型"
    if at_least(rule.small):
        return "小型"
    return "微型"
