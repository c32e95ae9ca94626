"""What search finds: one record per thing a visitor looks for.

Records come from the content model, not from parsing HTML: a clause of the
plan, a target, a catalogue entry, a section of an interpretation and a
department are each one result that opens at their own anchor. Pages with no
entity of their own (home, overviews, hand-written pages) get one record per
page, or per ``<h2>`` section for hand-written pages, from their HTML.

Each record says what kind of thing it is (原文 / 目标 / 政策目录 / 解读 /
部门 / 页面), shown beside the result, and, when the thing no longer applies,
its status (已废止, 已失效), shown too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import urls
from ..content import Content
from ..html_text import plain_text
from ..pages.interpretations import point_paragraphs
from ..pages.views import plain
from ..present import clause_label, doc_name, document_lapsed, entry_lapsed, part_text, target_text

# Kind label -> prior: how much a match in this kind of record counts. A
# clause of the plan is the source; a target or catalogue entry restates it;
# an interpretation explains it; a page with no entity of its own only points
# to others.
KINDS = {
    "原文": 1.0,
    "部门": 1.0,
    "目标": 0.9,
    "政策目录": 0.85,
    "解读": 0.75,
    "编辑说明": 0.75,
    "页面": 0.6,
}


@dataclass
class SearchRecord:
    kind: str
    location: str  # site-relative URL, with #anchor
    title: str
    text: str = ""
    keywords: list[str] = field(default_factory=list)  # aliases: searched, not shown
    status: str | None = None  # 已废止 / 已失效 when the thing no longer applies


def document_records(content: Content) -> list[SearchRecord]:
    records = []
    for doc in content.documents.values():
        meta = doc.metadata
        records.append(SearchRecord(
            "原文", urls.document(doc), doc_name(doc),
            " ".join(str(v) for v in (doc.title, meta.doc_no, meta.issuer) if v) if meta else doc.title,
            status=document_lapsed(doc) if meta else None,
        ))
        for ref in content.clauses(doc):
            clause = ref.clause
            records.append(SearchRecord(
                "原文", urls.clause(doc, clause), clause_label(ref),
                clause.text or "",
                keywords=[d.name for d in clause.responsible],
                status=document_lapsed(doc),
            ))
            for ind in clause.indicators:
                records.append(SearchRecord(
                    "目标", urls.indicator(doc, ind), f"{ind.metric}：{target_text(ind)}",
                    ind.quote + (f" 牵头单位：{ind.lead.name}" if ind.lead else ""),
                    status=document_lapsed(doc),
                ))
                # Each of several labelled values (分别) is found on its own row.
                records += [SearchRecord("目标", urls.indicator_part(doc, ind, part),
                                         f"{ind.metric}（{part.label}）：{part_text(ind, part)}", ind.quote,
                                         status=document_lapsed(doc)) for part in ind.values]
    return records


def department_records(content: Content) -> list[SearchRecord]:
    records = []
    for dept in content.departments.values():
        duties = [clause_label(ref) for ref in content.tasks_of(dept)]
        duties += [ind.metric for _, ind in content.indicators_led_by(dept)]
        records.append(SearchRecord(
            "部门", urls.department(dept), content.department_label(dept), "、".join(duties),
            keywords=[dept.full_name] if dept.full_name else [],
        ))
    return records


def policy_records(content: Content) -> list[SearchRecord]:
    records = []
    for policy in content.policies.values():
        text = "\n".join([
            policy.summary,
            "支持方式：" + "、".join(policy.support_types),
            "适用对象：" + "、".join(policy.audiences),
            "主管部门：" + "、".join(d.name for d in policy.departments),
        ])
        records.append(SearchRecord(
            "政策目录", urls.policy(policy), policy.name, text,
            keywords=list(policy.keywords),
            status=entry_lapsed(content.policy_status(policy)),
        ))
    return records


def interpretation_records(content: Content) -> list[SearchRecord]:
    records = []
    for item in content.interpretations.values():
        doc, kind = item.document, "解读" if item.body else "编辑说明"
        records.append(SearchRecord(kind, urls.interpretation(item), item.title, item.summary or ""))
        for section in item.sections:
            texts = []
            for point in section.points:
                if point.question:
                    texts.append(point.question)
                texts.extend(" ".join(plain(p).split()) for p in point_paragraphs(content, item.document, point.text))
            records.append(SearchRecord(
                kind, f"{urls.interpretation(item)}#{section.id}", section.heading, "\n".join(texts),
            ))
    return records


def content_records(content: Content) -> list[SearchRecord]:
    """The records of the content's entities, made once per load (the search
    index and the synonym warning both read them); a new list each call, so
    a caller may add to it."""
    return list(content.once("search", "records", lambda: (
        document_records(content) + department_records(content)
        + policy_records(content) + interpretation_records(content))))


def page_records(url: str, title: str, sections: list) -> list[SearchRecord]:
    """A page's own record, and one per ``<h2 id>`` section of it (hand-written
    pages); ``sections`` as ``render.outline`` gives them (empty: title only).
    The page's <h1> is its title, not part of its text."""
    records = [SearchRecord("页面", url, title)]
    texts: list[list[str]] = [[]]
    for h, html in sections:
        if h is not None and h.level == 2 and h.id:
            records.append(SearchRecord("页面", f"{url}#{h.id}", h.text))
            texts.append([])
        elif h is not None and h.level > 2:
            texts[-1].append(h.text)
        texts[-1].append(plain_text(html))
    for record, parts in zip(records, texts):
        record.text = " ".join(p for p in parts if p)
    return records
