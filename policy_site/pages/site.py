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
    # The fallback contact (咨询热线): whom a reader asks when an entry names
    # no contact or no longer applies; both or neither (content/checks.py checks).
    helpline_name: str = ""
    helpline_phone: str = ""
    catalogue_title: str = CATALOGUE_TITLE
    catalogue_lead: str = ""
    # Where the site is published (SITE_URL, mkdocs.yml site_url), ending in
    # "/"; empty when not set. Not content: the open data links absolutely
    # only when it is known.
    url: str = ""

    @property
    def helpline(self) -> tuple[str, str] | None:
        """(name, phone) of the fallback contact, or None when not given."""
        return (self.helpline_name, self.helpline_phone) if self.helpline_phone else None

    @classmethod
    def of(cls, record, url: str = "") -> "SiteInfo":
        """From the validated content/site.yaml record (schema.model.SITE)
        and the site's address ``url``."""
        return cls(
            name=record.name,
            description=record.description or "",
            region=record.region or "",
            publisher=record.publisher or "",
            contact=record.contact or "",
            licence=record.licence or "",
            helpline_name=record.helpline_name or "",
            helpline_phone=record.helpline_phone or "",
            catalogue_title=record.catalogue_title or CATALOGUE_TITLE,
            catalogue_lead=record.catalogue_lead or "",
            url=url,
        )
