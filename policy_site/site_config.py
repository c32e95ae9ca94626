"""The project's ``mkdocs.yml``: read for what the generator needs, written
back, with the generated navigation, as the engine configuration of the
source tree.

The file stays the one place where theme settings, Markdown extensions and
hand-written pages are configured (the site's name and description are
content: content/site.yaml); both engines (MkDocs +
Material, Zensical) read the copy written into the tree. Tags the engines
resolve themselves (``!ENV``, ``!!python/...``) are kept as they are, so the
copy means exactly what the original means; this module resolves them only
to convert hand-written pages for the search index.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CONFIG_FILE = "mkdocs.yml"
# The output folder of an engine that takes it only from its config (Zensical).
SITE_DIR_ENV = "POLICY_SITE_DIR"


@dataclass(frozen=True)
class Tagged:
    """A YAML value with an explicit tag the engine resolves (``!ENV``, ``!!python/...``)."""

    tag: str
    value: Any  # str, list or dict, as written


class _Loader(yaml.SafeLoader):
    pass


def _tagged(loader: _Loader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_mapping(node, deep=True))


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: _Dumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=True)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Dumper.add_representer(Tagged, _represent_tagged)


def resolve(value: Any) -> Any:
    """``value`` with its tags resolved as an engine resolves them."""
    if isinstance(value, list):
        return [resolve(v) for v in value]
    if isinstance(value, dict):
        return {k: resolve(v) for k, v in value.items()}
    if not isinstance(value, Tagged):
        return value
    if value.tag == "!ENV":
        names = value.value if isinstance(value.value, list) else [value.value]
        *variables, default = names if len(names) > 1 else (*names, None)
        return next((os.environ[v] for v in variables if v in os.environ), default)
    kind, _, dotted = value.tag.removeprefix("tag:yaml.org,2002:python/").partition(":")
    module, _, name = dotted.rpartition(".")
    target = getattr(importlib.import_module(module), name)
    if kind == "name":
        return target
    if kind == "object/apply":
        args = value.value if isinstance(value.value, dict) else {"args": value.value}
        return target(*args.get("args", []), **resolve(args.get("kwds", {})))
    raise ValueError(f"{CONFIG_FILE}: unsupported tag {value.tag}")


def dump(data: dict) -> str:
    """``data`` as YAML an engine reads, its tags (``Tagged``) kept as written."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


@dataclass
class SiteConfig:
    data: dict = field(default_factory=dict)

    @classmethod
    def read(cls, project: Path) -> "SiteConfig":
        with open(project / CONFIG_FILE, encoding="utf-8") as f:
            return cls(yaml.load(f, Loader=_Loader) or {})

    @property
    def docs_dir(self) -> str:
        return self.data.get("docs_dir", "docs")

    @property
    def site_url(self) -> str:
        """The site's published address (``site_url``, usually ``!ENV SITE_URL``),
        ending in a slash; empty when it is not set. Open data links absolutely
        only to a known address."""
        url = str(resolve(self.data.get("site_url")) or "").strip()
        return url if not url or url.endswith("/") else url + "/"

    @property
    def handwritten_nav(self) -> list:
        """The hand-written pages' part of the navigation (after the generated part)."""
        return list(self.data.get("nav") or [])

    def markdown_settings(self) -> tuple[list, dict]:
        """(extensions, their options), resolved, as the engine converts pages with them."""
        extensions, configs = [], {}
        for item in self.data.get("markdown_extensions") or []:
            if isinstance(item, dict):
                (name, options), = item.items()
                extensions.append(name)
                configs[name] = resolve(options or {})
            else:
                extensions.append(item)
        return extensions, configs

    def engine_config(self, nav: list, own_search: bool = True, name: str = "", description: str = "",
                      feeds: list[dict] = (), prune_nav: bool = False, shown: dict | None = None) -> str:
        """The engine configuration of the source tree: this file with the
        whole navigation, the tree's own folders, and nothing that runs code
        of ours at build time; the site's ``name`` and ``description`` come from
        the content (content/site.yaml). ``own_search``: the theme's search box talks
        to the site's own index (overrides/main.html); off only for the search
        benchmark, which measures Material's own search on the same site.
        ``feeds``: the site's Atom feeds (title, path), which
        overrides/main.html links from every page's <head>. ``prune_nav``:
        each page carries only the navigation items it shows (the theme's
        navigation.prune; pages/nav.py prune). ``shown``: what else the
        theme reads from ``extra`` (the footer, the site's ``<meta>`` tags
        and the portal: pages/identity.theme_data)."""
        data = dict(self.data)
        data["site_name"] = name or data.get("site_name") or ""
        if description:
            data["site_description"] = description
        data["extra"] = {**(data.get("extra") or {}), "policy_search": own_search, "policy_feeds": list(feeds),
                         **(shown or {})}
        data["docs_dir"] = "docs"
        data["nav"] = nav + self.handwritten_nav
        theme = dict(data.get("theme") or {})
        if "custom_dir" in theme:
            theme["custom_dir"] = "overrides"
        if prune_nav:
            theme["features"] = [*theme.get("features", []), "navigation.prune"]
        if (shown or {}).get("policy_portal"):  # breadcrumbs from the portal (overrides/partials/path.html)
            theme["features"] = [*theme.get("features", []), "navigation.path"]
        data["theme"] = theme
        data.pop("hooks", None)
        data["site_dir"] = Tagged("!ENV", [SITE_DIR_ENV, "site"])
        header = ("# Written by policy-site from the project's mkdocs.yml and content/:\n"
                  "# edit those, not this file.\n")
        return header + dump(data)
