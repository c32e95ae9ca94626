"""The Page record and the one helper every page module uses to make one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from jinja2 import Environment

from ..forking import fork_context
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


# Many pages of one kind (thousands of catalogue entries) are rendered by two
# forked workers: each page is independent, and the build has two cores.
PARALLEL_FROM = 500
_jobs: tuple[Callable, Sequence] | None = None  # inherited by the forked workers


def _render_one(index: int) -> Page:
    render_page, items = _jobs
    return render_page(items[index])


def render_all(render_page: Callable[[object], Page], items: Sequence, workers: int = 2) -> list[Page]:
    """[render_page(item) for item in items], in order; on two processes when
    there are many items and processes can be forked (the workers inherit the
    content, so only an index goes to them and a Page comes back)."""
    global _jobs
    forking = fork_context()
    if len(items) < PARALLEL_FROM or forking is None:
        return [render_page(item) for item in items]
    _jobs = (render_page, items)
    try:
        with forking.Pool(workers) as pool:
            return pool.map(_render_one, range(len(items)), chunksize=128)
    finally:
        _jobs = None
