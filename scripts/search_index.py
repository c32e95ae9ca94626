"""Search records for catalogue entries, written from the content model.

Material's search plugin parses every page's HTML and segments it with jieba:
at thousands of catalogue entries that is the largest part of a build. An
entry's searchable words are known without any HTML (name, summary, support,
audience, departments, keywords), so entry pages are excluded from the
plugin and these records are appended to its index instead, segmented the
same way (jieba segments joined by zero-width spaces). The keywords, which no
page shows in full, become searchable this way too.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from . import urls
from .content import Content
from .pages.policies import CATALOGUE_TITLE
from .schema.model import AUDIENCE, SUPPORT_TYPE

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


@lru_cache(maxsize=8192)
def _cut(run: str) -> str:
    """One run of Han characters in jieba segments (labels and vocabulary
    values repeat across thousands of entries: cut each once)."""
    import jieba

    return "\u200b" + "\u200b".join(jieba.cut(run)) + "\u200b"


def segment(text: str) -> str:
    """Cut runs of Han characters as Material's search plugin does."""
    try:
        import jieba  # noqa: F401
    except ImportError:
        return text
    return _HAN.sub(lambda m: _cut(m.group(0)), text).strip("\u200b")


def catalogue_records(content: Content) -> list[dict]:
    """One record for the catalogue page (its long list is not parsed) and one per entry."""
    if not content.policies:
        return []
    records = [{
        "location": urls.policies(),
        "title": segment(CATALOGUE_TITLE),
        "text": segment("支持方式：" + "、".join(SUPPORT_TYPE.terms) + "；适用对象：" + "、".join(AUDIENCE.terms)),
    }]
    for policy in content.policies.values():
        status = content.policy_status(policy)
        parts = [
            policy.summary,
            "支持方式：" + "、".join(policy.support_types),
            "适用对象：" + "、".join(policy.audiences),
            "主管部门：" + "、".join(d.name for d in policy.departments),
            "状态：" + status.value,
        ]
        if policy.keywords:
            parts.append("关键词：" + "、".join(policy.keywords))
        records.append({
            "location": urls.policy(policy),
            "title": segment(policy.name),
            "text": segment("\n".join(parts)),
        })
    return records


def append_to_index(index_file: Path, records: list[dict]) -> None:
    """Add records to Material's search_index.json, keeping its format."""
    data = json.loads(index_file.read_text(encoding="utf-8"))
    data["docs"].extend(records)
    index_file.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")
