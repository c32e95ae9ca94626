"""Search, through the real search box in Chromium, against tests/search_queries.yaml.

Every query in that file must show one of its ``find`` results among the first
three results, and none of its ``not`` results there. The file is checked
against the content first (every id exists; a ``not`` result really does not
contain the query), so it cannot rot into passing.

Also here: the browser cuts text exactly as the index did (the same
tokens for the same strings), what a result shows (kind, status, highlight),
what a query downloads, and the keyboard.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from browser import PHONE, new_context, record_requests
from conftest import CONTENT, ROOT
from search_ui import QUERY, RESULT_LINKS, SITE_URLS, ZENSICAL_OPTIONS, ZENSICAL_QUERY, describe, home_page, normalize, result_url, search, shown_records, target_url

from policy_site import urls
from policy_site.content import load_content
from policy_site.search import CORE, content_records
from policy_site.search.tokens import shard_of, tokens

QUERIES = yaml.safe_load((Path(__file__).with_name("search_queries.yaml")).read_text(encoding="utf-8"))["queries"]
TOP = 3
MIN_QUERIES = 60
MIN_PRECISION_QUERIES = 10


@pytest.fixture(scope="module")
def records():
    return {r.location: r for r in content_records(load_content(CONTENT))}


# -- the query file itself -----------------------------------------------------

def test_query_file_is_big_enough():
    assert len(QUERIES) >= MIN_QUERIES
    assert sum(1 for q in QUERIES if q.get("not")) >= MIN_PRECISION_QUERIES
    assert len({q["q"] for q in QUERIES}) == len(QUERIES), "a query is listed twice"


def test_query_file_names_existing_results(records):
    for query in QUERIES:
        for target in query["find"] + query.get("not", []):
            assert target_url(target) in records, f"{query['q']}: {target} is not in the content"


def test_precision_queries_are_really_absent_from_their_not_results(records):
    """A ``not`` result must not contain the query at all: otherwise finding it is right."""
    for query in QUERIES:
        for target in query.get("not", []):
            record = records[target_url(target)]
            said = normalize(" ".join([record.title, record.text, *record.keywords]))
            assert normalize(query["q"]) not in said, f"{target} does contain {query['q']!r}"


def test_zensicals_document_list_holds_each_record_in_the_index_order(records):
    """Zensical's dialog shows the item of search-index/search.json whose
    position is the record id the worker answers with (zensical.js)."""
    from policy_site.search.index import build_files

    listed = list(records.values())
    files = build_files(listed)
    shown = json.loads(files["search.json"])["items"]
    assert [item["location"] for item in shown] == ["../" + r.location for r in listed]
    for item, record in zip(shown, listed):
        assert item["path"][0] == record.kind and item["title"].startswith(html.escape(record.title, quote=False))
    per_file = json.loads(files["search_index.json"])["config"]["policy_site"]["per_file"]
    last = max(int(name.rsplit("/d", 1)[1][:-5]) for name in files if "/d" in name)
    assert json.loads(files[next(n for n in files if n.endswith(f"/d{last}.json"))])[-1]["l"] == listed[-1].location
    assert (last + 1) * per_file >= len(listed) > last * per_file


# -- the same cut on both sides -------------------------------------------------

SAMPLES = [
    "贷款风险补偿金", "个转企、小升规、规改股、股上市", "３３１５计划", "ＡＡＡ级“守合同重信用”",
    "研发投入占销售收入比例不低于2.5%", "(2018-2020年)", "税", "a", "中国制造2025试点",
    "浙政办发〔2018〕34号", "  空格  与\n换行 ", "𠀀汉字扩展B", "Ⅻ ① ㎡",
]


@pytest.fixture(scope="module")
def worker_page(browser):
    """A blank page with the search core's functions loaded (no adapter: no message handler)."""
    context = new_context(browser)
    page = context.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=CORE.read_text(encoding="utf-8"))
    yield page
    context.close()


