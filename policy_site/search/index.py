"""Write the search index: small static files a browser fetches per query.

Layout under ``search-index/`` in the site::

    search_index.json        what the worker fetches first: only settings (a
                             few hundred bytes), no documents
    <key>/s<n>.json          shard n: {token: postings} for the tokens whose
                             first character hashes to n (policy_site/search/tokens.py)
    <key>/d<n>.json          records n*k .. n*k+k-1 (k in the settings, chosen so a
                             file is a few KB): kind, location, title, text, status
    search.json              what Zensical's search UI shows of each record, in
                             Zensical's format (zensical.js): its UI renders
                             results from a list it loads whole with the page

``<key>`` is a hash of everything in the folder, so a new build never mixes
with files a browser or CDN cached from an old one, and the same content gives
the same bytes and the same folder name.

A query reads the shards of its tokens, scores the documents there, and then
the records of the best few, so what it downloads grows with the query, not
with the site: this is how the index stays small at thousands of entries.

Postings are a string per token: for each document that has the token, its id
(as the gap from the previous id, a variable-length number) and one character
of weight. The weight (0-63) is worked out here, once: how often the token is
in the record's title, keywords and text (BM25, title above keywords above
text), times the prior of the record's kind (records.KINDS). The browser adds
the weights of the query's tokens, scaled by how rare each token is.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter

from .records import KINDS, SearchRecord
from .tokens import normalize, shard_of, tokens

# Variable-length numbers: 5 bits per character, the sixth says "more follows".
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
MAX_WEIGHT = len(ALPHABET) - 1

# Field boosts and BM25 constants.
TITLE_BOOST = 3.0
KEYWORD_BOOST = 2.0
TEXT_BOOST = 1.0
K1 = 1.2
B = 0.75
_TOP_SCORE = TITLE_BOOST + KEYWORD_BOOST + TEXT_BOOST * (K1 + 1)

# About this many bytes of postings per shard; at least one shard.
SHARD_BYTES = 8_000
MAX_SHARDS = 4096
# About this many bytes of records per record file.
RECORD_FILE_BYTES = 4_000
MAX_RECORDS_PER_FILE = 64

# Material's highlighter (search.highlight, on the page a result opens) splits
# the query on this; keep it the separators tokens.py uses.
HIGHLIGHT_SEPARATOR = r"[\s\u200b\-、，,。：:；;（）()“”《》〔〕]+"


def _varint(value: int) -> str:
    out = []
    while True:
        low, value = value & 31, value >> 5
        out.append(ALPHABET[low | (32 if value else 0)])
        if not value:
            return "".join(out)


def _saturate(tf: int) -> float:
    return tf / (tf + 0.5)


def weights(records: list[SearchRecord]) -> dict[str, list[tuple[int, int]]]:
    """token -> [(record id, weight 1..63)], ids ascending."""
    counted = [(Counter(tokens(r.title)), Counter(t for k in r.keywords for t in tokens(k)), Counter(tokens(r.text)))
               for r in records]
    lengths = [sum(text.values()) for _, _, text in counted]
    average = (sum(lengths) / len(lengths)) if lengths else 1.0
    postings: dict[str, list[tuple[int, int]]] = {}
    for doc_id, (record, (title, keywords, text), length) in enumerate(zip(records, counted, lengths)):
        norm = K1 * (1 - B + B * length / (average or 1.0))
        for token in title.keys() | keywords.keys() | text.keys():
            tf = text.get(token, 0)
            score = (TITLE_BOOST * _saturate(title.get(token, 0))
                     + KEYWORD_BOOST * _saturate(keywords.get(token, 0))
                     + TEXT_BOOST * (tf * (K1 + 1) / (tf + norm) if tf else 0.0))
            weight = max(1, min(MAX_WEIGHT, round(KINDS[record.kind] * score / _TOP_SCORE * MAX_WEIGHT)))
            postings.setdefault(token, []).append((doc_id, weight))
    return postings


def encode(posting: list[tuple[int, int]]) -> str:
    out, previous = [], -1
    for doc_id, weight in posting:
        out += [_varint(doc_id - previous), ALPHABET[weight]]
        previous = doc_id
    return "".join(out)


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def vocabulary(search) -> dict:
    """content/search.yaml (a record, or None) as the worker reads it: the stop
    words longest first, each synonym's terms by its word, the broad and the
    abroad words, all normalised as queries are (the worker matches them
    against the normalised query)."""
    if search is None:
        return {"stop": [], "synonyms": {}, "broad": [], "abroad": []}
    stop = sorted({normalize(w) for w in search.stop_words}, key=lambda w: (-len(w), w))
    synonyms = {normalize(s.word): [normalize(t) for t in s.terms] for s in search.synonyms}
    return {"stop": stop, "synonyms": dict(sorted(synonyms.items())),
            "broad": sorted({normalize(w) for w in search.broad_words}),
            "abroad": sorted({normalize(w) for w in search.abroad_words})}


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _shown(record: SearchRecord, page_titles: dict[str, str]) -> dict:
    """A record as Zensical's UI shows it (its text is HTML): the title (and
    status), the text, and above them the kind and the page it is on; its
    location relative to search-index/, which the UI takes as its base."""
    page = record.location.split("#")[0]
    status = f"（{record.status}）" if record.status else ""
    path = [record.kind] + ([page_titles[page]] if record.location != page and page_titles.get(page) else [])
    return {"location": "../" + record.location, "title": _html(record.title + status),
            "text": _html(record.text), "path": [_html(p) for p in path]}


def build_files(records: list[SearchRecord], vocab: dict | None = None) -> dict[str, str]:
    """Relative path under search-index/ -> file text, for the whole index;
    ``vocab`` (``vocabulary``) travels in the settings file the worker reads first."""
    encoded = {token: encode(posting) for token, posting in weights(records).items()}
    total = sum(len(t.encode()) + len(p) + 6 for t, p in encoded.items())
    shards = max(1, min(MAX_SHARDS, math.ceil(total / SHARD_BYTES)))
    grouped: list[dict[str, str]] = [{} for _ in range(shards)]
    for token, posting in encoded.items():
        grouped[shard_of(token, shards)][token] = posting
    files = {f"s{n}.json": _json(group) for n, group in enumerate(grouped)}
    # Results are grouped by page; a record on a page names the page's title.
    page_titles = {r.location: r.title for r in records if "#" not in r.location}
    docs = []
    for record in records:
        doc = {"k": record.kind, "l": record.location, "t": record.title, "x": record.text,
               "p": page_titles.get(record.location.split("#")[0], "")}
        if record.keywords:
            doc["w"] = record.keywords
        if record.status:
            doc["s"] = record.status
        docs.append(_json(doc))
    # Records travel in files of a few neighbours (record id // per_file):
    # fewer files to write and to request, a few KB each.
    average = sum(len(d.encode()) for d in docs) / len(docs) if docs else 1
    per_file = max(1, min(MAX_RECORDS_PER_FILE, round(RECORD_FILE_BYTES / average)))
    for n in range(0, len(docs), per_file):
        files[f"d{n // per_file}.json"] = "[" + ",".join(docs[n:n + per_file]) + "]"
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name].encode() + b"\0")
    key = digest.hexdigest()[:12]
    out = {f"{key}/{name}": text for name, text in files.items()}
    out["search.json"] = _json({"config": {"lang": ["zh"], "separator": HIGHLIGHT_SEPARATOR},
                                "items": [_shown(record, page_titles) for record in records]})
    out["search_index.json"] = _json({
        "config": {
            "lang": ["zh"],
            "separator": HIGHLIGHT_SEPARATOR,
            "pipeline": [],
            "policy_site": {"path": f"{key}/", "shards": shards, "docs": len(records), "per_file": per_file,
                            "alphabet": ALPHABET, **(vocab or vocabulary(None))},
        },
        "docs": [],
    })
    return out
