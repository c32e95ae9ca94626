"""The status banner: a warning at the top of a page whose subject no longer
applies (or whose validity is not known), with links to what applies
instead. Its words come from the content and the model's terms (present.py
writes the validity); 怎么办 (next_step.py) links the same successors."""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..content.drafts import open_items
from ..present import citation, date_zh, validity
from .views import Helpline, Link


@dataclass(frozen=True)
class Banner:
    aria_label: str
    title: str
    text: str
    links_label: str = ""  # e.g. 替代它的文件：
    links: tuple[Link, ...] = ()  # what applies instead
    helpline: Helpline | None = None  # whom to ask what applies today, where the page names them


def document_links(docs) -> tuple[Link, ...]:
    """Links to documents, each named by its citation (present.citation)."""
    return tuple(Link(citation(d), urls.document(d)) for d in docs)


def document_banner(doc, successors=(), helpline: Helpline | None = None) -> Banner | None:
    """The banner of a page about a document not stated to be in force;
    ``successors``: the documents that state they replace it."""
    term = validity(doc)
    if term.extra["state"] == "in-force":
        return None
    if term.extra["state"] == "lapsed":
        when = doc.metadata.repeal_date
        title = f"本文件已于{date_zh(when)}{doc.metadata.validity}" if when else f"本文件有效性：{term.label}"
    else:
        title = f"本文件{term.label}"
    links = document_links(successors)
    return Banner("文件有效性", title, term.description, "替代它的文件：" if links else "", links, helpline)


def entry_banner(status, successors=(), successor_entry=None) -> Banner | None:
    """The banner of a catalogue entry that is not current, or whose basis's
    validity is not known; ``successors``: documents that replace its basis
    documents; ``successor_entry``: the entry staff named to succeed it."""
    links = tuple(Link(e.name, urls.policy(e)) for e in [successor_entry] if e is not None)
    label = "现行政策见：" if links else ""
    if not links and successors:
        links = document_links(successors)
        label = "依据文件已被替代，替代它的文件："
    if status.state == "unknown":
        return Banner("条目状态", f"本条目状态：{status.value}", status.reason, label, links)
    if status.current:
        return None
    return Banner("条目状态", f"本条目状态：{status.value}", f"{status.reason}本条目仅作历史参考，不代表现行政策。",
                  label, links)


@dataclass(frozen=True)
class DraftItem:
    """An open review item as the 草稿 banner lists it."""

    number: int
    label: str  # the field as staff name it (公开信息 · 有效性)
    reason: str
    anchor: str  # its mark on this page; "": the page does not show that field


@dataclass(frozen=True)
class DraftBanner:
    """The 草稿 banner of a page of a draft (content/drafts.py): its open
    review items, each marked where the page shows its field."""

    items: tuple[DraftItem, ...]
    marks: dict  # a place on the page (a field path, a clause or indicator id) -> its ((anchor, number), ...)


def draft_banner(record, obj, places) -> DraftBanner | None:
    """The banner of a page about ``record`` (a document, catalogue entry or
    government of model object ``obj``) when it has open review items;
    ``places``: what the page can mark (field paths, ids of its anchors)."""
    items, marks = [], {}
    for item in open_items(record, obj):
        place = next((p for p in item.places if p in places), None)
        anchor = f"review-{item.number}" if place else ""
        items.append(DraftItem(item.number, item.label, item.reason, anchor))
        if place:
            marks.setdefault(place, []).append((anchor, item.number))
    return DraftBanner(tuple(items), marks) if items else None
