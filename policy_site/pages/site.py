"""The site's own facts (content/site.yaml), as the pages read them."""

from __future__ import annotations

from dataclasses import dataclass, fields

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
    # The identity a government site shows at the foot of every page (identity.py).
    organizer: str = ""
    site_code: str = ""
    icp_record: str = ""
    police_record: str = ""
    emblem_url: str = ""  # the 党政机关网站标识: where it links
    emblem_image: str = ""  # and its picture's path under content/
    # The portal the site is a 专栏 of (返回门户, breadcrumbs): both or neither.
    portal_name: str = ""
    portal_url: str = ""
    catalogue_title: str = CATALOGUE_TITLE
    catalogue_intro: str = ""
    # Where a reader finds current policies when none here is in force
    # (现行政策到哪里找): (name, url, phone), url or phone "" when not given.
    current_policies: tuple[tuple[str, str, str], ...] = ()
    # Where the site is published (SITE_URL, mkdocs.yml site_url), ending in
    # "/"; empty when not set. Not content: the open data links absolutely
    # only when it is known.
    url: str = ""

    @classmethod
    def of(cls, record, url: str = "") -> "SiteInfo":
        """From the validated content/site.yaml record (schema.model.SITE),
        its fields not given as "", and the site's address ``url``."""
        nested = {f"{name}_{part}": getattr(getattr(record, name), part) if getattr(record, name) else ""
                  for name, parts in (("emblem", ("url", "image")), ("portal", ("name", "url"))) for part in parts}
        given = {f.name: nested[f.name] if f.name in nested else getattr(record, f.name) or ""
                 for f in fields(cls) if f.name not in ("url", "current_policies")}
        sources = tuple((s.name, s.url or "", s.phone or "") for s in record.current_policies or ())
        return cls(**{**given, "catalogue_title": given["catalogue_title"] or CATALOGUE_TITLE},
                   current_policies=sources, url=url)
