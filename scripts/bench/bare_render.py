"""The floor a build is compared with: the same pages rendered the barest way.

Usage: python -m scripts.bench.bare_render TREE CONTENT OUT SHELL

On one core and with nothing but the libraries a renderer cannot do
without: every content file parsed with libyaml, every page source of the
generated tree (TREE/docs/**.md) converted by one reused Python-Markdown
converter with the site's extensions, put into one Jinja2 template (SHELL:
a built page of the real site with its title and content cut out, so the
page shell is the one the engine writes), and written to OUT. No
validation, no navigation, no search, no link check: what is left of a build
when everything particular to a site engine and to policy-site is taken away.
Prints the seconds it took.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import jinja2
import markdown
import yaml

from policy_site.site_config import SiteConfig

_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">).*?(</article>)', re.S)
_TITLE = re.compile(r"<title>.*?</title>", re.S)


def shell_template(page_html: str) -> jinja2.Template:
    """A built page with its title and article content made into placeholders
    (the rest kept verbatim in raw blocks)."""
    raw = lambda text: "{% raw %}" + text + "{% endraw %}" if text else ""  # noqa: E731
    article = _ARTICLE.search(page_html)
    title = _TITLE.search(page_html, 0, article.start())
    return jinja2.Template(
        raw(page_html[:title.start()]) + "<title>{{ title }}</title>"
        + raw(page_html[title.end():article.end(1)]) + "{{ content }}"
        + raw(page_html[article.start(2):]), autoescape=False)


def render(tree: Path, content: Path, out: Path, shell: Path) -> float:
    start = time.perf_counter()
    for path in sorted(content.rglob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    extensions, configs = SiteConfig.read(tree).markdown_settings()
    converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
    template = shell_template(shell.read_text(encoding="utf-8"))
    docs = tree / "docs"
    for source in sorted(docs.rglob("*.md")):
        rel = source.relative_to(docs).as_posix()
        folder = out / (rel[: -len("index.md")] if rel.endswith("index.md") else rel[:-3])
        html = converter.reset().convert(_FRONT.sub("", source.read_text(encoding="utf-8"), count=1))
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(template.render(content=html, title=rel), encoding="utf-8")
    return time.perf_counter() - start


if __name__ == "__main__":
    tree, content, out, shell = map(Path, sys.argv[1:5])
    print(f"{render(tree, content, out, shell):.3f}")
