"""sitemap.xml: every page of the site, with the date its content last changed.

``lastmod`` comes from the content, never from the clock: a document's pages
carry the newest date the document states (feeds.document_updated), a
catalogue entry's page its ``last_verified``, an interpretation's pages the
newer of its own date and its document's (the 图片解读 is drawn from the
document's data); pages that gather the whole site (home, catalogue,
departments ...) the newest of all these. Hand-written pages (docs/) have no
content date and so no ``lastmod``.

The sitemap protocol allows absolute addresses only: without the site's
address (SITE_URL) the file lists no page (as MkDocs' own sitemap did).
The engine writes the file from the theme template the generator puts into
the source tree (``template``); MkDocs also writes ``sitemap.xml.gz`` from
it, with the content's date (SOURCE_DATE_EPOCH) in its header.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from .. import urls
from .feeds import document_updated
from .records import newest

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def lastmods(content) -> dict[str, dt.date]:
    """Site-relative page URL -> the date its content last changed, for
    pages about one thing."""
    found: dict[str, dt.date] = {}
    for doc in content.documents.values():
        day = newest(document_updated(doc))
        if day:
            for url in (urls.document(doc), urls.targets(doc), urls.tasks(doc)):
                found[url] = day
    for p in content.policies.values():
        found[urls.policy(p)] = p.last_verified
    for item in content.interpretations.values():
        found[urls.interpretation(item)] = newest(item.date, document_updated(item.document) if item.document else None)
    return found


def sitemap(content, site_url: str, pages: list[str], handwritten: list[str]) -> str:
    """The sitemap of ``pages`` (generated, site-relative URLs, in the site's
    order) and ``handwritten`` pages."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{NAMESPACE}">']
    if not site_url:
        out.append("<!-- SITE_URL is not set: a sitemap lists absolute addresses only. -->")
    else:
        dates = lastmods(content)
        site_wide = max(dates.values(), default=None)
        for url in pages:
            day = dates.get(url, site_wide)
            out.append(f"<url><loc>{escape(urls.absolute(url, site_url))}</loc>"
                       + (f"<lastmod>{day.isoformat()}</lastmod>" if day else "") + "</url>")
        out += [f"<url><loc>{escape(urls.absolute(url, site_url))}</loc></url>" for url in handwritten]
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def template(text: str) -> str:
    """The sitemap as the theme template ``sitemap.xml`` (overrides/ in the
    source tree). Both engines render a theme's sitemap.xml after copying
    the site's files, so a sitemap.xml among those would be overwritten;
    a template of ours replaces theirs. It holds the text as it is (a raw
    block: both Jinja2 and MiniJinja write it unchanged)."""
    return "{% raw %}" + text + "{% endraw %}"
