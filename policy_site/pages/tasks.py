"""重点任务: the tasks of a document in the plan's own grouping, with their responsible units."""

from __future__ import annotations

from dataclasses import dataclass

from ..present import tasks_title
from .banners import Banner, document_banner
from .. import urls
from ..content import ClauseRef, Content
from ..validate import Record
from .page import Page, make_page


@dataclass
class TasksPage:
    doc: Record
    outline: list[ClauseRef]  # every task and the clauses that group tasks, in text order
    task_count: int
    banner: Banner | None  # the document's status (banners.document_banner)


def pages(content: Content, env, site) -> list[Page]:
    result = []
    for doc in content.full_documents:
        tasks = content.tasks(doc)
        if not tasks:
            continue
        # The outline: every task plus the clauses that group tasks, in text order.
        groups = {id(p) for t in tasks for p in t.parents}
        outline = [r for r in content.clauses(doc) if r.clause.role == "task" or id(r.clause) in groups]
        result.append(
            make_page(env, "tasks.html.j2", urls.tasks(doc), tasks_title(doc), TasksPage(doc, outline, len(tasks),
                                                                         document_banner(doc, content.successors(doc))))
        )
    return result
