"""The shape of an official document: title, notice, body title, clause tree, attachments.

Chinese official documents follow one layout (GB/T 9704): a title ending in
its kind (通知, 办法, 方案 …), the document number (X发〔YYYY〕N号), the
addressees (主送, ending with a colon), the notice's paragraphs, the issuing
body (落款) and the date, （此件公开发布）; then the issued document's own
title, an optional subtitle, a preamble and the numbered clauses; last the
attachments (附件). Each part is recognised by its form, never by position
alone, and any part may be missing.

Clauses nest by their numbering: 第X章 / 第X节 / 第X条, 一、, （一）, 1., （1） ⑴ ①,
and dash bullets (——). The first kind of number met is the top level and a
new kind nests under the current one, as readers understand them. After a
number, a short first sentence is the clause's heading (增体扩量,进一步扩大总量规模。)
and the rest its text; articles (第X条) have no headings. Paragraphs without a
number continue the clause above them; under a clause that is only a heading
they become an unnumbered sub-clause, as the published plan has them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..chinese import DATE, chinese_value, half_width
from .metadata import Metadata, read_metadata

_CN = "一二三四五六七八九十百零〇两"
MARKERS = [
    ("chapter", re.compile(rf"^第([{_CN}]+)章")),
    ("section", re.compile(rf"^第([{_CN}]+)节")),
    ("article", re.compile(rf"^第([{_CN}]+)条")),
    ("cn", re.compile(r"^([一二三四五六七八九十]+)、")),
    ("paren_cn", re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")),
    ("arabic", re.compile(r"^([0-9]{1,2}|[０-９]{1,2})[.．、](?![0-9０-９])")),
    ("paren_arabic", re.compile(r"^[（(]([0-9]{1,2}|[０-９]{1,2})[）)]")),
    ("enclosed", re.compile(r"^([⑴-⒇])")),
    ("circled", re.compile(r"^([①-⑳])")),
    ("dash", re.compile(r"^(—{2,}|－{2,}|-{2,})")),
]
_SPACE = " \t\u00a0\u3000"
_DOC_KIND = ("通知|通告|公告|决定|意见|办法|方案|规定|计划|细则|措施|举措|规则|规划|纲要|条例|批复|函|报告|要点|"
             "清单|指南|制度|守则|标准|公报|命令|令|议案|纪要")
_ENDS_AS_TITLE = re.compile(rf"({_DOC_KIND})([（(][^（）()]{{1,20}}[）)])?$")
_DOC_NO_LINE = re.compile(r"^\S{1,30}〔\d{4}〕\s*\d+\s*号$|^\S{2,40}令(第\s*)?[\d一二三四五六七八九十百零〇]+\s*号$")
_ORG_LINE = re.compile(r"^[^\s，,。；;：:]{2,40}(人民政府|办公室|办公厅|委员会|政府|局|厅|部|委|管委会)$")
_LETTERHEAD = re.compile(r"^\S{2,40}文件$")
_PUBLICATION_NOTE = re.compile(r"^[（(]此件[^（）()]{0,20}[）)]$")
# A date on a line of its own, and a garbled one (20190610).
_DATE_LINE = re.compile(rf"^(?:{DATE}|\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{6,8}})$")
_SUBTITLE = re.compile(r"^[（(][^（）()]{1,40}[）)]$|^——[^—]{1,60}$")
_ATTACHMENT = re.compile(r"^附\s*件\s*(\d*)\s*[:：]?\s*(.*)$")
_LIST_ITEM = re.compile(r"^(\d{1,2}|[０-９]{1,2})\s*[.．、]\s*(.+)$")
_ADDRESSEE_WORDS = re.compile(r"人民政府|单位|部门|委员会|局|办|厅|公司|管委会|机构|各|学校|街道|乡镇")
_SENTENCE = re.compile(r"[。；;！？!?]|[，,].{8,}")
_BOOK = re.compile(r"《([^《》]+)》")
# Page furniture copied with the text: accessibility switches, the site's
# address, print / close, font size, share; and breadcrumbs.
_CHROME_TOKEN = re.compile(r"[•·|]|无障碍(?:浏览|阅读)?|长者模式|关怀版|适老化|繁體|简体|English|"
                           r"[【\[]?(?:打印(?:本页)?|关闭(?:窗口|本页)?|返回顶部|分享(?:到)?|收藏)[】\]]?|"
                           r"字号[:：]?|[【\[]?[大中小][】\]]?|(?:https?://|www\.)[\w./%?=&#-]+")
_BREADCRUMB = re.compile(r"^(?:当前位置|您的位置|您现在的位置|首页\s*[>›»])")


@dataclass
class Clause:
    number: str | None = None
    heading: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    children: list["Clause"] = field(default_factory=list)
    marker: str | None = None
    ordinal: int | None = None
    id: str = ""

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class Notice:
    addressees: str | None
    paragraphs: list[str]
    signatory: str | None
    date_text: str | None
    publication_note: str | None


@dataclass
class Parsed:
    metadata: Metadata
    title: str | None = None
    issuer_line: str | None = None
    doc_no_line: str | None = None
    notice: Notice | None = None
    body_title: str | None = None
    subtitle: str | None = None
    clauses: list[Clause] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # lines kept out of the draft (letterheads), for review
    framed: bool = False  # addressees, or a signatory and date, were recognised
    own_frame: bool = False  # addressees, signatory and date belong to the document itself (no separate notice)


def marker_of(line: str) -> tuple[str, re.Match] | None:
    for kind, pattern in MARKERS:
        m = pattern.match(line)
        if m:
            return kind, m
    return None


def is_addressee(line: str) -> bool:
    return (line.endswith((":", "：")) and len(line) <= 300 and "。" not in line
            and _ADDRESSEE_WORDS.search(line) is not None and marker_of(line) is None)


def is_sentence(line: str) -> bool:
    return _SENTENCE.search(line) is not None


def is_date(line: str) -> bool:
    return _DATE_LINE.match(line) is not None


def is_signatory(line: str) -> bool:
    return (len(line) <= 60 and not is_sentence(line) and not is_date(line) and not re.search(r"[:：，,]", line)
            and not line.startswith(("《", "(", "（")) and marker_of(line) is None)


def _title_like(line: str) -> bool:
    return (len(line) <= 120 and not re.search(r"[。；;！？!?]", line) and not re.search(r"[，,].{8,}", line)
            and not is_date(line) and not _PUBLICATION_NOTE.match(line) and not is_addressee(line)
            and marker_of(line) is None)


def _join_title(lines: list[str], names: list[str]) -> str:
    """Title lines as one title: with a space or without, as the text names it elsewhere."""
    if len(lines) == 1:
        return lines[0]
    for joiner in (" ", ""):
        if joiner.join(lines) in names:
            return joiner.join(lines)
    return "".join(lines)


def parse(paragraphs: list[str]) -> Parsed:
    lines = list(paragraphs)
    first_marker = next((i for i, line in enumerate(lines) if marker_of(line)), len(lines))
    metadata = read_metadata(lines, list(range(first_marker)))
    parsed = Parsed(metadata)
    header = _without_chrome([lines[i] for i in range(first_marker) if i not in metadata.lines], parsed.dropped)
    body_lines = lines[first_marker:]

    # The document's own title, number and issuer stand before the notice.
    k = next((i for i, line in enumerate(header) if is_addressee(line) or is_sentence(line)), len(header))
    before, rest = header[:k], header[k:]
    title_lines: list[str] = []
    for i, line in enumerate(before):
        complete = bool(title_lines) and _ENDS_AS_TITLE.search("".join(title_lines)) is not None
        if complete and _title_like(line) and not (_DOC_NO_LINE.match(line) or _ORG_LINE.match(line)):
            rest[:0] = before[i:]  # the issued document's own title follows the notice's
            break
        if _DOC_NO_LINE.match(line):
            parsed.doc_no_line = line
        elif _LETTERHEAD.match(line) and not title_lines:
            parsed.dropped.append(line)
        elif _ORG_LINE.match(line) and title_lines and _ENDS_AS_TITLE.search(title_lines[-1]):
            parsed.issuer_line = line
        elif _title_like(line) and parsed.doc_no_line is None and parsed.issuer_line is None:
            title_lines.append(line)
        else:
            parsed.dropped.append(line)  # kept out of the draft, named on the review list

    # The notice: addressees, paragraphs, signatory, date, publication note.
    addressees = rest.pop(0) if rest and is_addressee(rest[0]) else None
    notice_paragraphs: list[str] = []
    while rest and (is_sentence(rest[0]) or _ATTACHMENT.match(rest[0]) and _ATTACHMENT.match(rest[0]).group(2)):
        line = rest.pop(0)
        m = _ATTACHMENT.match(line)
        if m and m.group(2) and not is_sentence(m.group(2)):
            parsed.attachments.append(m.group(2))
        else:
            notice_paragraphs.append(line)
    signatory_lines: list[str] = []
    while rest and is_signatory(rest[0]) and len(signatory_lines) < 3 and any(is_date(x) for x in rest[1:4]):
        signatory_lines.append(rest.pop(0))
        if rest and is_date(rest[0]):
            break
    date_text = rest.pop(0) if rest and is_date(rest[0]) else None
    note = rest.pop(0) if rest and _PUBLICATION_NOTE.match(rest[0]) else None
    if rest and re.fullmatch(r"附\s*件\s*\d*\s*[:：]?", rest[0]):
        rest.pop(0)  # the heading over the issued text, which follows

    names = [m.group(1) for p in notice_paragraphs for m in _BOOK.finditer(p)]
    if metadata.values.get("title"):
        names.append(metadata.values["title"])
    body_title_lines: list[str] = []
    while rest and _title_like(rest[0]) and len(body_title_lines) < 4:
        body_title_lines.append(rest.pop(0))
        if _ENDS_AS_TITLE.search(_join_title(body_title_lines, names)) or (rest and _SUBTITLE.match(rest[0])):
            break
    if rest and body_title_lines and _SUBTITLE.match(rest[0]):
        parsed.subtitle = rest.pop(0)

    notice_found = bool(notice_paragraphs) and bool(addressees or signatory_lines or date_text or note)
    parsed.framed = bool(addressees or (signatory_lines and date_text))
    parsed.title = _join_title(title_lines, names) if title_lines else metadata.values.get("title")
    if body_title_lines:
        parsed.body_title = _join_title(body_title_lines, names)
        if parsed.title is None:
            parsed.title = parsed.body_title
    else:
        parsed.body_title = parsed.title
    opening: list[str] = []
    closing: list[str] = []
    if notice_found and body_title_lines:
        parsed.notice = Notice(addressees, notice_paragraphs, " ".join(signatory_lines) or None, date_text, note)
    else:
        # No document follows the notice: its parts are the document's own opening and closing.
        opening = ([addressees] if addressees else []) + notice_paragraphs
        closing = signatory_lines + ([date_text] if date_text else []) + ([note] if note else [])
        parsed.own_frame = bool(addressees or closing)

    # The body: preamble, numbered clauses, closing lines and attachments.
    preamble = opening + rest
    body_lines, tail_attachments, annex = _split_attachments(body_lines)
    parsed.attachments += tail_attachments
    body_lines, end_lines = _split_closing(body_lines)
    closing += end_lines
    parsed.framed = parsed.framed or bool(end_lines)
    parsed.own_frame = parsed.own_frame or bool(end_lines)
    clauses: list[Clause] = []
    if preamble:
        clauses.append(Clause(paragraphs=preamble, id="preamble"))
    clauses += build_tree(body_lines + annex)
    if closing:
        clauses.append(Clause(paragraphs=closing, id="closing"))
    parsed.clauses = clauses
    assign_ids(clauses)
    return parsed


def is_chrome(line: str) -> bool:
    """Whether ``line`` is page furniture (无障碍浏览 长者模式, www.…, 【打印】【关闭】, 字号 大 中 小, 当前位置:首页 > …)."""
    return bool(_BREADCRUMB.match(line)) or all(_CHROME_TOKEN.fullmatch(t) for t in re.split(r"\s+|(?<=】)(?=【)", line) if t)


def _without_chrome(header: list[str], dropped: list[str]) -> list[str]:
    """The header without page furniture and the site's name beside it (added to ``dropped``)."""
    chrome = {i for i, line in enumerate(header) if is_chrome(line)}
    chrome |= {i for i, line in enumerate(header) if _ORG_LINE.match(line) and {i - 1, i + 1} & chrome}
    dropped += [line for i, line in enumerate(header) if i in chrome]
    return [line for i, line in enumerate(header) if i not in chrome]


