"""The built site in headless Chromium: search, status banner, no third-party
requests, no sideways scrolling on a phone, readable without JavaScript. On
each engine's site (conftest.py ``engine``), but search: Material's only.

Uses Debian's Chromium (see tests/browser.py); skipped when it is missing,
failed when it is missing under CI. Screenshots for a human to look at are
written to tests/screenshots/ (gitignored).
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from browser import PHONE, SCREENSHOT_TIMEOUT_MS, new_context, record_requests, screenshots, sideways
from search_ui import RESULT_LINKS, describe, search, shown_records

pytestmark = pytest.mark.browser

PLAN = "documents/hs-2018-138/"
TARGETS = PLAN + "targets/"
TASKS = PLAN + "tasks/"
DEPARTMENTS = "departments/"
# The pages a human looks at (screenshots) and that must fit a phone.
PAGES = {"home": "", "plan": PLAN, "targets": TARGETS, "departments": DEPARTMENTS}



# --------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------

@pytest.fixture
def context(browser):
    context = new_context(browser)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def visible(results: list[dict]) -> list[dict]:
    """The results a person sees, in order (not the page headings grouping them)."""
    return shown_records(results)


def links_to(result: dict, path: str, fragments: set[str]) -> bool:
    parts = urlsplit(result["href"])
    return parts.path == "/" + path and parts.fragment in fragments


def find_in_top(results: list[dict], path: str, fragments: set[str], top: int = 3) -> dict:
    """The first of the top ``top`` visible results linking to ``path#fragment``."""
    shown = visible(results)
    for result in shown[:top]:
        if links_to(result, path, fragments):
            return result
    wanted = " or ".join(f"/{path}#{f}" for f in sorted(fragments))
    pytest.fail(f"no link to {wanted} among the first {top} search results; results shown:\n{describe(shown)}")


# --------------------------------------------------------------------------
# Search
# --------------------------------------------------------------------------

def entries_based_on(site_dir, clauses: set[str]) -> set[str]:
    """URL paths of catalogue entries whose basis includes one of ``clauses`` (from the site's own export)."""
    data = json.loads((site_dir / "policies" / "catalogue.json").read_text(encoding="utf-8"))
    return {"/" + p["url"] for p in data["policies"] if {b["clause"] for b in p["basis"]} & clauses}


def assert_top_results_about(results: list[dict], site_dir, clauses: set[str], top: int = 3) -> None:
    """Each of the top results is the clause itself, its document's title row, or a
    catalogue entry based on the clause (the catalogue summarises clauses, so an
    entry such as 信用贷款 is a right answer to 贷款 too)."""
    entries = entries_based_on(site_dir, clauses)
    for result in visible(results)[:top]:
        parts = urlsplit(result["href"])
        right = (parts.path == "/" + PLAN and parts.fragment in clauses | {""}) or parts.path in entries
        assert right, f"result not about {sorted(clauses)}:\n{describe(visible(results))}"


# Search runs on Material's site only (site_url, not engine_site_url): it
# drives Material's search box, which our worker answers. Zensical has a
# search dialog of its own that our worker does not answer yet (README:
# "Two engines", Search).
def test_search_loan_finds_financing_clause_and_opens_it(page, expect, site_url, site_dir):
    page.goto(site_url)
    results = search(page, expect, "贷款")
    financing = {"task-2-2", "task-2-1"}
    assert_top_results_about(results, site_dir, financing)
    hit = find_in_top(results, PLAN, financing, top=10)
    fragment = urlsplit(hit["href"]).fragment

    page.locator(RESULT_LINKS).nth(hit["index"]).click()
    page.wait_for_url(re.compile(re.escape(site_url + PLAN) + r"(\?[^#]*)?#" + re.escape(fragment) + "$"))
    target = page.locator(f"[id='{fragment}']")
    expect(target).to_have_count(1)
    expect(target).to_be_in_viewport()


def test_search_plan_term_individual_to_enterprise(page, expect, site_url, site_dir):
    """个转企 is one of the plan's own terms (“个转企、小升规、规改股、股上市”),
    a word no dictionary has: the whole term must be found, not 个 alone."""
    page.goto(site_url)
    results = search(page, expect, "个转企")
    assert_top_results_about(results, site_dir, {"task-1-1"})
    find_in_top(results, PLAN, {"task-1-1"}, top=10)


