"""Cross-checks over loaded content: ids unique within a document, catalogue
entries' basis clauses and indicators, interpretations' citations and
placeholders, the site's contacts and the search vocabulary."""

from __future__ import annotations

import re

from .. import target_shape, urls
from ..errors import Problems
from ..schema.model import FORGE
from ..schema.types import shown
from ..suggest import unknown_reference
from ..validate import Record
from .queries import Content
from .quotes import check_clause_text


def cross_check(content: Content, problems: Problems) -> None:
    """Check what one file cannot show alone (run once references are resolved)."""
    for doc in content.documents.values():
        # Clause, indicator and attachment ids become anchors on the same pages,
        # so they share one namespace per document, apart from the page sections.
        clauses = [r.clause for r in content.clauses(doc)]
        indicators = [i for c in clauses for i in c.indicators]
        _unique_within(doc, clauses + indicators + list(doc.attachments), problems)
        _part_anchors_unique(doc, clauses + indicators + list(doc.attachments), problems)
        for ref in content.clauses(doc):
            check_clause_text(ref.clause, problems)
        for relation in (r for r in doc.relations if r.document is doc):
            problems.add(*relation.where("document"), "文件不能与自己有关系:请填写另一份文件的编号。",
                         "a document cannot relate to itself: give the id of another document.")
    for policy in content.policies.values():
        _check_policy(content, policy, problems)
        if policy.successor is policy:
            problems.add(*policy.where("successor"),
                         "接替条目不能是本条目自己:请填写接替它的另一个条目的编号,或删掉这一行。",
                         "an entry cannot succeed itself: give the id of another entry, or remove the line.")
    for interpretation in content.interpretations.values():
        _check_interpretation(content, interpretation, problems)


def check_site(site: Record, problems: Problems) -> None:
    """The site's contacts lead somewhere: the helpline is a name and a number,
    and each place to find current policies (现行政策到哪里找) gives an
    address or a number. A name alone tells a reader nothing they can act on.
    The web editor's forge offers the editorial workflow asked of it."""
    for source in site.current_policies or ():
        if source.name and not (source.url or source.phone):
            problems.add(*source.where("name"),
                         f"“{source.name}”没有填写 url 或 phone:请写上它的网址或电话(至少一项),读者才能找到它。",
                         f'"{source.name}" gives neither url nor phone: add its address or number (at least one) '
                         "so that a reader can reach it.")
    editor = site.editor
    if editor is not None and editor.editorial_workflow and not FORGE.term(editor.backend).extra["workflow"]:
        problems.add(*editor.where("editorial_workflow"),
                     f"{FORGE.term(editor.backend).label} 不支持审核流程(草稿 → 待审核 → 发布):"
                     "请删去 editorial_workflow 这一行(保存即提交到分支),或改用 GitLab(backend: gitlab)。",
                     f"{editor.backend} does not support the editorial workflow (draft → in review → publish): "
                     "delete the editorial_workflow line (a save commits to the branch), or use GitLab "
                     "(backend: gitlab).")
    given = {name: getattr(site, name) for name in ("helpline_name", "helpline_phone")}
    if all(given.values()) or not any(given.values()):
        return
    have = next(name for name, value in given.items() if value)
    missing = next(name for name, value in given.items() if not value)
    problems.add(*site.where(have),
                 f"填写了 {have}，还需要填写 {missing}:咨询热线的名称和电话要一起填写(或者都留空)。",
                 f"{have} is given but {missing} is not: give the helpline's name and phone together (or neither).")


# The first bytes of each kind of picture an ImageFile may name.
_PICTURE_SIGNATURES = {"png": (b"\x89PNG\r\n\x1a\n",), "gif": (b"GIF87a", b"GIF89a"),
                       "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",)}


def check_site_files(site: Record, root, problems: Problems) -> None:
    """The 党政机关网站标识's picture is in the content folder and is the
    picture its name says: a missing or mislabelled file would show a broken
    image at the foot of every page."""
    if site.emblem is None:
        return
    path = site.emblem.image
    file = root / path
    kind = path.rsplit(".", 1)[-1].lower()
    if not file.is_file():
        problems.add(*site.emblem.where("image"),
                     f"找不到图片 content/{path}:请把标识图片放到这个位置,或改正路径(区分大小写)。",
                     f"content/{path} does not exist: put the mark's picture there or correct the path "
                     "(case matters).")
    elif not file.read_bytes()[:8].startswith(_PICTURE_SIGNATURES[kind]):
        problems.add(*site.emblem.where("image"),
                     f"content/{path} 不是 {kind.upper()} 图片:请放入真正的图片文件,或把扩展名改成它实际的格式。",
                     f"content/{path} is not a {kind.upper()} picture: put the real picture there, or give it the "
                     "extension of its actual format.")


