"""无障碍声明: what the site offers readers who use large text, high contrast,
a keyboard, a screen reader or a printer; the standards it is built and
tested against; what is known not to work; and whom to tell about a
problem (the site's contact, content/site.yaml). Its date is the content's
newest date: the statement describes the site built from that content."""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..content import Content
from ..present import date_zh
from ..schema.model import SITE
from .page import Page, make_page
from .site import SiteInfo
from .views import Fact, fact

TITLE = "无障碍声明"


@dataclass
class AccessibilityPage:
    contact: Fact  # content/site.yaml contact: where a reader reports a problem
    site_map: str  # URL of 网站地图, the way to every page without scripts
    library: str  # URL of 政策文件库
    date: str  # the content's newest date, written (present.date_zh); "" when the content states none


def pages(content: Content, env, site: SiteInfo) -> list[Page]:
    latest = content.latest_date()
    data = AccessibilityPage(fact(SITE.fields["contact"], site.contact), urls.site_map(), urls.library(),
                             date_zh(latest.date()) if latest else "")
    return [make_page(env, "accessibility.html.j2", urls.accessibility(), TITLE, data)]
