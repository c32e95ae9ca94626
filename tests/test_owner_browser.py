"""Issue 15 parts 2-5 as a business owner meets them on a 360 px phone, in
headless Chromium (tests/browser.py: fails, not skips, under CI).

Each test is one situation of the issue's "Why": a firm just converted from
个体工商户 picks several answers and sees 个转企; answers live in the URL and
can be changed; the self-check's heading tells the truth; the matching
catalogue view is one tap away; the size classes are explained; the
catalogue's count is in reach while filtering and the chosen filters show as
chips; an industry filter; an entry says what to do now with a phone number
to tap. Expected entries come from the fixture YAML (tests/fixture/content).
On each engine's site (conftest.py ``engine``).
"""

from __future__ import annotations

import re

from urllib.parse import parse_qs, urlsplit

import pytest

from browser import PHONE, SCREENSHOT_TIMEOUT_MS, new_context, sideways
from catalogue_rules import (IDENTITY, INDUSTRY_ANY, expected_status, for_others, in_catalogue_view, is_current,
                             self_check_fits)
from catalogue_ui import CATALOGUE, SELF_CHECK, box, open_catalogue, result_ids, shown, submit_profile

from policy_site.content import load_content
from conftest import CONTENT

pytestmark = pytest.mark.browser

SCREENSHOTS = __import__("pathlib").Path(__file__).resolve().parent / "screenshots"


@pytest.fixture(scope="module")
def content():
    return load_content(CONTENT)


@pytest.fixture
def phone(browser):
    context = new_context(browser, PHONE["width"])
    yield context
    context.close()


@pytest.fixture
def page(phone):
    return phone.new_page()


def fits(content, *profile) -> set[str]:
    return {p.id for p in content.policies.values() if self_check_fits(p, *profile)}


# -- 政策自测 ---------------------------------------------------------------------

def test_converted_firm_picks_several_answers_and_sees_individual_to_enterprise(page, expect, engine_site_url, content):
    """个转企: a firm that has just converted ticks 刚由个体户转为企业 and
    小微企业 and sees the 个体工商户 entries (个转企) and the 小微企业 ones."""
    profile = (["converted", "micro"], [], "", None, None)
    page.goto(engine_site_url + SELF_CHECK)
    submit_profile(page, expect, *profile)
    got = set(result_ids(page))
    want = fits(content, *profile)
    assert got == want, f"lists {sorted(got)}, expected {sorted(want)}"
    for_individuals = {p.id for p in content.policies.values() if "个体工商户" in p.audiences}
    # Entries that name a narrower group beside 小微企业 (科技型小微企业) are for that group.
    for_micro = {p.id for p in content.policies.values() if "小微企业" in p.audiences and not for_others(p, profile[0])}
    assert for_individuals and for_individuals <= got, "the 个体工商户 (个转企) entries are missing"
    assert for_micro and for_micro <= got, "the 小微企业 entries are missing"
    assert sideways(page, PHONE["width"]) is None


def test_heading_tells_the_truth_when_everything_found_has_lapsed(page, expect, engine_site_url, content):
    profile = (["micro"], [], "", None, None)
    want = fits(content, *profile)
    assert want and all(expected_status(content, content.policies[i]) == "已失效" for i in want)
    page.goto(engine_site_url + SELF_CHECK)
    submit_profile(page, expect, *profile)
    expect(page.locator("[data-results] h2")).to_have_text(f"找到 {len(want)} 项相关政策，均已失效")
    expect(page.locator('[data-results] ul[data-group="current"]')).to_have_count(0)


