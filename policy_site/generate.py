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
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import markdown

from . import forked, urls
from .content import Content, load_content
from .opendata import Published, publish, tables
from .opendata.records import CATALOGUE, DOCUMENT_FILE, POLICY_FILE
from .opendata.sitemap import template as sitemap_template
from .pages import NavItem, PageMemo, SiteInfo, SitePages, build_pages, finish, pages_but_entries, policies, searchable_pages
from .pages import identity, not_found
from .pages.nav import prune as prune_nav
from .render import environment, outline
from .search import INDEX_DIR, content_records, page_records, workers
from .search.index import build_files, vocabulary
from .site_config import CONFIG_FILE, SiteConfig

OVERRIDES = "overrides"
CONTENT = "content"  # the project's content folder
# The theme template both engines write sitemap.xml from (opendata/sitemap.py).
SITEMAP_TEMPLATE = f"{OVERRIDES}/sitemap.xml"
# The theme template both engines write 404.html from (pages/not_found.py).
NOT_FOUND_TEMPLATE = f"{OVERRIDES}/{not_found.TEMPLATE}"


@dataclass
class Generated:
    written: list[str] = field(default_factory=list)  # tree paths whose bytes changed
    removed: list[str] = field(default_factory=list)
    processes: int = 1  # 2: the open data and the search index were made in a forked process


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


def generate(project: Path, writer: "TreeWriter", content: Content | None = None, own_search: bool = True,
             beside: bool | None = None) -> Generated:
    """Write the site's source tree for the project at ``project``.
    ``content``, when the caller has loaded it already, is used as it is;
    otherwise it is loaded (and a ContentError raised) here. ``beside``:
    make the open data and the search index in a second process (default:
    with two cores or more; README "Figures" gives what it buys, at the
    published size too); the tree is the same either way."""
    if content is None:
        content = load_content(project / CONTENT, as_of=as_of_from_environment())
    inputs = TreeInputs.read(project, content, own_search)
    if (forked.cores() > 1 if beside is None else beside) and forked.available():
        return _generate_beside(inputs, writer)
    source = SourceTree.of(inputs)
    return Generated(*writer.sync(source.files(search_index(source.records, source.vocabulary))))


def _generate_beside(inputs: "TreeInputs", writer: "TreeWriter") -> Generated:
    """``generate`` in two processes: this one makes the pages, a forked
    one the open data and then the search index, and each writes its own
    files. The search index needs the titles of the pages that are about
    no entity (``searchable_pages``): they are sent once made, before the
    entries' pages, each of which is about an entry, whose records come
    from the content."""
    content, info, env = inputs.content, inputs.info, inputs.env
    writer.scan()  # what is on disk, known to both processes

    def open_data_and_index(receive) -> tuple[Published, list[str], list[str]]:
        published = publish(content, info)
        files = {"docs/" + path: data for path, data in published.files.items()}
        written = writer.write(files)
        index = search_index(inputs.records(receive()), inputs.vocabulary)
        return _sendable(published), [*files, *index], written + writer.write(index)

    with forked.Beside(open_data_and_index) as other:
        processes = 2 if other.child else 1
        memo = PageMemo()
        others, images = pages_but_entries(content, info, env)
        other.send(searchable_pages(others))
        entries = policies.entry_pages(content, env, memo, info)
        files = {**inputs.fixed_files(), **inputs.page_files(others + entries, images)}
        written = writer.write(files)
        sent, theirs, their_written = other.result()
    made = others + entries
    site = finish(content, info, env, made, images, _received(sent), inputs.handwritten_urls)
    last = inputs.site_files(site, site.pages[len(made):])  # the 开放数据 page, made by finish
    written += writer.write(last) + their_written
    writer.written_elsewhere(theirs)
    return Generated(written, writer.remove_except({*files, *last, *theirs}), processes)


