"""Drive the site's search box as a person does, and read what it shows.

Shared by the browser tests. The box (Material) or dialog (Zensical), its
keys and the result list are the theme's; the results come from
policy_site/search/core.js, through the theme's adapter (material.js,
zensical.js). ``search`` tells the two sites apart by their search box.
"""

from __future__ import annotations

import functools
import unicodedata
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

from browser import new_context
from policy_site import urls

QUERY = "input.md-search__input"
RESULT_LINKS = ".md-search-result__list a.md-search-result__link"
# The document tests/search_queries.yaml names clauses and targets of.
PLAN = SimpleNamespace(id="hs-2018-138")


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


HELP = ".ps-search-help"


# Zensical's search UI renders into a shadow root and marks no result with
# its query, but its worker (zensical.js) says which query each answer is
# for: this notes the last answer the page received, before the UI renders it.
WATCH_ANSWERS = """(() => {
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", event => {
        if (event.data && event.data.type === 3) window.__psAnswer = event.data.data;
      });
    }
  };
})();"""
# The site fixture (tests/conftest.py) of each engine's site: the query sets
# pass through each theme's own search UI.
SITE_URLS = {"mkdocs": "site_url", "zensical": "zensical_site_url"}
# Zensical's dialog (Playwright's CSS selectors reach into its open shadow root).
ZENSICAL_QUERY = "dialog input[role=combobox]"
ZENSICAL_OPTIONS = "dialog a[role=option]"


def home_page(browser, site_url):
    """A new page at the home page, at desktop width, closed afterwards (a
    fixture's body: ``yield from home_page(browser, site_url)``)."""
    context = new_context(browser)
    context.add_init_script(WATCH_ANSWERS)
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()


def search(page, expect, text: str, key: bool = True) -> list[dict]:
    """Type ``text`` into the search box; return every result link in display order.

    Waits until the list shows the results of this query (the worker marks each
    result with the query it answers, data-ps-query; docs/assets/search-help.js
    marks its no-result help the same way), so a previous query's results are
    never read. ``key=False`` enters the text as a paste or voice input does:
    no key is pressed at all. On Zensical's site (no Material search box),
    through Zensical's dialog (``zensical_search``).
    """
    if not page.locator(QUERY).count():
        return zensical_search(page, expect, text, key)
    query = page.locator(QUERY)
    if not query.evaluate("el => el === document.activeElement"):
        page.keyboard.press("/")  # Material's shortcut: opens the search dialog and focuses the box
        expect(query).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    # The empty box's answer is shown before the next query is typed.
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__list').children.length"
        " && !document.querySelector('.ps-search-help')")
    if key:
        # Playwright enters CJK text the way an IME commits it (insertText).
        # Pressing End afterwards is a key press that does not change the text.
        page.keyboard.type(text)
        page.keyboard.press("End")
    else:
        page.keyboard.insert_text(text)  # one input event, as a paste or a voice commit
    expect(query).to_have_value(text)
    wait_for_answer(page, text)
    return read_results(page)


def wait_for_answer(page, text: str) -> None:
    """Wait until the search shows its answer to ``text``: results (the worker
    marks each with the query it answers, data-ps-query) or the help shown
    when nothing is found (marked the same way), never a previous query's."""
    page.wait_for_function(
        """([selector, help, q]) => {
            const first = document.querySelector(selector + " .ps-search-kind");
            const shown = document.querySelector(help);
            return (first && first.dataset.psQuery === q) || (shown && shown.dataset.psQuery === q);
        }""",
        arg=[RESULT_LINKS, HELP, text],
    )


def read_results(page) -> list[dict]:
    links = page.locator(RESULT_LINKS).evaluate_all(
        """links => links.map((a, index) => ({
            index,
            href: a.href,
            title: (a.querySelector('h1, h2') || a).textContent.trim(),
            kind: (a.querySelector('.ps-search-kind') || {}).textContent || null,
            status: (a.querySelector('.ps-search-status') || {}).textContent || null,
            partial: !!a.querySelector('.ps-search-partial'),
            marks: [...a.querySelectorAll('mark')].map(m => m.textContent),
            visible: a.checkVisibility() && !a.closest('details:not([open])'),
        }))"""
    )
    return _located(links)