def test_answers_are_in_the_url_reopen_and_can_be_changed(phone, expect, engine_site_url, content):
    profile = (["trade", "tech"], ["市场开拓", "科技创新"], "批发业", 8, 600)
    page = phone.new_page()
    page.goto(engine_site_url + SELF_CHECK)
    submit_profile(page, expect, *profile)
    first = result_ids(page)
    assert not urlsplit(page.url).query, "answers in the query would reach the server (Referer, logs)"
    query = parse_qs(urlsplit(page.url).fragment)
    # In the order the page lists the options (tech before trade; 科技创新 before 市场开拓).
    assert query == {"who": ["tech", "trade"], "industry": ["批发业"], "staff": ["8"], "revenue": ["600"],
                     "need": ["科技创新", "市场开拓"]}, query
    # Opened elsewhere (shared), the same answers and the same results.
    other = phone.new_page()
    other.goto(page.url)
    expect(other.locator("[data-results] h2")).to_be_visible()
    assert result_ids(other) == first
    checked = other.locator('form.self-check input[name="who"]:checked').evaluate_all("b => b.map(x => x.value)")
    assert sorted(checked) == ["tech", "trade"]
    expect(other.locator('select[name="industry"]')).to_have_value("批发业")
    expect(other.locator('input[name="staff"]')).to_have_value("8")
    # 修改回答 takes the reader back to the questions, answers kept.
    other.locator("[data-results] button[data-edit]").click()
    focused_in_form = other.evaluate("() => !!document.activeElement.closest('form.self-check')")
    assert focused_in_form, "修改回答 did not move focus to the questions"
    expect(other.locator("form.self-check legend").first).to_be_in_viewport()
    assert sorted(other.locator('input[name="who"]:checked').evaluate_all("b => b.map(x => x.value)")) == ["tech", "trade"]


def test_catalogue_link_shows_the_same_entries(page, expect, engine_site_url, content):
    profile = (["converted"], ["贷款融资", "政务服务"], "工业", 12, 500)
    page.goto(engine_site_url + SELF_CHECK)
    submit_profile(page, expect, *profile)
    listed = set(result_ids(page))
    assert listed == fits(content, *profile) and listed
    # The catalogue's filters by the same answers: what the self-check lists,
    # and the entries meant for a narrower group it left out (and said so).
    who, _, industry, staff, revenue = profile
    want = {p.id for p in content.policies.values() if in_catalogue_view(p, who, industry, staff, revenue)}
    left_out = want - listed
    assert left_out == {p.id for p in content.policies.values() if p.id in want and for_others(p, who, industry, staff, revenue)}
    if left_out:
        expect(page.locator("[data-results] .self-check-left-out")).to_contain_text(f"另有 {len(left_out)} 项")
    link = page.locator("[data-results] a[data-catalogue-link]")
    expect(link).to_contain_text(f"（{len(want)} 项）")
    link.click()
    expect(page.locator("form.catalogue-filters")).to_be_visible()
    page.wait_for_url("**/policies/**")
    assert shown(page) == want, f"the catalogue shows {sorted(shown(page))}, expected {sorted(want)}"


def test_size_class_and_above_scale_are_explained(page, expect, engine_site_url, content):
    page.goto(engine_site_url + SELF_CHECK)
    # Without answers the page already explains the classes and 规上/规下, with the standard cited.
    section = page.locator("ul.size-classes")
    for name in ("大型", "中型", "小型", "微型"):
        expect(section).to_contain_text(f"{name}企业")
    body = page.locator("article")
    expect(body).to_contain_text("工信部联企业〔2011〕300号")
    expect(body).to_contain_text("年主营业务收入2000万元及以上")
    # 工业, 19 people: 微型 (the standard's 20人及以上 is 小型); 20 people and 300万元: 小型.
    submit_profile(page, expect, ["individual"], [], "工业", 19, 5000)
    expect(page.locator("[data-results] .self-check-size").first).to_contain_text("属于微型企业")
    submit_profile(page, expect, ["individual"], [], "工业", 20, 300)
    expect(page.locator("[data-results] .self-check-size").first).to_contain_text("属于小型企业")
    expect(page.locator("[data-results]")).to_contain_text("属于规下工业企业")
    submit_profile(page, expect, ["above-scale"], [], "工业", 400, 50000)
    expect(page.locator("[data-results]")).to_contain_text("属于规上工业企业")
    expect(page.locator("[data-results] h2")).to_have_text("没有找到相关政策")
    expect(page.locator("[data-results] .empty")).to_contain_text("没有面向您所选对象的条目")


