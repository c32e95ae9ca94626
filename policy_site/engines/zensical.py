"""Zensical, Material's successor, builds the same tree as a command (README:
"Two engines"). It takes its output folder only from its config, and only
inside the config's folder: the tree's config reads it from SITE_DIR_ENV
(site_config.py), and the site is moved out of the tree when built.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import TextIO

from ..site_config import CONFIG_FILE, SITE_DIR_ENV


class Zensical:
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
