"""schema.org linked data (JSON-LD) for the pages that search engines read.

- A document page: ``Legislation`` (文号 and 统一编号 as legislationIdentifier,
  成文日期 as legislationDate, the issuer as legislationPassedBy, the validity
  as legislationLegalForce, one ``hasPart`` per clause with its anchor as
  ``@id``, relations as legislationChanges / isBasedOn, cited documents as
  citation).
- A catalogue entry page: ``GovernmentService`` with its departments as
  provider and the site's region as areaServed.
- Both: a ``BreadcrumbList`` (the way from the home page).

Every value comes from the content through the functions the pages use;
what the content does not give is left out, never guessed: a document of
unknown validity has no legislationLegalForce (it is not claimed in force),
a site without a region no areaServed. Links are absolute where the site's
address is set and relative to the page otherwise (a JSON-LD processor
resolves them against the page's own address).

The block goes into the page's body as ``<script type="application/ld+json">``
(valid anywhere in an HTML document), written by the page templates around
``json_text``: no engine or theme template is involved, so both engines
publish it as it is.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from .. import urls
from ..present import clause_label, date_iso, doc_name, validity
from ..schema.model import DOCUMENT_TYPE

CONTEXT = "https://schema.org"
LANGUAGE = "zh-CN"
# legislationLegalForce by the validity's state; none for "unknown".
LEGAL_FORCE = {"in-force": "schema:InForce", "lapsed": "schema:NotInForce"}
# How a relation the document states reads in schema.org.
RELATION_PROPERTY = {"替代": "legislationChanges", "修改": "legislationChanges", "依据": "isBasedOn"}


class Linker:
    """Links from the page at ``current`` (site-relative)."""

    def __init__(self, site_url: str, current: str):
        self.site_url, self.current = site_url, current

    def __call__(self, target: str) -> str:
        return urls.absolute(target, self.site_url) if self.site_url else urls.relative(target, self.current)



def _compact(node: dict) -> dict:
    """Leave out what the content does not give."""
    return {k: v for k, v in node.items() if v not in (None, "", [])}


def breadcrumbs(link: Linker, trail: list[tuple[str, str]]) -> dict:
    """A BreadcrumbList of (name, site-relative URL), from the home page to the page."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": link(url)}
            for i, (name, url) in enumerate(trail, start=1)
        ],
    }


def _parts(link: Linker, doc, refs, children: dict) -> list[dict]:
    """One node per clause, its sub-clauses as its parts."""
    return [_compact({
        "@type": "Legislation",
        "@id": link(urls.clause(doc, ref.clause)),
        "name": clause_label(ref),
        "hasPart": _parts(link, doc, children.get(ref.clause.id, []), children),
    }) for ref in refs]


def sub_clauses(content, doc) -> dict:
    """Clause id -> the ClauseRefs of its sub-clauses."""
    found: dict = {}
    for ref in content.clauses(doc):
        if ref.parents:
            found.setdefault(ref.parents[-1].id, []).append(ref)
    return found


def _reference(doc, link: Linker) -> dict:
    """Another document, as a node linked by its page."""
    return _compact({"@type": "Legislation", "@id": link(urls.document(doc)), "name": doc.title,
                     "legislationIdentifier": doc.metadata.doc_no if doc.metadata else None})


def document(content, site, doc, home_title: str) -> dict:
    """The linked data of a document's page."""
    link = Linker(site.url, urls.document(doc))
    meta = doc.metadata
    identifiers = [n for n in (meta.doc_no, meta.unified_no) if n] if meta else []
    state = validity(doc).extra["state"]
    node = {
        "@type": "Legislation",
        "@id": link(urls.document(doc)),
        "url": link(urls.document(doc)),
        "name": doc.title,
        "alternateName": doc.short_title,
        "legislationIdentifier": identifiers[0] if len(identifiers) == 1 else identifiers,
        "legislationDate": date_iso(meta.written_date) if meta else None,
        "datePublished": date_iso(meta.published) if meta else None,
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": meta.issuer} if meta and meta.issuer else None,
        "legislationLegalForce": {"@id": LEGAL_FORCE[state]} if state in LEGAL_FORCE else None,
        "legislationType": DOCUMENT_TYPE.term(doc.type).label if doc.type else None,
        "inLanguage": LANGUAGE,
        "hasPart": _parts(link, doc, [r for r in content.clauses(doc) if not r.parents], sub_clauses(content, doc)),
        "citation": [_reference(d, link) for d in cited(content, doc)],
    }
    for relation in content.relations_both_ways(doc):
        if not relation.inverse:  # the other document's page states the inverse
            node.setdefault(RELATION_PROPERTY[relation.type], []).append(_reference(relation.document, link))
    trail = [(home_title, urls.home()), (doc_name(doc), urls.document(doc))]
    return {"@context": CONTEXT, "@graph": [_compact(node), breadcrumbs(link, trail)]}


def cited(content, doc) -> list:
    """The documents the text of ``doc`` cites, each once, in text order."""
    cited = []
    for ref in content.clauses(doc):
        cited += [d for d in ref.clause.cites if d not in cited]
    return cited


def policy(content, site, p, home_title: str, catalogue_title: str) -> dict:
    """The linked data of a catalogue entry's page."""
    link = Linker(site.url, urls.policy(p))
    node = {
        "@type": "GovernmentService",
        "@id": link(urls.policy(p)),
        "url": link(urls.policy(p)),
        "name": p.name,
        "description": p.summary,
        "serviceType": list(p.support_types),
        "audience": [{"@type": "Audience", "audienceType": a} for a in p.audiences],
        "provider": [{"@type": "GovernmentOrganization", "@id": link(urls.department(d)), "name": d.name}
                     for d in p.departments],
        "areaServed": site.region or None,
        "availableChannel": {"@type": "ServiceChannel", "serviceUrl": p.service_url} if p.service_url else None,
    }
    trail = [(home_title, urls.home()), (catalogue_title, urls.policies()), (p.name, urls.policy(p))]
    return {"@context": CONTEXT, "@graph": [_compact(node), breadcrumbs(link, trail)]}


def json_text(graph: dict) -> Markup:
    """The JSON-LD text of the page's <script type="application/ld+json">
    (the template writes the tag): safe as it is, since no "</script>" or
    markup can be formed by content text (<, > and & are written as JSON
    escapes)."""
    text = json.dumps(graph, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
