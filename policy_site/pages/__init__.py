"""Page data: the model turned into pages, one module per page type.

Every module exposes ``pages(content, env, site, memo) -> list[Page]``; some
also ``files(content) -> {site path: text}`` for data and images beside the
pages. Each module declares a dataclass per page type (``DocumentPage``,
``TargetsPage``, ...): what its template shows, read there as ``page.<field>``,
so a field can be followed from the content model to the page.
Nothing here knows about a site engine: a page is a URL, a title and HTML,
and the navigation is a plain tree.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from ..content import Content
from ..render import environment
from . import about, departments, document, home, interpretations, policies, targets, tasks
from .nav import NavItem, navigation
from .memo import PageMemo
from .page import Page
from .site import SiteInfo

PAGE_TYPES = (home, document, targets, tasks, departments, policies, interpretations, about)


@dataclass
class SitePages:
    pages: list[Page]
    nav: list[NavItem]
    files: dict[str, str]  # site path -> text: open-data exports and images beside the pages


def build_pages(content: Content, site: SiteInfo, memo: PageMemo | None = None,
                env: Environment | None = None) -> SitePages:
    """Every generated page, the navigation, and the files beside the pages.
    ``memo`` keeps pages, and ``env`` the compiled templates, between builds
    of one process (the preview)."""
    env = env or environment()
    memo = memo or PageMemo()
    pages: list[Page] = []
    files: dict[str, str] = {}
    for module in PAGE_TYPES:
        pages.extend(module.pages(content, env, site, memo))
        if hasattr(module, "files"):
            files.update(module.files(content))
    return SitePages(pages, navigation(content, site), files)
