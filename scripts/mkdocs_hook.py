"""MkDocs adapter: hand the generated pages and navigation to MkDocs.

This module (with scripts/mkdocs_parallel.py, which it uses to render on
the second core) is the only code that imports MkDocs. Everything it calls is plain
Python that a different engine (Zensical, a custom renderer) could call the
same way: load content, build pages, then give each page to the engine.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads hooks by file path, not as a package
    sys.path.insert(0, str(ROOT))

import markdown  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402
from mkdocs.utils.meta import get_data  # noqa: E402

from scripts import urls  # noqa: E402
from scripts.content import load_content  # noqa: E402
from scripts.errors import ContentError  # noqa: E402
from scripts.html_blocks import restore, stash  # noqa: E402
from scripts import mkdocs_parallel  # noqa: E402
from scripts.linkcheck import LINK_SCAN_ENV, ScanAhead, ScanNow  # noqa: E402
from scripts.markup import Converted, MarkdownSettings, first_h1_text  # noqa: E402
from scripts.pages import NavItem, SitePages, SiteInfo, build_pages  # noqa: E402
from scripts.render import TEMPLATES  # noqa: E402
from scripts.search import WORKER, WORKER_PATH, BackgroundIndex, content_records, page_records  # noqa: E402

_built: SitePages | None = None
_index: BackgroundIndex | None = None  # the search index, built beside the pages
_links: ScanAhead | None = None  # pages scanned for the link check as they are built
_stashed: dict[str, list[str]] = {}  # src_uri -> HTML blocks kept out of Markdown
_converted: dict[str, Converted] = {}  # src_uri -> the page's HTML, converted by scripts/markup.py
_command: str | None = None  # build, gh-deploy or serve
_serving = False  # a live-reload server is running (mkdocs serve, also with --clean)
_split: mkdocs_parallel.Split | None = None  # pages rendered by a forked copy
_built_nav = None  # MkDocs' Navigation, for the forked copy


def _material_search() -> bool:
    """POLICY_SITE_SEARCH=material builds with Material's own search index and
    worker instead of scripts/search: only scripts/bench/search.py uses it,
    to measure both on the same content."""
    return os.environ.get("POLICY_SITE_SEARCH") == "material"


def content_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "content"


def _nav(items: list[NavItem]) -> list:
    return [
        {item.title: _nav(item.children) if item.children else urls.source_path(item.url)}
        for item in items
    ]


def _as_of() -> dt.date | None:
    """The day catalogue statuses are judged on: SOURCE_DATE_EPOCH when set
    (reproducible builds), otherwise the content's newest date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else None


def on_startup(command, dirty):
    global _command
    _command = command


def on_config(config):
    global _built
    if not config.use_directory_urls:
        raise Abort("policy-site needs use_directory_urls: true (its links are directory style).")
    try:
        content = load_content(content_dir(config), as_of=_as_of())
    except ContentError as error:
        raise Abort("\n" + error.format()) from None
    if "SOURCE_DATE_EPOCH" not in os.environ:
        # Dates MkDocs writes (sitemap) come from the content, never the clock.
        os.environ["SOURCE_DATE_EPOCH"] = content.source_date_epoch()
    _built = build_pages(content, SiteInfo(config.site_name, config.site_description or ""), _markdown_settings(config))
    config.nav = _nav(_built.nav) + (config.nav or [])
    config.extra["policy_search"] = not _material_search()  # overrides/main.html names the worker
    if not _material_search():
        _start_index(config, content)
    global _links
    _links = ScanAhead() if os.environ.get(LINK_SCAN_ENV) else None
    return config


def _markdown_settings(config) -> MarkdownSettings | None:
    """The settings MkDocs converts pages with, for scripts/markup.py to convert
    generated pages with up front (on the forked workers for catalogue
    entries) instead of MkDocs building a converter per page.
    POLICY_SITE_PRECONVERT=0 leaves every page to MkDocs;
    tests/test_determinism.py requires both builds to be byte-identical."""
    if os.environ.get("POLICY_SITE_PRECONVERT", "1") == "0":
        return None
    return MarkdownSettings(tuple(config.markdown_extensions), dict(config.mdx_configs or {}))


def _start_index(config, content) -> None:
    """Start building the search index from everything pages will show."""
    global _index
    if _index is not None:
        _index.cancel()  # mkdocs serve: a rebuild started before the last one finished
    records = content_records(content)
    located = {r.location for r in records}
    # Generated pages with no entity of their own (home, overviews): by title.
    for page in _built.pages:
        if page.url not in located:
            records += page_records(page.url, page.title, "")
    records += _handwritten_records(config)
    workdir = tempfile.mkdtemp(prefix=".search-", dir=Path(config.site_dir).resolve().parent)
    _index = BackgroundIndex(records, Path(workdir))


def _handwritten_records(config) -> list:
    """Records of the hand-written pages in docs/, by section, converted the way
    MkDocs converts them (same Markdown extensions)."""
    docs = Path(config.docs_dir)
    titles = {}
    for item in config.nav or []:
        for title, path in (item.items() if isinstance(item, dict) else []):
            if isinstance(path, str):
                titles[path] = title
    converter = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    records = []
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        url = rel[:-len("index.md")] if rel == "index.md" or rel.endswith("/index.md") else rel[:-3] + "/"
        source, _ = get_data(path.read_text(encoding="utf-8-sig"))
        html = converter.reset().convert(source)
        title = titles.get(rel) or first_h1_text(html) or path.stem
        records += page_records(url, title, _H1.sub("", html, count=1))
    return records