@pytest.mark.browser
def test_browser_cuts_text_exactly_as_the_index(worker_page, records):
    texts = SAMPLES + [r.text for r in records.values() if r.text]
    in_browser = worker_page.evaluate("texts => texts.map(tokens)", texts)
    for text, js in zip(texts, in_browser):
        assert js == tokens(text), f"tokens differ for {text!r}"


@pytest.mark.browser
def test_browser_finds_the_same_index_file_for_a_token(worker_page):
    sample = ["贷款", "税", "3315", "aaa", "𠀀", "ⅻ"]
    for shards in (1, 7, 64, 4096):
        js = worker_page.evaluate("([tokens, n]) => tokens.map(t => shardOf(t, n))", [sample, shards])
        assert js == [shard_of(t, shards) for t in sample]


# -- the queries, in the real search box ---------------------------------------

@pytest.fixture(scope="module")
def search_page(browser, site_url):
    """One page for all the queries (each waits for its own results)."""
    yield from home_page(browser, site_url)


@pytest.fixture(scope="module", params=list(SITE_URLS))
def engine_search_page(request, browser):
    """One page on each engine's site, for the query sets."""
    yield from home_page(browser, request.getfixturevalue(SITE_URLS[request.param]))


@pytest.mark.browser
@pytest.mark.parametrize("query", QUERIES, ids=[q["q"] for q in QUERIES])
def test_query_finds_its_result_in_the_top_three(engine_search_page, expect, query):
    shown = shown_records(search(engine_search_page, expect, query["q"]))[:TOP]
    found = [result_url(r) for r in shown]
    wanted = {target_url(t) for t in query["find"]}
    assert wanted & set(found), f"none of {sorted(wanted)} in the top {TOP}:\n{describe(shown)}"
    unwanted = {target_url(t) for t in query.get("not", [])} & set(found)
    assert not unwanted, f"{sorted(unwanted)} must not be in the top {TOP}:\n{describe(shown)}"


# -- what a result shows ---------------------------------------------------------

@pytest.mark.browser
def test_results_show_kind_status_and_highlight(search_page, expect):
    results = search(search_page, expect, "风险补偿")
    shown = shown_records(results)
    kinds = {r["kind"] for r in shown}
    assert {"原文", "政策目录"} <= kinds, describe(shown)
    clause = next(r for r in shown if r["kind"] == "原文")
    entry = next(r for r in shown if r["kind"] == "政策目录")
    # The plan is repealed: its clauses say so, and entries based on it are 已失效.
    assert clause["status"] == "已废止"
    assert entry["status"] == "已失效"
    assert any("风险补偿" in "".join(r["marks"]) for r in shown), describe(shown)


@pytest.mark.browser
@pytest.mark.parametrize("query, first, later", [
    # the clause that sets up the system, before the interpretation retelling it
    ("最多跑一次", "clause/task-3-1", "interpretation/hs-2018-138-text#tasks"),
    # the target that states the figure, before the department page listing it
    ("标准厂房", "indicator/standard-factories", "department/economy-it"),
    # the entry named after the term, before the clause that lists it among others
    ("个转企", "policy/individual-to-enterprise", "clause/task-1-1"),
])
def test_the_defining_result_comes_before_passing_mentions(search_page, expect, query, first, later):
    shown = [result_url(r) for r in shown_records(search(search_page, expect, query))]
    assert target_url(first) in shown and target_url(later) in shown, shown
    assert shown.index(target_url(first)) < shown.index(target_url(later)), shown


@pytest.mark.browser
def test_a_query_with_no_match_says_so(search_page, expect):
    query = search_page.locator(QUERY)
    query.fill("")
    search_page.keyboard.type("区块链元宇宙")
    search_page.keyboard.press("End")
    expect(search_page.locator(".md-search-result__meta")).to_have_text("没有找到符合条件的结果")
    expect(search_page.locator(RESULT_LINKS)).to_have_count(0)


