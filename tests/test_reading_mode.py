"""适老化 reading settings, text zoom and print, in headless Chromium.

- 大字版 / 标准版 and 高对比度 / 标准配色 (docs/assets/a11y.js, a11y.css): the
  buttons switch the look, text and spacing grow to at least 150 %, the
  choice is remembered on the next page and applied from the <head> before
  the page paints, and without JavaScript the switch is not shown at all.
- Every page type in 大字版 and in 高对比度 fits 360 px and 1280 px without
  sideways scrolling (screenshots in tests/screenshots/reading-*.png).
- Text zoom to 200 % (Chrome's font-size setting, set through DevTools
  Page.setFontSizes) keeps every page free of sideways scrolling and every
  control on screen.
- Print (docs/assets/print.css): the plan, a catalogue entry and both
  interpretations print on A4 without navigation, search or the switch, and
  with the address of each link after its text.

On each engine's site (conftest.py ``engine``): every page type it has
(page_types.page_types_of). Uses Debian's Chromium through tests/browser.py:
skipped when it is missing, failed under CI.
"""

from __future__ import annotations


import pytest

from browser import PHONE, SCREENSHOT_TIMEOUT_MS, WIDTHS, new_context, screenshots, sideways
from page_types import PAGE_TYPES, READING_KEY, open_page_type, page_types_of, save_reading_settings, settle

pytestmark = pytest.mark.browser

SIZE_BUTTON = '[data-ps-setting="size"]'
CONTRAST_BUTTON = '[data-ps-setting="contrast"]'
# The paragraph text of the page body, measured before and after a switch.
BODY_TEXT = "article.md-typeset p"


def text_metrics(page) -> dict:
    return page.eval_on_selector(BODY_TEXT, """p => {
        const style = getComputedStyle(p);
        return {font: parseFloat(style.fontSize), line: parseFloat(style.lineHeight),
                color: style.color, root: parseFloat(getComputedStyle(document.documentElement).fontSize)};
    }""")


# --------------------------------------------------------------------------
# The switch
# --------------------------------------------------------------------------

def flip(page, expect, selector: str, shows: str, then: str, announced: str) -> tuple[dict, dict]:
    """Press a switch button that shows ``shows``; check it then shows
    ``then`` and announces ``announced``. Text metrics before and after."""
    button = page.locator(selector)
    expect(button).to_have_accessible_name(shows)
    before = text_metrics(page)
    button.click()
    expect(button).to_have_accessible_name(then)
    expect(page.locator("[data-ps-status]")).to_have_text(announced)
    settle(page)
    return before, text_metrics(page)


def test_large_text_switch_enlarges_and_is_remembered(page_at_each_width, expect, engine_site_url):
    page = page_at_each_width
    page.goto(engine_site_url)
    standard, large = flip(page, expect, SIZE_BUTTON, "大字版", "标准版", "已切换到大字版")
    assert large["font"] >= 1.5 * standard["font"] - 0.01, f"text grew from {standard} to {large} only"
    assert large["line"] >= 1.5 * standard["line"] - 0.01, f"line spacing grew from {standard} to {large} only"
    assert large["root"] >= 1.5 * standard["root"] - 0.01, "the rem base (controls, navigation) did not grow"

    # The next page, reached by a link, opens in 大字版 and can switch back.
    page.locator("ul.doc-parts a").first.click()
    page.wait_for_load_state()
    assert page.get_attribute("html", "data-ps-size") == "large"
    expect(page.locator(SIZE_BUTTON)).to_have_accessible_name("标准版")
    assert text_metrics(page)["root"] == large["root"]
    page.locator(SIZE_BUTTON).click()
    expect(page.locator(SIZE_BUTTON)).to_have_accessible_name("大字版")
    page.reload()
    assert page.get_attribute("html", "data-ps-size") == "standard"
    assert text_metrics(page)["root"] == standard["root"]