_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def _nav_urls(items: list[NavItem]) -> set[str]:
    return {u for item in items for u in ([item.url] if item.url is not None else []) + list(_nav_urls(item.children))}


def on_files(files, config):
    in_nav = _nav_urls(_built.nav)
    _stashed.clear()
    _converted.clear()
    for page in _built.pages:
        # Pages reached from an index (departments, cited documents) stay out of
        # the sidebar: MkDocs renders the whole nav into every page.
        inclusion = InclusionLevel.INCLUDED if page.url in in_nav else InclusionLevel.NOT_IN_NAV
        src_uri = urls.source_path(page.url)
        if page.converted is not None:
            markdown, _converted[src_uri] = page.markdown, page.converted
        else:
            markdown, _stashed[src_uri] = stash(page.markdown)
        files.append(File.generated(config, src_uri, content=markdown, inclusion=inclusion))
    for path, text in _built.files.items():
        files.append(File.generated(config, path, content=text))
    files.append(File.generated(config, WORKER_PATH, abs_src_path=str(WORKER)))
    _make_folders_ahead(files)
    return files


def _make_folders_ahead(files) -> None:
    """Create the output folders of the generated pages on a thread while
    MkDocs reads the pages, rather than one by one as it writes them: at
    thousands of catalogue entries creating them was a second of the loop."""
    folders = sorted({os.path.dirname(f.abs_dest_path) for f in files if f.generated_by and f.is_documentation_page()})
    if mkdocs_parallel.many(len(folders)):
        threading.Thread(target=_make_folders, args=(folders,), daemon=True).start()


def _make_folders(folders: list[str]) -> None:
    for folder in folders:
        os.makedirs(folder, exist_ok=True)


@event_priority(-100)  # after other plugins': the forked copy needs the final env
def on_env(env, config, files):
    # Parts of Material's page template that come out the same for many pages
    # are rendered once and reused by overrides/main.html (at 5,000 catalogue
    # entries Material renders each anew: seconds of the build):
    # - the navigation sidebar of a page that is not itself in the navigation
    #   (catalogue entries, departments): it has no active item and its links
    #   are relative to the page's folder, so it is the same for every such
    #   page of a folder;
    # - the settings for Material's scripts, which depend only on base_url.
    # POLICY_SITE_TEMPLATE_CACHE=0 turns this off; tests/test_determinism.py
    # requires both builds to be byte-identical.
    enabled = os.environ.get("POLICY_SITE_TEMPLATE_CACHE", "1") != "0"
    env.globals["ps_cache"] = {} if enabled else None
    env.globals["ps_nav_key"] = _nav_key
    # Every page is converted now: a forked copy takes a share of the pages
    # outside the navigation.
    global _split
    _split = mkdocs_parallel.start(config, files, _built_nav, env, _scan_in_fork, _may_fork())
    return env


def _may_fork() -> bool:
    """Not beside a live-reload server's threads: `mkdocs serve` says "serve"
    at startup, but with --clean it says "build", and its rebuilds come after
    on_serve."""
    return _command != "serve" and not _serving


def _scan_in_fork() -> ScanNow | None:
    """In the forked copy: scan its pages for the link check itself."""
    global _links
    _links = ScanNow() if _links is not None else None
    return _links


def _nav_key(page) -> str | None:
    """The folder of a page outside the navigation; None for pages in it."""
    if page is None or page.file.inclusion.is_in_nav():
        return None
    return posixpath.dirname(page.url.rstrip("/"))


def on_pre_page(page, config, files):
    converted = _converted.get(page.file.src_uri)
    if converted is not None:
        # What Page.render would set, from the HTML converted up front.
        page.render = lambda config, files: _use_converted(page, converted)
    return page


def _use_converted(page, converted: Converted) -> None:
    # As mkdocs.structure.pages.Page.render (MkDocs 1.6) ends; the title from
    # the first <h1> is used only where the nav or front matter give none.
    page.content = converted.html
    page.toc = get_toc(converted.toc)
    page._title_from_render = converted.title
    page.present_anchor_ids = set(converted.anchors)


def on_page_markdown(markdown, page, config, files):
    # Material's search plugin stays enabled because it puts the search box
    # into the header; its own index is not used (scripts/search writes the
    # index and Material's UI talks to scripts/search/worker.js), so it skips
    # every page instead of parsing it.
    if not _material_search():
        page.meta["search"] = {"exclude": True}
    return markdown


def on_page_content(html, page, config, files):
    blocks = _stashed.get(page.file.src_uri)
    return restore(html, blocks) if blocks else html


def on_nav(nav, config, files):
    global _built_nav
    _built_nav = nav
    return nav


def on_post_page(output, page, config):
    if _links is not None and output.strip():  # empty: rendered by the forked copy
        _links.add(page.file.dest_uri, output)
    return output


def on_serve(server, config, builder):
    global _serving
    _serving = True  # rebuilds now run beside the live-reload server's threads
    server.watch(str(content_dir(config)))
    server.watch(str(TEMPLATES))
    return server


@event_priority(-100)  # after Material's search plugin: its search/ is replaced
def on_post_build(config):
    global _index, _links, _split
    if _split is not None:
        split, _split = _split, None
        scanned = split.join()
        if _links is not None:
            _links.merge(scanned)
    if _links is not None:
        _links.save(Path(os.environ[LINK_SCAN_ENV]))
        _links = None
    if _index is None:
        return
    try:
        _index.install(Path(config.site_dir))
    except RuntimeError as error:
        raise Abort(str(error)) from None
    finally:
        _index = None


def on_build_error(error):
    global _split
    if _split is not None:
        _split.cancel()
        _split = None
