"""Generate: content/ in, the complete source tree of the site out.

``generate(project, tree)`` reads the content once and writes, under
``tree``, everything a MkDocs-style engine needs to render the site and
nothing it must run:

    mkdocs.yml      the project's mkdocs.yml with the whole navigation (site_config.py)
    docs/           every generated page (front matter + HTML), the hand-written
                    pages and assets of the project's docs/, the open data, feeds,
                    sitemap and pictures, the search index and its worker
    overrides/      the project's theme overrides

No module of this step imports an engine. ``TreeWriter`` writes a file only
when its bytes change and removes files that are no longer generated, so an
engine that renders only changed sources (a preview) re-renders only what
the change touched.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import markdown

from . import urls
from .content import Content, load_content
from .opendata.sitemap import template as sitemap_template
from .pages import NavItem, PageMemo, SiteInfo, SitePages, build_pages
from .pages.nav import prune as prune_nav
from .render import outline, plain_text
from .search import WORKER, WORKER_PATH, INDEX_DIR, content_records, page_records
from .search.index import build_files, vocabulary
from .site_config import CONFIG_FILE, SiteConfig

OVERRIDES = "overrides"
# The theme template both engines write sitemap.xml from (opendata/sitemap.py).
SITEMAP_TEMPLATE = f"{OVERRIDES}/sitemap.xml"


@dataclass
class Generated:
    content: Content
    site: SitePages
    written: list[str] = field(default_factory=list)  # tree paths whose bytes changed
    removed: list[str] = field(default_factory=list)


def whole_render_needed(written: list[str], removed: list[str]) -> bool:
    """Whether an engine that renders only changed sources (a dirty build)
    would leave the site wrong after these tree changes: when what every
    page shows around its content changed (navigation, theme, assets), or a
    source is gone (a dirty build removes no output). The sitemap's
    template is not such a change: an engine writes its theme's templates
    on every build, dirty or not."""
    return bool(removed) or any(p == CONFIG_FILE or p.startswith((OVERRIDES + "/", "docs/assets/"))
                                for p in written if p != SITEMAP_TEMPLATE)


def as_of_from_environment() -> dt.date | None:
    """The day catalogue statuses are judged on: SOURCE_DATE_EPOCH when set
    (reproducible builds), otherwise the content's newest date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else None


def generate(project: Path, writer: "TreeWriter", content: Content | None = None, own_search: bool = True) -> Generated:
    """Write the site's source tree for the project at ``project``.
    ``content``, when the caller has loaded it already, is used as it is;
    otherwise it is loaded (and a ContentError raised) here."""
    if content is None:
        content = load_content(project / "content", as_of=as_of_from_environment())
    source = SourceTree.make(project, content, own_search=own_search)
    written, removed = writer.sync(source.files(search_index(source.records, source.vocabulary)))
    return Generated(content, source.site, written, removed)


@dataclass
class SourceTree:
    """Everything the tree holds but the search index, which is built from
    ``records`` (``search_index``): the preview shows an edit before the
    index of a large catalogue is rebuilt."""

    site: SitePages
    records: list
    _files: dict[str, bytes | str]
    vocabulary: dict  # content/search.yaml, as search.index.vocabulary gives it

    @classmethod
    def make(cls, project: Path, content: Content, memo: PageMemo | None = None,
             own_search: bool = True, env=None) -> "SourceTree":
        config = SiteConfig.read(project)
        info = SiteInfo.of(content.site, config.site_url)
        docs = project / config.docs_dir
        handwritten = _copy_folder(docs)
        site = build_pages(content, info, memo, env, [_page_url(rel) for rel in handwritten if rel.endswith(".md")])
        files: dict[str, bytes | str] = {}
        for page in site.pages:
            files["docs/" + urls.source_path(page.url)] = page.source(own_search)
        for path, text in site.files.items():
            files["docs/" + path] = text
        for path, data in handwritten.items():
            files["docs/" + path] = data
        for path, data in _copy_folder(project / OVERRIDES).items():
            files[f"{OVERRIDES}/{path}"] = data
        files[SITEMAP_TEMPLATE] = sitemap_template(site.sitemap)
        files["docs/" + WORKER_PATH] = WORKER.read_bytes()
        feeds = [{"title": feed.title, "path": urls.feed(feed.name)} for feed in site.feeds]
        files[CONFIG_FILE] = config.engine_config(_nav(site.nav), own_search, info.name, info.description, feeds,
                                                  prune_nav=prune_nav(content))
        records = content_records(content)
        located = {r.location for r in records}
        for page in site.pages:  # generated pages with no entity of their own: by title
            if page.url not in located:
                records += page_records(page.url, page.title, [])
        records += _handwritten_records(config, docs, handwritten)
        return cls(site, records, files, vocabulary(content.search))

    def files(self, index: dict[str, str]) -> dict[str, bytes | str]:
        """The whole tree, with the search index files ``index``."""
        return {**self._files, **index}