def test_high_contrast_switch_is_remembered(page_at_each_width, expect, engine_site_url):
    page = page_at_each_width
    page.goto(engine_site_url)
    standard, _ = flip(page, expect, CONTRAST_BUTTON, "高对比度", "标准配色", "已切换到高对比度配色")
    assert standard["color"] != "rgb(0, 0, 0)", "the standard look is already pure black; nothing to compare"
    assert text_metrics(page)["color"] == "rgb(0, 0, 0)"
    header = page.eval_on_selector(".md-header", "h => getComputedStyle(h).backgroundColor")
    assert header == "rgb(0, 0, 0)", f"header is {header} in 高对比度"

    page.goto(engine_site_url + PAGE_TYPES["plan"].path)
    assert page.get_attribute("html", "data-ps-contrast") == "high"
    assert text_metrics(page)["color"] == "rgb(0, 0, 0)"
    stored = page.evaluate(f"() => JSON.parse(localStorage.getItem('{READING_KEY}'))")
    assert stored == {"size": "standard", "contrast": "high"}


def test_saved_settings_apply_before_the_switch_script_runs(browser, expect, engine_site_url):
    """The <head> script applies the saved look: with a11y.js blocked, a page
    still opens in 大字版 and 高对比度, so it never paints in the standard look first."""
    context = new_context(browser)
    try:
        context.add_init_script(save_reading_settings(size="large", contrast="high"))
        context.route("**/assets/a11y.js", lambda route: route.abort())
        page = context.new_page()
        states = []
        # Read the attributes as soon as <body> exists, before anything is drawn.
        page.add_init_script("""document.addEventListener('readystatechange', () => {
            if (document.readyState === 'interactive') window.__ps = [
                document.documentElement.getAttribute('data-ps-size'),
                document.documentElement.getAttribute('data-ps-contrast')];
        });""")
        page.goto(engine_site_url + PAGE_TYPES["plan"].path)
        states = page.evaluate("() => window.__ps")
        assert states == ["large", "high"], states
        assert text_metrics(page)["color"] == "rgb(0, 0, 0)"
        head_script = page.evaluate("""() => [...document.head.querySelectorAll('script:not([src])')]
            .some(s => s.textContent.includes('data-ps-size'))""")
        assert head_script, "the reading settings are not applied by an inline script in <head>"
    finally:
        context.close()


def test_switch_is_hidden_without_javascript(browser, expect, engine_site_url):
    context = new_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(engine_site_url)
        expect(page.locator(SIZE_BUTTON)).to_be_hidden()
        expect(page.locator(CONTRAST_BUTTON)).to_be_hidden()
        bar = page.eval_on_selector('[data-md-component="announce"]', "b => b.getBoundingClientRect().height")
        assert bar == 0, f"an empty {bar} px bar is left where the switch would be"
        expect(page.locator("article h1")).to_be_visible()
    finally:
        context.close()


# --------------------------------------------------------------------------
# Every page type in each look: no sideways scrolling; screenshots
# --------------------------------------------------------------------------

LOOKS = {"large": {"size": "large", "contrast": "standard"}, "high": {"size": "standard", "contrast": "high"}}


@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
@pytest.mark.parametrize("look", list(LOOKS))
def test_every_page_type_fits_in_each_look(browser, expect, engine, engine_site_url, width, look):
    context = new_context(browser, width)
    problems = []
    try:
        context.add_init_script(save_reading_settings(**LOOKS[look]))
        page = context.new_page()
        for name in page_types_of(engine):
            open_page_type(page, expect, engine_site_url, name)
            assert page.get_attribute("html", "data-ps-size") == LOOKS[look]["size"]
            page.screenshot(path=str(screenshots(engine) / f"reading-{look}-{name}-{width}.png"),
                            full_page=width == PHONE["width"] and name != "search", timeout=SCREENSHOT_TIMEOUT_MS)
            problem = sideways(page)
            if problem:
                problems.append(f"{name} ({PAGE_TYPES[name].path or '/'}): {problem}")
    finally:
        context.close()
    assert not problems, f"in {look} at {width} px:\n" + "\n".join(problems)


# --------------------------------------------------------------------------
# Text zoom to 200 %
# --------------------------------------------------------------------------

# Chrome's default font sizes (its font-size setting); text zoom doubles them.
DEFAULT_FONT_PX = 16
OFF_SCREEN_CONTROLS = """() => {
    const limit = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.querySelectorAll('a[href], button, input, select, summary, [tabindex="0"]')) {
        if (!el.checkVisibility({visibilityProperty: true}) || el.closest('.md-search, .md-sidebar, [hidden]')) continue;
        const r = el.getBoundingClientRect();
        if (!r.width || !r.height) continue;
        let clipper = el.parentElement;  // a control inside a scrolling table is reachable by scrolling it
        while (clipper && getComputedStyle(clipper).overflowX === 'visible') clipper = clipper.parentElement;
        const scrolls = clipper && clipper !== document.documentElement && clipper !== document.body;
        if (!scrolls && (r.left < -1 || r.right > limit + 1)) out.push(el.outerHTML.slice(0, 120));
    }
    return out;
}"""


