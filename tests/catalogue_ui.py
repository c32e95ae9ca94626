"""Driving the 政策目录 and the 政策自测 in the browser as a reader does:
the catalogue's filters (tests/filtered_list.py), the self-check's form and
its results, and the keyboard walk the filters are reached by."""

from __future__ import annotations

import pytest

from filtered_list import FilteredList

CATALOGUE = "policies/"
SELF_CHECK = "self-check/"
# A text no entry contains.
NO_MATCH = "没有这样的政策zzqx"

# Self-check answers: (我是…… values, needs, industry of the size standard
# ("" = 不确定), people, revenue in 万元 (None = not given)).
PROFILES = [
    (["individual"], [], "", None, None),
    (["tech"], ["科技创新"], "", None, None),
    (["trade"], ["市场开拓"], "批发业", None, None),
    (["starter"], ["培训辅导"], "", None, None),
    (["manager"], [], "", None, None),
    (["sub-scale"], [], "软件和信息技术服务业", None, None),
    (["talent"], ["人才"], "", None, None),
    (["converted"], [], "工业", 12, 500),
    (["individual", "talent"], [], "工业", 12, 500),  # a micro firm by size: 小微企业 entries too
    (["above-scale"], [], "工业", 400, 50000),
]


# -- The catalogue ------------------------------------------------------------------

CATALOGUE_LIST = FilteredList("li.policy-card", "catalogue-q")
open_catalogue, open_filters, box, shown = (CATALOGUE_LIST.open, CATALOGUE_LIST.open_filters, CATALOGUE_LIST.box,
                                          CATALOGUE_LIST.shown)


# -- The keyboard ---------------------------------------------------------------------

def focused(page) -> dict:
    return page.evaluate("""() => {
        const e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), id: e.id, type: e.type || '', name: e.name || '',
                value: e.value || '', summary: e.tagName === 'SUMMARY' && !!e.closest('.filter-panel'),
                checked: !!e.checked};
    }""")


def tab_until(page, test, limit: int = 150) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if test(now):
            return now
    pytest.fail(f"{limit} presses of Tab did not reach the element; focus is on {focused(page)}")


# -- The self-check -------------------------------------------------------------------

def submit_profile(page, expect, who: list[str], needs: list[str], industry: str, staff=None, revenue=None):
    form = page.locator("form.self-check")
    expect(form).to_be_visible()  # the catalogue data has loaded
    for box_ in form.locator('input[name="who"]').all():
        box_.set_checked(box_.get_attribute("value") in who)
    offered = form.locator('input[name="need"]').evaluate_all("boxes => boxes.map(b => b.value)")
    assert set(needs) <= set(offered), f"needs {needs} are not all offered: {offered}"
    for box_ in form.locator('input[name="need"]').all():
        box_.set_checked(box_.get_attribute("value") in needs)
    form.locator('select[name="industry"]').select_option(industry)
    form.locator('input[name="staff"]').fill("" if staff is None else str(staff))
    form.locator('input[name="revenue"]').fill("" if revenue is None else str(revenue))
    form.locator("button[type=submit]").click()
    expect(page.locator("[data-results] h2")).to_be_visible()


def result_ids(page, group: str | None = None) -> list[str]:
    scope = f'[data-results] ul[data-group="{group}"]' if group else "[data-results]"
    return page.locator(f"{scope} li[data-policy]").evaluate_all("items => items.map(i => i.dataset.policy)")
