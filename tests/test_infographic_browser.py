"""The 图片解读 and 文字解读 pages in headless Chromium, at 360 and 1280 px.

The infographic must be drawn (not blank), every piece of its text must lie
inside the picture's viewBox and inside the box drawn around it (SVG does not
wrap or clip text, so a long line would run out of its card or off the
picture), and the pages must not scroll sideways on a phone.

Text boxes are measured by the browser: ``getBBox()`` of each <text>, mapped
into the root <svg>'s user space (the viewBox units) with
``root.getScreenCTM()^-1 · text.getScreenCTM()``, so transforms on any
ancestor are accounted for.

On each engine's site (conftest.py ``engine``). Uses Debian's Chromium
through tests/browser.py (shared session fixtures):
skipped when it is missing, failed under CI. Screenshots go to
tests/screenshots/ (gitignored) for a human to look at.
"""

from __future__ import annotations

import base64

import pytest

from browser import PHONE, SCREENSHOT_TIMEOUT_MS, new_context, record_requests, screenshots, sideways, wait_for_scroll_to_settle
from conftest import CONTENT
from page_types import settle

from policy_site.content import load_content

pytestmark = pytest.mark.browser

# Sub-pixel rounding of glyph boxes, in viewBox units.
TOLERANCE = 0.5


@pytest.fixture(scope="module")
def content():
    return load_content(CONTENT)


def item_of_type(content, kind: str):
    items = [i for i in content.interpretations.values() if i.type == kind]
    assert items, f"no interpretation of type {kind}"
    return items[0]


@pytest.fixture(scope="module")
def picture(content):
    return item_of_type(content, "图片解读")


@pytest.fixture(scope="module")
def text_item(content):
    return item_of_type(content, "文字解读")


@pytest.fixture
def page(page_at_each_width):
    return page_at_each_width


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")


def url_of(site_url: str, item) -> str:
    return f"{site_url}interpretations/{item.id}/"


# --------------------------------------------------------------------------
# In the browser
# --------------------------------------------------------------------------

# Every <text> of the figure's <svg>: its box in viewBox units, and the box of
# the <rect> drawn behind it (the first child of its nearest <g>, if a rect).
TEXT_BOXES_JS = """
(svg) => {
  const toRoot = svg.getScreenCTM().inverse();
  const box = (el) => {
    const b = el.getBBox();
    const m = toRoot.multiply(el.getScreenCTM());
    const pts = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
      .map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
    const xs = pts.map(p => p.x), ys = pts.map(p => p.y);
    return {x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys)};
  };
  const vb = svg.viewBox.baseVal;
  return {
    viewBox: {x0: vb.x, y0: vb.y, x1: vb.x + vb.width, y1: vb.y + vb.height},
    texts: [...svg.querySelectorAll('text')].map((t, i) => {
      const g = t.parentElement.closest('g');
      const frame = g && g.firstElementChild && g.firstElementChild.tagName === 'rect' ? g.firstElementChild : null;
      return {i, text: t.textContent, box: box(t), frame: frame ? box(frame) : null};
    }),
  };
}
"""

# Decode a PNG (base64) with the browser's own decoder; count its colours.
PIXELS_JS = """
async (b64) => {
  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], {type: 'image/png'}));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(bitmap, 0, 0);
  const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  const counts = new Map();
  for (let i = 0; i < data.length; i += 4) {
    const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const pixels = bitmap.width * bitmap.height;
  return {width: bitmap.width, height: bitmap.height, colours: counts.size,
          dominant: Math.max(...counts.values()) / pixels};
}
"""


def inside(inner: dict, outer: dict, tolerance: float = TOLERANCE) -> bool:
    return (inner["x0"] >= outer["x0"] - tolerance and inner["y0"] >= outer["y0"] - tolerance
            and inner["x1"] <= outer["x1"] + tolerance and inner["y1"] <= outer["y1"] + tolerance)


def fmt(b: dict) -> str:
    return f"({b['x0']:.1f},{b['y0']:.1f})-({b['x1']:.1f},{b['y1']:.1f})"


def text_boxes(page) -> dict:
    return page.locator("figure.infographic > svg").evaluate(TEXT_BOXES_JS)


# --------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------

def test_infographic_is_drawn(page, width, engine, engine_site_url, content, picture):
    log = record_requests(page)
    open_page(page, url_of(engine_site_url, picture))
    svg = page.locator("figure.infographic > svg")
    info = svg.evaluate("""(svg) => {
        const r = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal;
        return {width: r.width, height: r.height, left: r.left, right: r.right,
                vbw: vb.width, vbh: vb.height, texts: svg.querySelectorAll('text').length,
                inner: innerWidth};
    }""")
    inds = [ind for ref in content.goals(picture.document) for ind in ref.clause.indicators]
    # Each indicator draws its target, its metric and (when known) its lead unit.
    least = sum(2 + (1 if ind.lead else 0) for ind in inds)
    assert info["width"] > 0 and info["height"] > 0, info
    assert info["texts"] >= least, f"{info['texts']} <text> elements, expected at least {least}"
    assert 0 <= info["left"] and info["right"] <= info["inner"] + 0.5, f"the picture sticks out of the page: {info}"
    ratio, drawn = info["vbh"] / info["vbw"], info["height"] / info["width"]
    assert abs(drawn - ratio) / ratio < 0.01, f"drawn {drawn:.3f} high per unit width, the viewBox is {ratio:.3f}"

    png = svg.screenshot(timeout=SCREENSHOT_TIMEOUT_MS)
    (screenshots(engine) / f"infographic-figure-{width}.png").write_bytes(png)
    pixels = page.evaluate(PIXELS_JS, base64.b64encode(png).decode("ascii"))
    assert pixels["colours"] >= 16 and pixels["dominant"] < 0.8, f"the figure looks blank: {pixels}"
    assert log.external() == [], f"requests leaving the test server: {log.external()}"


