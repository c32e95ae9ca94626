"""责任分工: the department index with the department × task matrix, and one page per department."""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..content import Content
from ..present import book_title, clause_label, doc_name, tasks_title
from ..schema.model import DEPARTMENT, GOVERNMENT
from .banners import DraftBanner, draft_banner
from .next_step import Contact
from .page import Page, make_page
from .targets import Target, target
from .views import HELPLINE_CURRENT, Badge, Fact, Helpline, Link, dept_link, doc_badge, fact, helpline, status_badge


@dataclass
class Matrix:
    id: str  # its document's id (the section's anchor is matrix-<id>)
    name: str  # its document's name (present.doc_name), book title and what its tasks are called
    book_title: str
    tasks_title: str
    tasks: list[Link]  # each task (present.clause_label), to it on the 重点任务 page
    rows: list[tuple[Link, list[bool]]]  # (department, whether it is responsible for each task): those with any


@dataclass
class DepartmentGroup:
    government: str  # the government's name
    anchor: str  # its heading's id
    rows: list[tuple[Link, str, int, int]]  # (department, its row's id, indicators it leads, tasks it shares)


@dataclass
class DepartmentsPage:
    groups: list[DepartmentGroup]  # by government, in the order of the governments' files
    count: int
    matrices: list[Matrix]  # one per document with tasks


@dataclass
class DepartmentPage:
    name: str
    full_name: Fact
    government: str  # its government's name
    indicators: list[Target]  # those it leads
    # The tasks it shares: (clause id, present.clause_label to the task on its 重点任务 page, the clause's URL
    # in 政策原文, the other responsible departments' names or None when it is the only one, validity).
    tasks: list[tuple[str, Link, str, str | None, Badge]]
    policies: list[tuple[str, Link, Badge]]  # (id, name to its page, status) of the catalogue entries it administers
    has_catalogue: bool
    contact: Contact  # its contact fields, as the 怎么办 box shows them
    helpline: Helpline | None  # the site's fallback contact (content/site.yaml)
    # Its government's open review items, when that is a draft (banners.draft_banner): one about this
    # department is marked at its name (place: its id), one about the government's name at 所属政府.
    draft: DraftBanner | None
    id: str


def task_link(ref) -> Link:
    return Link(clause_label(ref), f"{urls.tasks(ref.document)}#{ref.clause.id}")


def task(ref, dept) -> tuple:
    responsible = ref.clause.responsible
    others = "、".join(d.name for d in responsible if d is not dept) if len(responsible) > 1 else None
    return ref.clause.id, task_link(ref), urls.clause(ref.document, ref.clause), others, doc_badge(ref.document)


def pages(content: Content, env, site) -> list[Page]:
    if not content.departments:
        return []
    depts = list(content.departments.values())
    groups = [DepartmentGroup(gov.name, f"government-{gov.id}", [
        (dept_link(d), urls.department_anchor(d), len(content.indicators_led_by(d)), len(content.tasks_of(d)))
        for d in members]) for gov, members in content.department_groups()]
    matrices = []
    for doc in content.full_documents:
        tasks = content.tasks(doc)
        if tasks:
            rows = [(dept_link(d), [d in t.clause.responsible for t in tasks]) for d in depts]
            matrices.append(Matrix(doc.id, doc_name(doc), book_title(doc), tasks_title(doc),
                                   [task_link(t) for t in tasks], [r for r in rows if any(r[1])]))
    result = [make_page(env, "departments.html.j2", urls.departments(), "责任分工", DepartmentsPage(groups, len(depts), matrices),
                        hide=("toc",))]
    for d in depts:
        result.append(make_page(env, "department.html.j2", urls.department(d), content.department_label(d), DepartmentPage(
            d.name,
            fact(DEPARTMENT.fields["full_name"], d.full_name),
            government=content.government_of(d).name,
            indicators=[target(ref, ind) for ref, ind in content.indicators_led_by(d)],
            tasks=[task(ref, d) for ref in content.tasks_of(d)],
            policies=[(p.id, Link(p.name, urls.policy(p)), status_badge(content.policy_status(p)))
                      for p in content.policies_of(d)],
            has_catalogue=bool(content.policies),
            contact=Contact.of(d),
            helpline=helpline(site, HELPLINE_CURRENT),
            draft=draft_banner(content.government_of(d), GOVERNMENT, {"name", d.id}),
            id=d.id,
        )))
    return result
