"""The national size classes (policy_site/size_classes.py): each rule's
thresholds are the numbers its quoted text states, and the size class
(catalogue_rules.size_class, as the self-check computes it) follows the
text at the boundaries (及以上 includes the number, 以下 does not)."""

from __future__ import annotations

import re

import pytest

from catalogue_rules import size_class

from policy_site.pages.self_check import INDUSTRY_OF
from policy_site.size_classes import RULES, STANDARD


def stated(quote: str, measure: str, kind: str) -> list[int]:
    """Numbers the quote states for a measure: 从业人员 (人) or 营业收入 (万元), followed by 以下 or 及以上."""
    unit = "人" if measure == "从业人员" else "万元"
    return [int(n) for n in re.findall(rf"{measure}(\d+){unit}{kind}", quote)]


@pytest.mark.parametrize("rule", [r for r in RULES if r.computed], ids=lambda r: r.industry)
def test_thresholds_are_the_numbers_of_the_quote(rule):
    for measure, index in (("从业人员", 0), ("营业收入", 1)):
        limits = [rule.sme_staff, rule.sme_revenue]
        at_least = [rule.medium[index], rule.small[index]]
        below = stated(rule.quote, measure, "以下")
        above = stated(rule.quote, measure, "及以上")
        if limits[index] is None:
            assert not below and not above, f"{rule.industry}: {measure} is in the text but not in the rule"
            continue
        # 以下: the SME limit, then the micro limit (= the small class's floor).
        assert below == [limits[index], at_least[1]], (rule.industry, measure, below)
        assert above == [a for a in at_least if a is not None], (rule.industry, measure, above)


def test_classify_at_the_boundaries_of_industry():
    rule = next(r for r in RULES if r.industry == "工业")
    assert size_class(rule, 19, 5000) == "微型"  # 20人以下 is micro
    assert size_class(rule, 20, 299) == "微型"  # 300万元以下 is micro
    assert size_class(rule, 20, 300) == "小型"  # 20人及以上 and 300万元及以上
    assert size_class(rule, 300, 2000) == "中型"
    assert size_class(rule, 999, 100000) == "中型"  # fewer than 1000 people: still an SME
    assert size_class(rule, 1000, 40000) == "大型"
    assert size_class(rule, None, 300) is None  # a missing answer: no class claimed


def test_other_industries_by_people_only_and_assets_not_computed():
    other = next(r for r in RULES if r.industry == "其他未列明行业")
    assert [size_class(other, n, None) for n in (9, 10, 100, 300)] == ["微型", "小型", "中型", "大型"]
    for name in ("建筑业", "租赁和商务服务业"):
        rule = next(r for r in RULES if r.industry == name)
        assert "资产总额" in rule.quote and size_class(rule, 10, 10) is None


def test_every_industry_of_the_self_check_is_mapped_and_the_standard_cited():
    assert {r.industry for r in RULES} == set(INDUSTRY_OF)
    assert "工信部联企业〔2011〕300号" in STANDARD