def _located(links: list[dict]) -> list[dict]:
    """Each result link with its site path, #fragment and highlight (?h=) apart."""
    for link in links:
        parts = urlsplit(link["href"])
        link["path"], link["fragment"] = parts.path.lstrip("/"), parts.fragment
        link["h"] = parse_qs(parts.query).get("h", [""])[0]
    return links


def shown_records(results: list[dict]) -> list[dict]:
    """What a person sees as results, in order: visible links to a record (they
    carry a kind label), not the page headings that group them."""
    return [r for r in results if r["visible"] and r["kind"]]


def describe(results: list[dict]) -> str:
    lines = []
    for n, r in enumerate(results, 1):
        label = f"[{r['kind']}] " if r["kind"] else "(page) "
        hidden = "" if r["visible"] else "  (folded away)"
        lines.append(f"  {n}. {label}{r['title']}  /{r['path']}#{r['fragment']}{hidden}")
    return "\n".join(lines)


def target_url(target: str) -> str:
    """kind/id as written in search_queries.yaml -> the result's site path and #anchor."""
    kind, _, ident = target.partition("/")
    page_id, _, anchor = ident.partition("#")
    item = SimpleNamespace(id=page_id)
    if kind == "department":
        # Written as its id; the fixture's departments belong to a government,
        # so their pages are at departments/<government>/<id>/.
        item = _fixture_department(page_id)
    url = {
        "clause": lambda: urls.clause(PLAN, item),
        "indicator": lambda: urls.indicator(PLAN, item),
        "policy": lambda: urls.policy(item),
        "department": lambda: urls.department(item),
        "document": lambda: urls.document(item),
        "interpretation": lambda: urls.interpretation(item) + (f"#{anchor}" if anchor else ""),
    }[kind]()
    return url


@functools.lru_cache(maxsize=None)
def _departments():
    from conftest import CONTENT
    from policy_site.content import load_content
    return list(load_content(CONTENT).departments.values())


def _fixture_department(ident: str):
    """The fixture department named ``ident``: a full id (haishu/economy-it),
    or an id that one department has."""
    found = [d for d in _departments() if ident in (d.ref_id, d.id)]
    assert len(found) == 1, f"department/{ident}: {len(found)} fixture departments match; write government/id"
    return found[0]


def result_url(result: dict) -> str:
    return result["path"] + (f"#{result['fragment']}" if result["fragment"] else "")


def zensical_search(page, expect, text: str, key: bool = True) -> list[dict]:
    """``search`` through Zensical's dialog (its shortcut ``/`` opens it): waits
    for the worker's answer to ``text`` (WATCH_ANSWERS) and for the dialog to
    show it; every result is a record, shown, its kind above its title."""
    query = page.locator(ZENSICAL_QUERY)
    if not query.evaluate("el => el === el.getRootNode().activeElement"):
        page.keyboard.press("/")
        expect(query).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    _wait_for_zensical_answer(page, "")
    if key:
        page.keyboard.type(text)
        page.keyboard.press("End")
    else:
        page.keyboard.insert_text(text)
    expect(query).to_have_value(text)
    _wait_for_zensical_answer(page, text)
    links = page.locator(ZENSICAL_OPTIONS).evaluate_all(
        """links => links.map((a, index) => ({
            index,
            href: a.href,
            title: a.querySelector('h2').textContent.trim(),
            kind: (a.querySelector('menu li') || {}).textContent || null,
            status: null,
            partial: false,
            marks: [...a.querySelectorAll('mark')].map(m => m.textContent),
            visible: a.checkVisibility(),
        }))"""
    )
    return _located(links)


def _wait_for_zensical_answer(page, text: str) -> None:
    """Wait until the worker has answered ``text`` and the dialog shows that
    answer's results (the options' ids end in the ids of its records)."""
    page.wait_for_function(
        """([options, q]) => {
            const answer = window.__psAnswer;
            if (!answer || answer.input !== q) return false;
            const root = [...document.body.children].find(e => e.shadowRoot);
            const shown = [...root.shadowRoot.querySelectorAll(options.replace("dialog ", ""))]
              .map(a => a.id.slice(a.id.lastIndexOf("-") + 1));
            return shown.join(" ") === answer.items.map(item => item.id).join(" ");
        }""",
        arg=[ZENSICAL_OPTIONS, text],
    )
