"""Render: the engines that turn the generated source tree into the site.

An engine reads the tree's ``mkdocs.yml``; nothing of ours runs inside it.
MkDocs + Material is the published engine, run in this process through the
same public calls its own ``mkdocs build`` makes (``load_config``, the
plugins' startup and shutdown, ``build``): a second interpreter that imports
everything again cost a fifth of building the published site. Zensical,
Material's successor, builds the same tree as a command (README: "Two
engines").
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator, TextIO

from . import forked
from .site_config import CONFIG_FILE, SITE_DIR_ENV


# A published build renders in several processes from this many pages per
# process (shards.py; README "Figures": below it, starting a process costs
# more than it saves).
PAGES_PER_SHARD = 400


def engine_environment(source_date_epoch: str) -> dict[str, str]:
    """The environment an engine builds in: dates it writes (sitemap) come
    from the content, never from the clock."""
    env = dict(os.environ, TZ="UTC")
    env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # the README covers the move to Zensical
    return env


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
        self._compiled = None  # mkdocs_html.CompiledTemplates, from the second build on

    def build(self, site_dir: Path, dirty: bool = False, strict: bool = True, shard=None) -> None:
        """Build the tree into ``site_dir``; raises MkDocs' own exception on
        failure (in strict mode, on any warning). ``dirty``: render only
        pages whose source is newer than their output (the preview).
        ``shard``: a plugin saying which pages this process renders
        (``shards.Shard``; ``shards.Only``, the preview's changed pages)."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        from .mkdocs_html import CompiledTemplates, GeneratedHtml, KeepCompiled

        config = load_config(config_file=str(self.tree / CONFIG_FILE), site_dir=str(site_dir), strict=strict)
        config.plugins["policy-site-html"] = GeneratedHtml()
        if self._compiled is None:
            self._compiled = CompiledTemplates()
        config.plugins["policy-site-templates"] = KeepCompiled(self._compiled)
        if shard is not None:
            config.plugins["policy-site-shard"] = shard
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()

    def shards(self) -> int:
        """How many processes a published build of this tree runs: one per
        PAGES_PER_SHARD pages, at most one per core (shards.py)."""
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
                if count == 1 or not forked.available():
                    self.build(site_dir)
                else:
                    return self._sharded(site_dir, count, log)
            return 0
        except MkDocsException as error:
            log.write(f"{error}\n")
            return 1
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)

    def _sharded(self, site_dir: Path, count: int, log: TextIO) -> int:
        """Render in ``count`` processes (shards.py, each forked with
        ``forked.Beside``); the exit code."""
        from .shards import Shard, merge

        others = [site_dir.with_name(f"{site_dir.name}-shard-{k}") for k in range(1, count)]
        log.flush()  # a forked child must not write the parent's buffer again
        plan = Shard(0, count)
        try:
            with contextlib.ExitStack() as stack:
                children = [stack.enter_context(forked.Beside(functools.partial(self._shard, other, k, count, log)))
                            for k, other in enumerate(others, start=1)]
                self.build(site_dir, shard=plan)
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

        from .shards import Shard

        try:
            self.build(site_dir, shard=Shard(index, count))
            return 0
        except MkDocsException as error:
            log.write(f"{error}\n")
            return 1
        finally:
            log.flush()


class Zensical:
    """Zensical takes its output folder only from its config, and only inside
    the config's folder: the tree's config reads it from SITE_DIR_ENV
    (site_config.py), and the site is moved out of the tree when built."""

    name = "zensical"

    def __init__(self, tree: Path):
        self.tree = tree

    def render(self, site_dir: Path, env: dict[str, str], log: TextIO, shards: int | None = None) -> int:
        """``shards`` is for MkDocs only: Zensical renders on every core itself."""
        out = self.tree / ".site"
        shutil.rmtree(out, ignore_errors=True)
        command = [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(self.tree / CONFIG_FILE)]
        returncode = subprocess.run(command, env={**env, SITE_DIR_ENV: str(out)}, stdout=log,
                                    stderr=subprocess.STDOUT, cwd=self.tree).returncode
        if returncode == 0 and out.is_dir():
            shutil.move(str(out), str(site_dir))
        else:
            shutil.rmtree(out, ignore_errors=True)
        return returncode


ENGINES = {engine.name: engine for engine in (MkDocs, Zensical)}