def test_options_that_match_nothing_are_not_offered_or_say_so(page, expect, engine_site_url, content):
    page.goto(engine_site_url + SELF_CHECK)
    expect(page.locator("form.self-check")).to_be_visible()
    offered = page.locator('input[name="need"]').evaluate_all("b => b.map(x => x.value)")
    used = {t for p in content.policies.values() for t in p.support_types}
    assert set(offered) == used, f"needs offered {offered}; entries have {sorted(used)}"
    for value, identity in IDENTITY.items():
        label = page.locator(f'input[name="who"][value="{value}"]').locator("xpath=..")
        matches = any(set(identity.audiences) & set(p.audiences) for p in content.policies.values())
        says_none = "没有面向这类对象的条目" in label.inner_text()
        assert says_none == (not identity.audiences), f"{value}: {label.inner_text()!r}"
        assert matches or says_none, f"{value} matches no entry and does not say so"


def test_without_javascript_the_self_check_still_helps(browser, expect, engine_site_url):
    context = new_context(browser, PHONE["width"], java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(engine_site_url + SELF_CHECK)
        expect(page.locator("form.self-check")).to_be_hidden()
        expect(page.locator("noscript, .noscript-note").first).to_be_attached()
        expect(page.locator(".noscript-note a")).to_have_attribute("href", "../policies/")
        expect(page.locator("ul.size-classes")).to_be_visible()
    finally:
        context.close()


# -- 政策目录 on a phone -------------------------------------------------------------

def test_result_count_stays_in_reach_while_filtering(page, expect, engine_site_url, content):
    open_catalogue(page, expect, engine_site_url + CATALOGUE)
    page.locator("details.filter-panel summary").click()
    apply = page.locator("[data-apply-button]")
    expect(apply).to_be_visible()
    value = "贷款融资"
    option = box(page, "support", value)
    option.scroll_into_view_if_needed()
    option.check()
    want = {p.id for p in content.policies.values() if value in p.support_types}
    expect(apply).to_have_text(f"查看 {len(want)} 项结果")
    # Scrolled to the last option of the panel, the button is still on screen.
    page.locator(".catalogue-filters input[type=checkbox]").last.scroll_into_view_if_needed()
    expect(apply).to_be_in_viewport()
    apply.click()
    expect(page.locator("details.filter-panel")).not_to_have_attribute("open", "")
    expect(page.locator("[data-count-total]")).to_be_in_viewport()
    assert shown(page) == want


def test_chosen_filters_show_as_removable_chips(page, expect, engine_site_url, content):
    url = engine_site_url + CATALOGUE + "?support=贷款融资&industry=" + INDUSTRY_ANY
    open_catalogue(page, expect, url)
    assert page.locator("details.filter-panel").evaluate("d => d.open") is False
    chips = page.locator("[data-chips] button.filter-chip")
    expect(chips).to_have_count(2)
    expect(chips.nth(0)).to_have_text("支持方式：贷款融资 ×")
    expect(chips.nth(1)).to_have_text(f"行业：{INDUSTRY_ANY} ×")
    chips.nth(0).click()
    expect(chips).to_have_count(1)
    want = {p.id for p in content.policies.values() if not p.industries}
    assert shown(page) == want
    assert parse_qs(urlsplit(page.url).query) == {"industry": [INDUSTRY_ANY]}
    chips.nth(0).click()
    expect(page.locator("[data-chips]")).to_be_hidden()
    assert shown(page) == set(content.policies)


def test_industry_filter(page, expect, engine_site_url, content):
    open_catalogue(page, expect, engine_site_url + CATALOGUE)
    page.locator("details.filter-panel summary").click()
    limited = sorted({i for p in content.policies.values() for i in p.industries})
    assert limited, "no fixture entry names an industry"
    for value in limited + [INDUSTRY_ANY]:
        box(page, "industry", value).check()
        # An entry no industry limits (不限行业) is listed under every industry.
        want = {p.id for p in content.policies.values() if value in p.industries or not p.industries}
        assert shown(page) == want, f"{value}: {sorted(shown(page))} vs {sorted(want)}"
        box(page, "industry", value).uncheck()


# -- 怎么办 on an entry -----------------------------------------------------------------

def test_entry_says_what_to_do_with_a_number_to_tap(page, expect, engine_site_url, content):
    entry = next(p for p in content.policies.values() if any(d.phone for d in p.departments))
    page.goto(engine_site_url + f"policies/{entry.id}/")
    box_ = page.locator("section.next-step")
    # Named by its heading, which has its permalink as every section's does.
    expect(box_).to_have_attribute("aria-labelledby", "next-step")
    expect(page.locator("h2#next-step")).to_have_text(re.compile(r"^怎么办¶$"))
    phones = box_.locator('a[href^="tel:"]')
    expect(phones).to_have_count(2)  # the department, then the helpline
    for i in range(2):
        size = phones.nth(i).bounding_box()
        assert size and size["height"] >= 20, f"phone link {i} is hard to tap: {size}"
    assert not is_current(expected_status(content, entry))
    expect(page.locator("article")).not_to_contain_text("以主管部门发布的实施细则为准")
    # The box comes before the facts table: reached by scrolling less than two screens.
    top = box_.evaluate("b => b.getBoundingClientRect().top + window.scrollY")
    assert top < 2 * PHONE["height"], f"the 怎么办 box starts {top} px down"
    assert sideways(page, PHONE["width"]) is None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    box_.screenshot(path=str(SCREENSHOTS / "next-step-360.png"), timeout=SCREENSHOT_TIMEOUT_MS)


# -- Wording and the first screen (part 5), department contact (part 3) ---------------

def test_home_first_screen_says_the_documents_are_not_in_force_before_the_entrances(page, expect, engine_site_url):
    page.goto(engine_site_url)
    banner = page.locator("article .where-current")
    entrances = page.locator("#find-support")
    expect(banner).to_be_visible()
    assert banner.bounding_box()["y"] < entrances.bounding_box()["y"], "政策自测/政策目录 come before the notice"
    expect(banner).to_be_in_viewport()


def test_department_and_repealed_document_give_a_number_to_tap(page, expect, engine_site_url, content):
    dept = next(d for d in content.departments.values() if d.phone)
    page.goto(engine_site_url + f"departments/{dept.ref_id}/")
    expect(page.locator("dl.contact-list a[href^='tel:']")).to_have_text(dept.phone)
    expect(page.locator("dl.contact-list")).to_contain_text("未提供")  # its website is not given
    plan = next(iter({b.document.id for p in content.policies.values() for b in p.basis}))
    page.goto(engine_site_url + f"documents/{plan}/")
    helpline = page.locator(".status-banner .status-helpline a[href^='tel:']")
    expect(helpline).to_have_text(content.site.helpline_phone)
    expect(helpline).to_be_in_viewport()


def test_catalogue_order_and_entry_wording(page, expect, engine_site_url, content):
    open_catalogue(page, expect, engine_site_url + CATALOGUE)
    first = page.locator("li.policy-card").first.get_attribute("id")
    assert first != sorted(content.policies)[0], "the list still starts with the first file name"
    entry = sorted(content.policies)[0]
    page.goto(engine_site_url + f"policies/{entry}/")
    facts = page.locator("table.policy-facts")
    expect(facts).not_to_contain_text("关键词")
    expect(facts).not_to_contain_text("最后核实")  # the entry has lapsed: a recent check date would mislead
    page.goto(engine_site_url + "about/")
    expect(page.locator("article")).not_to_contain_text("content/")


def test_self_check_lists_in_the_catalogues_order_of_support(page, expect, engine_site_url, content):
    """Results follow the catalogue's order (main support type, vocabulary
    order), not the file names."""
    from policy_site.schema.model import SUPPORT_TYPE

    page.goto(engine_site_url + SELF_CHECK)
    submit_profile(page, expect, ["micro", "individual"], [], "", None, None)
    ids = result_ids(page)
    ranks = [list(SUPPORT_TYPE.terms).index(content.policies[i].support_types[0]) for i in ids]
    assert ranks == sorted(ranks), f"results by main support type: {list(zip(ids, ranks))}"
    assert ids != sorted(ids)
