"""How text is cut into search tokens. The browser cuts queries the same way.

Chinese has no spaces, and a person types any contiguous part of a term
(风险补偿 for 贷款风险补偿金, 跑一次 for 最多跑一次). A dictionary segmenter
(jieba) cuts text one way at build time and the query another way, or not at
all, in the browser; the two sides then disagree and the search misses. So
both sides use overlapping character pairs (bigrams), as Lucene's CJK
analyzer does, and no dictionary:

- a run of Han characters gives each pair of neighbours (贷款风险 -> 贷款 款风
  风险) and its last character alone (险), so that every character of the
  text starts at least one token: a one-character query (税) is looked up as
  "every token that starts with 税";
- a run of Latin letters and digits is one token (3315, aaa, 2.5 with its
  decimal point), matched by prefix in the query;
- everything else (punctuation, spaces) separates tokens.

Text is first folded with NFKC (full-width ３３１５ and ＡＡＡ become 3315 and
AAA) and lower-cased. ``policy_site/search/core.js`` implements ``tokens``
and ``normalize`` again in JavaScript; tests/test_search.py runs both on
the same strings in Chromium and requires identical output.
"""

from __future__ import annotations

import re
import unicodedata

# CJK Unified Ideographs, Extension A and the compatibility block.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN_RUN = re.compile(f"[{HAN}]+|[a-z0-9]+(?:\\.[0-9]+)*")
HAN_RUN = re.compile(f"^[{HAN}]")


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def tokens(text: str) -> list[str]:
    """The tokens of ``text``, in order, with repeats (the index counts them)."""
    out: list[str] = []
    for run in TOKEN_RUN.findall(normalize(text)):
        if HAN_RUN.match(run):
            out.extend(run[i:i + 2] for i in range(len(run) - 1))
            out.append(run[-1])
        else:
            out.append(run)
    return out


def shard_of(token: str, shards: int) -> int:
    """The index file holding ``token``: a hash of its first character, so that
    every token starting with a given character is in one file (a one-character
    or prefix query reads one file). Multiplicative hashing (Knuth) spreads
    neighbouring code points; the JavaScript side computes the same with
    Math.imul."""
    return ((ord(token[0]) * 2654435761) & 0xFFFFFFFF) % shards