def check_vocabulary(search: Record, problems: Problems) -> None:
    """A word listed twice, a synonym that leads to itself, or a word both
    dropped and translated would make search do something staff did not mean."""
    for field, zh, en in (("broad_words", "泛指用语", "broad word"), ("abroad_words", "境外用语", "abroad word"),
                          ("stop_words", "提问用语", "stop word")):
        listed: set[str] = set()
        for n, word in enumerate(getattr(search, field)):
            if word in listed:
                problems.add(*search.where_item(field, n), f"{zh}“{word}”重复列出，请删去一处。",
                             f'the {en} "{word}" is listed twice: delete one.')
            listed.add(word)
    seen = set(search.stop_words)
    for n, word in enumerate(search.broad_words):
        if word in seen:
            problems.add(*search.where_item("broad_words", n),
                         f"“{word}”既是提问用语又是泛指用语：搜索会略去它。请从 stop_words 或 broad_words 中删去一处。",
                         f'"{word}" is both a stop word and a broad word: search drops it. '
                         "Delete it from stop_words or from broad_words.")
    words: set[str] = set()
    for n, synonym in enumerate(search.synonyms):
        word = synonym.word
        where = synonym.where("word")
        if word in words:
            problems.add(*where, f"同义词“{word}”重复列出，请把对应的词合并到一处。",
                         f'the synonym "{word}" is listed twice: merge its terms into one entry.')
        elif word in seen:
            problems.add(*where, f"“{word}”既是提问用语又是同义词：搜索会略去它。请从 stop_words 或 synonyms 中删去一处。",
                         f'"{word}" is both a stop word and a synonym: search drops it. '
                         "Delete it from stop_words or from synonyms.")
        if word in synonym.terms:
            problems.add(*synonym.where("terms"), f"同义词“{word}”对应的词不能是它自己。",
                         f'the synonym "{word}" must not list itself among its terms.')
        words.add(word)


def clause_names(content: "Content", document: Record) -> dict[str, list[str]]:
    """Each clause id of ``document`` with its number and heading (what a
    clause-id suggestion compares and lists)."""
    return {ref.clause.id: [" ".join(n for n in (ref.clause.number, ref.clause.heading) if n)]
            for ref in content.clauses(document)}


_KIND_LABELS = {"clause": "条款", "indicator": "指标", "attachment": "附件"}


def _check_policy(content: Content, policy: Record, problems: Problems) -> None:
    """The period is in order, basis clauses and related indicators exist."""
    period = policy.application_period
    if period and period.start and period.end and period.end < period.start:
        problems.add(*period.where("end"),
                     "截止日期早于开始日期。",
                     "the end date is before the start date.")
    if "document" in content.unreadable:
        return  # basis documents may be missing because their file did not load
    indicator_ids = set()
    for basis in policy.basis:
        if basis.document is None or basis.clause is None:
            continue
        if content.clause_by_id(basis.document, basis.clause) is None:
            problems.add(*basis.where("clause"), *_unknown_clause(content, basis.document, basis.clause))
        indicator_ids |= content.indicator_ids(basis.document)
    for i, ind_id in enumerate(policy.related_indicators):
        if ind_id not in indicator_ids:
            known = "、".join(sorted(indicator_ids)) or "(无)"
            problems.add(*policy.where_item("related_indicators", i),
                         f"依据文件中没有编号为“{ind_id}”的指标。可用的指标编号:{known}。",
                         f'the basis documents have no indicator "{ind_id}". Known indicator ids: {", ".join(sorted(indicator_ids))}.')


def _unknown_clause(content: Content, doc: Record, clause_id: str) -> tuple[str, str]:
    file = doc.where()[0]
    return unknown_reference(
        clause_id, clause_names(content, doc), "条款", "clause",
        f"条款编号是文件 {file} 中每个条款的 id 字段;运行 python -m policy_site ids 可列出所有文件的条款编号。",
        f" Clause ids are the id fields of the clauses in {file}; python -m policy_site ids lists every document's clause ids.",
        head=(f"文件 {doc.id} 中没有编号为“{shown(clause_id)}”的条款。",
              f'document {doc.id} has no clause with id "{shown(clause_id)}".'))


# A placeholder for an indicator's target ({new-micro-firms}) or lead unit
# ({new-micro-firms.lead}) in interpretation text.
PLACEHOLDER = re.compile(r"\{([a-z0-9]+(?:-[a-z0-9]+)*)(\.lead)?\}")
# Names may carry digits (“3315计划”, 《…(2018-2020年)》); other numbers come from the data.
_NAMES = re.compile(r"“[^”]*”|《[^》]*》")
_DIGIT = re.compile(r"[0-9０-９]")