@pytest.mark.browser
def test_words_typed_apart_match_a_record_with_both(search_page, expect):
    shown = shown_records(search(search_page, expect, "小微企业 贷款"))
    assert shown and all(set(r["h"].split()) == {"小微企业", "贷款"} for r in shown[:TOP]), describe(shown)


# -- downloads ---------------------------------------------------------------------

@pytest.mark.browser
def test_a_query_downloads_only_the_index_files_it_needs(browser, expect, site_url, site_dir):
    """The first query fetches the settings, the worker, the shards of its
    tokens and the records it shows; a later query fetches only what is new."""
    context = new_context(browser)
    try:
        log = record_requests(context)
        page = context.new_page()
        page.goto(site_url)
        before = len(log.urls)
        search(page, expect, "个转企")
        first = [u for u in log.urls[before:] if "/search-index/" in u or "search-worker" in u]
        middle = len(log.urls)
        search(page, expect, "个体户")
        later = [u for u in log.urls[middle:] if "/search-index/" in u]
    finally:
        context.close()
    settings = json.loads((site_dir / "search-index" / "search_index.json").read_text(encoding="utf-8"))["config"]["policy_site"]
    shards = {f"s{shard_of(t, settings['shards'])}.json" for t in ["个转", "转企"]}
    names = [u.rsplit("/", 1)[1] for u in first]
    fetched_shards = {n for n in names if n.startswith("s") and n.endswith(".json") and n != "search_index.json"}
    assert fetched_shards == shards, first
    assert 0 < len([n for n in names if n.startswith("d")]) <= 20  # core.js CANDIDATES
    # What the first query fetched is kept: the second fetches only new files.
    again = [u for u in later if u in first]
    assert not again, f"fetched again: {again}"


# -- keyboard and phone ------------------------------------------------------------------

@pytest.fixture
def home(browser, site_url):
    """A fresh page at the home page, for tests that change its state."""
    yield from home_page(browser, site_url)


@pytest.fixture(params=list(SITE_URLS))
def engine_home(request, browser):
    """A fresh page at the home page of each engine's site."""
    yield from home_page(browser, request.getfixturevalue(SITE_URLS[request.param]))


@pytest.mark.browser
def test_keyboard_opens_the_best_result(engine_home, expect):
    shown = shown_records(search(engine_home, expect, "政保贷"))
    engine_home.keyboard.press("Enter")  # both themes open the first result shown
    engine_home.wait_for_url(lambda url: urls.policies() in url)
    assert engine_home.url.split("?")[0].endswith("/" + result_url(shown[0]))


@pytest.fixture
def zensical_home(browser, zensical_site_url):
    yield from home_page(browser, zensical_site_url)


@pytest.mark.browser
def test_zensical_dialog_moves_through_results_and_speaks_chinese(zensical_home, expect):
    """Zensical's dialog: arrow keys select the next result (focus stays in
    the box), and what it says (labels, result count, no result) is Chinese
    (docs/assets/search-dialog.js). Its filter button, which would open an
    empty panel of tags (the site's search documents have none), is hidden."""
    page = zensical_home
    shown = search(page, expect, "贷款")
    expect(page.locator("dialog button[aria-controls$='-filters']")).to_be_hidden()
    box = page.locator(ZENSICAL_QUERY)
    page.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", re.compile(r"-\d+$"))
    selected = page.locator(ZENSICAL_OPTIONS + "[aria-selected=true]")
    assert selected.get_attribute("href") == shown[1]["href"]
    labels = page.locator("dialog[aria-label], dialog [aria-label], dialog [placeholder]").evaluate_all(
        "els => els.flatMap(e => [e.getAttribute('aria-label'), e.getAttribute('placeholder')]).filter(Boolean)")
    assert labels and all(re.search(r"[\u4e00-\u9fff]", label) for label in labels), labels
    expect(page.locator("dialog [role=status]")).to_have_text(f"{len(shown)} 个符合条件的结果")
    search(page, expect, "量子计算机火箭")
    expect(page.locator("dialog [role=status]")).to_have_text("没有找到符合条件的结果")


