"""The id proposed for a new document, catalogue entry, government or
interpretation, from what staff type first: a document with a 文号 such as
〔2018〕138号 gets ``doc-2018-138`` (as the importer names it); anything else
the pinyin of its short title, title or name, one word a syllable
(个转企辅导: ``ge-zhuan-qi-fu-dao``). Staff may change it; an id already
taken by a file of the same kind gets ``-2``, ``-3`` ...
"""

from __future__ import annotations

import re
import unicodedata

_DOC_NO = re.compile(r"〔\s*(\d{4})\s*〕\s*(\d+)\s*号")
_WORDS = 8  # at most this many words: an id is part of every address of the page
_LENGTH = 48


def from_doc_no(doc_no: str | None) -> str | None:
    """``doc-<year>-<number>`` for a 文号 written 〔2018〕138号, else None."""
    found = _DOC_NO.search(doc_no or "")
    return f"doc-{found.group(1)}-{found.group(2)}" if found else None


def from_title(title: str) -> str:
    """The pinyin of ``title`` (letters and digits kept), hyphenated; "" when
    it has no letter, digit or Chinese character."""
    from pypinyin import lazy_pinyin

    text = unicodedata.normalize("NFKC", title or "")
    words = re.findall(r"[a-z0-9]+", " ".join(lazy_pinyin(text)).lower())[:_WORDS]
    proposal = "-".join(words)
    while len(proposal) > _LENGTH and "-" in proposal:
        proposal = proposal.rsplit("-", 1)[0]
    return proposal


def propose(title: str, doc_no: str | None, taken: set[str]) -> str:
    """An id for a new file of a kind whose ids are ``taken``; "" when there
    is nothing to make one from yet."""
    proposal = from_doc_no(doc_no) or from_title(title)
    if not proposal:
        return ""
    found, n = proposal, 2
    while found in taken:
        found, n = f"{proposal}-{n}", n + 1
    return found
