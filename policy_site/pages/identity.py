"""What a government site shows on every page about itself, from
content/site.yaml: the footer (主办单位, 承办单位, 联系方式, 网站标识码, ICP
and 公安 records, the 党政机关网站标识), the portal a 专栏 belongs to, and the
``<meta>`` tags of the 网页设计规范 (《政府网站发展指引》): the site's on every
page, a column's on every generated page, an article's on document and
interpretation pages.

All of it is data: the theme writes the footer, the portal link and the tags
(overrides/), reading what ``theme_data`` puts into the engine configuration
and what ``page_meta`` puts into each page's front matter. A field the
content does not give is left out; nothing is filled in.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urlsplit

from .. import urls
from ..present import date_iso, facts
from ..schema.model import SITE
from . import about, accessibility, open_data, site_map
from .site import SiteInfo

# The MIIT registry the ICP record is looked up in.
ICP_REGISTRY = "https://beian.miit.gov.cn/"
EMBLEM_ALT = SITE.fields["emblem"].label  # 党政机关网站标识

# The facts of the footer, in the order government sites list them; the ICP
# record links to its registry.
FOOTER_FACTS = ("publisher", "organizer", "contact", "site_code", "icp_record", "police_record")
FOOTER_LINKS = {"icp_record": ICP_REGISTRY}

# Every generated page's column (栏目), by the first part of its URL: its
# name (ColumnName) and which of the four functions of a government site
# (《政府网站发展指引》: 信息发布, 解读回应, 办事服务, 互动交流) it serves
# (ColumnType). The catalogue's name is the site's own (catalogue_title).
COLUMNS = {
    "": ("首页", "信息发布"),
    "documents": ("政策文件", "信息发布"),
    "departments": ("责任分工", "信息发布"),
    "interpretations": ("政策解读", "解读回应"),
    "policies": (None, "办事服务"),
    "self-check": ("政策自测", "办事服务"),
    "open-data": (open_data.TITLE, "信息发布"),
    "about": (about.TITLE, "信息发布"),
    "site-map": (site_map.TITLE, "信息发布"),
    "accessibility": (accessibility.TITLE, "信息发布"),
}


def emblem_path(site: SiteInfo) -> str:
    """Where the mark's picture is published (site path), its extension kept."""
    return urls.emblem(PurePosixPath(site.emblem_image).suffix.lower()) if site.emblem_image else ""


def footer(site: SiteInfo) -> dict:
    """The footer every page carries: the site's pages about itself (site
    paths), the identity facts given, the 党政机关网站标识 when given."""
    facts = [{"label": SITE.fields[name].label, "text": getattr(site, name), "href": FOOTER_LINKS.get(name, "")}
             for name in FOOTER_FACTS if getattr(site, name)]
    emblem = ({"href": site.emblem_url, "src": emblem_path(site), "alt": EMBLEM_ALT} if site.emblem_url else None)
    links = [{"title": title, "url": url} for title, url in (
        (site_map.TITLE, urls.site_map()), (accessibility.TITLE, urls.accessibility()), (about.TITLE, urls.about()))]
    return {"links": links, "facts": facts, "emblem": emblem}


def site_meta(site: SiteInfo) -> list[dict]:
    """The site's tags, on every page: SiteName, SiteDomain (from the
    published address, SITE_URL), SiteIDCode (网站标识码)."""
    domain = urlsplit(site.url).netloc if site.url else ""
    return _tags((("SiteName", site.name), ("SiteDomain", domain), ("SiteIDCode", site.site_code)))


def theme_data(site: SiteInfo) -> dict:
    """What the theme reads from the engine configuration (``extra``):
    the footer, the site's tags and the portal (None when not a 专栏)."""
    portal = {"name": site.portal_name, "url": site.portal_url} if site.portal_url else None
    return {"policy_footer": footer(site), "policy_meta": site_meta(site), "policy_portal": portal}


def column(url: str, site: SiteInfo) -> tuple[str, str] | None:
    """(ColumnName, ColumnType) of the generated page at ``url``."""
    found = COLUMNS.get(url.split("/", 1)[0])
    if found is None:
        return None
    name, kind = found
    return name or site.catalogue_title, kind


def page_meta(content, site: SiteInfo) -> dict[str, list[dict]]:
    """The tags of each article page (site-relative URL -> tags): a document's
    政策原文 and each interpretation. PubDate is the content's own date,
    ContentSource the document's 来源 or else the publisher; Url only where
    the site's address is known."""
    found = {}
    for doc in content.full_documents:
        meta = doc.metadata
        found[urls.document(doc)] = _tags((
            ("ArticleTitle", doc.title),
            ("PubDate", date_iso(meta.published, " ") or ""),
            ("ContentSource", meta.source or site.publisher),
            ("Keywords", meta.topic),
            ("Author", meta.issuer),
            ("Description", _description(doc)),
            ("Url", site.url and urls.absolute(urls.document(doc), site.url)),
        ))
    for item in content.interpretations.values():
        found[urls.interpretation(item)] = _tags((
            ("ArticleTitle", item.title),
            ("PubDate", date_iso(item.date, " ") or ""),
            ("ContentSource", item.body or site.publisher),
            ("Keywords", item.document.metadata.topic if item.document else None),
            ("Author", item.body),
            ("Description", item.summary or item.title),
            ("Url", site.url and urls.absolute(urls.interpretation(item), site.url)),
        ))
    return found


def tags_of(url: str, site: SiteInfo, articles: dict[str, list[dict]]) -> list[dict]:
    """Every page-level tag of the generated page at ``url``: its column's,
    then its article's."""
    found = column(url, site)
    own = _tags((("ColumnName", found[0]), ("ColumnType", found[1]))) if found else []
    return own + articles.get(url, [])



def _description(doc) -> str:
    """The document as its 公开信息 names it: title, 文号, issuer."""
    meta = doc.metadata
    return facts([doc.title, meta.doc_no, meta.issuer], "，")


def _tags(pairs) -> list[dict]:
    return [{"name": name, "content": str(value)} for name, value in pairs if value]
