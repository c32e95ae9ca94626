"""Site-wide settings the pages need, filled from the site builder's config."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteInfo:
    name: str
    description: str = ""
