"""首页: what each published document is, its status, and the way to each of its parts."""

from __future__ import annotations

from .. import urls
from ..content import Content
from .memo import PageMemo
from .page import Page, make_page


def pages(content: Content, env, site, memo: PageMemo) -> list[Page]:
    documents = []
    for doc in content.full_documents:
        goals = content.goals(doc)
        tasks = content.tasks(doc)
        departments = {id(d) for r in tasks for d in r.clause.responsible}
        departments |= {id(i.lead) for r in goals for i in r.clause.indicators if i.lead}
        documents.append({
            "document": doc,
            "goals": goals,
            "indicator_count": sum(len(r.clause.indicators) for r in goals),
            "task_count": len(tasks),
            "department_count": len(departments),
        })
    return [make_page(env, "home.html.j2", urls.home(), site.name, hide=("toc",), site=site, documents=documents,
                      policy_count=len(content.policies))]
