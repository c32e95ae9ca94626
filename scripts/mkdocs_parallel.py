"""Render a share of the pages outside the navigation on the second core.

MkDocs renders every page's theme template one after another on one core; at
5,000 catalogue entries that loop is the longest part of a build. When there
are many pages outside the navigation (catalogue entries), the build forks
once all pages are converted (``on_env``): the forked copy renders and writes
a share of those pages with MkDocs' own page builder, while MkDocs, in the
original process, gives each of them a template that renders nothing, which
it does not write. The pages, their order of events and their bytes are what
MkDocs alone would produce (tests/test_determinism.py compares a build split
this way with one that is not).

Part of the MkDocs adapter (scripts/mkdocs_hook.py): it knows MkDocs 1.6's
build loop, and nothing here is needed by another engine.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import tempfile
import traceback
from pathlib import Path

from mkdocs.commands.build import _build_page
from mkdocs.exceptions import Abort
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils import CountHandler

from .forking import fork_context

# The template, in overrides/, that MkDocs renders instead for a page the
# forked copy renders: it is empty, so MkDocs writes nothing for the page.
ELSEWHERE = "policy-site-rendered-elsewhere.html"
# Below this many pages outside the navigation a fork costs more than it
# saves; POLICY_SITE_SPLIT_FROM overrides it (tests force a split with 1).
SPLIT_FROM = 500

log = logging.getLogger("mkdocs.plugins.policy_site")


class Split:
    """One forked copy rendering ``pages``; ``join`` waits for it."""

    def __init__(self, pages, config, files, nav, env, on_post_page_scanner):
        self.pages = pages
        self.src_uris = {page.file.src_uri for page in pages}
        fd, name = tempfile.mkstemp(prefix=".policy-site-split-", suffix=".pickle",
                                    dir=Path(config.site_dir).resolve().parent)
        os.close(fd)
        self.result = Path(name)
        forking = fork_context()
        self.process = forking.Process(
            target=_render, args=(pages, config, files, nav, env, on_post_page_scanner, self.result),
            daemon=True)
        self.process.start()
        # The original process: MkDocs renders an empty template for these
        # pages, writes nothing and would log "Page skipped" for each.
        for page in pages:
            page.meta["template"] = ELSEWHERE
        self._quiet = _SkippedFilter(self.src_uris)
        logging.getLogger("mkdocs.commands.build").addFilter(self._quiet)

    def join(self) -> dict:
        """Wait for the forked copy; what it scanned for the link check.
        Raises Abort when it failed; logs a warning (which fails a strict
        build) when it logged warnings."""
        self.process.join()
        logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)
        try:
            code = self.process.exitcode
            if code == _WARNED:
                log.warning("Pages rendered on the second core logged warnings (above).")
            elif code != 0:
                raise Abort(f"Rendering pages on the second core failed (exit code {code}; errors above).")
            with open(self.result, "rb") as data:
                return pickle.load(data)
        finally:
            self.result.unlink(missing_ok=True)

    def cancel(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)
        self.result.unlink(missing_ok=True)


_WARNED = 3


def many(pages: int) -> bool:
    """Whether there are enough pages for work on a second core to pay off."""
    return pages >= int(os.environ.get("POLICY_SITE_SPLIT_FROM", SPLIT_FROM))


def start(config, files, nav, env, scanner_factory, enabled: bool) -> Split | None:
    """Fork a copy rendering a share of the pages outside the navigation,
    when there are enough of them and processes can be forked."""
    if not enabled or fork_context() is None:
        return None
    outside = [
        f.page for f in files.documentation_pages(inclusion=InclusionLevel.is_included)
        if f.page is not None and f.inclusion.is_not_in_nav()
    ]
    if not many(len(outside)):
        return None
    # Every other page, so both processes get the same mix of pages.
    share = outside[::2]
    log.info(f"Rendering {len(share)} of {len(outside)} pages outside the navigation on a second process.")
    return Split(share, config, files, nav, env, scanner_factory)


def _render(pages, config, files, nav, env, scanner_factory, result: Path) -> None:
    """In the forked copy: build each page as MkDocs' build loop does."""
    try:
        scanner = scanner_factory()
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        for page in pages:
            _build_page(page, config, doc_files, nav, env)
        with open(result, "wb") as out:
            pickle.dump(scanner.scanned if scanner is not None else {}, out, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:
        traceback.print_exc(file=sys.stderr)
        sys.stderr.flush()
        os._exit(1)
    warned = any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers)
    sys.stderr.flush()
    os._exit(_WARNED if warned else 0)


class _SkippedFilter(logging.Filter):
    def __init__(self, src_uris: set[str]):
        super().__init__()
        self.messages = {f"Page skipped: '{uri}'. Generated empty output." for uri in src_uris}

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() not in self.messages
