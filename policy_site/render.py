"""The Jinja environment the page templates render in, and the headings they write.

Templates (in ``policy_site/templates``) write the HTML of each page from its
page data (``policy_site/pages``), which come with every value written. Headings
carry their ids and ``markdown="span"``, so an engine's Markdown parser (with
md_in_html) lists them in its table of contents and gives them permalinks;
``outline`` reads the same headings back for the generator. Content text is
always escaped: the only markup on a page is the markup a template writes.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from . import present, urls
from .html_text import plain_text

TEMPLATES = Path(__file__).parent / "templates"

# Characters Python-Markdown would read as inline markup in a heading.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|])")


def paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def heading(level: int, text: str, anchor: str | None = None) -> Markup:
    """An HTML heading (at most h6) with a stable id. Its text is read as
    Markdown by the engine (markdown="span", so it joins the table of
    contents), hence escaped for Markdown as well as HTML. The page title
    (level 1) takes the engine's id, as a Markdown title would."""
    level, text = min(level, 6), _MD_SPECIAL.sub(r"\\\1", str(escape(text)))  # HTML escaped, then Markdown
    id_attr = Markup(' id="{}"').format(anchor) if anchor else ""
    return Markup(f'<h{level}{id_attr} markdown="span">{text}</h{level}>')


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str  # plain text, entities decoded, permalink removed


_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", re.S)
_ID = re.compile(r'\bid="([^"]*)"')


def outline(html: str) -> list[tuple[Heading | None, str]]:
    """The table of contents of a page: (heading, HTML up to the next
    heading) in order, the first item (None, text before any heading)."""
    parts = _HEADING.split(html)
    sections: list[tuple[Heading | None, str]] = [(None, parts[0])]
    for level, attrs, inner, after in zip(parts[1::4], parts[2::4], parts[3::4], parts[4::4]):
        found = _ID.search(attrs)
        sections.append((Heading(int(level), found.group(1) if found else "", plain_text(inner)), after))
    return sections


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        # Compiled templates are kept between builds (Jinja's per-user cache
        # folder, keyed by each template's text): compiling them was a third
        # of generating the published site.
        bytecode_cache=FileSystemBytecodeCache(),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Page data (policy_site/pages) come written: the templates need only
    # these, and ``heading`` and ``href`` below.
    env.filters.update(paragraphs=paragraphs, tel_href=present.tel_href)
    env.globals.update(heading=heading, href=href)
    return env


# The page being rendered: ``href`` links relative to it. A global function
# (rather than one passed per render) lets templates import the shared macros
# without ``with context``, so Jinja caches them instead of re-running them
# for every page.
_current_url: ContextVar[str] = ContextVar("current_url", default="")


def href(target: str) -> str:
    """Link from the page being rendered to ``target`` (site-relative)."""
    return urls.relative(target, _current_url.get())


def render(env: Environment, template: str, current_url: str, **context) -> str:
    """Render one page whose URL is ``current_url``."""
    token = _current_url.set(current_url)
    try:
        return env.get_template(template).render(**context)
    finally:
        _current_url.reset(token)
