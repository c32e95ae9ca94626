"""The national size classes of enterprises （企业划型）, for the self-check.

Source: 工业和信息化部、国家统计局、国家发展和改革委员会、财政部
《中小企业划型标准规定》（工信部联企业〔2011〕300号）, 第四条. Each
industry's rule is kept below as the standard words it (``quote``, character
for character), with the thresholds read from it; tests/test_self_check.py
checks that every threshold appears in its quote. Only industries the
standard classifies by 从业人员 and 营业收入 are computed; those it
classifies by 资产总额 (建筑业、房地产开发经营、租赁和商务服务业) are named
with their rule but not computed, since the self-check does not ask for
assets.

In the standard, 及以上 includes the number and 以下 does not (a firm of 20
people is 小型, one of 19 微型 in industry).
"""

from __future__ import annotations

from dataclasses import dataclass

STANDARD = "《中小企业划型标准规定》（工信部联企业〔2011〕300号）"

# One sentence per class, as the self-check explains them.
CLASSES = {
    "大型": "超过该行业中小微型企业上限的企业。",
    "中型": "人数和营业收入都达到中型标准、但未超过中小微型企业上限的企业。",
    "小型": "人数和营业收入都达到小型标准、但未达到中型标准的企业。",
    "微型": "人数或营业收入低于小型标准的企业；和小型企业合称“小微企业”。",
}

# 规上/规下, as the site explains them (国家统计局's threshold for 规模以上工业企业).
ABOVE_SCALE = ("规模以上工业企业（规上企业）：年主营业务收入2000万元及以上的工业企业；"
               "达不到的工业企业称为规模以下（规下）企业。")
ABOVE_SCALE_REVENUE = 2000  # 万元


@dataclass(frozen=True)
class Rule:
    """One industry's thresholds: people (人) and revenue (万元); None where
    the standard does not use that measure for the industry."""

    industry: str
    quote: str
    sme_staff: int | None = None  # 中小微型: fewer people than this, or
    sme_revenue: int | None = None  # less revenue than this
    medium: tuple[int | None, int | None] = (None, None)  # 中型: at least (people, revenue)
    small: tuple[int | None, int | None] = (None, None)  # 小型: at least (people, revenue)
    computed: bool = True  # False: the standard needs 资产总额, which the self-check does not ask

    def classify(self, staff: float | None, revenue: float | None) -> str | None:
        """大型 / 中型 / 小型 / 微型, or None when a needed answer is missing."""
        if not self.computed:
            return None
        if (self.sme_staff is not None and staff is None) or (self.sme_revenue is not None and revenue is None):
            return None

        def below(limit_staff, limit_revenue) -> bool:
            return ((limit_staff is not None and staff < limit_staff)
                    or (limit_revenue is not None and revenue < limit_revenue))

        def at_least(limits) -> bool:
            s, r = limits
            return (s is None or staff >= s) and (r is None or revenue >= r)

        if not below(self.sme_staff, self.sme_revenue):
            return "大型"
        if at_least(self.medium):
            return "中型"
        if at_least(self.small):
            return "小型"
        return "微型"


