"""MkDocs adapter: hand the generated pages and navigation to MkDocs.

This is the only module that imports MkDocs. Everything it calls is plain
Python that a different engine (Zensical, a custom renderer) could call the
same way: load content, build pages, then give each page to the engine.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads hooks by file path, not as a package
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402

from scripts import urls  # noqa: E402
from scripts.content import load_content  # noqa: E402
from scripts.errors import ContentError  # noqa: E402
from scripts.html_blocks import restore, stash  # noqa: E402
from scripts.pages import NavItem, SitePages, SiteInfo, build_pages  # noqa: E402
from scripts.render import TEMPLATES  # noqa: E402
from scripts.search_index import append_to_index, catalogue_records  # noqa: E402
from scripts.search_terms import vocabulary  # noqa: E402
from scripts.search_worker_patch import SearchWorkerPatchError, patch_search_worker  # noqa: E402

_built: SitePages | None = None
_search_records: list[dict] = []
_stashed: dict[str, list[str]] = {}  # src_uri -> HTML blocks kept out of Markdown
_dirty = False


def content_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "content"


def _nav(items: list[NavItem]) -> list:
    return [
        {item.title: _nav(item.children) if item.children else urls.source_path(item.url)}
        for item in items
    ]


def on_startup(command, dirty):
    global _dirty
    _dirty = dirty


def _as_of() -> dt.date | None:
    """The day catalogue statuses are judged on: SOURCE_DATE_EPOCH when set
    (reproducible builds), otherwise the content's newest date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else None


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
    _built = build_pages(content, SiteInfo(config.site_name, config.site_description or ""))
    config.nav = _nav(_built.nav) + (config.nav or [])
    try:
        import jieba
    except ImportError:
        jieba = None
    if jieba:
        for term in vocabulary(content):
            jieba.add_word(term)
    global _search_records
    _search_records = catalogue_records(content)  # after add_word: same cuts as the pages
    return config


def _nav_urls(items: list[NavItem]) -> set[str]:
    return {u for item in items for u in ([item.url] if item.url is not None else []) + list(_nav_urls(item.children))}


def on_files(files, config):
    in_nav = _nav_urls(_built.nav)
    for page in _built.pages:
        # Pages reached from an index (departments, cited documents) stay out of
        # the sidebar: MkDocs renders the whole nav into every page.
        inclusion = InclusionLevel.INCLUDED if page.url in in_nav else InclusionLevel.NOT_IN_NAV
        src_uri = urls.source_path(page.url)
        markdown, _stashed[src_uri] = stash(page.markdown)
        files.append(File.generated(config, src_uri, content=markdown, inclusion=inclusion))
    for path, text in _built.files.items():
        files.append(File.generated(config, path, content=text))
    return files


def on_page_content(html, page, config, files):
    blocks = _stashed.get(page.file.src_uri)
    return restore(html, blocks) if blocks else html


def on_serve(server, config, builder):
    server.watch(str(content_dir(config)))
    server.watch(str(TEMPLATES))
    return server


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config):
    index = Path(config.site_dir) / "search" / "search_index.json"
    if _search_records and index.exists():
        append_to_index(index, _search_records)
    _patch_worker(config)


def _patch_worker(config):
    # Material's search worker never looks up a whole query (个转企 is searched
    # as 个): an off-by-one in upstream
    # src/templates/assets/javascripts/integrations/search/query/segment/index.ts.
    # scripts/search_worker_patch.py fixes the built worker and stops the build
    # if Material's worker changed. Issue 5 (query-side segmentation) replaces
    # this search anyway, and the patch with it.
    try:
        patch_search_worker(Path(config.site_dir), allow_already_patched=_dirty)
    except SearchWorkerPatchError as error:
        raise Abort("\n" + str(error)) from None
