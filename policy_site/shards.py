"""MkDocs on several cores: the tree's pages split over processes.

MkDocs renders one page after another on one core. A published build of a
large catalogue (thousands of entry pages) runs the same public build in
``n`` forked processes, each with a plugin (``Shard``) that excludes from its
build the pages of the others, and then moves every process's pages into the
first one's site:

- the first process (shard 0) renders every page listed in the navigation,
  copies every static file and writes the site-wide files (404 page, search
  index, sitemap), plus its share of the other pages;
- shard ``k`` renders only its share of the pages that are not in the
  navigation (the catalogue's entries, the documents' sub-pages, ...); the
  navigation, the links and the anchors of its pages are those of a whole
  build, because MkDocs still knows every file (an excluded file keeps its
  URL, it is only not written);
- the sitemap, the one site-wide file that lists pages, is merged back in
  the order of a whole build.

The result is the same bytes as a build in one process (tests/test_shards.py
asserts it). Exclusion is MkDocs' own mechanism (``InclusionLevel.EXCLUDED``);
a link to an excluded page is reported by MkDocs at level INFO only, so
strict mode still fails on every real warning. README "Figures" gives what
this buys (scripts/bench/catalogue_scale.py).
"""

from __future__ import annotations

import gzip
import io
import os
import re
import shutil
from pathlib import Path

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

# Beyond its Markdown (whose cost grows with its size), every page costs a
# run of the theme's template and MkDocs' own work: about what converting
# this many bytes of source costs (measured on the catalogue benchmark: a
# 3 KB entry page against the 4.9 MB catalogue page of 5,000 entries).
PAGE_COST_BYTES = 11000


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
        # navigation, by the shard that renders it; and the URL of every
        # documentation page in MkDocs' order (the sitemap's order).
        self.pages: list[list[str]] = []
        self.order: list[str] = []
        self.site_url = ""

    def on_files(self, files: Files, config) -> Files:
        listed = nav_paths(config.nav)
        self.site_url = config.site_url or ""
        docs = list(files.documentation_pages())
        self.order = [_path(f.url) for f in docs]
        free = [f for f in docs if f.src_uri not in listed]
        # Shard 0 also copies every static file: a byte copied costs about
        # half a byte converted (measured as PAGE_COST_BYTES was).
        head = sum(_cost(f) for f in docs if f.src_uri in listed) + sum(
            os.path.getsize(f.abs_src_path) for f in [*files.static_pages(), *files.media_files()]
            if f.abs_src_path) // 2
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


def _path(url: str) -> str:
    """A page's URL as the part of its sitemap address after the site's:
    MkDocs writes the home page's URL as ``./``."""
    return "" if url in ("./", ".") else url


def _cost(file: File) -> int:
    return len(file.content_bytes) + PAGE_COST_BYTES


_URL = re.compile(r"\s*<url>.*?</url>", re.S)
_LOC = re.compile(r"<loc>(.*?)</loc>", re.S)


def merge(site: Path, shard_sites: list[Path], plan: Shard) -> None:
    """Move the pages shards 1.. rendered into shard 0's ``site``, and merge
    their sitemaps into its one, in the order of a whole build."""
    for index, other in enumerate(shard_sites, start=1):
        for dest in plan.pages[index]:
            target = site / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(other / dest), str(target))
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")
    blocks = _URL.findall(text)
    for other in shard_sites:
        blocks += _URL.findall((other / "sitemap.xml").read_text(encoding="utf-8"))
    if not blocks:
        return
    rank = {url: i for i, url in enumerate(plan.order)}
    site_url = plan.site_url
    prefix = len(site_url.rstrip("/") + "/") if site_url else 0

    def position(block: str) -> int:
        loc = _LOC.search(block).group(1)
        return rank.get(loc[prefix:] if loc.startswith(site_url) else loc, len(rank))

    blocks.sort(key=position)
    first, last = _URL.search(text), None
    for last in _URL.finditer(text):
        pass
    head = text[: first.start()] if first else text[: text.index("</urlset>")]
    tail = text[last.end():] if last else text[text.index("</urlset>"):]
    merged = head + "".join(blocks) + tail
    sitemap.write_text(merged, encoding="utf-8")
    gz = site / "sitemap.xml.gz"
    if gz.is_file():
        # The same gzip header MkDocs writes: its file name and its timestamp.
        mtime = int.from_bytes(gz.read_bytes()[4:8], "little")
        buffer = io.BytesIO()
        with gzip.GzipFile(fileobj=buffer, filename=str(gz), mode="wb", mtime=mtime) as out:
            out.write(merged.encode("utf-8"))
        gz.write_bytes(buffer.getvalue())