def _split_attachments(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(body, attachment titles, lines after the list) from the end of the document."""
    for i, line in enumerate(lines):
        m = _ATTACHMENT.match(line)
        if not m or (m.group(2) and is_sentence(m.group(2)) and not _LIST_ITEM.match(m.group(2))):
            continue
        items = []
        first = m.group(2).strip(_SPACE)
        if first:
            items.append(first)
        j = i + 1
        while j < len(lines) and _LIST_ITEM.match(lines[j]) and len(lines[j]) <= 200 and "。" not in lines[j]:
            items.append(lines[j])
            j += 1
        if items:
            titles = [(_LIST_ITEM.match(x).group(2) if _LIST_ITEM.match(x) else x).strip(_SPACE) for x in items]
            return lines[:i], titles, lines[j:]
    return lines, [], []


def _split_closing(lines: list[str]) -> tuple[list[str], list[str]]:
    """Signatory, date and publication note at the very end of a document that is its own notice."""
    end = len(lines)
    if end and _PUBLICATION_NOTE.match(lines[end - 1]):
        end -= 1
    if end >= 2 and is_date(lines[end - 1]) and is_signatory(lines[end - 2]):
        return lines[: end - 2], lines[end - 2:]
    return lines, []


# -- The clause tree -----------------------------------------------------------

_HEADING_MAX = 40
_SHORT_HEADING = 20


def _ordinal(kind: str, token: str) -> int | None:
    if kind in ("arabic", "paren_arabic"):
        return int(half_width(token))
    if kind == "enclosed":
        return ord(token) - 0x2474 + 1
    if kind == "circled":
        return ord(token) - 0x2460 + 1
    if kind == "dash":
        return None
    return chinese_value(token)


def split_heading(kind: str, rest: str) -> tuple[str | None, str]:
    """(heading, text) of what follows a number."""
    if kind in ("chapter", "section"):
        return (rest or None), ""
    if kind == "article" or not rest:
        return None, rest
    body = rest.rstrip("。")
    if len(rest) <= _HEADING_MAX and not re.search(r"[。；;！？!?：:，,]", body):
        return rest, ""
    if len(rest) <= _SHORT_HEADING and not re.search(r"[。；;！？!?：:]", rest):
        return rest, ""  # 突出项目拉动,持续扩大投资: a heading in two parts
    m = re.search(r"。", rest)
    if m and m.end() <= _HEADING_MAX + 1 and m.end() < len(rest) and not re.search(r"[；;！？!?：:]", rest[:m.end()]):
        return rest[:m.end()], rest[m.end():].lstrip(_SPACE)
    return None, rest


def build_tree(lines: list[str]) -> list[Clause]:
    roots: list[Clause] = []
    stack: list[Clause] = []
    for line in lines:
        found = marker_of(line)
        if found is None:
            _continue(roots, stack, line)
            continue
        kind, m = found
        number = m.group(0)
        rest = line[m.end():].lstrip(_SPACE)
        heading, text = split_heading(kind, rest)
        clause = Clause(number=number, heading=heading, paragraphs=[text] if text else [], marker=kind,
                        ordinal=_ordinal(kind, m.group(1)))
        kinds = [c.marker for c in stack]
        if kind in kinds:
            del stack[kinds.index(kind):]
        elif kind == "chapter" or (kind in ("section", "article") and "chapter" in kinds and kinds[0] != "chapter"):
            stack.clear()
        (stack[-1].children if stack else roots).append(clause)
        stack.append(clause)
    return roots


def _continue(roots: list[Clause], stack: list[Clause], line: str) -> None:
    """A paragraph without a number belongs to the clause above it."""
    if not stack:
        if roots and not roots[-1].number:
            roots[-1].paragraphs.append(line)
        else:
            roots.append(Clause(paragraphs=[line]))
        return
    clause = stack[-1]
    if clause.children:
        last = clause.children[-1]
        if last.number is None:
            last.paragraphs.append(line)
        else:
            clause.children.append(Clause(paragraphs=[line]))
    elif clause.paragraphs or clause.heading is None:
        clause.paragraphs.append(line)
    else:
        clause.children.append(Clause(paragraphs=[line]))


_ID_PREFIX = {"chapter": "ch", "section": "sec", "article": "art"}


def assign_ids(clauses: list[Clause]) -> None:
    """Readable, stable ids from the numbering: art-8, cl-3-2-1, cl-1-dash-2, cl-2-text."""
    used: set[str] = {c.id for c in clauses if c.id}
    counter = {"para": 0}

    def unique(candidate: str) -> str:
        result, n = candidate, 2
        while result in used:
            result, n = f"{candidate}-{n}", n + 1
        used.add(result)
        return result

    def visit(items: list[Clause], parent: Clause | None) -> None:
        dashes = 0
        texts = 0
        for clause in items:
            if clause.id:
                pass
            elif clause.marker in _ID_PREFIX:
                prefix = _ID_PREFIX[clause.marker]
                if clause.marker == "section" and parent is not None:
                    clause.id = unique(f"{parent.id}-{prefix}-{clause.ordinal}")
                else:  # chapters and articles are numbered through the whole document
                    clause.id = unique(f"{prefix}-{clause.ordinal}")
            elif clause.marker == "dash":
                dashes += 1
                clause.id = unique(f"{parent.id}-dash-{dashes}" if parent else f"dash-{dashes}")
            elif clause.marker:
                base = parent.id if parent and parent.marker not in ("chapter", "section") else "cl"
                if parent and parent.marker in ("chapter", "section"):
                    base = f"{parent.id}-cl"
                clause.id = unique(f"{base}-{clause.ordinal}")
            elif parent is not None:
                texts += 1
                clause.id = unique(f"{parent.id}-text" if texts == 1 else f"{parent.id}-text-{texts}")
            else:
                counter["para"] += 1
                clause.id = unique(f"para-{counter['para']}")
            visit(clause.children, clause)

    visit(clauses, None)
