"""The status banner: a warning at the top of a page whose subject no longer
applies (or whose validity is not known), with links to what applies
instead. Its words come from the content and the model's terms (present.py
writes the validity); 怎么办 (next_step.py) links the same successors."""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
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
