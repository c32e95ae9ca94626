"""重点任务: the tasks of a document in the plan's own grouping, with their responsible units."""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..content import Content
from ..present import citation, clause_label, clause_number, tasks_title
from ..schema.model import CLAUSE, DOCUMENT
from .banners import Banner, DraftBanner, document_banner, draft_banner
from .page import Page, make_page
from .views import Fact, fact


@dataclass(frozen=True)
class OutlineItem:
    """A task, or a clause that groups tasks."""

    id: str  # the clause's id: its heading's anchor
    level: int  # its heading's level
    label: str  # present.clause_label
    task: bool  # a task (its text and responsible units follow its heading), not a group
    responsible: Fact  # 责任单位, linked to their pages
    text: str  # the clause's text
    number: str  # present.clause_number
    source: str  # the clause's URL in 政策原文


@dataclass
class TasksPage:
    citation: str  # the document (present.citation, its number bracketed)
    tasks_title: str  # what the document calls its tasks (present.tasks_title)
    outline: list[OutlineItem]  # every task and the clauses that group tasks, in text order
    task_count: int
    banner: Banner | None  # the document's status (banners.document_banner)
    draft: DraftBanner | None  # its open review items, when it is a draft (banners.draft_banner)


def pages(content: Content, env, site) -> list[Page]:
    result = []
    for doc in content.full_documents:
        tasks = content.tasks(doc)
        if not tasks:
            continue
        groups = {id(p) for t in tasks for p in t.parents}
        outline = [OutlineItem(r.clause.id, r.depth + 2, clause_label(r), r.clause.role == "task",
                               fact(CLAUSE.fields["responsible"], r.clause.responsible), r.clause.text or "",
                               clause_number(r), urls.clause(doc, r.clause))
                   for r in content.clauses(doc) if r.clause.role == "task" or id(r.clause) in groups]
        result.append(make_page(env, "tasks.html.j2", urls.tasks(doc), tasks_title(doc), TasksPage(
            citation(doc, bracketed=True), tasks_title(doc), outline, len(tasks), document_banner(doc, content.successors(doc)),
            draft_banner(doc, DOCUMENT, {item.id for item in outline}))))
    return result