def _check_interpretation(content: Content, item: Record, problems: Problems) -> None:
    """Cited clauses exist; numbers come from indicators, never typed; the
    解读机关 and 解读类型 are given together or not at all."""
    written = [name for name in ("body", "interpreter_type") if name in item._field_pos]  # (a wrong value is reported at it)
    if len(written) == 1:
        have, missing = written[0], ({"body", "interpreter_type"} - set(written)).pop()
        problems.add(*item.where(have),
                     f"填写了 {have}，还需要填写 {missing}:政策解读要写明解读机关(body)和解读类型(interpreter_type)。"
                     "不知道解读机关时两项都留空,网站会把它作为本站编辑说明。",
                     f"{have} is given but {missing} is not: an interpretation names its body (解读机关) and its "
                     "interpreter_type (解读类型). When the body is not known, leave both out: the site then presents "
                     "it as the site's own explanatory note (本站编辑说明).")
    doc = item.document
    if doc is None or "document" in content.unreadable:
        return
    for s, section in enumerate(item.sections):
        for p, point in enumerate(section.points):
            for i, clause_id in enumerate(point.cites):
                if content.clause_by_id(doc, clause_id) is None:
                    problems.add(*point.where_item("cites", i), *_unknown_clause(content, doc, clause_id))
            for name in ("question", "text"):
                value = getattr(point, name)
                if not value:
                    continue
                for m in PLACEHOLDER.finditer(value):
                    found = content.indicator_by_id(doc, m.group(1))
                    if found is None:
                        problems.add(*point.where(name),
                                     f"文件 {doc.id} 中没有编号为“{m.group(1)}”的指标(写在 {{{m.group(1)}}} 中)。",
                                     f'document {doc.id} has no indicator "{m.group(1)}" (used as {{{m.group(1)}}}).')
                    elif m.group(2) and found[1].lead is None and "lead" not in found[1]._field_pos:
                        # (a lead that was written but is unknown is reported at the indicator)
                        problems.add(*point.where(name),
                                     f"指标“{m.group(1)}”没有牵头单位,不能写 {{{m.group(1)}.lead}}。",
                                     f'indicator "{m.group(1)}" has no lead unit, so {{{m.group(1)}.lead}} cannot be used.')
                if _DIGIT.search(_NAMES.sub("", PLACEHOLDER.sub("", value))):
                    problems.add(*point.where(name),
                                 "解读中不要手写数字:请用 {指标编号} 引用指标数据,数字会自动与文件保持一致。",
                                 "do not type numbers in an interpretation: write {indicator-id} so the number comes from the document's data.")


def _unique_within(doc: Record, records: list[Record], problems: Problems) -> None:
    seen: dict[str, Record] = {}
    reserved = set(vars(urls.SECTIONS).values())
    for record in records:
        zh, en = _KIND_LABELS[record._kind], record._kind
        if record.id in reserved:
            problems.add(*record.where("id"),
                         f"{zh}编号不能用“{record.id}”:它是页面固定栏目的锚点。保留的编号:{'、'.join(sorted(reserved))}。",
                         f'the {en} id "{record.id}" is reserved for a page section. Reserved ids: {", ".join(sorted(reserved))}.')
        elif record.id in seen:
            first = seen[record.id].where("id")[1][0]
            problems.add(*record.where("id"),
                         f"{zh}编号“{record.id}”在文件 {doc.id} 中重复(第 {first} 行已使用)。",
                         f'duplicate {en} id "{record.id}" in document {doc.id} (already used on line {first}).')
        elif record.id:
            seen[record.id] = record


def _part_anchors_unique(doc: Record, records: list[Record], problems: Problems) -> None:
    """The anchor of each labelled value (indicator id + value id) names
    nothing else on the document's pages."""
    taken = {r.id for r in records if r.id}
    for ind in (r for r in records if r._kind == "indicator"):
        own: set[str] = set()
        for part in ind.values:
            if part.id in own:
                continue  # a value id used twice in one indicator: reported by _check_values
            own.add(part.id)
            anchor = target_shape.part_anchor(ind, part)
            if anchor in taken:
                problems.add(*part.where("id"),
                             f"分项的锚点“{anchor}”(指标编号-分项编号)与文件 {doc.id} 中已有的编号相同，请换一个分项编号。",
                             f'the anchor "{anchor}" (indicator id - value id) is already an id in document {doc.id}; '
                             "choose another value id.")
            taken.add(anchor)
