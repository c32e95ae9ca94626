"""政策自测: the questions, put as owners describe themselves, and what each
answer means for the catalogue (which audiences and industries it matches).

The page's script (docs/assets/self-check.js) reads these from the page
(data attributes), so the matching rules are declared once, here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .. import urls
from ..content import Content
from ..schema.model import AUDIENCE, POLICY, SUPPORT_TYPE
from ..size_classes import ABOVE_SCALE, ABOVE_SCALE_REVENUE, CLASSES, RULES, STANDARD


@dataclass(frozen=True)
class Identity:
    """An answer to 我是……: the catalogue audiences it matches (with the
    broader groups they belong to) and the industries it implies."""

    value: str  # in the URL: ?who=
    label: str
    hint: str
    audiences: tuple[str, ...]
    industries: tuple[str, ...] = ()


IDENTITIES = [
    Identity("individual", "个体工商户", "登记为个体工商户，包括准备转为企业的。", ("个体工商户",)),
    Identity("converted", "刚由个体户转为企业（个转企）",
             "已经办完“个转企”：面向个体工商户转企业的条目和面向小微企业的条目都会列出。",
             ("个体工商户", "小微企业")),
    Identity("micro", "小微企业", "小型或微型企业（见本页下方“企业规模怎么算”）。", ("小微企业",)),
    Identity("tech", "科技型小微企业", "从事研发、技术创新的小微企业，包括创新型初创企业。", ("科技型小微企业",)),
    Identity("trade", "有进出口或跨境电商业务的小微企业", "做外贸、跨境电商，或准备开展的。", ("外贸小微企业",),
             ("外贸与跨境电商",)),
    Identity("sub-scale", "规下工业企业", "年主营业务收入不到2000万元的工业小微企业（见本页下方“企业规模怎么算”）。",
             ("规下工业小微企业",)),
    Identity("above-scale", "规上企业", "年主营业务收入2000万元及以上的工业企业。", ()),
    Identity("starter", "准备创业或刚创业", "个人或团队，准备创业或处于初创期。", ("创业者",)),
    Identity("manager", "企业经营管理者", "企业负责人和经营管理人员。", ("企业经营管理者",)),
    Identity("talent", "人才", "高层次人才、专业技术人才、留学归国人员、高校毕业生等。", ("人才",)),
]

# Industries as the national size standard names them, and the catalogue's
# industry (schema.model.INDUSTRY) each belongs to; None: the catalogue has
# no industry for it (entries limited to an industry do not apply).
INDUSTRY_OF = {
    "工业": "工业制造",
    "软件和信息技术服务业": "科技研发",
    "信息传输业": "科技研发",
    "批发业": "商贸服务",
    "零售业": "商贸服务",
    "住宿业": "商贸服务",
    "餐饮业": "商贸服务",
    "交通运输业": "商贸服务",
    "仓储业": "商贸服务",
    "邮政业": "商贸服务",
    "物业管理": "商贸服务",
    "租赁和商务服务业": "商贸服务",
    "建筑业": None,
    "农、林、牧、渔业": None,
    "其他未列明行业": None,
}


@dataclass
class Option:
    value: str
    label: str
    hint: str
    count: int  # catalogue entries it matches (0: the page says so)


@dataclass
class SelfCheckPage:
    identities: list[Option]
    industries: list[tuple[str, str]]  # (standard's industry, catalogue industry or "")
    needs: list[Option]  # support types with at least one entry: others are not offered
    unused_needs: list[str]  # support types no entry has (named, not offered)
    size_classes: list[tuple[str, str]]  # (class, one sentence)
    rules: list[str]  # the standard's rule for each industry, as it words it (size_classes.Rule.quote)
    rules_json: str
    identities_json: str
    standard: str
    above_scale: str
    above_scale_revenue: int
    total: int  # catalogue entries
    catalogue: str  # the catalogue's URL
    catalogue_data: str  # the URL of its open data, which the page's script reads
    # What an entry limited to no industry says for its industry (the model's
    # empty words): it matches every industry answer.
    industry_any: str = POLICY.fields["industries"].empty


def audiences_of(identity: Identity) -> list[str]:
    """The catalogue audiences an identity matches: its own and their broader groups."""
    found: list[str] = []
    for a in identity.audiences:
        for value in (a, AUDIENCE.term(a).extra.get("broader")):
            if value and value not in found:
                found.append(value)
    return found


def page(content: Content) -> SelfCheckPage:
    policies = list(content.policies.values())

    def identity_count(identity: Identity) -> int:
        groups = set(audiences_of(identity))
        return sum(1 for p in policies if groups & set(p.audiences))

    support_counts = {t: sum(1 for p in policies if t in p.support_types) for t in SUPPORT_TYPE.terms}
    identities = [Option(i.value, i.label, i.hint, identity_count(i)) for i in IDENTITIES]
    return SelfCheckPage(
        identities=identities,
        industries=[(name, INDUSTRY_OF.get(name) or "") for name in [r.industry for r in RULES]],
        needs=[Option(t.value, t.label, t.description, support_counts[t.value])
               for t in SUPPORT_TYPE.terms.values() if support_counts[t.value]],
        unused_needs=[t for t, n in support_counts.items() if not n],
        size_classes=list(CLASSES.items()),
        rules=[r.quote for r in RULES],
        rules_json=json.dumps({r.industry: {
            "computed": r.computed, "sme": [r.sme_staff, r.sme_revenue], "medium": list(r.medium),
            "small": list(r.small), "catalogue": INDUSTRY_OF.get(r.industry)} for r in RULES},
            ensure_ascii=False, sort_keys=True),
        identities_json=json.dumps({i.value: {"audiences": audiences_of(i), "own": list(i.audiences),
                                              "industries": list(i.industries), "label": i.label}
                                    for i in IDENTITIES}, ensure_ascii=False, sort_keys=True),
        standard=STANDARD,
        above_scale=ABOVE_SCALE,
        above_scale_revenue=ABOVE_SCALE_REVENUE,
        total=len(policies),
        catalogue=urls.policies(),
        catalogue_data=urls.catalogue_data(),
    )
