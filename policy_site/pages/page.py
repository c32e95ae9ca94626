"""The Page record and the one helper every page module uses to make one."""

from __future__ import annotations

import json
from dataclasses import dataclass

from jinja2 import Environment

from ..render import heading, render


@dataclass(frozen=True)
class Page:
    url: str  # site-relative, directory style: "documents/hs-2018-138/targets/"
    title: str
    body: str  # the page's HTML below its title; headings marked for the engine's table of contents
    hide: tuple[str, ...] = ()  # parts of the theme's layout the page does without ("toc")

    def source(self, own_search: bool = True, tags: list[dict] = ()) -> str:
        """The page as a Markdown source file any MkDocs-style engine reads:
        front matter (layout, no entry in the engine's own search index: the
        site's index is built from the content, and the page's ``<meta>``
        tags, ``tags``: identity.tags_of), the title as the page's <h1> (the
        engine's page title where the navigation gives none), then the HTML."""
        # generated: the body is HTML, only its headings are Markdown (an
        # engine may convert just those: engines/mkdocs/plugins.py).
        meta = ["generated: true"] + (["search:", "  exclude: true"] if own_search else []) + (
            ["hide:"] + [f"  - {part}" for part in self.hide] if self.hide else []) + (
            ["policy_meta:"] + [f"  - {{name: {t['name']}, content: {json.dumps(t['content'], ensure_ascii=False)}}}"
                                for t in tags] if tags else [])
        front = "---\n" + "\n".join(meta) + "\n---\n\n"
        return f"{front}{heading(1, self.title)}\n\n{self.body}"


def make_page(env: Environment, template: str, url: str, title: str, page: object, hide: tuple[str, ...] = ()) -> Page:
    """Render ``template`` with ``page``, the page module's dataclass of what
    the page shows (the template reads its fields as ``page.<field>``)."""
    return Page(url=url, title=title, body=render(env, template, url, page=page), hide=hide)
