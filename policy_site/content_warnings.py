"""Warnings: content that is valid but probably wrong.

``make check`` prints them and still passes; ``policy-site check --strict``
(``make check STRICT=1``) fails on them. The preview shows them above each
page without blocking it. Each warning names file, line and field and says
what to look at, in Chinese and English, like an error.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar

from .content import Content, number_occurrences, review_warnings
from .errors import Problem
from .present import date_zh, format_number, validity_state
from .schema.model import SITE, SITE_LAUNCH_FIELDS

# 《政府信息公开条例》第二十六条: information is made public within 20 working
# days of being formed (for a document: its 成文日期).
DISCLOSURE_WORKING_DAYS = 20


def content_warnings(content: Content) -> list[Problem]:
    checks = (_period_on_lapsed_basis, _identical_entries, _value_repeated_in_quote, _departments_without_items,
              _documents_of_unknown_validity, _published_late, _synonyms_leading_nowhere, review_warnings,
              _launch_fields_missing)
    return sorted((p for check in checks for p in check(content)), key=lambda p: (p.file, p.line, p.column, p.field))


def _warning(where: tuple, zh: str, en: str) -> Problem:
    file, pos, field = where
    return Problem(file, pos[0], pos[1], field, zh, en)


def _period_on_lapsed_basis(content: Content) -> list[Problem]:
    """An application period still open on the day statuses are judged, on an
    entry whose basis documents are all no longer in force (it shows 已失效)."""
    found = []
    for policy in content.policies.values():
        period = policy.application_period
        if not period or policy.status_override or content.as_of is None:
            continue
        if period.end is not None and period.end < content.as_of:
            continue  # the period is over: nothing contradicts
        if content.policy_status(policy).value != "已失效":
            continue
        docs = "、".join(dict.fromkeys(b.document.id for b in policy.basis if b.document))
        found.append(_warning(
            policy.where("application_period"),
            f"这个条目的申报期还没有结束,但它依据的文件({docs})都已不再有效,所以网站显示“已失效”。"
            "请核对:是否应依据新的文件(修改 basis),或者申报期是否填错;如确认有效,请用 status_override 写明状态和理由。",
            f"the application period is still open, but every basis document ({docs}) is no longer in force, so "
            "the site shows 已失效 (lapsed). Check whether the entry should cite a newer document (basis) or the "
            "period is wrong; if it is current, set status_override with a reason."))
    return found


def _identical_entries(content: Content) -> list[Problem]:
    """Two catalogue entries whose content is the same apart from id and name
    (a copied file that was never filled in)."""
    seen: dict[tuple, str] = {}
    found = []
    for policy in sorted(content.policies.values(), key=lambda p: p.id):
        key = _frozen({k: v for k, v in policy.to_data().items() if k not in ("id", "name")})
        if key in seen:
            first = seen[key]
            found.append(_warning(
                policy.where("id"),
                f"这个条目除编号和名称外与条目 {first} 完全相同,像是复制后还没有修改。请改写它的内容,或删除多余的文件。",
                f"this entry is the same as entry {first} apart from id and name, as if copied and not yet edited. "
                "Rewrite its content or delete the extra file."))
        else:
            seen[key] = policy.id
    return found


def _frozen(data):
    """A record's plain data (``Record.to_data``: a reference is the id of
    the record it names) as nested tuples: hashable, cheap to compare."""
    if isinstance(data, dict):
        return tuple((k, _frozen(v)) for k, v in data.items())
    return tuple(_frozen(v) for v in data) if isinstance(data, list) else data


def _value_repeated_in_quote(content: Content) -> list[Problem]:
    """An indicator whose target value appears more than once in its quote:
    the check that the quote states the value cannot tell which is meant."""
    found = []
    for doc in content.documents.values():
        for ref in content.clauses(doc):
            for ind in ref.clause.indicators:
                if ind.quote is None or ind.value is None:
                    continue
                number = format_number(ind.value)
                times = number_occurrences(ind.quote, ind.value)
                if times > 1:
                    found.append(_warning(
                        ind.where("value"),
                        f"目标值 {number} 在原文表述“{ind.quote}”中出现了 {times} 次,无法确认指的是哪一处。"
                        "请把原文表述缩短到只包含这个目标的那一句。",
                        f'the value {number} appears {times} times in the quote "{ind.quote}", so it is not clear '
                        "which is meant. Shorten the quote to the part that states this target."))
    return found


def _departments_without_items(content: Content) -> list[Problem]:
    """A department that leads no indicator, is responsible for no task and
    administers no catalogue entry: its page would be empty."""
    used = set()
    for doc in content.documents.values():
        for ref in content.clauses(doc):
            used.update(d.ref_id for d in ref.clause.responsible)
            used.update(i.lead.ref_id for i in ref.clause.indicators if i.lead)
    for policy in content.policies.values():
        used.update(d.ref_id for d in policy.departments)
    return [
        _warning(dept.where("id"),
                 f"部门 {dept.id}({dept.name})没有牵头任何指标、没有负责任何任务,也没有主管任何政策目录条目。"
                 "请检查是否漏填了 lead、responsible 或 departments;如果确实不需要,可以删除这个部门。",
                 f"the department {dept.id} ({dept.name}) leads no indicator, is responsible for no task and "
                 "administers no catalogue entry. Check for a missing lead, responsible or departments; if it is "
                 "not needed, remove it.")
        for dept in content.departments.values() if dept.ref_id not in used
    ]


def _documents_of_unknown_validity(content: Content) -> list[Problem]:
    """A document whose validity is not stated: the site says 有效性未标注."""
    found = []
    for doc in content.documents.values():
        if validity_state(doc) != "unknown":
            continue
        found.append(_warning(
            doc.metadata.where("validity") if doc.metadata else doc.where("metadata"),
            f"文件 {doc.id} 没有填写有效性(metadata.validity),网站显示“有效性未标注”。"
            "如果发布机关公布了有效性,请照原文填写;不知道就保持空白。",
            f"the document {doc.id} states no validity (metadata.validity); the site shows 有效性未标注. "
            "If the issuer published it, fill it in as published; if not known, leave it empty."))
    return found


def working_days_after(start: dt.date, end: dt.date) -> int:
    """The working days after ``start`` up to and including ``end``, by the
    State Council's holiday schedule: public holidays off, 调休 weekend
    days worked (chinese_calendar). Raises NotImplementedError for a year
    the installed package has no schedule for."""
    if end <= start:
        return 0
    return len(chinese_calendar.get_workdays(start + dt.timedelta(days=1), end))


def _published_late(content: Content) -> list[Problem]:
    """A document published more than 20 working days after its 成文日期
    (条例 第26条): either a date is wrong, or the delay is real and the
    reader should be able to see why."""
    found = []
    for doc in content.documents.values():
        meta = doc.metadata
        if not meta or not meta.written_date or not meta.published:
            continue
        published = meta.published.date() if isinstance(meta.published, dt.datetime) else meta.published
        try:
            days = working_days_after(meta.written_date, published)
        except NotImplementedError:
            year = max(meta.written_date.year, published.year)
            found.append(_warning(
                meta.where("published"),
                f"无法核对文件 {doc.id} 是否在成文后 {DISCLOSURE_WORKING_DAYS} 个工作日内发布:已安装的 chinese-calendar "
                f"还没有 {year} 年的节假日安排。请更新它(make 会按 requirements.txt 安装,更新其中的版本)。",
                f"cannot check whether the document {doc.id} was published within {DISCLOSURE_WORKING_DAYS} working "
                f"days of its 成文日期: the installed chinese-calendar has no holiday schedule for {year}. Update it "
                "(its version in requirements.txt)."))
            continue
        if days > DISCLOSURE_WORKING_DAYS:
            found.append(_warning(
                meta.where("published"),
                f"文件 {doc.id} 的发布日期({date_zh(published)})在成文日期({date_zh(meta.written_date)})之后 {days} 个"
                f"工作日,超过《政府信息公开条例》第二十六条规定的 {DISCLOSURE_WORKING_DAYS} 个工作日。请核对两个日期是否照原文填写。",
                f"the document {doc.id} was published ({published}) {days} working days after its 成文日期 "
                f"({meta.written_date}), more than the {DISCLOSURE_WORKING_DAYS} working days of article 26 of the "
                "Regulations on the Disclosure of Government Information. Check both dates against the original."))
    return found


def _synonyms_leading_nowhere(content: Content) -> list[Problem]:
    """A synonym (content/search.yaml) whose terms no searchable text holds:
    searching its word then finds nothing. A warning, not an error: editing a
    page's text must never make the vocabulary invalid."""
    if content.search is None or not content.search.synonyms:
        return []
    from .search import content_records  # the records the search index is built from
    from .search.tokens import normalize

    said = normalize(" ".join(" ".join([r.title, r.text, *r.keywords]) for r in content_records(content)))
    found = []
    for synonym in content.search.synonyms:
        missing = [t for t in synonym.terms if normalize(t) not in said]
        if missing:
            words = "、".join(missing)
            found.append(_warning(
                synonym.where("terms"),
                f"同义词“{synonym.word}”对应的词 {words} 没有出现在网站的任何内容里,搜索“{synonym.word}”找不到它们。"
                "请改成网站内容里确实用的说法,或删掉这一项。",
                f'the synonym "{synonym.word}" leads to {", ".join(missing)}, which no searchable text of the site '
                f'contains, so searching "{synonym.word}" finds nothing through them. Use words the content uses, '
                "or delete the entry."))
    return found


def _launch_fields_missing(content: Content) -> list[Problem]:
    """A field every government site must show at the foot of its pages
    (SITE_LAUNCH_FIELDS) that site.yaml does not give: fine for a draft,
    not for the published site."""
    site = content.site
    if site is None:
        return []
    return [
        _warning(site.where(),
                 f"网站信息还没有填写{SITE.fields[name].label}({name}):政府网站上线前需要填写,每页底部显示。"
                 "请照实填写;还没有取得时保持空白。",
                 f"site.yaml does not give {name} ({SITE.fields[name].label}): a government site must show it at "
                 "the foot of every page before it goes live. Fill it in as issued; leave it empty until then.")
        for name in SITE_LAUNCH_FIELDS if getattr(site, name) is None
    ]
