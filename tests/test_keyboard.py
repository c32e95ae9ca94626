"""Keyboard only, at 1280 and 360 px: every control reachable with Tab, focus
always visible, no trap, and the interactive paths -- skip link, reading
switch, navigation menu, search, catalogue filters, self-check, back to top
-- usable without a mouse, with focus moved somewhere sensible after each.

"Visible focus" is measured, not assumed: the focused element is on screen,
not transparent, and has an outline at least 2 px wide whose colour has 3:1
contrast with what is behind it (WCAG 2.4.7 and 1.4.11).

On each engine's site (conftest.py ``engine``), but search: Material's only
(page_types.MATERIAL_ONLY).

Uses Debian's Chromium through tests/browser.py: skipped when it is missing,
failed under CI.
"""

from __future__ import annotations

import pytest

from browser import PHONE, WIDTHS, new_context, within
from catalogue_ui import NO_MATCH, box, focused, shown, tab_until
from page_types import PAGE_TYPES, SEARCH_QUERY, by_engine, open_page_type, settle

pytestmark = pytest.mark.browser


# Tabbable controls a reader can see, keyed as the walk keys focused elements:
# radios of one group share a key (Tab stops once per group; arrows move in it).
_KEYS = """
const keyOf = el => {
    if (el.type === 'radio') return 'radio:' + el.name;
    if (!el.dataset.kb) el.dataset.kb = String(window.__kbNext = (window.__kbNext || 0) + 1);
    return 'el:' + el.dataset.kb;
};
const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + ' "' + (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 20) + '"';
"""
TABBABLE = "() => {" + _KEYS + """
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
    const out = {};
    for (const el of document.querySelectorAll(selector)) {
        if (el.tabIndex < 0 || el.disabled || el.closest('[inert]')) continue;
        // The search results' scroll box: its links are each reached (and
        // arrow keys move through them); the walk closes search on leaving it.
        if (el.matches('.md-search__scrollwrap')) continue;
        if (!el.checkVisibility({visibilityProperty: true})) continue;
        const r = el.getBoundingClientRect();
        if (!r.width && !r.height) continue;
        out[keyOf(el)] = describe(el);
    }
    return out;
}"""
# The focused element: its key, and what is wrong with how its focus shows.
FOCUSED = "async settle => {" + _KEYS + """
    // Settled: judge the focus as it ends up, not mid-fade (the skip link
    // fades in; the search box opens a frame after it gets focus).
    if (settle) {
        await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
        await Promise.all(document.getAnimations()
            .filter(a => a.effect.getComputedTiming().iterations !== Infinity).map(a => a.finished.catch(() => null)));
    }
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const rgba = c => { const m = c.match(/[\\d.]+/g).map(Number); return m.length > 3 ? m : [...m, 1]; };
    const lum = ([r, g, b]) => {
        const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const over = (top, under) => top.slice(0, 3).map((v, i) => v * top[3] + under[i] * (1 - top[3]));
    const style = getComputedStyle(el);
    // What the outline is drawn on: the nearest background outside the
    // element, or its own when the outline is drawn inside it.
    let behind = [255, 255, 255];
    const layers = [];
    const start = parseFloat(style.outlineOffset) < 0 ? el : el.parentElement;
    for (let node = start; node; node = node.parentElement) {
        const c = rgba(getComputedStyle(node).backgroundColor);
        if (c[3] > 0) { layers.push(c); if (c[3] === 1) break; }
    }
    for (const c of layers.reverse()) behind = over(c, behind);
    const ring = over(rgba(style.outlineColor), behind);
    const [a, b] = [lum(ring), lum(behind)].sort((x, y) => y - x);
    const contrast = (a + 0.05) / (b + 0.05);
    const r = el.getBoundingClientRect();
    const problems = [];
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) problems.push('not visible');
    if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) problems.push(`off screen (top ${Math.round(r.top)}, bottom ${Math.round(r.bottom)}, scrollY ${Math.round(scrollY)}, viewport ${innerWidth}×${innerHeight})`);
    if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2)
        problems.push(`outline ${style.outlineStyle} ${style.outlineWidth}`);
    else if (contrast < 3) problems.push(`outline contrast ${contrast.toFixed(2)}:1 on ${behind.map(Math.round)}`);
    return {key: keyOf(el), what: describe(el), problems};
}"""

