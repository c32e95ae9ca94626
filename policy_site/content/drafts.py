"""Drafts (草稿): what is not published yet, decided in one place.

A document, catalogue entry or government whose file lists review items
(``review:``, model.REVIEW: the importer writes them, a reviewer deletes each
once checked) is a draft. ``open_items`` says what is open and where, for
``check`` (as warnings) and for the 草稿 banner of each page of a draft.

``published`` is what a published build contains: the loaded content without
the drafts and without what depends on one, so that nothing links to what is
left out:

- a government with open items registered its departments with them: they
  are left out, and so is every document of that government;
- a document, catalogue entry or interpretation that uses a left-out
  department or document (its government, its responsible or lead units, the
  document it interprets, all its basis documents) is left out;
- what only links to a left-out document or entry loses the link: a
  relation, a cited document, one of several basis documents, a successor.

``make build DRAFTS=1`` (``build --drafts``) and the preview keep everything.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..errors import Problem
from ..schema.model import DOCUMENT, GOVERNMENT, POLICY
from ..schema.types import List, Object, resolve
from ..validate import Record
from .queries import Content

_STEP = re.compile(r"([A-Za-z_]+)(?:\[(\d+)\])?")


@dataclass(frozen=True)
class OpenItem:
    """One open review item of a file."""

    number: int  # 1, 2, … in the file's review list
    field: str  # the field path as the item gives it: metadata.validity
    label: str  # that field as staff name it: 公开信息 · 有效性
    reason: str
    where: tuple  # (file, (line, column), yaml path): the field when the file writes it, else the item
    places: tuple[str, ...]  # what a page may mark for it, most precise first: field paths and record ids


def open_items(record: Record, obj: Object) -> list[OpenItem]:
    """The open review items of a document, catalogue entry or government
    (``obj``: DOCUMENT, POLICY or GOVERNMENT)."""
    found = []
    for i, item in enumerate(record.review):
        label, places, where = _follow(record, obj, item.field)
        found.append(OpenItem(i + 1, item.field, label, item.reason,
                              where or record.where_item("review", i), tuple(reversed(places))))
    return found


def _follow(record: Record, obj: Object, path: str) -> tuple[str, list[str], tuple | None]:
    """Walk ``path`` from ``record``: the fields' labels, the places along it
    (paths so far and ids of the records passed), and where the file writes
    that field (None when it does not, or the path leads nowhere)."""
    value, labels, places, where, done = record, [], [], None, ""
    for step in _STEP.finditer(path):
        name, index = step.group(1), step.group(2)
        if not isinstance(value, Record) or not isinstance(obj, Object) or name not in obj.fields:
            where = None
            break
        field = obj.fields[name]
        done = f"{done}.{name}" if done else name
        labels.append(field.label)
        parent, value, obj = value, getattr(value, name), resolve(field.type)
        where = parent.where(name) if parent.given_at(name) else None
        if index is not None and isinstance(obj, List):
            places.append(done)
            n, obj = int(index), resolve(obj.item)
            labels[-1] += f" 第 {n + 1} 项"
            done += f"[{n}]"
            where = parent.where_item(name, n) if where and n < len(value) else None
            value = value[n] if n < len(value) else None
        places.append(done)
        if isinstance(value, Record) and getattr(value, "id", None):
            places.append(value.id)
    return " · ".join(labels) or path, places, where


def review_warnings(content: Content) -> list[Problem]:
    """Every open review item, as ``check`` warns of it."""
    found = []
    for registry, obj in ((content.documents, DOCUMENT), (content.policies, POLICY), (content.governments, GOVERNMENT)):
        for item in (i for record in registry.values() for i in open_items(record, obj)):
            file, pos, field = item.where
            found.append(Problem(
                file, pos[0], pos[1], field,
                f"草稿:待核对({item.label}):{item.reason} 核对并改好后,删除 review 中的这一项;"
                "全部删除后才会发布。",
                f"draft: to review ({item.field}): {item.reason} Once checked and corrected, delete this item "
                "from review; the file is published when none is left."))
    return found


@dataclass(frozen=True)
class LeftOut:
    """A record a published build leaves out, and why."""

    record: Record
    zh: str
    en: str

    def format(self) -> str:
        file = self.record.where()[0]
        what = getattr(self.record, "title", None) or getattr(self.record, "name", None) or self.record.id
        return f"  {file}({what}):{self.zh}\n    {self.en}"


def draft_files(content: Content) -> list[Record]:
    """The governments, documents and catalogue entries with open review items."""
    return [r for r in (*content.governments.values(), *content.documents.values(), *content.policies.values())
            if r.review]


def left_out(content: Content) -> dict[Record, LeftOut]:
    """The drafts of ``content`` and what depends on them (module docstring)."""
    out: dict[Record, LeftOut] = {}

    def leave(record, zh, en):
        out.setdefault(record, LeftOut(record, zh, en))

    for record in draft_files(content):
        n = len(record.review)
        leave(record, f"草稿,还有 {n} 项待核对", f"draft with {n} open review item(s)")
    for dept in content.departments.values():
        if content.governments.get(dept.scope) in out:
            leave(dept, f"登记它的政府文件是草稿({dept.scope})", f"registered by a draft government ({dept.scope})")
    for doc in content.documents.values():
        depts = {d for r in content.clauses(doc) for d in [*r.clause.responsible, *(i.lead for i in r.clause.indicators)]}
        if doc.government in out:
            leave(doc, f"所属政府是草稿({doc.government.id})", f"its government is a draft ({doc.government.id})")
        elif any(d in out for d in depts):
            leave(doc, "用到草稿中登记的部门", "it uses a department a draft registered")
    for item in content.interpretations.values():
        if item.document in out:
            leave(item, f"解读的文件没有发布({item.document.id})", f"the document it interprets is left out ({item.document.id})")
    for policy in content.policies.values():
        if all(b.document in out for b in policy.basis):
            leave(policy, "依据的文件都没有发布", "every basis document is left out")
        elif any(d in out for d in policy.departments):
            leave(policy, "用到草稿中登记的部门", "it uses a department a draft registered")
    return out


def published(content: Content, as_of: dt.date | None = None) -> tuple[Content, list[LeftOut]]:
    """What a published build contains: ``content`` without its drafts and
    what depends on them, and the records left out. The records kept lose
    their links to what is left out (they are changed in place: the build
    uses the published content only). ``as_of``: as for ``load_content``;
    by default the newest date of the published content."""
    out = left_out(content)
    if not out:
        return content, []
    kept = Content(**{name: {k: r for k, r in getattr(content, name).items() if r not in out}
                      for name in ("documents", "departments", "policies", "governments", "interpretations")},
                   site=content.site, search=content.search, unreadable=content.unreadable,
                   file_versions=content.file_versions)
    for doc in kept.documents.values():
        doc.drop("relations", lambda r: r.document in out)
        for ref in kept.clauses(doc):
            ref.clause.drop("cites", out.__contains__)
    for policy in kept.policies.values():
        policy.drop("basis", lambda b: b.document in out)
        policy.drop("successor", out.__contains__)
    latest = kept.latest_date()
    kept.as_of = as_of or (latest.date() if latest else None)
    return kept, list(out.values())


def format_left_out(items: list[LeftOut]) -> str:
    """What ``build`` prints about the drafts it leaves out."""
    return (f"草稿未发布:本次构建略去 {len(items)} 项(还有待核对事项,或依赖草稿)。"
            "预览(make serve)或 make build DRAFTS=1 可以查看。\n"
            f"Drafts not published: this build leaves out {len(items)} item(s) (open review items, or built on a "
            "draft). See them in the preview (make serve) or with make build DRAFTS=1.\n"
            + "\n".join(i.format() for i in items))
