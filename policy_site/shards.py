"""MkDocs on several cores: the tree's pages split over processes.

MkDocs renders one page after another on one core. A published build of a
large catalogue (thousands of entry pages) runs the same public build in
``n`` forked processes, each with a plugin (``Shard``) that excludes from its
build the pages of the others, and then moves every process's pages into the
first one's site:

- the first process (shard 0) renders every page listed in the navigation,
  copies every static file and writes the site-wide files (404 page, search
  index, sitemap), plus its share of the other pages; the others write the
  same site-wide files too, and theirs are discarded (the sitemap comes
  from a template of the generator's, opendata/sitemap.py, so it is the
  same in every process: nothing is merged);
- shard ``k`` renders only its share of the pages that are not in the
  navigation (the catalogue's entries, the documents' sub-pages, ...); the
  navigation, the links and the anchors of its pages are those of a whole
  build, because MkDocs still knows every file (an excluded file keeps its
  URL, it is only not written).

The result is the same bytes as a build in one process (tests/test_shards.py
asserts it). Exclusion is MkDocs' own mechanism (``InclusionLevel.EXCLUDED``);
a link to an excluded page is reported by MkDocs at level INFO only, so
strict mode still fails on every real warning. README "Figures" gives what
this buys (scripts/bench/catalogue_scale.py).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

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
    """Excludes from this process's build what another process renders."""

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
            owner = owner_of.get(file.src_uri, 0)  # navigation pages and static files: shard 0
            if owner != self.index:
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