def search_index(records: list, vocab: dict | None = None) -> dict[str, str]:
    """The search index files, by tree path."""
    return {f"docs/{INDEX_DIR}/{path}": text for path, text in build_files(records, vocab).items()}


def _nav(items: list[NavItem]) -> list:
    return [
        {item.title: _nav(item.children) if item.children else urls.source_path(item.url)}
        for item in items
    ]


def _copy_folder(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative POSIX path -> bytes), in a stable order."""
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def _handwritten_records(config: SiteConfig, docs: Path, files: dict[str, bytes]) -> list:
    """Search records of the hand-written pages: one per page and one per
    <h2> section, converted with the site's Markdown settings."""
    titles = {}
    for item in config.handwritten_nav:
        for title, path in (item.items() if isinstance(item, dict) else []):
            if isinstance(path, str):
                titles[path] = title
    extensions, configs = config.markdown_settings()
    converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
    records = []
    for rel, data in files.items():
        if not rel.endswith(".md"):
            continue
        url = _page_url(rel)
        html = converter.reset().convert(_without_front_matter(data.decode("utf-8-sig")))
        sections = outline(html)
        h1 = next((h.text for h, _ in sections if h and h.level == 1), None)
        records += page_records(url, titles.get(rel) or h1 or Path(rel).stem, sections)
    return records


def _page_url(rel: str) -> str:
    """The URL of the hand-written page at ``rel`` (a .md file under docs/)."""
    return rel[:-len("index.md")] if rel == "index.md" or rel.endswith("/index.md") else rel[:-3] + "/"


def _without_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end >= 0:
            return text[text.find("\n", end + 4) + 1:] if text.find("\n", end + 4) >= 0 else ""
    return text


class TreeWriter:
    """Keeps a folder equal to a set of files, touching only what differs.

    The first ``sync`` compares with what is on disk; later ones (a preview
    that regenerates on every save) compare with what this writer last
    wrote, without reading the disk. Top-level names starting with a dot
    are an engine's (Zensical's cache and output) and left alone."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._known: dict[str, bytes] | None = None

    def _scan(self) -> dict[str, bytes | None]:
        if not self.root.is_dir():
            return {}
        found = {}
        for top in self.root.iterdir():
            if top.name.startswith("."):
                continue
            for p in [top] if top.is_file() else top.rglob("*"):
                if p.is_file():
                    found[p.relative_to(self.root).as_posix()] = None
        return found

    def sync(self, files: dict[str, bytes | str]) -> tuple[list[str], list[str]]:
        """Make the folder hold exactly ``files``; (written, removed) paths."""
        known = self._known if self._known is not None else self._scan()
        new: dict[str, bytes] = {}
        written = []
        for path, data in files.items():
            data = data.encode("utf-8") if isinstance(data, str) else data
            new[path] = data
            if path in known:
                old = known[path]
                if old is None:
                    target = self.root / path
                    if target.stat().st_size == len(data) and target.read_bytes() == data:
                        continue
                elif old == data:
                    continue
            target = self.root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written.append(path)
        removed = sorted(set(known) - set(new))
        for path in removed:
            (self.root / path).unlink(missing_ok=True)
        for folder in sorted({(self.root / p).parent for p in removed}, key=lambda p: -len(p.parts)):
            while folder != self.root and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        self._known = new
        return written, removed

    def update(self, files: dict[str, str]) -> list[str]:
        """Write these files where they differ, leaving every other file as
        it is (after a first ``sync``); the paths written."""
        written = []
        for path, text in files.items():
            data = text.encode("utf-8")
            if self._known.get(path) != data:
                target = self.root / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                self._known[path] = data
                written.append(path)
        return written
