"""关于本站: who runs the site and how to reach them (content/site.yaml), where
its content comes from, what a status means, and what the site does with
a visitor's data."""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..content import Content
from ..schema.model import SITE
from .page import Page, make_page
from .site import SiteInfo
from .views import Fact, fact

TITLE = "关于本站"
# The facts of content/site.yaml the page lists, in this order.
FACTS = ("name", "region", "publisher", "contact", "licence")


@dataclass
class AboutPage:
    facts: list[Fact]  # FACTS of content/site.yaml (SITE's fields)


def pages(content: Content, env, site: SiteInfo) -> list[Page]:
    facts = [fact(SITE.fields[name], getattr(site, name)) for name in FACTS]
    return [make_page(env, "about.html.j2", urls.about(), TITLE, AboutPage(facts))]
