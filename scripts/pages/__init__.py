"""Page data: the model turned into page sources, one module per page type.

Every module exposes ``pages(content, env, site) -> list[Page]``. Nothing here
knows about MkDocs: a page is a URL, a title and Markdown text (and, when
asked, that Markdown already converted to HTML: scripts/markup.py), and the
navigation is a plain tree. The MkDocs hook (or any other site builder)
decides how to hand these to its engine.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content import Content
from ..markup import MarkdownSettings
from ..render import environment
from . import departments, document, home, interpretations, policies, targets, tasks
from .nav import NavItem, navigation
from .page import Page, converting
from .site import SiteInfo

PAGE_TYPES = (home, document, targets, tasks, departments, policies, interpretations)


@dataclass
class SitePages:
    pages: list[Page]
    nav: list[NavItem]
    files: dict[str, str]  # site path -> text: open-data exports beside the pages


def build_pages(content: Content, site: SiteInfo, markdown: MarkdownSettings | None = None) -> SitePages:
    """Every generated page; with ``markdown``, each also converted to HTML
    with those settings (Page.converted)."""
    env = environment()
    pages: list[Page] = []
    with converting(markdown):
        for module in PAGE_TYPES:
            pages.extend(module.pages(content, env, site))
    files: dict[str, str] = {}
    for module in PAGE_TYPES:
        if hasattr(module, "files"):  # exports and images beside the pages
            files.update(module.files(content))
    return SitePages(pages, navigation(content, site), files)