def test_no_text_outside_the_viewbox(page, width, engine_site_url, picture):
    open_page(page, url_of(engine_site_url, picture))
    boxes = text_boxes(page)
    view = boxes["viewBox"]
    outside = [f"<text> #{t['i']} {t['text']!r} at {fmt(t['box'])}"
               for t in boxes["texts"] if not inside(t["box"], view)]
    assert boxes["texts"], "no <text> in the picture"
    assert not outside, f"text outside the viewBox {fmt(view)} at {width} px:\n" + "\n".join(outside)


def test_text_stays_inside_its_box(page, width, engine_site_url, picture):
    """Text drawn on a card, cell, chip or band stays within that shape."""
    open_page(page, url_of(engine_site_url, picture))
    boxes = text_boxes(page)
    framed = [t for t in boxes["texts"] if t["frame"]]
    assert framed, "no text is drawn on a shape"
    overflow = [f"{t['text']!r} at {fmt(t['box'])} leaves its box {fmt(t['frame'])}"
                for t in framed if not inside(t["box"], t["frame"])]
    assert not overflow, f"at {width} px:\n" + "\n".join(overflow)


def test_no_two_texts_overlap(page, width, engine_site_url, picture):
    open_page(page, url_of(engine_site_url, picture))
    texts = text_boxes(page)["texts"]
    clashes = []
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            A, B = a["box"], b["box"]
            dx = min(A["x1"], B["x1"]) - max(A["x0"], B["x0"])
            dy = min(A["y1"], B["y1"]) - max(A["y0"], B["y0"])
            if dx > TOLERANCE and dy > TOLERANCE:
                clashes.append(f"{a['text']!r} {fmt(A)} overlaps {b['text']!r} {fmt(B)}")
    assert not clashes, f"at {width} px:\n" + "\n".join(clashes)


@pytest.mark.parametrize("kind", ["picture", "text"])
def test_phone_does_not_scroll_sideways(browser, engine_site_url, picture, text_item, kind):
    context = new_context(browser, PHONE["width"])
    try:
        page = context.new_page()
        open_page(page, url_of(engine_site_url, picture if kind == "picture" else text_item))
        problem = sideways(page, PHONE["width"])
        assert problem is None, f"scrolls sideways: {problem}"
    finally:
        context.close()


def test_phone_caption_is_inset_like_the_text(browser, engine_site_url, picture):
    """The picture may run edge to edge on a phone, but its caption's words must
    keep the same margin as the page's other paragraphs, not touch the screen
    edge: they stay inside a paragraph's box (its words end wherever a line
    happens to break, a character short of the box or not)."""
    context = new_context(browser, PHONE["width"])
    try:
        page = context.new_page()
        open_page(page, url_of(engine_site_url, picture))
        edges = page.evaluate("""() => {
            const words = (el) => { const r = document.createRange(); r.selectNodeContents(el);
                                    const b = r.getBoundingClientRect(); return [b.left, b.right]; };
            const paragraph = document.querySelector('article .page-lead') || document.querySelector('article p');
            const box = paragraph.getBoundingClientRect();
            return {caption: words(document.querySelector('figure.infographic figcaption')),
                    text: [box.left, box.right], width: innerWidth};
        }""")
        (c_left, c_right), (t_left, t_right) = edges["caption"], edges["text"]
        assert c_left >= t_left - 0.5 and c_right <= t_right + 0.5, (
            f"caption words span {c_left:.0f}-{c_right:.0f} px, the page's paragraphs' box "
            f"{t_left:.0f}-{t_right:.0f} px (screen {edges['width']} px)")
    finally:
        context.close()


# --------------------------------------------------------------------------
# Screenshots for a human (tests/screenshots/, gitignored)
# --------------------------------------------------------------------------

@pytest.mark.parametrize("kind,width", [("text", 360), ("picture", 360), ("picture", 1280)])
def test_screenshot(browser, engine, engine_site_url, picture, text_item, kind, width):
    context = new_context(browser, width)
    try:
        page = context.new_page()
        open_page(page, url_of(engine_site_url, picture if kind == "picture" else text_item))
        name = "interpretation-text" if kind == "text" else "interpretation-infographic"
        paths = [screenshots(engine) / f"{name}-{width}.png"]
        page.screenshot(path=str(paths[-1]), full_page=True, timeout=SCREENSHOT_TIMEOUT_MS)
        if kind == "picture":
            # The top of the figure as the reader first sees it, below the fixed header.
            page.evaluate("""() => {
                const header = document.querySelector('.md-header');
                const top = document.querySelector('figure.infographic').getBoundingClientRect().top;
                scrollBy(0, top - (header ? header.getBoundingClientRect().height : 0) - 8);
            }""")
            wait_for_scroll_to_settle(page)
            settle(page)  # the header's shadow fades in once the page scrolls
            paths.append(screenshots(engine) / f"{name}-figure-top-{width}.png")
            page.screenshot(path=str(paths[-1]), timeout=SCREENSHOT_TIMEOUT_MS)
    finally:
        context.close()
    assert all(p.stat().st_size > 0 for p in paths)
