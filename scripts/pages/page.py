"""The Page record and the one helper every page module uses to make one."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

from jinja2 import Environment

from ..forking import fork_context
from ..markup import Converted, Converter, MarkdownSettings
from ..render import render


@dataclass
class Page:
    url: str  # site-relative, directory style: "documents/hs-2018-138/targets/"
    title: str
    markdown: str
    meta: dict = field(default_factory=dict)
    # The Markdown already converted with the site's settings (scripts/markup.py),
    # when the caller asked for it; an engine may use it instead of converting.
    converted: Converted | None = None


_converter: Converter | None = None  # set by converting(); inherited by forked workers


@contextmanager
def converting(settings: MarkdownSettings | None) -> Iterator[None]:
    """Pages made inside also carry their HTML (None: Markdown only)."""
    global _converter
    _converter = Converter(settings) if settings is not None else None
    try:
        yield
    finally:
        _converter = None


def make_page(env: Environment, template: str, url: str, title: str, meta: dict | None = None, **context) -> Page:
    markdown = render(env, template, url, title=title, **context)
    converted = _converter.convert(markdown) if _converter is not None else None
    return Page(url=url, title=title, markdown=markdown, meta=meta or {}, converted=converted)


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
