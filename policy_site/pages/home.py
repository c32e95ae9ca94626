"""首页: what each published document is, its status, and the way to each of its parts."""

from __future__ import annotations

from dataclasses import dataclass

from ..present import book_title, clause_label, date_zh, facts, goals_title, tasks_title
from .banners import Banner, document_banner
from .. import urls
from ..content import Content
from .library import MANY_DOCUMENTS, DocumentItem, document_item
from .page import Page, make_page
from .views import Link


@dataclass
class DocumentSummary:
    """One published document on the home page: the way to each of its parts."""

    item: DocumentItem  # its name, page and status, as the 政策文件库 lists it
    book_title: str  # 《name》
    facts: str  # 文号 · 发布单位 · 成文日期 · 发布日期, those given
    has_attachments: bool
    targets: Link  # its 主要目标 and 重点任务 pages, by what it calls them (present.goals_title, tasks_title)
    tasks: Link
    goals: list[Link]  # its goal clauses (present.clause_label), to their targets
    indicator_count: int
    task_count: int
    department_count: int  # departments that lead an indicator or share a task
    lead_count: int  # indicators with a lead unit
    responsible_count: int  # tasks with responsible units
    banner: Banner | None  # the document's status (banners.document_banner)


# With more published documents than this, the home page shows this many
# (in force first, newest first) and links to the 政策文件库 for the rest.
SHORT_LIST = MANY_DOCUMENTS


@dataclass
class HomePage:
    description: str  # the site's (content/site.yaml)
    documents: list[DocumentSummary]  # all published documents, or the first SHORT_LIST of them
    policy_count: int  # catalogue entries (0: no catalogue)
    published_count: int = 1  # documents whose text is published
    library_count: int = 0  # documents in the 政策文件库 (citation-only ones too)
    # The URLs of the pages it leads to.
    library: str = urls.library()
    departments: str = urls.departments()
    catalogue: str = urls.policies()
    self_check: str = urls.self_check()
    open_data: str = urls.open_data()

    @property
    def short_list(self) -> bool:
        """Whether the home page lists only the latest documents."""
        return self.published_count > len(self.documents)

    @property
    def banners_first(self) -> bool:
        """Whether no document shown is in force: then their status notices
        come before the entrances (政策自测, 政策目录), so no one starts from
        them thinking the policies apply today."""
        return bool(self.documents) and all(d.banner is not None for d in self.documents)


def pages(content: Content, env, site) -> list[Page]:
    documents = []
    published = content.full_documents
    for doc in published[:SHORT_LIST] if len(published) > SHORT_LIST else published:
        goals = content.goals(doc)
        tasks = content.tasks(doc)
        departments = {id(d) for r in tasks for d in r.clause.responsible}
        departments |= {id(i.lead) for r in goals for i in r.clause.indicators if i.lead}
        meta = doc.metadata
        documents.append(DocumentSummary(
            document_item(doc), book_title(doc),
            facts([meta.doc_no, meta.issuer, meta.written_date and "成文日期 " + date_zh(meta.written_date),
                   meta.published and "发布日期 " + date_zh(meta.published)]),
            bool(doc.attachments), Link(goals_title(doc), urls.targets(doc)), Link(tasks_title(doc), urls.tasks(doc)),
            [Link(clause_label(r), f"{urls.targets(doc)}#{r.clause.id}") for r in goals],
            indicator_count=sum(len(r.clause.indicators) for r in goals),
            task_count=len(tasks),
            department_count=len(departments),
            lead_count=sum(1 for r in goals for i in r.clause.indicators if i.lead),
            responsible_count=sum(1 for r in tasks if r.clause.responsible),
            banner=document_banner(doc, content.successors(doc)),
        ))
    return [make_page(env, "home.html.j2", urls.home(), site.name, HomePage(
        site.description, documents, len(content.policies), len(published), len(content.all_documents)),
                      hide=("toc",))]
