"""The site's own facts (content/site.yaml), as the pages read them."""

from __future__ import annotations

from dataclasses import dataclass

# The catalogue's title when content/site.yaml gives none.
CATALOGUE_TITLE = "政策目录"


@dataclass(frozen=True)
class SiteInfo:
    name: str
    description: str = ""
    region: str = ""
    publisher: str = ""
    contact: str = ""
    licence: str = ""
    catalogue_title: str = CATALOGUE_TITLE
    catalogue_lead: str = ""

    @classmethod
    def of(cls, record) -> "SiteInfo":
        """From the validated content/site.yaml record (schema.model.SITE)."""
        return cls(
            name=record.name,
            description=record.description or "",
            region=record.region or "",
            publisher=record.publisher or "",
            contact=record.contact or "",
            licence=record.licence or "",
            catalogue_title=record.catalogue_title or CATALOGUE_TITLE,
            catalogue_lead=record.catalogue_lead or "",
        )
