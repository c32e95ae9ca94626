"""责任分工: the department index with the department × task matrix, and one page per department."""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..content import ClauseRef, Content, PolicyStatus
from ..validate import Record
from .next_step import Contact
from .page import Page, make_page
from .views import HELPLINE_CURRENT, Helpline, helpline


@dataclass
class DepartmentRow:
    department: Record
    indicators: int  # how many it leads
    tasks: int  # how many it shares


@dataclass
class Matrix:
    document: Record
    tasks: list[ClauseRef]
    departments: list[Record]  # those responsible for at least one of the tasks


@dataclass
class DepartmentGroup:
    government: Record | None  # None: departments of no registered government
    rows: list[DepartmentRow]


@dataclass
class DepartmentsPage:
    groups: list[DepartmentGroup]  # by government; one group without a name on a one-government site
    count: int
    matrices: list[Matrix]  # one per document with tasks


@dataclass
class DepartmentPage:
    dept: Record
    government: Record | None
    show_government: bool  # the site registers governments: say whose department this is
    indicators: list[tuple[ClauseRef, Record]]  # (goal clause, indicator) it leads
    tasks: list[ClauseRef]
    policies: list[tuple[Record, PolicyStatus]]  # catalogue entries it administers
    has_catalogue: bool
    contact: Contact  # its contact fields, as the 怎么办 box shows them
    helpline: Helpline | None  # the site's fallback contact (content/site.yaml)


def pages(content: Content, env, site) -> list[Page]:
    if not content.departments:
        return []
    depts = list(content.departments.values())
    groups = [DepartmentGroup(gov, [DepartmentRow(d, len(content.indicators_led_by(d)), len(content.tasks_of(d)))
                                    for d in members])
              for gov, members in content.department_groups()]
    matrices = []
    for doc in content.full_documents:
        tasks = content.tasks(doc)
        if tasks:
            involved = [d for d in depts if any(d in t.clause.responsible for t in tasks)]
            matrices.append(Matrix(doc, tasks, involved))
    result = [make_page(env, "departments.html.j2", urls.departments(), "责任分工", DepartmentsPage(groups, len(depts), matrices),
                        hide=("toc",))]
    for d in depts:
        result.append(make_page(env, "department.html.j2", urls.department(d), content.department_label(d), DepartmentPage(
            d,
            government=content.government_of(d),
            show_government=bool(content.governments),
            indicators=content.indicators_led_by(d),
            tasks=content.tasks_of(d),
            policies=[(p, content.policy_status(p)) for p in content.policies_of(d)],
            has_catalogue=bool(content.policies),
            contact=Contact.of(d),
            helpline=helpline(site, HELPLINE_CURRENT),
        )))
    return result
