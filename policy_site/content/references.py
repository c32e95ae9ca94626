"""Reference resolution: each ``Ref`` a file holds (a department, document,
catalogue entry or government id) becomes the record it names; unknown ids
are reported with the ones staff may have meant."""

from __future__ import annotations

from ..errors import Problems
from ..schema.types import Ref
from ..suggest import unknown_reference
from ..validate import Record
from .queries import Content


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
        # A file that did not load may define the id: unknown ids of its kind
        # are not reported. Departments are declared in governments' files and
        # looked up in the governments of documents.
        hidden = {"department"} if content.unreadable & {"government", "document"} else set()
        self.unreadable = content.unreadable | hidden

    def resolve(self, record: Record, scopes: tuple = (None,)) -> None:
        record.resolve(lambda ref: self.lookup(ref, scopes))

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
            if len(found) > 1 and "department" not in self.unreadable:
                self.problems.add(ref.file, ref.pos, ref.path,
                                  f"部门编号“{ref.value}”在几个政府中都有:{'、'.join(found)}。请写明是哪一个,例如 {found[0]}。",
                                  f'the department id "{ref.value}" exists in several governments: {", ".join(found)}. '
                                  f"Write which one, e.g. {found[0]}.")
                return None
        elif ref.value in registry:
            return registry[ref.value]
        if ref.kind in self.unreadable:
            return None
        zh, en = self.labels[ref.kind]
        if ref.kind == "department":
            self._unknown_department(ref, registry, scopes)
            return None
        cure = ("政府登记在 content/governments/ 中:每个政府一个文件,文件名是它的编号(例如 haishu.yaml),"
                "写上 id、name 和它的部门。",
                " A government is registered in content/governments/: one file per government, named by its id "
                "(e.g. haishu.yaml), with id, name and its departments.") if ref.kind == "government" else ("", "")
        self.problems.add(ref.file, ref.pos, ref.path,
                          *unknown_reference(ref.value, reference_names(registry), zh, en, *cure))
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
            files = "、".join(f"content/governments/{s}.yaml" for s in scopes if s)
            zh += f"(部门按所属政府查找:这里查的是政府 {where_zh} 的部门,登记在 {files} 中;新部门请加到那里。)"
            en += (f" (Departments are looked up by government: here among those of {where_en}, declared in "
                   f"{files.replace('、', ', ')}; add a new department there.)")
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


def _basis_governments(content: Content, policy: Record) -> tuple:
    """The governments whose departments a catalogue entry names without
    qualifying them: its basis documents' (not resolved yet: by id)."""
    docs = [content.documents.get(b.document.value) for b in policy.basis if isinstance(b.document, Ref)]
    govs = [d.government for d in docs if d is not None]
    return tuple(dict.fromkeys(g.id if isinstance(g, Record) else None for g in govs)) or (None,)


def resolve_references(content: Content, problems: Problems) -> None:
    """Give every document, catalogue entry and interpretation the records
    its references name, reporting unknown ones."""
    resolver = _Resolver(content, problems)
    for doc in content.documents.values():
        resolver.resolve(doc, (doc.government.value if doc.government else None,))
    for policy in content.policies.values():
        resolver.resolve(policy, _basis_governments(content, policy))
    for interpretation in content.interpretations.values():
        resolver.resolve(interpretation)
