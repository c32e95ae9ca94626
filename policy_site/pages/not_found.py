"""页面未找到 (404.html): what a server shows for any address it does not
have, at any depth of the site. Relative links cannot work from an unknown
depth, so the page is one self-contained file that loads nothing: its
styles and the script applying the reader's 大字版 / 高对比度 choice inline,
no picture, and its links to the site's root, the path of SITE_URL ("/"
when not set). It offers the way
back: the home page, a search (the home page opens the theme's search for
?q=), the catalogue, the 政策文件库 and the 网站地图; and the footer every
page carries (identity.footer), with the 党政机关网站标识 as a text link: its
picture would be a file the page cannot address (and the link checker
allows no data: address)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from .. import urls
from ..content import Content
from ..render import render
from . import identity, library, site_map
from .site import SiteInfo
from .views import Link

TITLE = "页面未找到"
# The theme template the engines write 404.html from (the generator puts it into overrides/).
TEMPLATE = "404.html"


@dataclass
class NotFoundPage:
    site_name: str
    home: str  # the site's root: SITE_URL's path, or "/"
    ways: list[Link]  # the way back, as root-absolute links
    footer: dict  # identity.footer, its site paths made root-absolute
    tags: list[dict]  # the site's <meta> tags (identity.site_meta)
    portal: Link | None


def root(site: SiteInfo) -> str:
    return urlsplit(site.url).path or "/" if site.url else "/"


def page(content: Content, site: SiteInfo) -> NotFoundPage:
    home = root(site)
    ways = [Link("首页", home), Link(library.TITLE, home + urls.library())]
    if content.policies:
        ways.append(Link(site.catalogue_title, home + urls.policies()))
    ways.append(Link(site_map.TITLE, home + urls.site_map()))
    footer = identity.footer(site)
    footer = {**footer, "links": [{**link, "url": home + link["url"]} for link in footer["links"]]}
    portal = Link(site.portal_name, site.portal_url) if site.portal_url else None
    return NotFoundPage(site.name, home, ways, footer, identity.site_meta(site), portal)


def template(env, content: Content, site: SiteInfo) -> str:
    """The page as the theme template ``404.html`` (a raw block: both template
    engines write it as it is; opendata/sitemap.template does the same)."""
    return "{% raw %}" + render(env, "not_found.html.j2", "", page=page(content, site)) + "{% endraw %}"