# The focused element is on screen (as FOCUSED judges it).
ON_SCREEN = """() => {
    const r = document.activeElement.getBoundingClientRect();
    return !(r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth);
}"""
# How long a page may take to answer a key (scroll, show a button, settle its
# viewport) on a loaded machine; a page that answers sooner is not waited for.
SETTLE_MS = 5_000


def judge_focus(page) -> dict | None:
    """The focused element and the problems with how its focus shows; judged
    again once transitions end when it looks wrong at first."""
    now = page.evaluate(FOCUSED, False)
    return page.evaluate(FOCUSED, True) if now and now["problems"] else now


def walk(page, limit: int) -> tuple[list[dict], bool]:
    """Press Tab until focus comes back to where it started; returns every
    stop and whether it did come back (False: a trap or a dead end)."""
    # Chrome scrolls a focused element into view; without smooth scrolling it
    # is there at once, which is what "on screen" is judged on.
    page.add_style_tag(content="html { scroll-behavior: auto !important; }")
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = judge_focus(page)
        if now is not None and any(p.startswith("off screen") for p in now["problems"]):
            # Leaving search on a phone closes it: the theme unlocks the page's
            # scrolling and the viewport settles (its height changes) for a
            # moment before the focused control is scrolled into view. Judge
            # it once more when that is done: it must be in view then.
            within(page, ON_SCREEN, SETTLE_MS)
            now = judge_focus(page)
        if now is None:
            continue  # past the last control, focus rests on the document for one press
        if stops and now["key"] == stops[0]["key"]:
            return stops, True
        stops.append(now)
    return stops, False


# Zensical's search is a modal <dialog> (in a shadow root): while it is open
# the page behind it is inert and Tab stays in the dialog, as a modal's must,
# so "Tab reaches every control of the page" is not what that state should
# do. test_search.py walks its keys (/, arrows, Enter, Tab kept inside).
MODAL_STATES = {("zensical", "search")}


@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
@pytest.mark.parametrize("engine,name", [p for p in by_engine() if tuple(p.values) not in MODAL_STATES],
                         indirect=["engine"])
def test_tab_reaches_every_control_with_visible_focus(browser, expect, engine, engine_site_url, name, width):
    context = new_context(browser, width)
    try:
        page = context.new_page()
        open_page_type(page, expect, engine_site_url, name)
        if not name.startswith("search"):  # (leaving the search box would close the results)
            page.evaluate("() => document.activeElement && document.activeElement.blur()")
            page.evaluate("() => window.scrollTo(0, 0)")
        expected = page.evaluate(TABBABLE)
        # Where focus already is (the search box, with results open) counts
        # as reached; the walk then has to come round to its first stop.
        initial = [page.evaluate(FOCUSED, True)] if name.startswith("search") else []
        stops, cycled = walk(page, limit=2 * len(expected) + 20)
        stops = initial + stops
    finally:
        context.close()
    where = f"{name} ({PAGE_TYPES[name].path or '/'}) at {width} px"
    assert cycled, f"{where}: Tab never came back to the first control after {len(stops)} stops (trap?)"
    visited = {s["key"] for s in stops}
    missed = [what for key, what in expected.items() if key not in visited]
    assert not missed, f"{where}: Tab never reaches:\n  " + "\n  ".join(missed[:10])
    badly = [f"{s['what']}: {', '.join(s['problems'])}" for s in stops if s["problems"]]
    assert not badly, f"{where}: focus not visible on {len(badly)} stops:\n  " + "\n  ".join(badly[:10])


# --------------------------------------------------------------------------
# The paths
# --------------------------------------------------------------------------

@pytest.fixture
def page(page_at_each_width):
    return page_at_each_width


def test_skip_link_moves_to_the_content(page, expect, engine_site_url):
    page.goto(engine_site_url + PAGE_TYPES["plan"].path)
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("跳到正文")
    settle(page)
    assert judge_focus(page)["problems"] == []
    page.keyboard.press("Enter")
    expect(page.locator("article h1")).to_be_in_viewport()
    page.keyboard.press("Tab")
    inside = page.evaluate("() => !!document.activeElement.closest('article')")
    assert inside, f"after the skip link, Tab goes to {focused(page)}, not into the page's content"


def test_reading_switch_by_keyboard(page, expect, engine_site_url):
    page.goto(engine_site_url)
    tab_until(page, lambda f: f["tag"] == "button" and "大字版" in page.evaluate(
        "() => document.activeElement.innerText"), limit=10)
    page.keyboard.press("Enter")
    assert page.get_attribute("html", "data-ps-size") == "large"
    page.keyboard.press("Space")
    assert page.get_attribute("html", "data-ps-size") == "standard"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.get_attribute("html", "data-ps-contrast") == "high"


