"""Every page type of the site, and how to bring each into the state a reader
sees: the catalogue with its filters open, the self-check with answers given,
the search dialog with results. The accessibility, keyboard and reading-mode
tests all walk this one list, so a new page type is added here once.

URLs of entries and interpretations are read from the content, not typed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

import pytest

from conftest import CONTENT, ENGINES

from policy_site import urls
from policy_site.content import load_content
from catalogue_ui import PROFILES, open_filters, submit_profile
from drafts_content import DRAFT_DOC, DRAFT_ENTRY
from search_ui import ZENSICAL_OPTIONS, ZENSICAL_QUERY

PLAN_ID = "hs-2018-138"
# A query with results on the real site (the financing clauses, loan entries).
SEARCH_QUERY = "贷款"


# localStorage key and values of the reading settings (docs/assets/a11y.js).
READING_KEY = "policy-site.reading"
LARGE_HIGH = {"size": "large", "contrast": "high"}


def save_reading_settings(**settings: str) -> str:
    """An init script that stores reading settings as if chosen on an earlier page."""
    return f"localStorage.setItem({json.dumps(READING_KEY)}, {json.dumps(json.dumps(settings))});"


@dataclass(frozen=True)
class PageType:
    path: str
    # Brings the loaded page into the state to check (None: as loaded).
    prepare: Callable | None = None
    # The engines whose site has this state (conftest.py ENGINES).
    engines: tuple[str, ...] = ENGINES


# Our worker answers both themes' search UIs; the 部分匹配 label and the help
# shown when nothing is found are in Material's result list only (README: "Two
# engines", Search), so those two states exist on Material's site only.
MATERIAL_ONLY = ("mkdocs",)


def _open_filters(page, expect):
    expect(page.locator("form.catalogue-filters")).to_be_visible()  # the script ran
    open_filters(page, expect)


def _open_library_filters(page, expect):
    expect(page.locator("form.catalogue-filters")).to_be_visible()  # the script ran
    panel = page.locator("details.filter-panel")
    if not panel.evaluate("d => d.open"):
        panel.locator("summary").click()
    expect(page.locator("#library-q")).to_be_visible()


def _answer_self_check(page, expect):
    submit_profile(page, expect, *PROFILES[1])


def _search(page, expect):
    """Open the theme's search with its / shortcut (Material's box, or
    Zensical's dialog) and enter the query the way an input method commits it:
    the whole word at once (then End, for the keyup Material reads the query
    on). Only the search UI is used, so this keeps working whatever backend
    answers."""
    if not page.locator("input.md-search__input").count():
        page.keyboard.press("/")
        expect(page.locator(ZENSICAL_QUERY)).to_be_focused()
        page.keyboard.insert_text(SEARCH_QUERY)
        expect(page.locator(ZENSICAL_OPTIONS).first).to_be_visible()
        return
    query = page.locator("input.md-search__input")
    page.keyboard.press("/")
    expect(query).to_be_focused()
    page.keyboard.insert_text(SEARCH_QUERY)
    page.keyboard.press("End")
    expect(query).to_have_value(SEARCH_QUERY)
    expect(page.locator(".md-search-result__list li").first).to_be_visible()


def _searching(text: str, shown: str):
    """Search for ``text`` as _search does, until ``shown`` is visible."""
    def run(page, expect):
        query = page.locator("input.md-search__input")
        page.keyboard.press("/")
        expect(query).to_be_focused()
        page.keyboard.insert_text(text)  # no key: search-help.js passes the input on
        expect(query).to_have_value(text)
        expect(page.locator(shown).first).to_be_visible()
    return run


def _page_types() -> dict[str, PageType]:
    content = load_content(CONTENT)
    plan = content.documents[PLAN_ID]
    cited = next(d for d in content.documents.values() if d.id != PLAN_ID)
    entry = content.policies[sorted(content.policies)[0]]
    by_type = {}
    for item in sorted(content.interpretations.values(), key=lambda i: i.id):
        by_type.setdefault(item.type, item)
    # The department with the most on its page (indicators, tasks, entries).
    dept = max(content.departments.values(), key=lambda d: (
        len(content.indicators_led_by(d)) + len(content.tasks_of(d)) + len(content.policies_of(d))))
    return {
        "home": PageType(urls.home()),
        "library": PageType(urls.library(), _open_library_filters),
        "plan": PageType(urls.document(plan)),
        "targets": PageType(urls.targets(plan)),
        "tasks": PageType(urls.tasks(plan)),
        "departments": PageType(urls.departments()),
        "department": PageType(urls.department(dept)),
        "catalogue": PageType(urls.policies(), _open_filters),
        "entry": PageType(urls.policy(entry)),
        "self-check": PageType(urls.self_check(), _answer_self_check),
        "text-interpretation": PageType(urls.interpretation(by_type["文字解读"])),
        "infographic": PageType(urls.interpretation(by_type["图片解读"])),
        "search": PageType(urls.home(), _search),
        # Results that match a question only in part carry a 部分匹配 label;
        # a query that finds nothing shows a help with links (search-help.js).
        "search-partial": PageType(urls.home(), _searching("个体户怎么转成企业", ".ps-search-partial"), MATERIAL_ONLY),
        "search-none": PageType(urls.home(), _searching("区块链元宇宙", ".ps-search-help"), MATERIAL_ONLY),
        "cited-document": PageType(urls.document(cited)),
        "about": PageType("about/"),
        "open-data": PageType(urls.open_data()),
        "site-map": PageType(urls.site_map()),
        "accessibility": PageType(urls.accessibility()),
        # What the server shows for an address it does not have (404.html,
        # self-contained; tests/test_subpath.py serves it at depth).
        "not-found": PageType("404.html"),
    }


PAGE_TYPES = _page_types()
# The pages of drafts, with their 草稿 banner and marks: in a build with drafts
# (make build DRAFTS=1) of the content of tests/drafts_content.py (drafts_site_url).
# The draft document's own page is not here: its navigation repeats a name
# (Material's table of contents names a sub-list by the text title, which is
# also the document's name in the navigation), with or without the banner.
DRAFT_PAGE_TYPES = {
    "draft-targets": PageType(f"documents/{DRAFT_DOC}/targets/"),
    "draft-entry": PageType(f"policies/{DRAFT_ENTRY}/"),
}


def page_types_of(engine: str, kinds: dict[str, PageType] = PAGE_TYPES) -> list[str]:
    """The names of the page types of ``kinds`` that ``engine``'s site has."""
    return [name for name, kind in kinds.items() if engine in kind.engines]


def by_engine(kinds: dict[str, PageType] = PAGE_TYPES) -> list:
    """(engine, name) of every page type of ``kinds`` on every engine whose
    site has it, for ``pytest.mark.parametrize("engine,name", ..., indirect=["engine"])``."""
    return [pytest.param(engine, name, id=f"{engine}-{name}") for name in kinds for engine in ENGINES
            if engine in kinds[name].engines]


def open_page_type(page, expect, site_url: str, name: str) -> None:
    """Load the page of type ``name`` and bring it into the state a reader sees."""
    kind = PAGE_TYPES[name] if name in PAGE_TYPES else DRAFT_PAGE_TYPES[name]
    page.goto(site_url + kind.path)
    page.evaluate("document.fonts.ready.then(() => true)")
    if kind.prepare:
        kind.prepare(page, expect)
    settle(page)


def settle(page) -> None:
    """Wait until no CSS transition or animation is running: colours read
    mid-fade (the search results fade in) are not what a reader sees."""
    page.wait_for_function("""() => document.getAnimations().every(a =>
        a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity)""")
