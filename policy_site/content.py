"""Load every content file, validate it, resolve references, build indexes.

``load_content(dir)`` is the one entry point: it returns a ``Content`` whose
documents and departments are validated records with references replaced by
the records they name, or raises ``ContentError`` listing every problem.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from . import target_shape, urls
from .errors import Problems
from .present import (ENTRY_BASIS_IN_FORCE, ENTRY_PERIOD_ENDED, ENTRY_PERIOD_NOT_STARTED, entry_basis_lapsed,
                      entry_basis_unknown, format_number, range_span, relative_phrase, validity_state)
from .schema.model import (COMPARATOR, CONTENT_FILES, INDICATOR, INTERPRETATION, INTERPRETATION_TYPE, POLICY,
                           POLICY_STATUS, RELATION_TYPE, SEARCH, SITE)
from .schema.types import Object
from .schema.types import Ref, shown
from .quote_match import mismatch_message
from .suggest import unknown_reference
from .validate import Record, Validator
from .yaml_source import ParseCache, read_yaml


@dataclass
class ClauseRef:
    """A clause together with its document and the clauses above it (how it
    is cited: ``present.clause_number`` and ``present.clause_label``)."""

    document: Record
    clause: Record
    parents: tuple[Record, ...]

    @property
    def depth(self) -> int:
        return len(self.parents)


@dataclass(frozen=True)
class PolicyStatus:
    """The status a catalogue entry shows, and why."""

    value: str  # a POLICY_STATUS term
    reason: str
    overridden: bool = False

    @property
    def current(self) -> bool:
        return POLICY_STATUS.term(self.value).extra["current"]

    @property
    def state(self) -> str:
        """in-force / lapsed / unknown (the badge's colour)."""
        return POLICY_STATUS.term(self.value).extra["state"]


@dataclass(frozen=True)
class Relation:
    """One relation of a document, seen from it: ``type`` as the content states
    it (替代 / 修改 / 依据), ``document`` the other document, ``inverse`` when the
    other document states it (替代本文件 …)."""

    type: str
    document: Record
    inverse: bool

    @property
    def label(self) -> str:
        term = RELATION_TYPE.term(self.type)
        return term.extra["inverse"] if self.inverse else term.label


_STATE_ORDER = {"in-force": 0, "unknown": 1, "lapsed": 2}


def document_day(doc: Record) -> dt.date | None:
    """The day a document is dated by: its 成文日期, else its 发布日期; None
    when the content gives neither."""
    meta = doc.metadata
    day = (meta.written_date or meta.published) if meta else None
    # published: a date, or a date and time
    return day.date() if isinstance(day, dt.datetime) else day


@dataclass
class Content:
    documents: dict[str, Record] = field(default_factory=dict)
    # Keyed by ref_id: a department's id is unique within its government.
    departments: dict[str, Record] = field(default_factory=dict)
    policies: dict[str, Record] = field(default_factory=dict)
    interpretations: dict[str, Record] = field(default_factory=dict)
    site: Record | None = None  # content/site.yaml: the site's name, region, publisher ...
    search: Record | None = None  # content/search.yaml: stop words and synonyms (optional)
    # The day statuses are judged on: SOURCE_DATE_EPOCH or the newest content date.
    as_of: dt.date | None = None
    # Kinds of file that failed to load (their entities are missing, not wrong).
    unreadable: set = field(default_factory=set)
    # Each file's (modification time, size) as it was read: what a page made
    # from some files depends on (pages.memo), not part of the content.
    file_versions: dict = field(default_factory=dict, repr=False, compare=False)
    # Answers computed once (Content.once), not part of the content.
    _cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    # -- queries used by the pages --------------------------------------------

    @property
    def governments(self) -> dict[str, Record]:
        """The governments of site.yaml by id (their departments are scoped to them)."""
        return self.once("index", "governments",
                         lambda: {g.id: g for g in self.site.governments} if self.site else {})

    def government_of(self, department: Record) -> Record | None:
        return self.governments.get(department.scope) if department.scope else None

    @property
    def full_documents(self) -> list[Record]:
        """Documents whose text we publish (not citation-only entries), in
        reading order (``all_documents``)."""
        return self.once("order", "full documents", lambda: [d for d in self.all_documents if d.body])

    @property
    def all_documents(self) -> list[Record]:
        """Every document, citation-only entries too (政策文件库), in the
        order a reader wants them: in force first (then of unknown validity,
        then repealed), newest first, then by id."""
        def key(d):
            day = document_day(d)
            return (_STATE_ORDER[validity_state(d)], -(day.toordinal() if day else 0), d.id)
        return self.once("order", "all documents", lambda: sorted(self.documents.values(), key=key))

    def clauses(self, document: Record) -> Iterator[ClauseRef]:
        if document.body:
            yield from _walk(document, document.body.clauses, ())

    def tasks(self, document: Record) -> list[ClauseRef]:
        return [c for c in self.clauses(document) if c.clause.role == "task"]

    def goals(self, document: Record) -> list[ClauseRef]:
        return [c for c in self.clauses(document) if c.clause.indicators]

    def indicators_led_by(self, department: Record) -> list[tuple[ClauseRef, Record]]:
        return [
            (ref, ind)
            for doc in self.full_documents
            for ref in self.goals(doc)
            for ind in ref.clause.indicators
            if ind.lead is department
        ]

    def tasks_of(self, department: Record) -> list[ClauseRef]:
        return [
            ref
            for doc in self.full_documents
            for ref in self.tasks(doc)
            if department in ref.clause.responsible
        ]

    # -- the catalogue ---------------------------------------------------------

    def clause_by_id(self, document: Record, clause_id: str) -> ClauseRef | None:
        return self._clause_index().get((document.id, clause_id))

    def policies_based_on(self, document: Record, clause: Record) -> list[Record]:
        return self._policy_index().get((document.id, clause.id), [])

    def interpretations_of(self, document: Record) -> list[Record]:
        """In the order of the type vocabulary (文字解读 before 图片解读, as government sites list them)."""
        order = list(INTERPRETATION_TYPE.terms)
        found = [i for i in self.interpretations.values() if i.document is document]
        return sorted(found, key=lambda i: order.index(i.type))

    def indicator_ids(self, document: Record) -> frozenset:
        """The ids of every indicator ``document`` sets (computed once per document:
        each catalogue entry asks for its basis documents')."""
        return self.once("indicator ids", document.id, lambda: frozenset(
            i.id for r in self.clauses(document) for i in r.clause.indicators if i.id))

    def indicator_by_id(self, document: Record, indicator_id: str):
        """(goal ClauseRef, indicator) for an indicator id of ``document``, or None."""
        for ref in self.goals(document):
            for ind in ref.clause.indicators:
                if ind.id == indicator_id:
                    return ref, ind
        return None

    def relations_both_ways(self, doc: Record) -> list["Relation"]:
        """Every relation of ``doc`` with its type and direction: those it
        states, then those other documents state about it, in content order."""
        return self.once("relations both ways", doc.id, lambda: [
            Relation(r.type, r.document, False) for r in doc.relations if r.document
        ] + [Relation(kind, other, True) for kind, other in self._inverse().get(doc.id, [])])

    def successors(self, doc: Record) -> list[Record]:
        """The documents that state they replace ``doc`` (关系 替代)."""
        return [r.document for r in self.relations_both_ways(doc) if r.inverse and r.type == "替代"]

    def _inverse(self) -> dict[str, list[tuple[str, Record]]]:
        def build() -> dict:
            index: dict = {}
            for other in self.documents.values():
                for r in other.relations:
                    if r.document:
                        index.setdefault(r.document.id, []).append((r.type, other))
            return index
        return self.once("index", "relations", build)

    def department_label(self, department: Record) -> str:
        """A department's name as lists and titles show it: with its
        government's name when another government has one of the same name."""
        def names():
            count: dict[str, int] = {}
            for d in self.departments.values():
                count[d.name] = count.get(d.name, 0) + 1
            return count
        if self.once("index", "department names", names).get(department.name, 0) < 2:
            return department.name
        gov = self.government_of(department)
        return f"{department.name}（{gov.name if gov else '未登记所属政府'}）"

    def department_groups(self) -> list[tuple[Record | None, list[Record]]]:
        """Departments grouped by government, in the order of site.yaml; those
        of no registered government last."""
        groups: dict = {g.id: (g, []) for g in self.governments.values()}
        loose: list[Record] = []
        for d in self.departments.values():
            (groups[d.scope][1] if d.scope in groups else loose).append(d)
        result = [g for g in groups.values() if g[1]]
        return result + [(None, loose)] if loose else result

    def policies_of(self, department: Record) -> list[Record]:
        return [p for p in self.policies.values() if department in p.departments]

    def policy_status(self, policy: Record) -> PolicyStatus:
        """Derived from the basis documents' validity and the application period,
        unless staff set it (with a reason). Computed once per entry: the list,
        the entry page, the export, the search records and the department pages
        all ask."""
        return self.once("status", policy.id, lambda: self._derive_status(policy))

    def _derive_status(self, policy: Record) -> PolicyStatus:
        if policy.status_override:
            return PolicyStatus(policy.status_override.status, policy.status_override.reason, True)
        docs = list(dict.fromkeys(b.document for b in policy.basis if b.document))
        states = {validity_state(d) for d in docs}
        if docs and states == {"lapsed"}:
            return PolicyStatus("已失效", entry_basis_lapsed(docs))
        period = policy.application_period
        if period and self.as_of:
            if period.end and period.end < self.as_of:
                return PolicyStatus("已截止", ENTRY_PERIOD_ENDED)
            if period.start and period.start > self.as_of:
                return PolicyStatus("未开始", ENTRY_PERIOD_NOT_STARTED)
        if docs and "in-force" not in states:
            # None stated in force, not all lapsed: at least one unknown.
            return PolicyStatus("有效性未标注", entry_basis_unknown([d for d in docs if validity_state(d) == "unknown"]))
        return PolicyStatus("有效", ENTRY_BASIS_IN_FORCE)

    def _clause_index(self) -> dict:
        return self.once("index", "clauses", lambda: {
            (doc.id, ref.clause.id): ref for doc in self.documents.values() for ref in self.clauses(doc)
        })

    def _policy_index(self) -> dict:
        def build() -> dict:
            index: dict = {}
            for policy in self.policies.values():
                for basis in policy.basis:
                    if basis.document:
                        index.setdefault((basis.document.id, basis.clause), []).append(policy)
            return index
        return self.once("index", "policies by clause", build)

    def once(self, table: str, key, compute):
        """``compute()``, remembered under ``key`` in ``table``: content does not
        change once loaded, and pages ask the same questions many times."""
        cache = self._cache.setdefault(table, {})
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    def source_date_epoch(self) -> str:
        """The newest content date as a Unix timestamp (UTC): a reproducible build time."""
        latest = self.latest_date()
        return str(int(latest.replace(tzinfo=dt.timezone.utc).timestamp())) if latest else "0"

    def latest_date(self) -> dt.datetime | None:
        """The newest date the content states: a reproducible build timestamp."""
        dates = [p.last_verified for p in self.policies.values() if p.last_verified]
        for doc in self.documents.values():
            meta = doc.metadata
            dates += [d for d in (meta.written_date, meta.published) if d]
            if doc.notice and doc.notice.date:
                dates.append(doc.notice.date)
        as_dt = [d if isinstance(d, dt.datetime) else dt.datetime(d.year, d.month, d.day) for d in dates]
        return max(as_dt) if as_dt else None


def _walk(document: Record, clauses: list[Record], parents: tuple) -> Iterator[ClauseRef]:
    for clause in clauses:
        yield ClauseRef(document, clause, parents)
        yield from _walk(document, clause.children, parents + (clause,))


def content_files(root: Path) -> list[tuple[Path, Object]]:
    """Every content file under ``root`` with the model object it follows."""
    found = []
    # Top-level files (the main documents) first, then sub-folders.
    for path in sorted(root.rglob("*.yaml"), key=lambda p: (len(p.relative_to(root).parts), p.as_posix())):
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        for kind in CONTENT_FILES:
            if fnmatch.fnmatch(rel, kind.pattern) and rel.count("/") == kind.pattern.count("/"):
                found.append((path, kind.model))
                break
    return found


def load_content(root: Path, display_base: Path | None = None, as_of: dt.date | None = None,
                 parsed: ParseCache | None = None) -> Content:
    """Load, validate and cross-check all content under ``root``.

    ``as_of`` is the day catalogue statuses are judged on; by default the
    newest date the content states (never the clock, so builds reproduce).
    ``parsed`` keeps parsed files between loads (the preview).
    """
    root = Path(root)
    base = display_base or root.parent
    problems = Problems()
    content = Content()
    files = content_files(root)
    for stray in sorted(root.rglob("*.yml")):
        problems.add(_display(stray, base), (1, 1), "",
                     "内容文件的扩展名必须是 .yaml(不是 .yml),否则不会被发布。",
                     "content files must end in .yaml (not .yml), or they are not published.")
    if not files:
        problems.add(_display(root, base), (1, 1), "",
                     "content 目录中没有任何 .yaml 内容文件。",
                     "the content folder holds no .yaml content file.")
    for path, obj in files:
        display = _display(path, base)
        stat = path.stat()
        content.file_versions[display] = (stat.st_mtime_ns, stat.st_size)
        node = parsed.read(path, display, problems) if parsed else read_yaml(path, display, problems)
        record = Validator(display, problems).object(node, obj, "") if node is not None else None
        if obj is SITE:
            content.site = record
            if record is None:
                content.unreadable.add(obj.name)
            else:
                _check_helpline(record, problems)
            continue
        if obj is SEARCH:
            content.search = record
            if record is not None:
                _check_vocabulary(record, problems)
            continue
        if record is None or record.id is None:
            # Entities it defines are unknown now: do not also report every
            # reference to them as a second, misleading problem.
            content.unreadable.add(obj.name)
            continue
        if obj in (POLICY, INTERPRETATION):
            if record.id != path.stem:  # one entry per file, found by its name
                problems.add(*record.where("id"),
                             f"编号“{record.id}”必须与文件名“{path.stem}”相同。",
                             f'the id "{record.id}" must equal the file name "{path.stem}".')
            if obj is POLICY:
                _register(content.policies, record, problems, "政策目录条目", "policy")
            else:
                _register(content.interpretations, record, problems, "政策解读", "interpretation")
            continue
        _register(content.documents, record, problems, "文件", "document")
        for dept in record.departments:
            # A document's departments belong to its government (unresolved yet:
            # its id), so two governments may both have a finance-office.
            dept._scope = record.government.value if record.government else None
            _register(content.departments, dept, problems, "部门", "department")
    if content.site is None and SITE.name not in content.unreadable and files:
        problems.add(_display(root / "site.yaml", base), (1, 1), "",
                     "缺少网站信息文件 content/site.yaml:请新建它,至少写一行 name: 网站名称(可参照 编辑指南.md 的“网站信息”一节)。",
                     "content/site.yaml is missing: create it with at least one line, name: <the site's name> "
                     "(see \"网站信息\" in 编辑指南.md).")
    _cross_check(content, problems)
    problems.raise_if_any()
    latest = content.latest_date()
    content.as_of = as_of or (latest.date() if latest else None)
    return content


def _check_helpline(site: Record, problems: Problems) -> None:
    """The fallback contact is a name and a number: one without the other
    tells a reader nothing they can act on."""
    given = {name: getattr(site, name) for name in ("helpline_name", "helpline_phone")}
    if all(given.values()) or not any(given.values()):
        return
    have = next(name for name, value in given.items() if value)
    missing = next(name for name, value in given.items() if not value)
    problems.add(*site.where(have),
                 f"填写了 {have}，还需要填写 {missing}:咨询热线的名称和电话要一起填写(或者都留空)。",
                 f"{have} is given but {missing} is not: give the helpline's name and phone together (or neither).")


def _check_vocabulary(search: Record, problems: Problems) -> None:
    """A word listed twice, a synonym that leads to itself, or a word both
    dropped and translated would make search do something staff did not mean."""
    seen: dict[str, str] = {}
    for n, word in enumerate(search.stop_words):
        if word in seen:
            problems.add(*search.where_item("stop_words", n),
                         f"提问用语“{word}”重复列出，请删去一处。",
                         f'the stop word "{word}" is listed twice: delete one.')
        seen[word] = "stop"
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


def _display(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _register(registry: dict, record: Record, problems: Problems, zh: str, en: str) -> None:
    key = record.ref_id
    if key is None:
        return
    if key in registry:
        first_file, first_pos, _ = registry[key].where("id")
        if record._scope:
            zh_scope, en_scope = f"在政府 {record._scope} 的{zh}中", f" among the {en}s of government {record._scope}"
            cure_zh = "同一政府的其他文件直接用编号引用这个部门,不必再列出它。"
            cure_en = "Other documents of the same government refer to it by its id without listing it again."
        else:
            zh_scope, en_scope, cure_zh, cure_en = "", "", "", ""
        problems.add(*record.where("id"),
                     f"{zh}编号“{record.id}”{zh_scope}重复(已在 {first_file} 第 {first_pos[0]} 行使用)。{cure_zh}",
                     f'duplicate {en} id "{record.id}"{en_scope} (already used in {first_file} line {first_pos[0]}). {cure_en}'.rstrip())
        return
    registry[key] = record


class _Resolver:
    """Replace ``Ref`` values by the records they name, reporting unknown ids.

    Department ids are scoped to a government: a reference is looked up among
    the departments of the governments in ``scopes`` (a document's own; a
    catalogue entry's basis documents'), unless written qualified
    (``haishu/finance-office``). A document of no government (scope None)
    also finds a department of any government whose id is unique on the site.
    """

    def __init__(self, content: Content, problems: Problems):
        self.targets = {"department": content.departments, "document": content.documents,
                        "policy": content.policies, "government": content.governments}
        self.labels = {"department": ("部门", "department"), "document": ("文件", "document"),
                       "policy": ("政策目录条目", "catalogue entry"), "government": ("政府", "government")}
        self.problems = problems
        # Departments are defined in document files: an unreadable document file
        # may hide any department or document, so unknown ids are not reported.
        self.quiet = "document" in content.unreadable
        self.unreadable = content.unreadable | ({"government"} if "site" in content.unreadable else set())

    def resolve(self, record: Record, scopes: tuple = (None,)) -> None:
        for name, value in list(record._values.items()):
            if isinstance(value, Ref):
                record._values[name] = self.lookup(value, scopes)
                record._refs.add(name)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, Record):
                        self.resolve(item, scopes)  # nested records, not the targets of refs
                if any(isinstance(v, Ref) for v in value):
                    record._refs.add(name)
                items = [self.lookup(v, scopes) if isinstance(v, Ref) else v for v in value]
                record._values[name] = [v for v in items if v is not None]
            elif isinstance(value, Record):
                self.resolve(value, scopes)

    def lookup(self, ref: Ref, scopes: tuple = (None,)) -> Record | None:
        registry = self.targets[ref.kind]
        if ref.kind == "department" and "/" not in ref.value:
            keys = list(dict.fromkeys(f"{s}/{ref.value}" if s else ref.value for s in scopes))
            found = [k for k in keys if k in registry]
            if not found and None in scopes:
                # A document that names no government sees the site's
                # departments as one namespace, as long as the id is unique.
                found = [k for k, d in registry.items() if d.id == ref.value]
            if len(found) == 1:
                return registry[found[0]]
            if len(found) > 1:
                self.problems.add(ref.file, ref.pos, ref.path,
                                  f"部门编号“{ref.value}”在几个政府中都有:{'、'.join(found)}。请写明是哪一个,例如 {found[0]}。",
                                  f'the department id "{ref.value}" exists in several governments: {", ".join(found)}. '
                                  f"Write which one, e.g. {found[0]}.")
                return None
        elif ref.value in registry:
            return registry[ref.value]
        if self.quiet or ref.kind in self.unreadable:
            return None
        zh, en = self.labels[ref.kind]
        if ref.kind == "department":
            self._unknown_department(ref, registry, scopes)
            return None
        self.problems.add(ref.file, ref.pos, ref.path,
                          *unknown_reference(ref.value, reference_names(registry), zh, en))
        return None

    def _unknown_department(self, ref: Ref, registry: dict, scopes: tuple) -> None:
        """Name the departments this reference could have meant: those of its
        own governments (every department, qualified, for a reference that
        is qualified or made where no government is named), and the same id
        in another government."""
        if "/" in ref.value or None in scopes:
            candidates = {key: d for key, d in registry.items()}
        else:
            candidates = {d.id: d for d in registry.values() if d.scope in scopes}
        elsewhere = [key for key, d in registry.items() if d.scope not in scopes and d.id == ref.value]
        where_zh = "、".join(s or "(未登记政府)" for s in scopes)
        where_en = ", ".join(s or "(no government)" for s in scopes)
        zh, en = unknown_reference(ref.value, reference_names(candidates), "部门", "department")
        if any(scopes):
            zh += f"(部门按所属政府查找:这里查的是政府 {where_zh} 的部门。)"
            en += f" (Departments are looked up by government: here among those of {where_en}.)"
        if elsewhere:
            zh += f"其他政府有这个编号:{'、'.join(elsewhere)};如果指的是它,请写成 {elsewhere[0]}。"
            en += f" Another government has this id: {', '.join(elsewhere)}; if you mean it, write {elsewhere[0]}."
        self.problems.add(ref.file, ref.pos, ref.path, zh, en)


def reference_names(registry: dict[str, Record]) -> dict[str, list[str]]:
    """Each id of a registry with the names staff know the record by (what a
    reference suggestion compares and lists): a department's short and full
    name, a document's short title, title and number, an entry's name."""
    names = {}
    for rid, record in registry.items():
        if record._kind == "department":
            found = [record.name, record.full_name]
        elif record._kind == "document":
            found = [record.short_title, record.title, record.metadata.doc_no if record.metadata else None]
        else:
            found = [getattr(record, "name", None)]
        names[rid] = [n for n in found if n]
    return names


def clause_names(content: "Content", document: Record) -> dict[str, list[str]]:
    """Each clause id of ``document`` with its number and heading (what a
    clause-id suggestion compares and lists)."""
    return {ref.clause.id: [" ".join(n for n in (ref.clause.number, ref.clause.heading) if n)]
            for ref in content.clauses(document)}


def _cross_check(content: Content, problems: Problems) -> None:
    resolver = _Resolver(content, problems)
    for doc in content.documents.values():
        resolver.resolve(doc, (doc.government.value if doc.government else None,))
    for doc in content.documents.values():
        # Clause, indicator and attachment ids become anchors on the same pages,
        # so they share one namespace per document, apart from the page sections.
        clauses = [r.clause for r in content.clauses(doc)]
        indicators = [i for c in clauses for i in c.indicators]
        _unique_within(doc, clauses + indicators + list(doc.attachments), problems)
        _part_anchors_unique(doc, clauses + indicators + list(doc.attachments), problems)
        for ref in content.clauses(doc):
            _check_clause_text(ref.clause, problems)
    for doc in content.documents.values():
        for i, relation in enumerate(doc.relations):
            if relation.document is doc:
                problems.add(*relation.where("document"),
                             "文件不能与自己有关系:请填写另一份文件的编号。",
                             "a document cannot relate to itself: give the id of another document.")
    for policy in content.policies.values():
        resolver.resolve(policy, _basis_governments(content, policy))
        _check_policy(content, policy, problems)
        if policy.successor is policy:
            problems.add(*policy.where("successor"),
                         "接替条目不能是本条目自己:请填写接替它的另一个条目的编号,或删掉这一行。",
                         "an entry cannot succeed itself: give the id of another entry, or remove the line.")
    for interpretation in content.interpretations.values():
        resolver.resolve(interpretation)
        _check_interpretation(content, interpretation, problems)


def _basis_governments(content: Content, policy: Record) -> tuple:
    """The governments whose departments a catalogue entry names without
    qualifying them: its basis documents' (not resolved yet: by id)."""
    docs = [content.documents.get(b.document.value) for b in policy.basis if isinstance(b.document, Ref)]
    govs = [d.government for d in docs if d is not None]
    return tuple(dict.fromkeys(g.id if isinstance(g, Record) else None for g in govs)) or (None,)


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
    """Cited clauses exist; numbers come from indicators, never typed."""
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


def number_occurrences(text: str, value: int | float) -> int:
    """How often ``text`` states ``value`` as a whole number (1170 is not in 11700)."""
    return len(re.findall(rf"(?<![\d.]){re.escape(format_number(value))}(?![\d]|\.\d)", text))


def _states_number(text: str, value: int | float) -> bool:
    return number_occurrences(text, value) > 0


def _states_kind(quote: str, kind: str) -> bool:
    """Whether the quote says what the target counts (占比 also as 占…比重/比例)."""
    if kind == "占比":
        return "占比" in quote or re.search(r"占.{0,30}(比重|比例)", quote) is not None
    return kind in quote


def _check_clause_text(clause: Record, problems: Problems) -> None:
    """Data that restates the text must agree with the text, word for word."""
    text = clause.text or ""
    if not (clause.number or clause.heading or text):
        problems.add(*clause.where(),
                     "条款至少要有序号(number)、标题(heading)或正文(text)之一,否则页面上没有它的位置。",
                     "a clause needs a number, a heading or text; otherwise it has no place on the page.")
    for ind in clause.indicators:
        if ind.quote and ind.quote not in text:
            problems.add(*ind.where("quote"),
                         "原文表述必须与条款正文逐字一致,但在正文中找不到这句话。" + mismatch_message(ind.quote, text)[0],
                         "the quote must match the clause text exactly, but it is not found in the text."
                         + mismatch_message(ind.quote, text)[1])
        elif ind.quote:
            _check_target_shape(ind, problems)
        if ind.deadline is not None and f"{ind.deadline}年" not in text:
            problems.add(*ind.where("deadline"),
                         f"目标年份 {ind.deadline} 没有出现在条款正文中(应写作“{ind.deadline}年”)。",
                         f'the deadline {ind.deadline} does not appear in the clause text (as "{ind.deadline}年").')
        if ind.kind and ind.quote and not _states_kind(ind.quote, ind.kind):
            problems.add(*ind.where("kind"),
                         f"指标类型“{ind.kind}”没有出现在原文表述“{ind.quote}”中。",
                         f'the kind "{ind.kind}" is not stated in the quote "{ind.quote}".')
    for cited in clause.cites:
        number = cited.metadata.doc_no if cited.metadata else None
        if number and number not in text:
            problems.add(*clause.where("cites"),
                         f"引用的文件 {cited.id} 的文号“{number}”没有出现在条款正文中。",
                         f'the cited document {cited.id} has number "{number}", which the clause text does not contain.')


# How to put right a target that has a field its shape must not have.
_CURE = {
    target_shape.SINGLE: ("数值目标只填目标值、单位和比较方式", "a numeric target has only value, unit and comparator"),
    target_shape.RANGE: ("区间目标填下限 value、上限 upper 和单位", "a range has value (lower), upper and unit"),
    target_shape.RELATIVE: ("相对目标填比较方式和比较基准，原文有数时再填目标值和单位",
                            "a relative target has comparator and reference, and value and unit only where the text gives a number"),
    target_shape.QUALITATIVE: ("定性目标只填 direction(照原文),不能有数字、单位或比较方式",
                               "a qualitative target has only direction (as written), no number, unit or comparator"),
    target_shape.VALUES: ("分项目标的数值和单位写在 values 的各项里，指标本身只填比较方式",
                          "a target with several values keeps each value and unit in values; the indicator has only the comparator"),
}


def _given(record: Record, name: str) -> bool:
    """Whether the file gives ``name`` (perhaps with a value of the wrong type,
    which the type check has reported)."""
    return name in record._field_pos


def _check_target_shape(ind: Record, problems: Problems) -> None:
    """A target of each shape (target_shape) has the fields that shape needs,
    no others, and states them in its quote as written."""
    kind = target_shape.shape(ind)
    cure_zh, cure_en = _CURE[kind]
    label = target_shape.LABELS[kind]
    # upper on a single target, and progress, are reported with their own cure below
    own_cure = {"progress"} | ({"upper"} if kind == target_shape.SINGLE else set())
    for name in (f for f in INDICATOR.variants[kind].forbids if f not in own_cure):
        if getattr(ind, name) not in (None, []):
            problems.add(*ind.where(name),
                         f"{label}不能填写“{name}”:{cure_zh}。请删除这一行。",
                         f'a {kind} target must not have "{name}": {cure_en}. Delete this line.')
    if kind == target_shape.QUALITATIVE:
        if ind.direction not in ind.quote:
            problems.add(*ind.where("direction"),
                         f"定性目标“{ind.direction}”没有出现在原文表述“{ind.quote}”中:请照原文逐字填写。",
                         f'the qualitative target "{ind.direction}" does not appear in the quote "{ind.quote}": copy it exactly.')
        if ind.progress:
            problems.add(*ind.where("progress"),
                         "定性目标没有目标值，不能填写年度进展。请删除 progress。",
                         "a qualitative target has no number, so it cannot have progress. Delete progress.")
        return
    if not ind.comparator:
        if _given(ind, "comparator"):
            return  # given but not a comparator: reported with the allowed values
        problems.add(*ind.where("comparator"),
                     f"缺少必填字段“comparator”(比较方式):{label}必须写明比较方式，例如 以上、不低于、达到、确数。",
                     f'missing required field "comparator" (比较方式): a {kind} target needs one, e.g. 以上, 不低于, 达到, 确数.')
        return
    if kind == target_shape.VALUES:
        _check_values(ind, problems)
        _check_progress(ind, problems)
        return
    if kind == target_shape.RELATIVE:
        _check_relative(ind, problems)
    elif ind.value is None:
        if _given(ind, "value"):
            return  # given but not a number: reported by its type
        problems.add(*ind.where("value"),
                     "缺少必填字段“value”(目标值):原文没有数字时，请写比较基准(reference)或定性目标(direction),不要编造数字。",
                     'missing required field "value" (目标值): where the text gives no number, write a reference or a '
                     "direction; never invent a number.")
        return
    if ind.value is not None:
        if not ind.unit:
            if _given(ind, "unit"):
                return
            problems.add(*ind.where("unit"),
                         "缺少必填字段“unit”(单位):有目标值的指标必须写单位，例如 家、%。",
                         'missing required field "unit" (单位): a target with a value needs a unit, e.g. 家 or %.')
            return
        _check_number(ind, ind, ind.quote, problems)
    _check_progress(ind, problems)


def _check_progress(ind: Record, problems: Problems) -> None:
    if ind.progress and not target_shape.has_one_number(ind):
        problems.add(*ind.where("progress"),
                     "只有一个目标值和单位的指标才能填写年度进展。请删除 progress。",
                     "only a target with one value and unit can have progress. Delete progress.")


def _check_number(ind: Record, holder: Record, quote: str, problems: Problems) -> bool:
    """Whether ``holder`` (the indicator or one of its values) states its
    number, or its range, in the quote as written; reports it when not."""
    count = len(problems.items)
    if ind.comparator == "区间":
        if holder.upper is None:
            problems.add(*holder.where("value"),
                         "比较方式为“区间”时必须填写区间上限(upper)。",
                         'a range (comparator 区间) needs its upper bound: add upper.')
        elif holder.upper <= holder.value:
            problems.add(*holder.where("upper"),
                         f"区间上限 {format_number(holder.upper)} 必须大于下限 {format_number(holder.value)}。",
                         f"the upper bound {format_number(holder.upper)} must be greater than the lower bound "
                         f"{format_number(holder.value)}.")
        elif range_span(quote, holder.value, holder.upper, holder.unit) is None:
            written = f"{format_number(holder.value)}-{format_number(holder.upper)}{holder.unit}"
            problems.add(*holder.where("upper"),
                         f"区间 {written} 没有按原文写法出现在原文表述“{quote}”中(应写作如 5%-8%、5至8个百分点,单位在上限之后)。",
                         f'the range {written} does not appear in the quote "{quote}" as written '
                         "(e.g. 5%-8% or 5至8个百分点, the unit after the upper bound).")
        return len(problems.items) == count
    if holder.upper is not None:
        problems.add(*holder.where("upper"),
                     "只有比较方式为“区间”时才能填写区间上限(upper)。请删除 upper,或把比较方式改为 区间。",
                     'upper is only for a range: delete upper, or set the comparator to 区间.')
    if not _states_number(quote, holder.value):
        problems.add(*holder.where("value"),
                     f"目标值 {format_number(holder.value)} 没有出现在原文表述“{quote}”中。请照原文填写数字。",
                     f'the value {format_number(holder.value)} does not appear in the quote "{quote}". '
                     "Copy the number as the text writes it.")
    return len(problems.items) == count


def _check_relative(ind: Record, problems: Problems) -> None:
    if COMPARATOR.term(ind.comparator).extra["position"] not in ("before", "after"):
        problems.add(*ind.where("comparator"),
                     f"相对目标的比较方式不能是“{ind.comparator}”:请用原文的比较词，例如 不低于、高于、超过。",
                     f'a relative target cannot have the comparator "{ind.comparator}": use the word the text uses, '
                     "e.g. 不低于, 高于, 超过.")
        return
    if ind.value is not None and not ind.unit:
        return  # reported as a missing unit
    phrase = relative_phrase(ind)
    if phrase not in ind.quote:
        problems.add(*ind.where("reference"),
                     f"相对目标“{phrase}”(比较方式+比较基准)没有按原文写法出现在原文表述“{ind.quote}”中。"
                     "请照原文填写比较基准。",
                     f'the relative target "{phrase}" (comparator + reference) does not appear in the quote '
                     f'"{ind.quote}" as written. Copy the reference from the text.')


def _check_values(ind: Record, problems: Problems) -> None:
    """Several labelled values in one quote: at least two, each label and
    number in the quote, the numbers in the order the text gives them, ids
    unique within the indicator."""
    if len(ind.values) < 2:
        problems.add(*ind.where("values"),
                     "分项目标值(values)至少要有两项；只有一个数值时，请直接填写 value 和 unit。",
                     "values needs at least two items; for one number, write value and unit instead.")
    seen: dict[str, Record] = {}
    at = 0
    for part in ind.values:
        if part.id in seen:
            problems.add(*part.where("id"),
                         f"分项编号“{part.id}”在指标 {ind.id} 中重复。",
                         f'duplicate value id "{part.id}" in indicator {ind.id}.')
        seen[part.id] = part
        if part.label not in ind.quote:
            problems.add(*part.where("label"),
                         f"分项“{part.label}”没有出现在原文表述“{ind.quote}”中:请照原文填写。",
                         f'the label "{part.label}" does not appear in the quote "{ind.quote}": copy it from the text.')
        if not _check_number(ind, part, ind.quote, problems):
            continue
        found = _number_at(ind.quote, part, at)
        if found is None:
            problems.add(*part.where("value"),
                         f"分项“{part.label}”的数值 {format_number(part.value)} 在原文表述中排在前一项之前:"
                         "请按原文的先后顺序排列 values。",
                         f'the value {format_number(part.value)} of "{part.label}" comes before the previous value '
                         "in the quote: list values in the order the text gives them.")
        else:
            at = found


def _number_at(quote: str, part: Record, start: int) -> int | None:
    """Where the number of ``part`` ends in ``quote`` at or after ``start``."""
    m = re.compile(rf"(?<![\d.]){re.escape(format_number(part.value))}(?![\d]|\.\d)").search(quote, start)
    return m.end() if m else None