RULES = [
    Rule("工业", "工业。从业人员1000人以下或营业收入40000万元以下的为中小微型企业。其中，从业人员300人及以上，"
         "且营业收入2000万元及以上的为中型企业；从业人员20人及以上，且营业收入300万元及以上的为小型企业；"
         "从业人员20人以下或营业收入300万元以下的为微型企业。",
         1000, 40000, (300, 2000), (20, 300)),
    Rule("批发业", "批发业。从业人员200人以下或营业收入40000万元以下的为中小微型企业。其中，从业人员20人及以上，"
         "且营业收入5000万元及以上的为中型企业；从业人员5人及以上，且营业收入1000万元及以上的为小型企业；"
         "从业人员5人以下或营业收入1000万元以下的为微型企业。",
         200, 40000, (20, 5000), (5, 1000)),
    Rule("零售业", "零售业。从业人员300人以下或营业收入20000万元以下的为中小微型企业。其中，从业人员50人及以上，"
         "且营业收入500万元及以上的为中型企业；从业人员10人及以上，且营业收入100万元及以上的为小型企业；"
         "从业人员10人以下或营业收入100万元以下的为微型企业。",
         300, 20000, (50, 500), (10, 100)),
    Rule("住宿业", "住宿业。从业人员300人以下或营业收入10000万元以下的为中小微型企业。其中，从业人员100人及以上，"
         "且营业收入2000万元及以上的为中型企业；从业人员10人及以上，且营业收入100万元及以上的为小型企业；"
         "从业人员10人以下或营业收入100万元以下的为微型企业。",
         300, 10000, (100, 2000), (10, 100)),
    Rule("餐饮业", "餐饮业。从业人员300人以下或营业收入10000万元以下的为中小微型企业。其中，从业人员100人及以上，"
         "且营业收入2000万元及以上的为中型企业；从业人员10人及以上，且营业收入100万元及以上的为小型企业；"
         "从业人员10人以下或营业收入100万元以下的为微型企业。",
         300, 10000, (100, 2000), (10, 100)),
    Rule("交通运输业", "交通运输业。从业人员1000人以下或营业收入30000万元以下的为中小微型企业。其中，从业人员300人及以上，"
         "且营业收入3000万元及以上的为中型企业；从业人员20人及以上，且营业收入200万元及以上的为小型企业；"
         "从业人员20人以下或营业收入200万元以下的为微型企业。",
         1000, 30000, (300, 3000), (20, 200)),
    Rule("仓储业", "仓储业。从业人员200人以下或营业收入30000万元以下的为中小微型企业。其中，从业人员100人及以上，"
         "且营业收入1000万元及以上的为中型企业；从业人员20人及以上，且营业收入100万元及以上的为小型企业；"
         "从业人员20人以下或营业收入100万元以下的为微型企业。",
         200, 30000, (100, 1000), (20, 100)),
    Rule("邮政业", "邮政业。从业人员1000人以下或营业收入30000万元以下的为中小微型企业。其中，从业人员300人及以上，"
         "且营业收入2000万元及以上的为中型企业；从业人员20人及以上，且营业收入100万元及以上的为小型企业；"
         "从业人员20人以下或营业收入100万元以下的为微型企业。",
         1000, 30000, (300, 2000), (20, 100)),
    Rule("信息传输业", "信息传输业。从业人员2000人以下或营业收入100000万元以下的为中小微型企业。其中，从业人员100人及以上，"
         "且营业收入1000万元及以上的为中型企业；从业人员10人及以上，且营业收入100万元及以上的为小型企业；"
         "从业人员10人以下或营业收入100万元以下的为微型企业。",
         2000, 100000, (100, 1000), (10, 100)),
    Rule("软件和信息技术服务业", "软件和信息技术服务业。从业人员300人以下或营业收入10000万元以下的为中小微型企业。其中，"
         "从业人员100人及以上，且营业收入1000万元及以上的为中型企业；从业人员10人及以上，且营业收入50万元及以上的为小型企业；"
         "从业人员10人以下或营业收入50万元以下的为微型企业。",
         300, 10000, (100, 1000), (10, 50)),
    Rule("物业管理", "物业管理。从业人员1000人以下或营业收入5000万元以下的为中小微型企业。其中，从业人员300人及以上，"
         "且营业收入1000万元及以上的为中型企业；从业人员100人及以上，且营业收入500万元及以上的为小型企业；"
         "从业人员100人以下或营业收入500万元以下的为微型企业。",
         1000, 5000, (300, 1000), (100, 500)),
    Rule("农、林、牧、渔业", "农、林、牧、渔业。营业收入20000万元以下的为中小微型企业。其中，营业收入500万元及以上的为中型企业，"
         "营业收入50万元及以上的为小型企业，营业收入50万元以下的为微型企业。",
         None, 20000, (None, 500), (None, 50)),
    Rule("建筑业", "建筑业。营业收入80000万元以下或资产总额80000万元以下的为中小微型企业。其中，营业收入6000万元及以上，"
         "且资产总额5000万元及以上的为中型企业；营业收入300万元及以上，且资产总额300万元及以上的为小型企业；"
         "营业收入300万元以下或资产总额300万元以下的为微型企业。", computed=False),
    Rule("租赁和商务服务业", "租赁和商务服务业。从业人员300人以下或资产总额120000万元以下的为中小微型企业。其中，"
         "从业人员100人及以上，且资产总额8000万元及以上的为中型企业；从业人员10人及以上，且资产总额100万元及以上的为小型企业；"
         "从业人员10人以下或资产总额100万元以下的为微型企业。", computed=False),
    Rule("其他未列明行业", "其他未列明行业。从业人员300人以下的为中小微型企业。其中，从业人员100人及以上的为中型企业；"
         "从业人员10人及以上的为小型企业；从业人员10人以下的为微型企业。",
         300, None, (100, None), (10, None)),
]

RULES_BY_INDUSTRY = {r.industry: r for r in RULES}
