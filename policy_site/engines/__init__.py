"""Render: the engines that turn the generated source tree (its ``mkdocs.yml``)
into the site. Every module that imports MkDocs is in this package; the
generator (generate.py, pages/) imports none of it. ``mkdocs/``: MkDocs +
Material, run in this process (``mkdocs/plugins.py`` holds everything of
ours that runs inside it), and the preview's renders; ``zensical.py``:
Zensical as a command; ``generated_html.py``: how both hand generated pages
to Python-Markdown. ``DEFAULT`` names the published engine. An engine's
``render(site_dir, env, log, shards)`` is a published build, its messages
written to ``log``; it returns the exit code.
"""

from __future__ import annotations

import os

from .mkdocs import MkDocs
from .zensical import Zensical

ENGINES = {engine.name: engine for engine in (MkDocs, Zensical)}
# The engine of the published site: what `make build`, `policy-site build`
# and CI build with unless told otherwise (--engine, ENGINE=). The one place
# to switch engines (README: "Two engines").
DEFAULT = MkDocs.name


def engine_environment(source_date_epoch: str) -> dict[str, str]:
    """The environment an engine builds in: dates it writes (sitemap) come
    from the content, never from the clock."""
    env = dict(os.environ, TZ="UTC")
    env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # the README covers the move to Zensical
    return env


# The engine the preview (preview.py) renders a tree with: MkDocs, whose dirty
# build renders only what changed (``render_whole``, ``render_changed``),
# whatever DEFAULT says: Zensical, run as a command, renders a whole tree.
preview_engine = MkDocs.for_preview