def _sendable(published: Published) -> Published:
    """What this process needs of the forked one's open data, in a form
    pickle can send: no files (they are written where they were made) and,
    for each listed file, the name of the object its fields are (the
    model's objects hold functions); ``_received`` turns it back."""
    return Published({}, [replace(f, fields=f.fields and f.fields.name) for f in published.listing], published.feeds)


def _received(published: Published) -> Published:
    objects = {o.name: o for o in [*(t.row_object for t in tables.TABLES), DOCUMENT_FILE, POLICY_FILE, CATALOGUE]}
    return Published({}, [replace(f, fields=f.fields and objects[f.fields]) for f in published.listing],
                     published.feeds)


@dataclass
class TreeInputs:
    """Everything the source tree is made from: the content, the project's
    settings (its mkdocs.yml) and hand-written pages (its docs/), and the
    templates' environment."""

    project: Path
    content: Content
    config: SiteConfig
    info: SiteInfo
    handwritten: dict[str, bytes]  # docs/ of the project: relative path -> bytes
    own_search: bool
    env: object  # the Jinja2 environment of the templates (render.environment)

    @classmethod
    def read(cls, project: Path, content: Content, own_search: bool = True, env=None) -> "TreeInputs":
        config = SiteConfig.read(project)
        return cls(project, content, config, SiteInfo.of(content.site, config.site_url),
                   _copy_folder(project / config.docs_dir), own_search, env or environment())

    @cached_property
    def articles(self) -> dict[str, list[dict]]:
        """The ``<meta>`` tags of the article pages, by URL (identity.page_meta)."""
        return identity.page_meta(self.content, self.info)

    @property
    def handwritten_urls(self) -> list[str]:
        return [urls.page_url(rel) for rel in self.handwritten if rel.endswith(".md")]

    @property
    def vocabulary(self) -> dict:
        return vocabulary(self.content.search)

    def fixed_files(self) -> dict[str, bytes | str]:
        """The files that come from the project as they are: docs/, the
        theme's overrides, the search workers."""
        files: dict[str, bytes | str] = {**{"docs/" + path: data for path, data in self.handwritten.items()},
                **{f"{OVERRIDES}/{path}": data for path, data in _copy_folder(self.project / OVERRIDES).items()},
                **{"docs/" + path: data for path, data in workers().items()}}
        if self.emblem is not None:
            files["docs/" + identity.emblem_path(self.info)] = self.emblem
        return files

    @cached_property
    def emblem(self) -> bytes | None:
        """The 党政机关网站标识's picture (content/site.yaml emblem; the loader checked it)."""
        return (self.project / CONTENT / self.info.emblem_image).read_bytes() if self.info.emblem_image else None

    def page_files(self, pages: list, beside: dict[str, str | bytes]) -> dict[str, bytes | str]:
        """The sources of ``pages``, and the files ``beside`` them (site path
        -> data); a hand-written page of the same path wins."""
        files: dict[str, bytes | str] = {
            "docs/" + urls.source_path(p.url): p.source(self.own_search, identity.tags_of(p.url, self.info, self.articles))
            for p in pages if urls.source_path(p.url) not in self.handwritten}
        files.update({"docs/" + path: data for path, data in beside.items()})
        return files

    def site_files(self, site: SitePages, pages: list) -> dict[str, str]:
        """What needs the whole site: the sources of ``pages`` (made last),
        the sitemap's template and the engine's configuration."""
        feeds = [{"title": feed.title, "path": urls.feed(feed.name)} for feed in site.feeds]
        return {**self.page_files(pages, {}),
                SITEMAP_TEMPLATE: sitemap_template(site.sitemap),
                NOT_FOUND_TEMPLATE: not_found.template(self.env, self.content, self.info),
                CONFIG_FILE: self.config.engine_config(_nav(site.nav), self.own_search, self.info.name,
                                                       self.info.description, feeds,
                                                       prune_nav=prune_nav(self.content),
                                                       shown=identity.theme_data(self.info))}

    def records(self, pages: list[tuple[str, str]]) -> list:
        """The search records: the content's, then those of ``pages``
        ((URL, title) of generated pages) that are about no entity, by
        title, then the hand-written pages'."""
        records = content_records(self.content)
        located = {r.location for r in records}
        for url, title in pages:
            if url not in located:
                records += page_records(url, title, [])
        return records + _handwritten_records(self.config, self.handwritten)


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
    def of(cls, inputs: TreeInputs, memo: PageMemo | None = None) -> "SourceTree":
        """The tree made from ``inputs`` in this process (``memo``: entry
        pages kept between the preview's rebuilds)."""
        site = build_pages(inputs.content, inputs.info, memo, inputs.env, inputs.handwritten_urls)
        files = {**inputs.fixed_files(), **inputs.page_files(site.pages, site.files),
                 **inputs.site_files(site, [])}
        records = inputs.records([(p.url, p.title) for p in site.pages])
        return cls(site, records, files, inputs.vocabulary)

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
    """Every file under ``folder`` (relative POSIX path -> bytes), in a stable order; none if it is missing."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def _handwritten_records(config: SiteConfig, files: dict[str, bytes]) -> list:
    """Search records of the hand-written pages: one per page and one per
    <h2> section, converted with the site's Markdown settings."""
    titles = {path: title for item in config.handwritten_nav if isinstance(item, dict)
              for title, path in item.items() if isinstance(path, str)}
    extensions, configs = config.markdown_settings()
    converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
    records = []
    for rel, data in files.items():
        if not rel.endswith(".md"):
            continue
        url = urls.page_url(rel)
        html = converter.reset().convert(_without_front_matter(data.decode("utf-8-sig")))
        sections = outline(html)
        h1 = next((h.text for h, _ in sections if h and h.level == 1), None)
        records += page_records(url, titles.get(rel) or h1 or Path(rel).stem, sections)
    return records


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
    are an engine's (Zensical's cache and output) and left alone.
    ``write``, ``written_elsewhere`` and ``remove_except`` are the parts of
    ``sync``, for a tree written by two processes (generate.py)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        # Tree path -> its bytes as last written, or None: on disk, not read.
        self._known: dict[str, bytes | None] | None = None

    def scan(self) -> dict[str, bytes | None]:
        """What the folder holds (read from disk the first time only)."""
        if self._known is None:
            self._known = {}
            if self.root.is_dir():
                for top in self.root.iterdir():
                    if top.name.startswith("."):
                        continue
                    for p in [top] if top.is_file() else top.rglob("*"):
                        if p.is_file():
                            self._known[p.relative_to(self.root).as_posix()] = None
        return self._known

    def sync(self, files: dict[str, bytes | str]) -> tuple[list[str], list[str]]:
        """Make the folder hold exactly ``files``; (written, removed) paths."""
        return self.write(files), self.remove_except(set(files))  # written first, then removed

    def write(self, files: dict[str, bytes | str]) -> list[str]:
        """Write these files where they differ, leaving every other file as
        it is; the paths written."""
        known = self.scan()
        written = []
        for path, data in files.items():
            data = data.encode("utf-8") if isinstance(data, str) else data
            target = self.root / path
            if path in known:
                old = known[path]
                if old is None:
                    if target.stat().st_size == len(data) and target.read_bytes() == data:
                        known[path] = data
                        continue
                elif old == data:
                    continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            known[path] = data
            written.append(path)
        return written

    def written_elsewhere(self, paths) -> None:
        """These files were written by another process: on disk, their bytes unknown here."""
        self.scan().update(dict.fromkeys(paths))

    def remove_except(self, keep: set[str]) -> list[str]:
        """Remove every file but ``keep`` (and the folders left empty); the paths removed."""
        known = self.scan()
        removed = sorted(set(known) - keep)
        for path in removed:
            (self.root / path).unlink(missing_ok=True)
            del known[path]
        for folder in sorted({(self.root / p).parent for p in removed}, key=lambda p: -len(p.parts)):
            while folder != self.root and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        return removed
