"""What the pages ask of loaded content: the ``Content`` class (documents,
departments, catalogue entries, interpretations, with indexes built once) and
its value types ``ClauseRef`` and ``Relation``."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator

from ..schema.model import INTERPRETATION_TYPE, RELATION_TYPE, STATE
from ..validate import Record
from .status import PolicyStatus, policy_status, validity_state


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
    # content/governments/<id>.yaml by id, in file name order: each declares its departments.
    governments: dict[str, Record] = field(default_factory=dict)
    interpretations: dict[str, Record] = field(default_factory=dict)
    site: Record | None = None  # content/site.yaml: the site's name, region, publisher ...
    search: Record | None = None  # content/search.yaml: stop words and synonyms (optional)
    # The original files documents name (original_file), checked, by document id.
    originals: dict = field(default_factory=dict)
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

    def government_of(self, department: Record) -> Record:
        return self.governments[department.scope]

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
            return (STATE.term(validity_state(d)).extra["order"], -(day.toordinal() if day else 0), d.id)
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
        return self.once("index", "clauses", lambda: {
            (doc.id, ref.clause.id): ref for doc in self.documents.values() for ref in self.clauses(doc)
        }).get((document.id, clause_id))

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
        names = self.once("index", "department names", lambda: Counter(d.name for d in self.departments.values()))
        if names[department.name] < 2:
            return department.name
        return f"{department.name}（{self.government_of(department).name}）"

    def department_groups(self) -> list[tuple[Record, list[Record]]]:
        """Departments grouped by government, in the order of the governments' files."""
        groups = [(g, [d for d in self.departments.values() if d.scope == g.id]) for g in self.governments.values()]
        return [g for g in groups if g[1]]

    def policies_of(self, department: Record) -> list[Record]:
        return [p for p in self.policies.values() if department in p.departments]

    def policy_status(self, policy: Record) -> PolicyStatus:
        """Derived from the basis documents' validity and the application period,
        unless staff set it (with a reason). Computed once per entry: the list,
        the entry page, the export, the search records and the department pages
        all ask."""
        return self.once("status", policy.id, lambda: policy_status(policy, self.as_of))

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
