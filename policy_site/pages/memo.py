"""Pages kept between builds of one process (the preview), for page types
that come in thousands (catalogue entries).

A page is made anew only when one of the content files it is made from
changed, or the day statuses are judged on did: ``sources`` names those
files, and the page module that uses the memo says which they are, next to
the code that reads them. A build that starts a new process (``make build``)
has an empty memo and makes every page.
"""

from __future__ import annotations

from typing import Callable, Iterable

from ..content import Content
from .page import Page


class PageMemo:
    def __init__(self):
        self._pages: dict[str, tuple[tuple, Page]] = {}
        self.made: list[Page] = []  # pages made anew (not kept) since the memo was made or last cleared

    def clear_made(self) -> None:
        self.made = []

    def page(self, content: Content, url: str, sources: Iterable[str], make: Callable[[], Page]) -> Page:
        key = (content.as_of, tuple(sorted((s, content.file_versions.get(s)) for s in set(sources))))
        kept = self._pages.get(url)
        if kept is not None and kept[0] == key:
            return kept[1]
        page = make()
        self._pages[url] = (key, page)
        self.made.append(page)
        return page


def entry_sources(content: Content, policy) -> list[str]:
    """The content files a catalogue entry's page is made from: the entry's
    own; its basis documents' (clause text, validity, indicators: its status)
    and those of the documents that state they replace them (the banner and
    怎么办 link to them); the entry that succeeds it (its name); its
    departments' governments' (names and contacts); the site's (its name,
    region and helpline)."""
    basis = [b.document for b in policy.basis if b.document]
    replacing = [s for d in basis for s in content.successors(d)]
    successor = [policy.successor] if policy.successor else []
    records = [policy, *basis, *replacing, *successor, *policy.departments, content.site]
    return [r.where()[0] for r in records]  # the file each was read from, as Content.file_versions names it
