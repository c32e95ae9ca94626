"""The navigation tree, derived from the content: one section per published document."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import urls
from ..content import Content
from ..present import doc_name, goals_title, interpretation_name, tasks_title
from .library import MANY_DOCUMENTS, TITLE as LIBRARY_TITLE


@dataclass
class NavItem:
    title: str
    url: str | None = None
    children: list["NavItem"] = field(default_factory=list)


def document_items(content: Content, doc) -> list[NavItem]:
    items = [NavItem("政策原文", urls.document(doc))]
    if content.goals(doc):
        items.append(NavItem(goals_title(doc), urls.targets(doc)))
    if content.tasks(doc):
        items.append(NavItem(tasks_title(doc), urls.tasks(doc)))
    # Flat (文字解读, 图片解读), not a nested section: MkDocs renders the whole
    # navigation into every page, and a nested section costs every page more.
    items += [NavItem(interpretation_name(i), urls.interpretation(i)) for i in content.interpretations_of(doc)]
    return items


def navigation(content: Content, site) -> list[NavItem]:
    nav = [NavItem("首页", urls.home())]
    docs = content.full_documents
    if len(docs) == 1:
        nav += [NavItem(LIBRARY_TITLE, urls.library())]
        nav += document_items(content, docs[0])  # one plan: its parts at the top level
    elif len(docs) <= MANY_DOCUMENTS:
        nav += [NavItem(LIBRARY_TITLE, urls.library())]
        nav += [NavItem(doc_name(d), children=document_items(content, d)) for d in docs]
    else:
        # A library: one section, opening on the 政策文件库; with the theme's
        # pruning (prune(), site_config) a page shows the documents only
        # inside this section, and only the open document's parts.
        nav.append(NavItem("政策文件", children=[NavItem(LIBRARY_TITLE, urls.library())] + [
            NavItem(doc_name(d), children=document_items(content, d)) for d in docs]))
    if content.departments:
        nav.append(NavItem("责任分工", urls.departments()))
    if content.policies:
        nav += [NavItem("政策目录", urls.policies()), NavItem("政策自测", urls.self_check())]
    nav.append(NavItem("开放数据", urls.open_data()))
    nav.append(NavItem("关于本站", urls.about()))
    return nav


def prune(content: Content) -> bool:
    """Whether each page should carry only the navigation it shows (the
    theme's navigation.prune): with many documents, every page listing every
    document's parts would make each page hundreds of KB."""
    return len(content.full_documents) > MANY_DOCUMENTS
