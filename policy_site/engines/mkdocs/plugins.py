"""Everything of ours that runs inside MkDocs: the plugins ``MkDocs.build``
adds to the loaded configuration of the tree's ``mkdocs.yml``. A plain
``mkdocs build`` of the tree runs none of them and gives the same pages
(tests/test_engines.py says how they differ); README "Figures" gives what
each buys.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import jinja2
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import generated_html


class GeneratedHtml(BasePlugin):
    """Generated pages reach Python-Markdown as their headings alone
    (engines/generated_html.py says why); every other byte is the generator's."""

    def __init__(self):
        super().__init__()
        self._blocks: dict[str, list[str]] = {}

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if not page.meta.get("generated"):
            return markdown
        markdown, self._blocks[page.file.src_uri] = generated_html.split(markdown)
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        blocks = self._blocks.pop(page.file.src_uri, None)
        return html if blocks is None else generated_html.restore(html, blocks)


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates as compiled, kept in memory between the builds
    of one process (the preview renders after every save; MkDocs makes a
    new template environment, which compiles every template anew, for each
    build). A template whose source changed has another key, so it is
    compiled again."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class KeepCompiled(BasePlugin):
    """Gives each build's template environment the process's ``CompiledTemplates``."""

    def __init__(self, templates: CompiledTemplates):
        super().__init__()
        self.templates = templates

    def on_env(self, env, config, files):
        env.bytecode_cache = self.templates
        return env


# Beyond its source (whose cost grows with its size), every page costs a
# run of the theme's template and MkDocs' own work: about what this many
# bytes of source cost. A static file costs its copy, which is about the
# same whatever its size (the folders and the open and close): about what
# STATIC_FILE_COST bytes of source cost. Measured on the catalogue benchmark
# at 5,000 entries (a 4.5 KB entry page: 2.6 ms; the 24 pages of the
# navigation, 7.1 MB: 0.9 s; 5,713 static files, 32 MB: 1.9 s).
PAGE_COST_BYTES = 16000
STATIC_FILE_COST = 2600


def nav_paths(nav: object) -> set[str]:
    """The source paths a ``nav`` configuration lists."""
    found: set[str] = set()
    stack = [nav]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            found.add(item)
    return found


def split(costs: list[int], shards: int, head: int) -> list[int]:
    """For pages of these costs, in order, the shard of each: contiguous
    runs of about equal cost, where shard 0 already carries ``head``."""
    total = sum(costs) + head
    owner, spent = [], head
    for cost in costs:
        # The shard whose share of the total this page's middle falls in.
        middle = spent + cost / 2
        owner.append(min(shards - 1, int(middle * shards / total)))
        spent += cost
    return owner


class Shard(BasePlugin):
    """Excludes from this process's build what another process renders: a
    large site renders in one process per shard (MkDocs renders one page
    after another on one core), and shards 1.. then move their pages into
    shard 0's site (``merge``). Shard 0 renders every page listed in the
    navigation, copies every static file and writes the site-wide files
    (404 page, search index, the generator's sitemap: the same in every
    process); shard ``k`` its share of the other pages. An excluded file
    keeps its URL (MkDocs' own ``InclusionLevel.EXCLUDED``), so navigation,
    links and anchors are those of a whole build, and a link to it is
    reported at level INFO only: strict mode still fails on every real
    warning. The same bytes as one process (tests/test_shards.py)."""

    def __init__(self, index: int, shards: int):
        super().__init__()
        self.index, self.shards = index, shards
        # Filled in on_files: the output path of every page not in the
        # navigation, by the shard that renders it.
        self.pages: list[list[str]] = []

    def on_files(self, files: Files, config) -> Files:
        listed = nav_paths(config.nav)
        docs = list(files.documentation_pages())
        free = [f for f in docs if f.src_uri not in listed]
        # Shard 0 also copies every static file.
        head = sum(_cost(f) for f in docs if f.src_uri in listed) + STATIC_FILE_COST * sum(
            1 for f in [*files.static_pages(), *files.media_files()] if f.abs_src_path)
        owners = split([_cost(f) for f in free], self.shards, head)
        self.pages = [[] for _ in range(self.shards)]
        owner_of = {}
        for file, owner in zip(free, owners):
            self.pages[owner].append(file.dest_uri)
            owner_of[file.src_uri] = owner
        for file in files:
            if owner_of.get(file.src_uri, 0) != self.index:  # navigation pages and static files: shard 0
                file.inclusion = InclusionLevel.EXCLUDED
        return files


def _cost(file: File) -> int:
    return len(file.content_bytes) + PAGE_COST_BYTES


def merge(site: Path, shard_sites: list[Path], plan: Shard) -> None:
    """Move the pages shards 1.. rendered into shard 0's ``site``."""
    for index, other in enumerate(shard_sites, start=1):
        for dest in plan.pages[index]:
            target = site / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(other / dest), str(target))


class Only(BasePlugin):
    """Excludes every file but ``sources`` (paths under the tree's docs/):
    the preview renders the entry pages an edit changed into its site
    before anything else, and leaves every other file as it is there."""

    def __init__(self, sources):
        super().__init__()
        self.sources = set(sources)

    def on_files(self, files: Files, config) -> Files:
        for file in files:
            if file.src_uri not in self.sources:
                file.inclusion = InclusionLevel.EXCLUDED
        return files
