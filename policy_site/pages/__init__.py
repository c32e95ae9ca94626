"""Page data: the model turned into pages, one module per page type.

Each module declares a dataclass per page type (``DocumentPage``,
``TargetsPage``, ...) carrying everything its template shows, written, and
made of strings, numbers and the values of ``views.py`` (never a content
record): the template reads it as ``page.<field>``, so a field can be
followed from the content model to the page. Every module exposes
``pages(content, env, site) -> list[Page]``; some also ``files(content)``
for images beside the pages. ``build_pages`` makes them all; its parts
(``pages_but_entries``, the entries, ``finish``) let the generate step make a
large catalogue's entries while another process makes the open data; the 开放数据
page (``open_data.py``) comes last, as it lists every other page. Nothing
here knows about a site engine: a page is a URL, a title and HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from ..content import Content
from ..render import environment
from .. import urls
from ..opendata import Published, publish, published_sitemap
from ..opendata.feeds import Feed
from . import (about, accessibility, departments, document, home, interpretations, library, open_data, policies,
               site_map, targets, tasks)
from .nav import NavItem, navigation
from .memo import PageMemo
from .page import Page
from .site import SiteInfo

# Every page type but the catalogue's entries (``policies.entry_pages``),
# which come in thousands and are made after these (``build_pages``).
PAGE_TYPES = (home, library, document, targets, tasks, departments, policies, interpretations, about, site_map,
              accessibility)


@dataclass
class SitePages:
    pages: list[Page]
    nav: list[NavItem]
    files: dict[str, str | bytes]  # site path -> data: open data, feeds, images beside the pages
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
    others, files = pages_but_entries(content, site, env)
    entries = policies.entry_pages(content, env, memo, site)
    return finish(content, site, env, others + entries, files, publish(content, site), handwritten)


def pages_but_entries(content: Content, site: SiteInfo, env: Environment
                      ) -> tuple[list[Page], dict[str, str | bytes]]:
    """The pages of ``PAGE_TYPES``, and the files beside them (images)."""
    pages: list[Page] = []
    files: dict[str, str | bytes] = {}
    for module in PAGE_TYPES:
        pages.extend(module.pages(content, env, site))
        if hasattr(module, "files"):
            files.update(module.files(content))
    return pages, files


def finish(content: Content, site: SiteInfo, env: Environment, pages: list[Page], files: dict[str, str | bytes],
           published: Published, handwritten: list[str]) -> SitePages:
    """The site from its pages and open data: the sitemap, which lists
    every page, and then the 开放数据 page, which lists the sitemap."""
    sitemap = published_sitemap(content, site, published, [p.url for p in pages] + [urls.open_data()], list(handwritten))
    pages = pages + [open_data.page(env, site, published)]
    return SitePages(pages, navigation(content, site), {**files, **published.files}, published.feeds, sitemap)


def searchable_pages(pages: list[Page]) -> list[tuple[str, str]]:
    """(URL, title) of ``pages`` (``pages_but_entries``) and of the 开放数据 page:
    the generated pages that may be about no entity of the content, and
    are then found by their title (generate.py). The catalogue's entries
    are each about one entry."""
    return [(p.url, p.title) for p in pages] + [(urls.open_data(), open_data.TITLE)]