def test_navigation_menu_by_keyboard_on_a_phone(browser, expect, engine_site_url):
    context = new_context(browser, PHONE["width"])
    try:
        page = context.new_page()
        page.goto(engine_site_url)
        menu = page.locator('.md-header [data-ps-for="__drawer"]')
        expect(menu).to_have_attribute("aria-expanded", "false")
        expect(menu).to_have_accessible_name("导航菜单")
        tab_until(page, lambda f: page.evaluate("() => document.activeElement.dataset.psFor === '__drawer'"), limit=10)
        page.keyboard.press("Enter")
        expect(menu).to_have_attribute("aria-expanded", "true")
        expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()
        assert page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')"), focused(page)
        tab_until(page, lambda f: page.evaluate("() => document.activeElement.textContent.trim() === '政策目录'"))
        page.keyboard.press("Escape")
        expect(menu).to_have_attribute("aria-expanded", "false")
        expect(menu).to_be_focused()
    finally:
        context.close()


def test_table_of_contents_by_keyboard_on_a_phone(browser, expect, zensical_site_url):
    """Zensical's look opens a page's table of contents on phones from a round
    button of its own (Material's pages list it in the navigation menu): it
    is reached with Tab, opens with Enter onto the first heading link, and
    closes with Escape, focus back on it."""
    context = new_context(browser, PHONE["width"])
    try:
        page = context.new_page()
        page.goto(zensical_site_url + "documents/hs-2018-138/")
        button = page.locator('.md-sidebar--secondary [data-ps-for="__toc"]')
        expect(button).to_have_accessible_name("本页目录")
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(page.locator('.md-sidebar-button[for="__toc"]')).to_be_hidden()
        tab_until(page, lambda f: page.evaluate("() => document.activeElement.dataset.psFor === '__toc'"), limit=40)
        page.keyboard.press("Enter")
        expect(button).to_have_attribute("aria-expanded", "true")
        assert page.evaluate("() => !!document.activeElement.closest('.md-sidebar--secondary .md-nav')"), focused(page)
        expect(page.locator(":focus")).to_be_in_viewport()
        page.keyboard.press("Escape")
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(button).to_be_focused()
    finally:
        context.close()


# Search runs on Material's site only (site_url, not engine_site_url): it
# drives Material's search box, which our worker answers. Zensical has a
# search dialog of its own that our worker does not answer yet (README:
# "Two engines", Search).
def test_search_by_keyboard(page, expect, site_url):
    page.goto(site_url)
    query = page.locator("input.md-search__input")
    # A wide screen shows the search box in the header; a phone shows a
    # search button that opens it.
    stop = tab_until(page, lambda f: page.evaluate("""() => {
        const e = document.activeElement;
        return e.matches('input.md-search__input') || e.dataset.psFor === '__search';
    }"""), limit=15)
    if stop["tag"] == "button":
        expect(page.locator('.md-header [data-ps-for="__search"]')).to_have_accessible_name("搜索")
        page.keyboard.press("Enter")
    expect(query).to_be_focused()
    expect(query).to_be_in_viewport()
    page.keyboard.insert_text(SEARCH_QUERY)  # as an input method commits a word
    page.keyboard.press("End")  # the keyup Material reads the query on
    first = page.locator(".md-search-result__list a.md-search-result__link").first
    expect(first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(first).to_be_focused()
    href = first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.split("?")[0].rstrip("/").endswith(href.split("?")[0].rstrip("/").rsplit("/", 1)[-1]))
    expect(page.locator("article h1")).to_be_visible()


def test_search_from_the_not_found_page_by_keyboard(page, expect, site_url):
    """The 404 page's search box (a plain form, no script of its own) opens
    the home page with the theme's search showing results for the query."""
    page.goto(site_url + PAGE_TYPES["not-found"].path)
    tab_until(page, lambda f: page.evaluate("() => document.activeElement.name === 'q'"), limit=10)
    page.keyboard.insert_text(SEARCH_QUERY)
    page.keyboard.press("Enter")
    expect(page.locator("input.md-search__input")).to_have_value(SEARCH_QUERY)
    expect(page.locator(".md-search-result__list a.md-search-result__link").first).to_be_visible()