@pytest.mark.parametrize("keyword", ["跨境电商", "政保贷"])
def test_search_finds_catalogue_entry_by_keyword(page, expect, site_url, site_dir, keyword):
    """A catalogue keyword (an alias people type) finds its entry first. The
    expected entry is read from the site's own export, not typed here."""
    data = json.loads((site_dir / "policies" / "catalogue.json").read_text(encoding="utf-8"))
    [wanted] = [p["url"] for p in data["policies"] if keyword in p["keywords"]]
    page.goto(site_url)
    results = search(page, expect, keyword)
    first = urlsplit(visible(results)[0]["href"]).path
    assert first == "/" + wanted, describe(visible(results))


# --------------------------------------------------------------------------
# Status, privacy
# --------------------------------------------------------------------------

def test_plan_page_shows_repealed_banner(page, expect, engine_site_url):
    page.goto(engine_site_url + PLAN)
    banner = page.locator(".status-banner")
    expect(banner).to_have_count(1)
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("废止")


# Material's site only, as it follows the search worker's requests
# (tests/test_engines.py checks the pages of both engines' sites).
def test_no_request_leaves_localhost(browser, expect, site_url):
    context = new_context(browser)
    try:
        log = record_requests(context)  # context-wide: includes the search worker's requests
        page = context.new_page()
        for path in ["", PLAN, TARGETS, TASKS, DEPARTMENTS]:
            page.goto(site_url + path, wait_until="networkidle")
        search(page, expect, "贷款")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()

    assert log.urls, "no request was recorded at all"
    assert any(urlsplit(u).path == "/search-index/search_index.json" for u in log.urls), (
        "the search index request was not recorded; is the worker's traffic being watched?\n"
        + "\n".join(log.urls)
    )
    leaving = log.external()
    assert not leaving, "requests to hosts other than 127.0.0.1:\n" + "\n".join(leaving)


# --------------------------------------------------------------------------
# Phone layout, no JavaScript
# --------------------------------------------------------------------------

# Elements sticking out to the right of the layout viewport that no scroll box
# clips (a table inside its .table-wrap is clipped; an absolutely positioned
# child whose containing block lies outside the .table-wrap is not): what to
# fix when the page scrolls sideways.


@pytest.mark.parametrize("name", list(PAGES))
def test_no_horizontal_scroll_on_phone(browser, engine_site_url, name):
    context = new_context(browser, PHONE["width"])
    try:
        page = context.new_page()
        page.goto(engine_site_url + PAGES[name], wait_until="networkidle")
        problem = sideways(page, PHONE["width"])
    finally:
        context.close()
    assert problem is None, f"{name} page scrolls sideways at {PHONE['width']} px: {problem}"


def test_readable_without_javascript(browser, expect, engine_site_url):
    context = new_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(engine_site_url + PLAN)
        assert page.locator("html.no-js").count() == 1, "JavaScript ran although it is disabled"
        expect(page.locator("article h1")).to_contain_text("小微企业三年成长计划")
        expect(page.locator(".status-banner")).to_contain_text("废止")
        expect(page.locator("#goal-1 ~ p.clause-text").first).to_be_visible()
        expect(page.locator("table.metadata")).to_be_visible()

        # The plan text links each goal to its targets table; follow it.
        page.locator("p.clause-links a[href='targets/#goal-1']").click()
        page.wait_for_url(re.compile(re.escape(engine_site_url + TARGETS) + "#goal-1$"))
        expect(page.locator("table.indicators").first).to_be_visible()
        expect(page.locator("tr#new-micro-firms")).to_be_visible()
        expect(page.locator("tr#new-micro-firms")).to_contain_text("11700")
        # Every indicator the page announces ("共 23 项") has its row.
        announced = re.search(r"共\s*(\d+)\s*项", page.locator("p.page-lead").inner_text())
        assert announced, "the targets page no longer states how many indicators it lists"
        assert page.locator("table.indicators tbody tr").count() == int(announced.group(1))
    finally:
        context.close()


# --------------------------------------------------------------------------
# Screenshots for a human (tests/screenshots/, gitignored)
# --------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(PAGES))
def test_screenshot(browser, engine, engine_site_url, name, width):
    context = new_context(browser, width)
    try:
        page = context.new_page()
        page.goto(engine_site_url + PAGES[name], wait_until="networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        path = screenshots(engine) / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True, timeout=SCREENSHOT_TIMEOUT_MS)
    finally:
        context.close()
    assert path.stat().st_size > 0
