"""Render: the engines that turn the generated source tree into the site.

An engine is a command run on the tree's ``mkdocs.yml``; nothing of ours runs
inside it. MkDocs + Material is the published engine; Zensical, Material's
successor, builds the same tree (README: "Two engines").
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .site_config import CONFIG_FILE, SITE_DIR_ENV


@dataclass(frozen=True)
class Engine:
    name: str
    module: str  # python -m <module>
    build_args: tuple[str, ...]
    # Writes only inside the folder of its config (Zensical): the site is
    # made in the tree, then moved to where it was asked for.
    output_in_tree: bool = False

    def command(self, tree: Path, site_dir: Path) -> list[str]:
        args = [a.format(config=tree / CONFIG_FILE, site=site_dir) for a in self.build_args]
        return [sys.executable, "-m", self.module, *args]

    def available(self) -> bool:
        import importlib.util

        return importlib.util.find_spec(self.module) is not None


ENGINES = {
    "mkdocs": Engine("mkdocs", "mkdocs", ("build", "--strict", "--quiet", "--config-file", "{config}", "--site-dir", "{site}")),
    # Zensical has no option for the output folder: the tree's config reads
    # it from SITE_DIR_ENV (site_config.py).
    "zensical": Engine("zensical", "zensical", ("build", "--strict", "--config-file", "{config}"), output_in_tree=True),
}


def engine_environment(source_date_epoch: str) -> dict[str, str]:
    """The environment an engine builds in: dates it writes (sitemap) come
    from the content, never from the clock."""
    env = dict(os.environ, TZ="UTC")
    env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # the README covers the move to Zensical
    return env


def render(engine: Engine, tree: Path, site_dir: Path, env: dict[str, str], log) -> int:
    """Run ``engine`` on ``tree`` into ``site_dir``; its output goes to ``log``."""
    out = tree / ".site" if engine.output_in_tree else site_dir
    env = dict(env, **{SITE_DIR_ENV: str(out)})
    returncode = subprocess.run(engine.command(tree, out), env=env, stdout=log, stderr=subprocess.STDOUT,
                                cwd=tree).returncode
    if engine.output_in_tree and out.is_dir():
        if returncode == 0:
            shutil.move(str(out), str(site_dir))
        else:
            shutil.rmtree(out, ignore_errors=True)
    return returncode


class MkDocsPreview:
    """MkDocs run in this process on the tree, for the preview: a rebuild
    after an edit renders only the pages whose sources changed (MkDocs'
    own ``dirty`` build), unless what surrounds every page changed. Uses
    MkDocs' public ``load_config`` and ``build``, nothing else of it."""

    def __init__(self, tree: Path):
        self.tree = tree

    def build(self, site_dir: Path, dirty: bool) -> None:
        import logging

        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        # Its one warning is that a dirty build is dirty: the preview says so itself.
        logging.getLogger("mkdocs.commands.build").setLevel(logging.ERROR)
        config = load_config(config_file=str(self.tree / CONFIG_FILE), site_dir=str(site_dir), strict=False)
        build(config, dirty=dirty)