def test_text_zoom_200_percent_keeps_pages_usable(browser, expect, engine, engine_site_url):
    context = new_context(browser)
    problems = []
    try:
        page = context.new_page()
        page.goto(engine_site_url)
        before = text_metrics(page)["font"]
        cdp = context.new_cdp_session(page)
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 2 * DEFAULT_FONT_PX, "fixed": 2 * 13}})
        for name in page_types_of(engine):
            open_page_type(page, expect, engine_site_url, name)
            if name == "home":
                after = text_metrics(page)["font"]
                assert after >= 2 * before - 0.01, f"text zoom did not apply: {before} px -> {after} px"
            problem = sideways(page)
            if problem:
                problems.append(f"{name}: {problem}")
            off = page.evaluate(OFF_SCREEN_CONTROLS)
            if off:
                problems.append(f"{name}: controls off screen: " + "; ".join(off[:5]))
            if name in {"home", "catalogue", "plan"}:
                page.screenshot(path=str(screenshots(engine) / f"zoom200-{name}.png"), timeout=SCREENSHOT_TIMEOUT_MS)
    finally:
        context.close()
    assert not problems, "at 200 % text zoom (1280 px):\n" + "\n".join(problems)


# --------------------------------------------------------------------------
# Print on A4
# --------------------------------------------------------------------------

# A4 is 210 mm wide; print.css leaves 15 mm margins: 180 mm at 96 CSS px per inch.
A4_CONTENT_PX = round(180 / 25.4 * 96)
PRINTED = ["plan", "entry", "text-interpretation", "infographic"]
NOT_PRINTED = {
    "header": ".md-header", "navigation": ".md-sidebar", "search box": ".md-search",
    "reading switch": ".ps-reading", "skip link": ".md-skip", "back to top": ".md-top",
    "heading permalinks": ".headerlink", "footer": ".md-footer",
}
# Each printed content link: its address after its text, or why it has none.
PRINTED_LINKS = """() => [...document.querySelectorAll('.md-content a[href]')]
    .filter(a => a.checkVisibility())
    .map(a => ({href: a.getAttribute('href'), url: a.href, cls: a.className,
                after: getComputedStyle(a, '::after').content}))"""


@pytest.mark.parametrize("name", PRINTED)
def test_prints_cleanly_on_a4(browser, expect, engine, engine_site_url, name):
    context = new_context(browser, viewport={"width": A4_CONTENT_PX, "height": 1000})
    try:
        page = context.new_page()
        open_page_type(page, expect, engine_site_url, name)
        page.emulate_media(media="print")
        shown = {what: sel for what, sel in NOT_PRINTED.items()
                 if page.locator(sel).evaluate_all("els => els.some(e => e.checkVisibility())")}
        assert not shown, f"{name} prints its {', '.join(shown)}"
        expect(page.locator("article h1")).to_be_visible()
        if page.locator(".status-banner").count():
            expect(page.locator(".status-banner").first).to_be_visible()  # 废止 is printed

        links = page.evaluate(PRINTED_LINKS)
        outside = [l for l in links if not l["href"].startswith("#") and "indicator" not in l["cls"].split()]
        assert outside, f"{name} has no link to another page to check"
        missing = [l["href"] for l in outside if l["url"] not in l["after"]]
        assert not missing, f"{name} prints these links without their address: {missing[:5]}"
        if name == "plan":
            # Indicator phrases in the official text print no address; the
            # clause's 本条目标 link after them prints the targets page's.
            phrases = [l for l in links if "indicator" in l["cls"].split()]
            assert phrases and all(l["after"] in ("none", "normal") for l in phrases)
            targets = {l["url"].split("#")[0] for l in outside}
            assert all(l["url"].split("#")[0] in targets for l in phrases)

        problem = sideways(page)
        assert problem is None, f"{name} is wider than an A4 sheet: {problem}"
        page.screenshot(path=str(screenshots(engine) / f"print-{name}.png"), full_page=True, timeout=SCREENSHOT_TIMEOUT_MS)
        pdf = page.pdf(format="A4", path=str(screenshots(engine) / f"print-{name}.pdf"))
        assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > 0
    finally:
        context.close()
