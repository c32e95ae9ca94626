"""Automated accessibility audit: axe-core on every page type at 1280 and 360 px.

Every rule axe-core runs by default (WCAG 2.0/2.1 A and AA and axe's best
practices), and those of WCAG 2.2 AA (``wcag22aa``: target size), must pass with zero violations at any impact level, on each page in
the state a reader sees it (filters open, self-check answered, search results
open; see tests/page_types.py), in the standard look and in 大字版 with high
contrast, on each engine's site (conftest.py ``engine``; the search page
types on Material's only, see page_types.MATERIAL_ONLY). No rule is switched
off.

axe-core is pinned in package.json / package-lock.json and installed by
``make test`` (``npm ci``); it is injected into the page as an inline script,
so the audit makes no request. Uses Debian's Chromium through tests/browser.py:
skipped when it or axe-core is missing, failed under CI.
"""

from __future__ import annotations

import pytest

from axe_audit import describe, run_axe
from browser import WIDTHS, new_context
from page_types import DRAFT_PAGE_TYPES, LARGE_HIGH, PAGE_TYPES, by_engine, open_page_type, save_reading_settings

pytestmark = pytest.mark.browser


def audit(browser, expect, site_url, source, name, width, reading=None, extra_rules=()) -> dict:
    context = new_context(browser, width)
    try:
        if reading:
            context.add_init_script(save_reading_settings(**reading))
        page = context.new_page()
        open_page_type(page, expect, site_url, name)
        if reading:
            for setting, value in reading.items():
                assert page.get_attribute("html", f"data-ps-{setting}") == value, f"{setting} is not {value}"
        return run_axe(page, source, extra_rules)
    finally:
        context.close()


def check(result: dict, where: str) -> None:
    assert result["passes"] > 0, "axe-core ran no check at all"
    assert not result["violations"], f"axe-core {result['version']} on {where}:\n" + describe(result["violations"])


def site_of(request, name: str) -> str:
    """The URL of the site (of the engine under test) that has the page type
    ``name``: the fixture's, or the one with drafts."""
    return request.getfixturevalue("engine_drafts_site_url" if name in DRAFT_PAGE_TYPES else "engine_site_url")


ALL_PAGE_TYPES = {**PAGE_TYPES, **DRAFT_PAGE_TYPES}


@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
@pytest.mark.parametrize("engine,name", by_engine(ALL_PAGE_TYPES), indirect=["engine"])
def test_axe_finds_no_violations(browser, expect, request, axe_source, engine, name, width):
    result = audit(browser, expect, site_of(request, name), axe_source, name, width)
    check(result, f"{engine}: {name} ({ALL_PAGE_TYPES[name].path or '/'}) at {width} px")


@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
@pytest.mark.parametrize("engine,name", by_engine(ALL_PAGE_TYPES), indirect=["engine"])
def test_axe_large_text_high_contrast(browser, expect, request, axe_source, engine, name, width):
    """大字版 with 高对比度: the same audit, and the high-contrast palette must
    reach the AAA contrast ratio (7:1 for text; axe's color-contrast-enhanced)."""
    result = audit(browser, expect, site_of(request, name), axe_source, name, width,
                   reading=LARGE_HIGH, extra_rules=("color-contrast-enhanced",))
    check(result, f"{engine}: {name} ({ALL_PAGE_TYPES[name].path or '/'}) at {width} px in 大字版 + 高对比度")
