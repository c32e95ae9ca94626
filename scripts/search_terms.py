"""Words the search segmenter must keep whole, taken from the content itself.

jieba cuts text by its general dictionary, so plan-specific terms such as
个转企 or 小升规 come out in pieces and a search for them finds nothing.
The plan marks its own terms with quotation marks (“个转企、小升规…”): the
short ones go to jieba before the index is built. Longer quoted phrases stay
out, because a whole-phrase token would hide its parts from a prefix search
(issue 5 replaces this with query-side segmentation).
"""

from __future__ import annotations

import re

from .content import Content

_QUOTED = re.compile(r"“([^”]{2,40})”")
_LIST_SEPARATORS = re.compile(r"[、,,]")
MAX_TERM_LENGTH = 5


def vocabulary(content: Content) -> list[str]:
    terms: set[str] = set()
    for doc in content.full_documents:
        for ref in content.clauses(doc):
            for quoted in _QUOTED.findall(ref.clause.text or ""):
                terms.update(t.strip() for t in _LIST_SEPARATORS.split(quoted) if 2 <= len(t.strip()) <= MAX_TERM_LENGTH)
    return sorted(terms)
