"""MkDocs + Material, run in this process through the public calls its own
``mkdocs build`` makes (``load_config``, the plugins' startup and shutdown,
``build``), with our plugins (plugins.py) added to the loaded configuration:
a second interpreter that imports everything again cost a fifth of building
the published site. ``render``: the published build, strict, a large site in
one forked process per share of its pages (``plugins.Shard``);
``render_whole`` and ``render_changed``: the preview's, not strict.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import shutil
from pathlib import Path
from typing import Iterator, TextIO

from ... import forked
from ...site_config import CONFIG_FILE

# A published build renders in several processes from this many pages per
# process (README "Figures": below it, starting a process costs more than
# it saves).
PAGES_PER_SHARD = 400


@contextlib.contextmanager
def _environment(env: dict[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


class MkDocs:
    name = "mkdocs"

    def __init__(self, tree: Path):
        self.tree = tree
        self._compiled = None  # plugins.CompiledTemplates, from the second build on

    def build(self, site_dir: Path, dirty: bool = False, strict: bool = True, pages=None) -> None:
        """Build the tree into ``site_dir``; raises MkDocs' own exception on
        failure (in strict mode, on any warning). ``dirty``: render only
        pages whose source is newer than their output. ``pages``: a plugin
        saying which pages this build writes (``plugins.Shard``, ``plugins.Only``)."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        from .plugins import CompiledTemplates, GeneratedHtml, KeepCompiled

        config = load_config(config_file=str(self.tree / CONFIG_FILE), site_dir=str(site_dir), strict=strict)
        config.plugins["policy-site-html"] = GeneratedHtml()
        if self._compiled is None:
            self._compiled = CompiledTemplates()
        config.plugins["policy-site-templates"] = KeepCompiled(self._compiled)
        if pages is not None:
            config.plugins["policy-site-pages"] = pages
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()

    # -- the preview -----------------------------------------------------------

    @classmethod
    def for_preview(cls, tree: Path) -> "MkDocs":
        """The engine the preview renders with. The preview shows its own
        state; of MkDocs' messages only warnings matter, and not the one
        that says a dirty build is dirty."""
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        logging.getLogger("mkdocs.commands.build").setLevel(logging.ERROR)
        return cls(tree)

    def render_whole(self, site_dir: Path) -> None:
        """Render every page into ``site_dir`` (a new folder); warnings do not stop it."""
        self.build(site_dir, strict=False)

    def render_changed(self, site_dir: Path, sources: list[str] | None = None) -> None:
        """Render into ``site_dir``, which holds the last render, the pages
        whose sources changed since; ``sources`` (paths under docs/): only
        those, every other file left as it is."""
        from .plugins import Only

        self.build(site_dir, dirty=True, strict=False, pages=Only(sources) if sources else None)

    # -- the published build ---------------------------------------------------

    def shards(self) -> int:
        """How many processes a published build of this tree runs: one per
        PAGES_PER_SHARD pages, at most one per core."""
        if not forked.available():  # Windows, or other threads running: one process
            return 1
        pages = sum(1 for _ in (self.tree / "docs").rglob("*.md"))
        return max(1, min(forked.cores(), pages // PAGES_PER_SHARD))

    def render(self, site_dir: Path, env: dict[str, str], log: TextIO, shards: int | None = None) -> int:
        """A published build: strict, its messages written to ``log``; the exit code.
        ``shards``: processes to render in (default: ``self.shards()``)."""
        from mkdocs.exceptions import MkDocsException

        logger = logging.getLogger("mkdocs")
        handler = logging.StreamHandler(log)
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        level = logger.level
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
        try:
            with _environment(env):
                count = shards or self.shards()
                if count != 1 and forked.available():
                    return self._sharded(site_dir, count, log)
                self.build(site_dir)
            return 0
        except MkDocsException as error:
            log.write(f"{error}\n")
            return 1
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)

    def _sharded(self, site_dir: Path, count: int, log: TextIO) -> int:
        """Render in ``count`` processes (each forked with ``forked.Beside``); the exit code."""
        from .plugins import Shard, merge

        others = [site_dir.with_name(f"{site_dir.name}-shard-{k}") for k in range(1, count)]
        log.flush()  # a forked child must not write the parent's buffer again
        plan = Shard(0, count)
        try:
            with contextlib.ExitStack() as stack:
                children = [stack.enter_context(forked.Beside(functools.partial(self._shard, other, k, count, log)))
                            for k, other in enumerate(others, start=1)]
                self.build(site_dir, pages=plan)
                codes = [child.result() for child in children]
            if any(codes):
                return 1
            merge(site_dir, others, plan)
            return 0
        except forked.ChildFailed as error:
            log.write(f"{error}\n")
            return 1
        finally:
            for other in others:
                shutil.rmtree(other, ignore_errors=True)

    def _shard(self, site_dir: Path, index: int, count: int, log: TextIO, receive=None) -> int:
        """A forked process's part of ``_sharded``: 0, or 1 after writing MkDocs' error to ``log``."""
        from mkdocs.exceptions import MkDocsException

        from .plugins import Shard

        try:
            self.build(site_dir, pages=Shard(index, count))
            return 0
        except MkDocsException as error:
            log.write(f"{error}\n")
            return 1
        finally:
            log.flush()
