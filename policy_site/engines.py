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
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator, TextIO

from .site_config import CONFIG_FILE, SITE_DIR_ENV


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

    def build(self, site_dir: Path, dirty: bool = False, strict: bool = True) -> None:
        """Build the tree into ``site_dir``; raises MkDocs' own exception on
        failure (in strict mode, on any warning). ``dirty``: render only
        pages whose source is newer than their output (the preview)."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(config_file=str(self.tree / CONFIG_FILE), site_dir=str(site_dir), strict=strict)
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()

    def render(self, site_dir: Path, env: dict[str, str], log: TextIO) -> int:
        """A published build: strict, its messages written to ``log``; the exit code."""
        from mkdocs.exceptions import MkDocsException

        logger = logging.getLogger("mkdocs")
        handler = logging.StreamHandler(log)
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        level = logger.level
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
        try:
            with _environment(env):
                self.build(site_dir)
            return 0
        except MkDocsException as error:
            log.write(f"{error}\n")
            return 1
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)


class Zensical:
    """Zensical takes its output folder only from its config, and only inside
    the config's folder: the tree's config reads it from SITE_DIR_ENV
    (site_config.py), and the site is moved out of the tree when built."""

    name = "zensical"

    def __init__(self, tree: Path):
        self.tree = tree

    def render(self, site_dir: Path, env: dict[str, str], log: TextIO) -> int:
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