@pytest.mark.browser
@pytest.mark.parametrize("key", ["/", "s"])
def test_material_shortcuts_focus_the_search_box(home, expect, key):
    home.keyboard.press(key)
    expect(home.locator(QUERY)).to_be_focused()


@pytest.mark.browser
def test_arrow_keys_move_through_results(home, expect):
    search(home, expect, "贷款")
    home.keyboard.press("ArrowDown")
    assert home.evaluate("document.activeElement.matches('a.md-search-result__link')")


@pytest.mark.browser
def test_search_on_a_phone(browser, expect, site_url):
    context = new_context(browser, width=PHONE["width"])
    try:
        page = context.new_page()
        page.goto(site_url)
        # The header's search button (a <button> once docs/assets/a11y.js runs).
        page.get_by_role("button", name="搜索", exact=True).click()
        expect(page.locator(QUERY)).to_be_focused()
        shown = shown_records(search(page, expect, "厂房"))
        assert shown, "no result on a phone"
        first = page.locator(RESULT_LINKS).first
        expect(first).to_be_in_viewport()
        # Material's overlay grows past the edge while it opens (a phone then
        # briefly widens the viewport); once it has opened, nothing may scroll
        # sideways and the results must fit the screen.
        page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
        scrolled = page.evaluate("() => { window.scrollTo(500, window.scrollY); return window.scrollX; }")
        assert scrolled == 0, f"the page scrolls sideways by {scrolled} px"
        for box in page.locator(".md-search-result__article").evaluate_all(
                "els => els.map(e => e.getBoundingClientRect().right)"):
            assert box <= PHONE["width"], f"a result is {box} px wide"
    finally:
        context.close()


# -- tokens, by hand ------------------------------------------------------------------

def test_tokens_are_overlapping_pairs_plus_the_last_character():
    assert tokens("贷款风险") == ["贷款", "款风", "风险", "险"]
    assert tokens("税") == ["税"]
    assert tokens("３３１５计划ＡＡＡ级 2.5%") == ["3315", "计划", "划", "aaa", "级", "2.5"]
    assert tokens("“个转企”、小升规") == ["个转", "转企", "企", "小升", "升规", "规"]


# -- aliases staff add ---------------------------------------------------------------------

@pytest.mark.browser
def test_a_department_is_found_by_its_full_name(tmp_path, browser, expect):
    """full_name is empty in the government's file (the plan gives none); once
    staff fill it in, the department is found by it."""
    from conftest import build_site, copy_project, serve

    project = copy_project(tmp_path / "project")
    haishu = project / "content" / "governments" / "haishu.yaml"
    text = haishu.read_text(encoding="utf-8")
    assert text.count("  name: 区经信局\n") == 1
    text = text.replace("  name: 区经信局\n", "  name: 区经信局\n  full_name: 测试用全称经济信息局\n", 1)
    haishu.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    server, url = serve(site)
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(url)
        shown = shown_records(search(page, expect, "测试用全称"))
        assert shown and result_url(shown[0]) == urls.department(SimpleNamespace(ref_id="haishu/economy-it")), describe(shown)
    finally:
        context.close()
        server.shutdown()


# The element focused inside Zensical's dialog (its shadow root), or null.
FOCUS_IN_DIALOG = """() => {
    const host = document.activeElement, root = host && host.shadowRoot;
    const el = root && root.activeElement;
    return el && el.closest("dialog") ? (el.getAttribute("aria-label") || el.tagName) : null;
}"""


@pytest.mark.browser
def test_zensical_dialog_keeps_tab_inside_while_open(zensical_home, expect):
    """Zensical's search dialog is modal: Tab and Shift+Tab move among its own
    controls and never to the inert page behind it."""
    page = zensical_home
    search(page, expect, "贷款")
    seen = []
    for key in ["Tab"] * 8 + ["Shift+Tab"] * 8:
        page.keyboard.press(key)
        seen.append(page.evaluate(FOCUS_IN_DIALOG))
    assert None not in seen, seen
