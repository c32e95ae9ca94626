"""网站地图: the whole site on one page, generated from the content: every
section, every document with its parts (citation-only documents too), the
catalogue, and the site's pages about itself."""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..content import Content
from ..present import doc_name
from . import about, accessibility, library, open_data
from .nav import document_items
from .page import Page, make_page
from .site import SiteInfo
from .views import Link

TITLE = "网站地图"
# Said of a document the site knows only by its number and title.
CITED_ONLY = "本站只收录文号和标题"


@dataclass(frozen=True)
class MapEntry:
    link: Link
    parts: tuple[Link, ...] = ()  # a document's pages (政策原文, 主要目标, ...)
    note: str = ""


@dataclass(frozen=True)
class MapSection:
    title: str
    anchor: str
    entries: tuple[MapEntry, ...]


@dataclass
class SiteMapPage:
    sections: list[MapSection]


def sections(content: Content, site: SiteInfo) -> list[MapSection]:
    documents = [MapEntry(Link(library.TITLE, urls.library()))] + [
        MapEntry(Link(doc_name(d), urls.document(d)),
                 tuple(Link(item.title, item.url) for item in document_items(content, d)) if d.body else (),
                 "" if d.body else CITED_ONLY)
        for d in content.all_documents]
    found = [MapSection("首页", "home", (MapEntry(Link(site.name, urls.home())),)),
             MapSection("政策文件", "documents", tuple(documents))]
    if content.departments:
        found.append(MapSection("责任分工", "departments", (MapEntry(Link("责任分工", urls.departments())),)))
    if content.policies:
        found.append(MapSection(site.catalogue_title, "catalogue", (
            MapEntry(Link(site.catalogue_title, urls.policies())), MapEntry(Link("政策自测", urls.self_check())))))
    found.append(MapSection("关于本站", "about", (
        MapEntry(Link(open_data.TITLE, urls.open_data())), MapEntry(Link(about.TITLE, urls.about())),
        MapEntry(Link(accessibility.TITLE, urls.accessibility())))))
    return found


def pages(content: Content, env, site: SiteInfo) -> list[Page]:
    return [make_page(env, "site_map.html.j2", urls.site_map(), TITLE, SiteMapPage(sections(content, site)))]
