"""The Page record and the one helper every page module uses to make one."""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2 import Environment

from ..render import render


@dataclass
class Page:
    url: str  # site-relative, directory style: "documents/hs-2018-138/targets/"
    title: str
    markdown: str
    meta: dict = field(default_factory=dict)


def make_page(env: Environment, template: str, url: str, title: str, meta: dict | None = None, **context) -> Page:
    markdown = render(env, template, url, title=title, **context)
    return Page(url=url, title=title, markdown=markdown, meta=meta or {})
