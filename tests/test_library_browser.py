"""政策文件库 (documents/) in headless Chromium, at 1280 and 360 px: each filter,
filters together, the filter state in the URL, keyboard use on a phone, and
the whole list without JavaScript.

Runs on each engine's site (conftest.py ``engine``) of the fixture content
with twelve generated documents added (tests/library_content.py), so every
filter has several options, 未标注 among them. Expected documents are computed from the YAML. Uses Debian's
Chromium through tests/browser.py: skipped when it is missing, failed under CI.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from browser import PHONE, new_context, sideways
from conftest import of_engine, serve
from filtered_list import FilteredList
from library_content import FACETS, values

pytestmark = pytest.mark.browser

LIBRARY = "documents/"


@pytest.fixture(scope="session")
def many_url(request, engine):
    """many_site as each engine builds it, served."""
    server, url = serve(of_engine(request, engine, "many_site"))
    yield url
    server.shutdown()


def having(content, chosen: dict[str, set[str]]) -> set[str]:
    """Documents with, for every filter with a choice, one of the chosen values."""
    return {d.id for d in content.documents.values()
            if all(values(d)[k] in vs for k, vs in chosen.items() if vs)}


LIBRARY_LIST = FilteredList("li.library-item", "library-q")
open_library, open_filters, box, shown = LIBRARY_LIST.open, LIBRARY_LIST.open_filters, LIBRARY_LIST.box, LIBRARY_LIST.shown


def checked(page) -> list[tuple[str, str]]:
    return sorted(tuple(pair) for pair in page.locator(".catalogue-filters input:checked").evaluate_all(
        "boxes => boxes.map(b => [b.name, b.value])"))


def test_each_filter_option_shows_its_documents(page_at_each_width, expect, many_url, many_content, width):
    page = page_at_each_width
    open_library(page, expect, many_url + LIBRARY)
    open_filters(page, expect)
    everything = set(many_content.documents)
    problems = []
    tried = 0
    for key in FACETS:
        for value in page.locator(f'input[name="{key}"]').evaluate_all("boxes => boxes.map(b => b.value)"):
            box(page, key, value).check()
            want = having(many_content, {key: {value}})
            got = shown(page)
            if got != want:
                problems.append(f"{key}={value}: shows {sorted(got)}, expected {sorted(want)}")
            assert (key, value) in parse_qsl(urlsplit(page.url).query), page.url
            count = page.locator("[data-count-total]").text_content()
            assert count == (f"共 {len(want)} 份文件" if want == everything
                             else f"找到 {len(want)} 份文件（共 {len(everything)} 份）"), count
            box(page, key, value).uncheck()
            tried += 1
    assert shown(page) == everything
    assert tried >= 15, "the generated content should give every filter several options"
    assert not problems, "\n".join(problems)


def test_filters_intersect_and_options_of_one_filter_unite(page_at_each_width, expect, many_url, many_content, width):
    page = page_at_each_width
    chosen = {"validity": {"有效", "未标注"}, "type": {"计划", "通知"}}
    open_library(page, expect, many_url + LIBRARY)
    open_filters(page, expect)
    for key, vs in chosen.items():
        for v in vs:
            box(page, key, v).check()
    want = having(many_content, chosen)
    assert want and want != having(many_content, {"validity": chosen["validity"]})
    assert shown(page) == want


def test_filter_state_in_the_url_restores(browser, expect, many_url, many_content, width):
    context = new_context(browser, width)
    try:
        page = context.new_page()
        open_library(page, expect, many_url + LIBRARY)
        open_filters(page, expect)
        # An issuer and a year that some document with a 文号 has.
        sample = next(values(d) for d in many_content.documents.values()
                      if d.metadata.doc_no and d.metadata.issuer and values(d)["year"] != "未标注")
        chosen = {"issuer": {sample["issuer"]}, "year": {sample["year"]}}
        box(page, "issuer", sample["issuer"]).check()
        box(page, "year", sample["year"]).check()
        page.locator("#library-q").fill("测试发")
        state = (checked(page), page.locator("#library-q").input_value(), shown(page))
        want = {i for i in having(many_content, chosen) if "测试发" in (many_content.documents[i].metadata.doc_no or "")}
        assert state[2] == want and want
        shared = page.url
        other = context.new_page()
        open_library(other, expect, shared)
        assert (checked(other), other.locator("#library-q").input_value(), shown(other)) == state
        # A link written by hand (e.g. in a notice) opens filtered too.
        query = urlencode([("validity", "未标注"), ("type", "办法")])
        open_library(other, expect, many_url + LIBRARY + "?" + query)
        assert checked(other) == [("type", "办法"), ("validity", "未标注")]
        assert shown(other) == having(many_content, {"validity": {"未标注"}, "type": {"办法"}})
    finally:
        context.close()


def test_phone_keyboard_and_no_sideways_scrolling(browser, expect, many_url, many_content):
    context = new_context(browser, PHONE["width"])
    try:
        page = context.new_page()
        open_library(page, expect, many_url + LIBRARY)
        panel = page.locator("details.filter-panel")
        assert panel.evaluate("d => d.open") is False, "the filter panel is open on a phone"
        assert sideways(page, PHONE["width"]) is None
        for _ in range(80):  # Tab to the panel's summary, open it with Enter
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.tagName === 'SUMMARY'"):
                break
        page.keyboard.press("Enter")
        expect(panel).to_have_attribute("open", "")
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.name === 'issuer'"):
                break
        value = page.evaluate("() => document.activeElement.value")
        page.keyboard.press("Space")
        expect(box(page, "issuer", value)).to_be_checked()
        assert shown(page) == having(many_content, {"issuer": {value}})
        problem = sideways(page, PHONE["width"])
        assert problem is None, f"open panel scrolls sideways: {problem}"
    finally:
        context.close()


def test_without_javascript_the_whole_list_shows_in_order(browser, expect, many_url, many_content):
    context = new_context(browser, PHONE["width"], java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(many_url + LIBRARY)
        expect(page.locator("form.catalogue-filters")).to_be_hidden()
        assert shown(page) == set(many_content.documents)
    finally:
        context.close()
