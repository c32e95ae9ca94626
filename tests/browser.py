"""Helpers for the browser tests: start Debian's Chromium, record requests.

The tests never download a browser (no ``playwright install``): they drive the
Chromium found at ``$CHROMIUM`` or ``/usr/bin/chromium``. When it is missing or
will not start, the browser tests are skipped with the reason, except under CI
(``CI`` set to any non-empty value), where a browser that cannot start is a
failure, not something to skip quietly.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

DEFAULT_CHROMIUM = "/usr/bin/chromium"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Milliseconds Playwright waits for Chromium to start before giving up.
LAUNCH_TIMEOUT_MS = 60_000
# Only the local test server may be contacted; data: and blob: never leave the page.
LOCAL_HOST = "127.0.0.1"
INLINE_SCHEMES = {"data", "blob"}


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def unavailable(reason: str, error: BaseException | None = None):
    """Fail under CI, skip elsewhere: the browser tests cannot run."""
    if in_ci():
        message = f"{reason} (CI is set, so this fails instead of skipping)"
        if error is not None:
            raise RuntimeError(message) from error
        pytest.fail(message, pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str:
    return os.environ.get("CHROMIUM") or DEFAULT_CHROMIUM


def launch(playwright):
    """Start headless Chromium from $CHROMIUM or /usr/bin/chromium."""
    executable = chromium_path()
    if not (os.path.isfile(executable) and os.access(executable, os.X_OK)):
        unavailable(
            f"Chromium not found at {executable}: install it (apt-get install chromium "
            "fonts-noto-cjk) or set CHROMIUM=/path/to/chrome"
        )
    try:
        return playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            timeout=LAUNCH_TIMEOUT_MS,
        )
    except Exception as error:  # playwright raises its own Error (and TimeoutError)
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        unavailable(f"Chromium at {executable} failed to start: {first_line}", error)


class RequestLog:
    """Every request URL made by the pages it watches, in order.

    Attach it to a BrowserContext to see the requests of every page in it,
    including those of the dedicated workers they start (Material's search
    worker fetches the search index).
    """

    def __init__(self):
        self.urls: list[str] = []

    def attach(self, target) -> "RequestLog":
        """Watch a Page or a BrowserContext; returns self."""
        target.on("request", lambda request: self.urls.append(request.url))
        return self

    def external(self, host: str = LOCAL_HOST) -> list[str]:
        """The recorded URLs that would leave ``host`` (data: and blob: allowed)."""
        leaving = []
        for url in self.urls:
            parts = urlsplit(url)
            if parts.scheme in INLINE_SCHEMES:
                continue
            if parts.hostname != host:
                leaving.append(url)
        return leaving


def record_requests(target) -> RequestLog:
    """Record every request URL a page (or every page of a context) makes."""
    return RequestLog().attach(target)


# -- Pages at phone and desktop width ----------------------------------------

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
WIDTHS = [DESKTOP["width"], PHONE["width"]]  # the widths page tests run at
# How long any wait, action, navigation or screenshot may take (and the
# assertions of Playwright's ``expect``). Sized for a machine with two cores
# and a load average of 10, where a full-page screenshot of a long page at
# phone resolution has taken over 15 s: a wait that succeeds returns at once,
# so only a test that fails takes this long.
TIMEOUT_MS = 60_000
# A screenshot can only fail by taking too long, and a full-page one of the
# longest page at phone resolution (the open data page, 140,000 px high in
# 大字版) takes over 60 s on such a machine: screenshots are given longer.
SCREENSHOT_TIMEOUT_MS = 300_000


# Screenshots for a human to look at (gitignored): Material's site's here,
# Zensical's in a folder of their own.
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def screenshots(engine: str) -> Path:
    """The folder, made if missing, for screenshots of ``engine``'s site."""
    folder = SCREENSHOTS if engine == "mkdocs" else SCREENSHOTS / engine
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def new_context(browser, width: int = DESKTOP["width"], **options):
    """A browser context in Chinese at desktop width, or as a phone at 360 px."""
    options.setdefault("locale", "zh-CN")
    if width == PHONE["width"]:
        options.update(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    else:
        options.setdefault("viewport", DESKTOP)
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    return context


# -- Sideways scrolling ---------------------------------------------------------

# The elements sticking out past the page's right edge that no ancestor clips:
# (how many, a description of the first few).
_OVERFLOWING = """() => {
    const limit = document.documentElement.clientWidth;
    const clips = el => getComputedStyle(el).overflowX !== 'visible';
    const clipped = el => {
        for (let node = el; node && node !== document.body;) {
            const position = getComputedStyle(node).position;
            if (position === 'fixed') return false;
            const next = position === 'absolute' ? node.offsetParent : node.parentElement;
            if (next && next !== document.body && clips(next)) return true;
            node = next;
        }
        return false;
    };
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (!r.width || r.right <= limit + 0.5 || clipped(el)) continue;
        const cls = typeof el.className === 'string' && el.className.trim()
            ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
        const wrap = el.closest('.table-wrap');
        out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls}`
            + ` (position: ${getComputedStyle(el).position}, right edge ${Math.round(r.right)} px`
            + `${wrap ? ', inside .table-wrap "' + (wrap.getAttribute('aria-label') || '') + '"' : ''})`);
    }
    return [out.length, out.slice(0, 12)];
}"""


def sideways(page, width: int | None = None) -> str | None:
    """Why the page scrolls sideways, or None when it does not.

    The page must be no wider than its window, and when ``width`` is given no
    wider than that either: a mobile browser zooms out to fit a page that is
    too wide, and innerWidth then grows with it."""
    size = page.evaluate("() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    limit = size["inner"] if width is None else min(size["inner"], width)
    if size["scroll"] <= limit:
        return None
    count, culprits = page.evaluate(_OVERFLOWING)
    return (f"scrollWidth {size['scroll']} > {limit} (innerWidth {size['inner']}); "
            f"{count} elements stick out, e.g.\n    " + "\n    ".join(culprits))


# -- Waiting ----------------------------------------------------------------------

def wait_for_page_text(page, *shown: str, absent: tuple[str, ...] = (), timeout: float = TIMEOUT_MS) -> None:
    """Wait until the page has loaded and its text shows every one of
    ``shown`` and none of ``absent``: for a page that reloads itself (the
    preview does when the content changes), perhaps more than once. Between
    two documents there may be no <body>, and a document still loading may
    not show yet what it will; neither counts."""
    page.wait_for_function("""([shown, absent]) => {
        if (document.readyState !== 'complete' || !document.body) return false;
        const text = document.body.innerText;
        return shown.every(t => text.includes(t)) && !absent.some(t => text.includes(t));
    }""", arg=[list(shown), list(absent)], timeout=timeout)


def within(page, predicate: str, timeout: float, arg=None) -> bool:
    """Whether the JavaScript ``predicate`` becomes true within ``timeout``
    ms; False when it does not (for a test that then looks for itself, or
    tries once more)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(predicate, arg=arg, timeout=timeout)
    except PlaywrightTimeout:
        return False
    return True


# The page's scroll position and size are the same in two frames running.
_SCROLL_STILL = """() => {
    const now = [scrollX, scrollY, innerWidth, innerHeight].join();
    const still = window.__psScroll === now;
    window.__psScroll = now;
    return still;
}"""


def wait_for_scroll_to_settle(page) -> None:
    """Wait until the page is no longer scrolling (nor its viewport resizing):
    the same position in two frames running."""
    page.evaluate("() => { delete window.__psScroll; }")
    page.wait_for_function(_SCROLL_STILL, polling="raf")
