"""关于本站: who runs the site and how to reach them (content/site.yaml), where
its content comes from, what a status means, and what the site does with
a visitor's data."""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..content import Content
from ..schema.model import SITE
from .memo import PageMemo
from .page import Page, fact_row, make_page
from .site import SiteInfo

TITLE = "关于本站"
# The facts of content/site.yaml the page lists, in this order.
FACTS = ("name", "region", "publisher", "contact", "licence")


@dataclass
class AboutPage:
    facts: list[tuple[str, str, str]]  # (label, value, shown when empty), from the model's fields


def pages(content: Content, env, site: SiteInfo, memo: PageMemo) -> list[Page]:
    facts = [fact_row(SITE.fields[name], getattr(site, name)) for name in FACTS]
    return [make_page(env, "about.html.j2", urls.about(), TITLE, AboutPage(facts))]
