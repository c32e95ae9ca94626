"""Zensical, Material's successor, builds the same tree as a command (README:
"Two engines"). It takes its output folder only from its config, and only
inside the config's folder: the tree's config reads it from SITE_DIR_ENV
(site_config.py), and the site is moved out of the tree when built. It
builds with a copy of the tree's config beside it (CONFIG) that adds one
Markdown extension of ours, generated_html.py: Python-Markdown then parses
only the headings of generated pages, as under MkDocs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import TextIO

from ..site_config import SITE_DIR_ENV, SiteConfig, dump
from . import generated_html

# A dot file: the tree's writer leaves it alone (generate.TreeWriter).
CONFIG = ".zensical.yml"


class Zensical:
    name = "zensical"

    def __init__(self, tree: Path):
        self.tree = tree

    def render(self, site_dir: Path, env: dict[str, str], log: TextIO, shards: int | None = None) -> int:
        """``shards`` is for MkDocs only: Zensical renders on every core itself."""
        out = self.tree / ".site"
        shutil.rmtree(out, ignore_errors=True)
        config = SiteConfig.read(self.tree).data
        config["markdown_extensions"] = [*(config.get("markdown_extensions") or []), generated_html.__name__]
        (self.tree / CONFIG).write_text(dump(config), encoding="utf-8")
        command = [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(self.tree / CONFIG)]
        returncode = subprocess.run(command, env={**env, SITE_DIR_ENV: str(out)}, stdout=log,
                                    stderr=subprocess.STDOUT, cwd=self.tree).returncode
        if returncode == 0 and out.is_dir():
            shutil.move(str(out), str(site_dir))
        else:
            shutil.rmtree(out, ignore_errors=True)
        return returncode
