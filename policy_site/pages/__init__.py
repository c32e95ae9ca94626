"""Page data: the model turned into pages, one module per page type.

Every module exposes ``pages(content, env, site, memo) -> list[Page]``; some
also ``files(content) -> {site path: text}`` for images beside the pages.
The open data (``policy_site/opendata``) and its page, 开放数据
(``open_data.py``), come last: they list every other page. Each module declares a dataclass per page type (``DocumentPage``,
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
from .. import urls
from ..opendata import publish
from ..opendata.feeds import Feed
from . import about, departments, document, home, interpretations, library, open_data, policies, targets, tasks
from .nav import NavItem, navigation
from .memo import PageMemo
from .page import Page
from .site import SiteInfo

PAGE_TYPES = (home, library, document, targets, tasks, departments, policies, interpretations, about)


@dataclass
class SitePages:
    pages: list[Page]
    nav: list[NavItem]
    files: dict[str, str | bytes]  # site path -> data: open data, feeds, sitemap, images beside the pages
    feeds: list[Feed]  # the Atom feeds every page links to
    sitemap: str  # sitemap.xml (opendata/sitemap.py)


def build_pages(content: Content, site: SiteInfo, memo: PageMemo | None = None,
                env: Environment | None = None, handwritten: list[str] = ()) -> SitePages:
    """Every generated page, the navigation, and the files beside the pages.
    ``memo`` keeps pages, and ``env`` the compiled templates, between builds
    of one process (the preview). ``handwritten``: the URLs of the
    hand-written pages, for the sitemap."""
    env = env or environment()
    memo = memo or PageMemo()
    pages: list[Page] = []
    files: dict[str, str | bytes] = {}
    for module in PAGE_TYPES:
        pages.extend(module.pages(content, env, site, memo))
        if hasattr(module, "files"):
            files.update(module.files(content))
    published = publish(content, site, [p.url for p in pages] + [urls.open_data()], list(handwritten))
    pages.append(open_data.page(env, site, published))
    files.update(published.files)
    return SitePages(pages, navigation(content, site), files, published.feeds, published.sitemap)