def test_catalogue_filters_keep_focus_and_announce_the_count(page, expect, engine_site_url):
    page.goto(engine_site_url + PAGE_TYPES["catalogue"].path)
    expect(page.locator("form.catalogue-filters")).to_be_visible()
    panel = page.locator("details.filter-panel")
    if not panel.evaluate("d => d.open"):  # folded on a phone: open it from the keyboard
        tab_until(page, lambda f: f["summary"])
        page.keyboard.press("Enter")
        expect(panel).to_have_attribute("open", "")
    count = page.locator("[data-count-total]")
    expect(count).to_have_attribute("role", "status")
    before = count.inner_text()
    target = tab_until(page, lambda f: f["type"] == "checkbox" and not page.evaluate(
        "() => document.activeElement.closest('label').classList.contains('facet-zero')"))
    page.keyboard.press("Space")
    expect(box(page, target["name"], target["value"])).to_be_checked()
    # Filtering does not move focus away from the option just chosen...
    assert focused(page)["value"] == target["value"], f"focus moved to {focused(page)} after filtering"
    # ...and the live count says what changed.
    expect(count).not_to_have_text(before)
    assert str(len(shown(page))) in count.inner_text()

    # A keyword that matches nothing: focus stays in the box, the empty state
    # offers 清除全部筛选, which clears and puts focus back in the box.
    page.locator("#catalogue-q").focus()
    page.keyboard.type(NO_MATCH)
    expect(page.locator(".catalogue-empty")).to_be_visible()
    expect(page.locator("#catalogue-q")).to_be_focused()
    tab_until(page, lambda f: f["tag"] == "button" and page.evaluate(
        "() => document.activeElement.hasAttribute('data-clear')"))
    page.keyboard.press("Enter")
    expect(page.locator("#catalogue-q")).to_be_focused()
    expect(page.locator("#catalogue-q")).to_have_value("")
    expect(box(page, target["name"], target["value"])).not_to_be_checked()
    expect(page.locator(".catalogue-empty")).to_be_hidden()


def test_self_check_by_keyboard_moves_focus_to_the_results(page, expect, engine_site_url):
    page.goto(engine_site_url + PAGE_TYPES["self-check"].path)
    expect(page.locator("form.self-check")).to_be_visible()
    tab_until(page, lambda f: f["type"] == "checkbox" and f["name"] == "who")
    page.keyboard.press("Space")  # several answers: each is a checkbox
    chosen = focused(page)
    assert chosen["name"] == "who" and chosen["checked"]
    tab_until(page, lambda f: f["type"] == "checkbox" and f["name"] == "need")
    page.keyboard.press("Space")
    assert focused(page)["checked"]
    tab_until(page, lambda f: f["tag"] == "button")
    page.keyboard.press("Enter")
    results = page.locator("[data-results]")
    expect(results).to_be_focused()
    expect(results.locator("h2")).to_be_in_viewport()
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('[data-results]')"), (
        f"Tab after the results went to {focused(page)}")


def test_back_to_top_by_keyboard(page, expect, engine_site_url):
    """Material shows 回到页面顶部 when the reader scrolls back up. From the
    keyboard: End, then an arrow or Page Up, then Shift+Tab (it is the last
    control of the page)."""
    page.goto(engine_site_url + PAGE_TYPES["tasks"].path)
    top = page.locator(".md-top")
    # End scrolls to the bottom; on a loaded machine the first key press can
    # come before the page takes keys (a fresh-clone `make test` on two
    # workers saw it once), so it is pressed again, a few times at most.
    for _ in range(5):
        page.keyboard.press("End")
        if within(page, "() => window.scrollY > 0", SETTLE_MS):
            break
    assert page.evaluate("() => window.scrollY") > 0, "End did not scroll the page"
    expect(top).to_have_attribute("tabindex", "-1")  # Material has seen the page scroll down
    # Scroll back up a little, as a reader does, until the button shows.
    for _ in range(10):
        page.keyboard.press("PageUp")
        if within(page, "() => !document.querySelector('.md-top').hasAttribute('hidden')", SETTLE_MS):
            break
    expect(top).not_to_have_attribute("hidden", "")
    page.keyboard.press("Shift+Tab")
    expect(top).to_be_focused()
    assert judge_focus(page)["problems"] == []
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.scrollY === 0")
    # Focus goes to the top too: the page title, so the next Tab starts there.
    expect(page.locator("article h1")).to_be_focused()
