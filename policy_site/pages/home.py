"""首页: what each published document is, its status, and the way to each of its parts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..present import clause_label, date_zh, facts, goals_title, tasks_title
from .banners import Banner, document_banner
from .. import urls
from ..content import Content
from .library import MANY_DOCUMENTS, DocumentItem, document_item
from .page import Page, make_page
from .views import HELPLINE_LAPSED, Helpline, Link, doc_badge, helpline


@dataclass
class DocumentSummary:
    """One published document on the home page: the way to each of its parts."""

    item: DocumentItem  # its name, page and status, as the 政策文件库 lists it
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


@dataclass(frozen=True)
class WhereCurrent:
    """现行政策到哪里找: shown first when no published document is in force."""

    counts: str  # the documents' validity, counted: 1 份已废止、2 份有效性未标注
    sources: tuple[tuple[str, str, str], ...]  # (name, url, phone): content/site.yaml current_policies
    helpline: Helpline | None  # the site's helpline, said when it gives no sources


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
    where_current: WhereCurrent | None = None  # when no published document is in force
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


def where_current(published, site) -> WhereCurrent | None:
    """现行政策到哪里找, when no published document is in force: said before
    the entrances (政策自测, 政策目录), so no one starts from them thinking
    the policies apply today, with where to look instead."""
    badges = [doc_badge(doc) for doc in published]
    if not badges or any(b.state == "in-force" for b in badges):
        return None
    counts = Counter(b.label for b in badges)
    return WhereCurrent("、".join(f"{n} 份{label}" for label, n in counts.items()), site.current_policies,
                        None if site.current_policies else helpline(site, HELPLINE_LAPSED))


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
            document_item(doc),
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
        site.description, documents, len(content.policies), len(published), len(content.all_documents),
        where_current(published, site)),
                      hide=("toc",))]
