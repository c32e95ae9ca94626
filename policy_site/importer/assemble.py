"""From the recognised parts of a document to a draft in the content model's terms.

This is where each part finds its field: metadata values, the notice, the
clause tree with its units, citations and proposed indicators, attachments,
new departments and stubs for cited documents. Whatever the text does not
state stays empty and becomes an item of the review list, with a word on why;
nothing is filled in from elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..chinese import parse_date
from ..schema.model import DISCLOSURE_FIELDS, METADATA, VALIDITY
from ..schema.types import Invalid, Object, resolve
from .structure import Clause, Parsed, is_date, is_signatory
from .targets import find_targets
from .units import Departments, line_units, unit_groups

_CITATION = re.compile(r"《([^《》]+)》\s*[（(]([^（）()]*?〔\s*\d{4}\s*〕\s*\d+\s*号)[）)]")
_ISSUER = re.compile(r"^(国务院办公厅|国务院|.{2,40}?(人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|厅|局|部|委))关于")
_EXTENSION = re.compile(r"\.(docx?|pdf|xlsx?|wps|ofd|et|zip|rar)$", re.I)
_VALIDITY = {v: v for v in VALIDITY.terms} | {"现行有效": "有效", "是": "有效"}


@dataclass
class ReviewItem:
    path: str
    zh: str


@dataclass
class Draft:
    document: dict
    stubs: list[dict] = field(default_factory=list)
    departments: list[dict] = field(default_factory=list)  # new ones, for the government's file
    review: list[ReviewItem] = field(default_factory=list)
    comments: dict[str, str] = field(default_factory=dict)  # path -> short YAML comment

    def note(self, path: str, zh: str, comment: str | None = None) -> None:
        """A review item; ``comment`` beside the field says what the empty field means (原文没有写明)."""
        self.review.append(ReviewItem(path, zh))
        if comment:
            self.comments.setdefault(path, comment)


@dataclass
class Known:
    """What the site already has: departments by name, documents by number."""

    departments: dict[str, str]  # name -> id
    documents_by_no: dict[str, str]  # 文号 -> document id
    document_ids: set[str]
    namesakes: dict[str, list[str]] = field(default_factory=dict)  # name -> ids, where several departments share it
    government_file: str = ""  # where new departments are written: content/governments/<id>.yaml


def fits(model: Object, name: str, value) -> str | None:
    """None if ``value`` fits field ``name`` of ``model``, else the reason (Chinese)."""
    kind = resolve(model.fields[name].type)
    try:
        kind.convert(str(value))
    except Invalid as exc:
        return exc.zh
    return None


# The words of a title that say what kind of document it is (schema.model.
# DOCUMENT_TYPE), most specific first: 关于印发…计划的通知 is a 计划.
_TYPE_WORDS = [("办法", "办法"), ("规定", "办法"), ("细则", "办法"), ("措施", "若干措施"), ("举措", "若干措施"),
               ("计划", "计划"), ("规划", "计划"), ("方案", "计划"), ("意见", "意见"),
               ("通知", "通知"), ("决定", "通知")]


def document_type(title: str) -> str | None:
    """The document type its title names, or None: the kind word nearest the end
    of the issued title (…24条措施的意见 is an 意见; 关于印发…方案的通知 a 计划)."""
    issued = _short_title(title) or title
    found = [(issued.rfind(word), -i, kind) for i, (word, kind) in enumerate(_TYPE_WORDS) if word in issued]
    return max(found)[2] if found else None


def assemble(parsed: Parsed, known: Known, one_line: bool) -> Draft:
    draft = Draft({})
    departments = Departments(known.departments)
    doc = draft.document
    doc["id"] = None  # set by the caller, which knows the file name
    doc["title"] = parsed.title
    short = _short_title(parsed.title or "")
    if short:
        doc["short_title"] = short
    kind = document_type(parsed.title or "")
    if kind:
        doc["type"] = kind
        draft.note("type", f"文件类型按标题中的字样定为“{kind}”(决定页面名称和条款的称呼),请核对。")
    else:
        doc["type"] = None
        draft.note("type", "没能从标题判断文件类型,请填写 计划 / 意见 / 若干措施 / 办法 / 通知 之一,或留空(按计划处理)。")
    doc["metadata"] = _metadata(parsed, draft)
    if parsed.notice:
        doc["notice"] = _notice(parsed, draft)
    if parsed.own_frame:
        draft.note("body.clauses", "本文件没有单独的印发通知:开头的主送机关和结尾的落款、日期作为正文段落"
                                   "(preamble、closing)照录,请核对。")
    if one_line:
        draft.note("body", "原文没有换行(整篇只有一行),段落和条款由导入程序按格式还原,请对照原文核对分段。")
    for line in parsed.dropped:
        draft.note("title", f"标题前的“{line}”没有录入(文件头或无法识别的内容),请核对是否需要。")
    body = {"title": parsed.body_title}
    if parsed.subtitle:
        body["subtitle"] = parsed.subtitle
    citations: dict[str, str] = {}
    body["clauses"] = [_clause(c, "body.clauses", i, draft, departments, known, citations, None)
                       for i, c in enumerate(parsed.clauses)]
    doc["body"] = body
    if parsed.attachments:
        doc["attachments"] = []
        for i, title in enumerate(parsed.attachments):
            item = {"id": f"attachment-{i + 1}"}
            m = _EXTENSION.search(title)
            item["title"] = title[: m.start()] if m else title
            if m:
                item["format"] = m.group(1).lower()
            item["available"] = False
            doc["attachments"].append(item)
            draft.note(f"attachments[{i}].available",
                       f"附件“{item['title']}”的文件本站没有收录(available: false);如取得附件文件,请放到网站后改为 true。")
    draft.departments = [{"id": d.id, "name": d.name} for d in departments.new]
    return draft


def _short_title(title: str) -> str | None:
    m = re.search(r"印发(.+)的通知$", title)
    if not m:
        return None
    inner = m.group(1).strip()
    if inner.startswith("《") and inner.endswith("》") and inner.count("《") == 1:
        inner = inner[1:-1]
    return inner if len(inner) <= 120 else None


_LABELS = {name: f.label for name, f in METADATA.fields.items()}


def _metadata(parsed: Parsed, draft: Draft) -> dict:
    values = dict(parsed.metadata.values)
    result: dict = {}
    if "issuer" not in values and parsed.issuer_line:
        values["issuer"] = parsed.issuer_line
        draft.note("metadata.issuer", f"发布单位取自标题下方的“{parsed.issuer_line}”,公开信息中没有这一项,请核对。")
    if "issuer" not in values:
        signed = parsed.notice.signatory if parsed.notice else _closing_signatory(parsed)
        titled = _ISSUER.match(parsed.title or "")
        if signed:
            values["issuer"] = signed
            draft.note("metadata.issuer", f"发布单位取自落款“{signed}”,公开信息中没有这一项,请核对。")
        elif titled:
            values["issuer"] = titled.group(1)
            draft.note("metadata.issuer", f"发布单位取自标题中的“{titled.group(1)}”,公开信息中没有这一项,请核对。")
    if "doc_no" not in values and parsed.doc_no_line:
        values["doc_no"] = parsed.doc_no_line
        draft.note("metadata.doc_no", f"文件编号取自标题下方的“{parsed.doc_no_line}”,公开信息中没有这一项,请核对。")
    for name in DISCLOSURE_FIELDS:
        path = f"metadata.{name}"
        raw = values.get(name)
        if raw is None:
            result[name] = None
            hint = ""
            if name == "written_date" and parsed.notice and parsed.notice.date_text:
                hint = f"(印发通知的落款日期是“{parsed.notice.date_text}”,如与成文日期相同可填写)"
            draft.note(path, f"原文没有写明{_LABELS[name]},留空{hint}。请按发布机关公开的信息填写,查不到就保持空白。",
                       "原文没有写明")
            continue
        value = raw
        if name == "written_date":
            day, _ = parse_date(raw)
            value = day.isoformat() if day else None
        elif name == "published":
            day, time = parse_date(raw)
            value = (f"{day.isoformat()} {time}" if time else day.isoformat()) if day else None
        elif name == "validity":
            value = _VALIDITY.get(raw)
        reason = fits(METADATA, name, value) if value is not None else "无法识别"
        if value is None or reason:
            result[name] = None
            draft.note(path, f"原文的{_LABELS[name]}“{raw}”无法按本站格式录入({reason}),留空,请核对后填写。")
            continue
        result[name] = value
    for label, value in parsed.metadata.other:
        if label == "(无标签)":
            draft.note("metadata", f"公开信息中的“{value}”没有标签(可能是发布日期),没有录入;如确是发布日期,请填入 published。")
        else:
            draft.note("metadata", f"公开信息中的“{label}:{value}”在本站的内容模型中没有对应字段,没有录入。")
    return result


def _closing_signatory(parsed: Parsed) -> str | None:
    """The signatory of a document that is its own notice: the first line of its closing."""
    closing = next((c for c in parsed.clauses if c.id == "closing"), None)
    first = closing.paragraphs[0] if closing and closing.paragraphs else None
    return first if first and is_signatory(first) and not is_date(first) else None


def _notice(parsed: Parsed, draft: Draft) -> dict:
    n = parsed.notice
    notice: dict = {"addressees": n.addressees, "paragraphs": n.paragraphs, "signatory": n.signatory}
    if n.addressees is None:
        draft.note("notice.addressees", "原文没有主送机关,留空。请核对原文(政府令等文件没有主送)。", "原文没有写明")
    if n.signatory is None:
        draft.note("notice.signatory", "原文没有落款,留空。请核对原文。", "原文没有写明")
    day = parse_date(n.date_text)[0] if n.date_text else None
    notice["date"] = day.isoformat() if day else None
    if n.date_text is None:
        draft.note("notice.date", "原文没有写明印发日期,留空。", "原文没有写明")
    elif day is None:
        draft.note("notice.date", f"原文的日期“{n.date_text}”不是完整的日期(可能网页缺字),留空。请对照原件填写。")
    if n.publication_note:
        notice["publication_note"] = n.publication_note
    return notice


def _clause(clause: Clause, base: str, index: int, draft: Draft, departments: Departments, known: Known,
            citations: dict[str, str], inherited_lead: str | None, goal_context: bool = False) -> dict:
    path = f"{base}[{index}]"
    data: dict = {"id": clause.id}
    if clause.number:
        data["number"] = clause.number
    if clause.heading:
        data["heading"] = clause.heading
    text = clause.text
    if text:
        data["text"] = text
    heading_lead = inherited_lead
    responsible: list[str] = []
    if clause.heading:
        for group in unit_groups(clause.heading):
            responsible += [departments.resolve(n) for n in group.everyone]
            if group.lead:
                heading_lead = departments.resolve(group.lead[0])
    cites = _cites(text, path, draft, known, citations)
    if cites:
        data["cites"] = cites
    goal_context = goal_context or "目标" in (clause.heading or "")
    targets, unclear = find_targets(text, goal_context) if text else ([], [])
    groups = unit_groups(text) if text else []
    covering: set[int] = set()
    indicators = []
    search_from = 0
    for k, target in enumerate(targets):
        at = text.find(target.quote, search_from if not target.shared else 0)
        if at < 0:
            at = text.find(target.quote)
        search_from = at + len(target.quote)
        lead = None
        for g, group in enumerate(groups):
            if group.start >= at + len(target.quote) and group.lead:
                lead = departments.resolve(group.lead[0])
                covering.add(g)
                break
            if group.start >= at + len(target.quote):
                break
        lead = lead or heading_lead
        ind: dict = {"id": f"{clause.id}-target-{k + 1}", **target.fields()}
        if target.deadline:
            ind["deadline"] = target.deadline
        if target.kind:
            ind["kind"] = target.kind
        ind["lead"] = lead
        ipath = f"{path}.indicators[{k}]"
        if not lead:
            draft.comments[f"{ipath}.lead"] = "原文没有写明"
        extra = "" if lead else ";原文没有写明牵头单位,lead 留空"
        shared = ";原文一句给出几个数值,一项指标,每个数值是 values 中的一项(名称 label 照原文)" if target.shared else ""
        draft.note(ipath, f"拟议指标“{target.quote}”:请核对指标名称“{target.metric}”、{target.summary()}"
                          f"{extra}{shared}。")
        indicators.append(ind)
    for g, group in enumerate(groups):
        if g in covering and not group.others:
            continue  # a lead unit stated for the targets before it
        responsible += [departments.resolve(n) for n in group.everyone]
    for para in clause.paragraphs:
        group = line_units(para)
        if group:
            responsible += [departments.resolve(n) for n in group.everyone]
    responsible = list(dict.fromkeys(responsible))
    where = f"{path}.responsible" if responsible else f"{path}.indicators"
    for d in departments.newly_added():
        how = "由名称中的词语拟定" if d.readable else "是顺序编号,请改成易读的英文编号"
        draft.note(where, f"新部门“{d.name}”,拟用编号 {d.id}({how}),已加到 {known.government_file} 的部门中;"
                          "如果它就是已有的某个部门,请在那里删去它,这里改用那个部门的编号。")
    for name, dept_id in departments.newly_reused():
        others = [i for i in known.namesakes.get(name, []) if i != dept_id]
        also = f"(本站还有同名部门 {'、'.join(others)},请选对)" if others else ""
        draft.note(where, f"“{name}”按名称沿用了本站已有的部门 {dept_id}{also};如果不是同一单位(例如另一个区的同名部门),"
                          f"请在 {known.government_file} 中新建部门并改用新编号。")
    if indicators:
        data["role"] = "goal"
    elif responsible:
        data["role"] = "task"
    if responsible:
        data["responsible"] = responsible
    if indicators:
        data["indicators"] = indicators
    for item in unclear:
        draft.note(f"{path}.text", f"“{item.sentence}”:{item.reason_zh}。")
    children = [_clause(c, f"{path}.children", i, draft, departments, known, citations, heading_lead, goal_context)
                for i, c in enumerate(clause.children)]
    if children:
        data["children"] = children
    return data


def _cites(text: str, path: str, draft: Draft, known: Known, citations: dict[str, str]) -> list[str]:
    ids = []
    for m in _CITATION.finditer(text or ""):
        title, number = m.group(1), m.group(2).strip()
        if number in known.documents_by_no:
            doc_id = known.documents_by_no[number]
        elif number in citations:
            doc_id = citations[number]
        else:
            doc_id = _stub_id(number, known.document_ids | set(citations.values()))
            citations[number] = doc_id
            stub: dict = {"id": doc_id, "title": title, "metadata": {"doc_no": number}}
            issuer = _ISSUER.match(title)
            if issuer:
                stub["metadata"]["issuer"] = issuer.group(1)
            draft.stubs.append(stub)
            draft.note(f"{path}.cites", f"引用的《{title}》({number})本站还没有,已新建只含文号、标题"
                                        f"{'和发布机关' if issuer else ''}的条目 content/documents/{doc_id}.yaml,请核对。")
        if doc_id not in ids:
            ids.append(doc_id)
    return ids


def _stub_id(number: str, taken: set[str]) -> str:
    m = re.search(r"〔\s*(\d{4})\s*〕\s*(\d+)", number)
    base = f"doc-{m.group(1)}-{m.group(2)}" if m else "doc"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
