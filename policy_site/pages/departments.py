"""责任分工: the department index with the department × task matrix, and one page per department."""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..content import ClauseRef, Content
from .memo import PageMemo
from .page import Page, make_page


@dataclass
class Matrix:
    document: object
    tasks: list[ClauseRef]
    departments: list


def pages(content: Content, env, site, memo: PageMemo) -> list[Page]:
    if not content.departments:
        return []
    depts = list(content.departments.values())
    rows = [
        {"department": d, "indicators": len(content.indicators_led_by(d)), "tasks": len(content.tasks_of(d))}
        for d in depts
    ]
    matrices = []
    for doc in content.full_documents:
        tasks = content.tasks(doc)
        if tasks:
            involved = [d for d in depts if any(d in t.clause.responsible for t in tasks)]
            matrices.append(Matrix(doc, tasks, involved))
    result = [make_page(env, "departments.html.j2", urls.departments(), "责任分工", hide=("toc",), rows=rows, matrices=matrices)]
    for d in depts:
        result.append(
            make_page(env, "department.html.j2", urls.department(d), d.name, dept=d,
                      indicators=content.indicators_led_by(d), tasks=content.tasks_of(d),
                      policies=[(p, content.policy_status(p)) for p in content.policies_of(d)],
                      has_catalogue=bool(content.policies))
        )
    return result
