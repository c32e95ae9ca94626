"""Atom feeds (RFC 4287): documents, and catalogue entries.

- **Dates come from the content.** A document's ``updated`` is the newest
  date it states (成文日期, 发布日期, the notice's date, 废止日期), so a
  repeal with its date moves it up; a catalogue entry's is its
  ``last_verified``; the feed's own is the newest of its entries. A document
  that states no date at all is left out (Atom requires ``updated``, and we
  do not invent one). The content gives no time zone: dates are written as
  UTC, as the build's SOURCE_DATE_EPOCH reads them, so two builds of the
  same content write the same bytes.
- **Stable ids.** ``tag:`` URIs (RFC 4151) built from the stable ids
  (``tag:policy-site.invalid,2026:documents/hs-2018-138``): they do not
  change when the site moves to another address (SITE_URL), so a reader
  does not show every entry again. ``policy-site.invalid`` is a name
  reserved never to be registered (RFC 2606), so no other tagging authority
  can mint the same ids.
- **Links** are absolute where the site's address is set; otherwise
  relative to the site's root, which ``xml:base="../"`` names (the feeds are
  in feeds/).
- The newest ``FEED_ENTRIES`` entries: a reader polls the feed often, and
  everything is in the tables (data/) and the sitemap.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from .. import urls
from ..present import citation, date_zh, facts, validity

TAG = "tag:policy-site.invalid,2026:"
FEED_ENTRIES = 100
ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Entry:
    id: str  # after TAG
    title: str
    updated: dt.date | dt.datetime
    url: str  # site-relative page
    data_url: str  # site-relative JSON
    summary: str
    category: str
    published: dt.date | dt.datetime | None = None
    author: str | None = None


@dataclass(frozen=True)
class Feed:
    name: str  # feeds/<name>.xml
    title: str
    subtitle: str


def _moment(day) -> dt.datetime:
    """A date as the start of its day; a date and time as it is."""
    return day if isinstance(day, dt.datetime) else dt.datetime.combine(day, dt.time())


def _sort_key(entry: Entry):
    """Newest first, then by id."""
    return (-_moment(entry.updated).timestamp(), entry.id)


def document_updated(doc):
    """The newest date a document states about itself (成文日期, 发布日期,
    废止日期, the notice's date), with its time when it gives one; None when
    it states none."""
    meta, notice = doc.metadata, doc.notice
    dates = [d for d in ((meta.written_date, meta.published, meta.repeal_date) if meta else ()) if d]
    return max(dates + ([notice.date] if notice and notice.date else []), key=_moment, default=None)


def document_entries(content) -> list[Entry]:
    entries = []
    for doc in content.documents.values():
        updated = document_updated(doc)
        if updated is None:
            continue
        meta = doc.metadata
        term = validity(doc)
        repealed = f"{date_zh(meta.repeal_date)}{meta.validity}" if meta and meta.repeal_date else None
        entries.append(Entry(
            id=f"documents/{doc.id}",
            title=citation(doc),
            updated=updated,
            url=urls.document(doc),
            data_url=urls.document_data(doc),
            summary=facts([term.label, repealed, meta.issuer if meta else None,
                           meta.written_date and f"成文日期 {date_zh(meta.written_date)}",
                           meta.published and f"发布日期 {date_zh(meta.published)}"]),
            category=term.label,
            published=min((d for d in (meta.written_date, meta.published) if d), key=_moment, default=None)
            if meta else None,
            author=meta.issuer if meta else None,
        ))
    return sorted(entries, key=_sort_key)


def policy_entries(content) -> list[Entry]:
    entries = []
    for p in content.policies.values():
        status = content.policy_status(p)
        entries.append(Entry(
            id=f"policies/{p.id}",
            title=p.name,
            updated=p.last_verified,
            url=urls.policy(p),
            data_url=urls.policy_data(p),
            summary=f"{status.value}：{p.summary}",
            category=status.value,
        ))
    return sorted(entries, key=_sort_key)


def timestamp(value) -> str:
    """An Atom date (RFC 3339): the content's date or date and time, as UTC."""
    return _moment(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def feeds(content, site) -> list[tuple[Feed, list[Entry]]]:
    """The feeds the site publishes, with their entries (all of them; the
    feed file holds the newest FEED_ENTRIES): a feed without entries is not
    published, since it could state no date."""
    found = [(Feed("documents", f"{site.name}：政策文件", "政策文件的发布、修改和废止"), document_entries(content)),
             (Feed("policies", f"{site.name}：{site.catalogue_title}", f"{site.catalogue_title}条目的新增和核实"),
              policy_entries(content))]
    return [(feed, entries) for feed, entries in found if entries]


def atom(feed: Feed, entries: list[Entry], site) -> str:
    """The feed's XML text; its author is the site's publisher, or its name
    when the publisher is not given."""
    def link(target: str) -> str:
        return urls.absolute(target, site.url)

    entries = entries[:FEED_ENTRIES]
    base = "" if site.url else ' xml:base="../"'
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="{ATOM}" xml:lang="zh-CN"{base}>',
           f"  <id>{escape(TAG + 'feeds/' + feed.name)}</id>",
           f"  <title>{escape(feed.title)}</title>",
           f"  <subtitle>{escape(feed.subtitle)}</subtitle>"]
    out += [f"  <updated>{timestamp(max((e.updated for e in entries), key=_moment))}</updated>",
            f"  <author><name>{escape(site.publisher or site.name)}</name></author>",
            f'  <link rel="self" type="application/atom+xml" href={quoteattr(link(urls.feed(feed.name)))}/>',
            f'  <link rel="alternate" type="text/html" href={quoteattr(link(urls.home()) or "./")}/>']
    if site.licence:
        out.append(f"  <rights>{escape(site.licence)}</rights>")
    for e in entries:
        out += ["  <entry>",
                f"    <id>{escape(TAG + e.id)}</id>",
                f"    <title>{escape(e.title)}</title>",
                f"    <updated>{timestamp(e.updated)}</updated>"]
        if e.published:
            out.append(f"    <published>{timestamp(e.published)}</published>")
        if e.author:
            out.append(f"    <author><name>{escape(e.author)}</name></author>")
        out += [f'    <link rel="alternate" type="text/html" href={quoteattr(link(e.url))}/>',
                f'    <link rel="alternate" type="application/json" href={quoteattr(link(e.data_url))}/>',
                f"    <category term={quoteattr(e.category)}/>",
                f"    <summary>{escape(e.summary)}</summary>",
                "  </entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"
