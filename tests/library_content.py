"""Generated documents for the 政策文件库 and home page tests: many documents
of different validity, dates, issuers, types and topics, some fields left out,
and the order and filter values the pages promise, stated here on their own
(not read from the code that makes the pages)."""

from __future__ import annotations

import datetime as dt

from policy_site.schema.model import DOCUMENT_TYPE, VALIDITY

# How many documents the library tests add to the fixture content (conftest's many_site).
GENERATED = 12
NOT_GIVEN = "未标注"
FACETS = ["issuer", "year", "validity", "type", "topic"]
# The order of validity states on the page: in force, not given, repealed or lapsed.
STATE_RANK = {"有效": 0, None: 1, "废止": 2, "失效": 2}

VALIDITIES = ["有效", "废止", None, "失效", "有效", None, "有效"]
ISSUERS = ["测试市人民政府", "测试区人民政府办公室", None, "测试省人民政府"]
TYPES = ["计划", "办法", None, "若干措施", "通知"]
TOPICS = ["工业", "财政", None]


def generated(n: int) -> dict[str, str]:
    """``n`` valid documents as content files (path under content/ -> YAML)."""
    files = {}
    for i in range(1, n + 1):
        validity = VALIDITIES[i % len(VALIDITIES)]
        issuer = ISSUERS[(i // 2) % len(ISSUERS)]  # not in step with the dates (i % 4)
        kind = TYPES[i % len(TYPES)]
        topic = TOPICS[i % len(TOPICS)]
        year = 2014 + i % 6
        meta = []
        if i % 5 != 0:  # every fifth document without 文号
            meta.append(f"  doc_no: 测试发〔{year}〕{i}号")
        if issuer:
            meta.append(f"  issuer: {issuer}")
        if topic:
            meta.append(f"  topic: {topic}")
        if validity:
            meta.append(f"  validity: {validity}")
        if i % 4 == 1:
            meta.append(f"  written_date: '{year}-{i % 12 + 1:02d}-{i % 27 + 1:02d}'")
        elif i % 4 == 2:
            meta.append(f"  published: {year}-{i % 12 + 1:02d}-{i % 27 + 1:02d} 09:30")
        # i % 4 == 3 or 0: no date at all
        lines = [f"id: gen-{i:02d}", f"title: 关于测试文件库第{i}号文件的通知"]
        if kind:
            lines.append(f"type: {kind}")
        lines.append("metadata:" + ("" if meta else " {}"))
        lines += meta
        lines += [
            "body:",
            f"  title: 测试文件{i}",
            "  clauses:",
            f"  - id: clause-{i}",
            "    role: task",
            f"    text: 开展第{i}项测试任务。",
        ]
        files[f"gen-{i:02d}.yaml"] = "\n".join(lines) + "\n"
    return files


def day(doc) -> dt.date | None:
    meta = doc.metadata
    value = meta.written_date or meta.published
    return value.date() if isinstance(value, dt.datetime) else value


def reading_order(docs) -> list[str]:
    """Ids in the order the site promises: in force, then not given, then
    repealed or lapsed; newest first (成文日期, else 发布日期; undated last);
    then by id."""
    def key(d):
        when = day(d)
        return (STATE_RANK[d.metadata.validity], -(when.toordinal() if when else 0), d.id)
    return [d.id for d in sorted(docs, key=key)]


def values(doc) -> dict[str, str]:
    """What each filter matches a document on."""
    when = day(doc)
    return {
        "issuer": doc.metadata.issuer or NOT_GIVEN,
        "year": str(when.year) if when else NOT_GIVEN,
        "validity": doc.metadata.validity or NOT_GIVEN,
        "type": doc.type or NOT_GIVEN,
        "topic": doc.metadata.topic or NOT_GIVEN,
    }


def expected_options(docs) -> dict[str, set[str]]:
    """The options each filter must offer: every value a document has."""
    return {key: {values(d)[key] for d in docs} for key in FACETS}


def vocabulary_order(key: str) -> list[str] | None:
    return {"validity": [*VALIDITY.terms, NOT_GIVEN], "type": [*DOCUMENT_TYPE.terms, NOT_GIVEN]}.get(key)
