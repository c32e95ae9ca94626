"""怎么办: what a reader of a catalogue entry can do now, in the order they
would do it. Built only from what the content gives (the entry's 办事链接
and 联系方式, its departments' contact fields, the site's helpline, the
entry staff named to succeed it, the documents replacing its basis); a step
whose facts are missing says so instead of being made up.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..content import PolicyStatus
from ..schema.model import DEPARTMENT
from ..validate import Record
from .banners import document_links
from .views import HELPLINE_CURRENT, HELPLINE_LAPSED, Fact, Helpline, Link, dept_link, fact, helpline

# A department's fields a reader contacts it by, in the order pages list them.
CONTACT_FIELDS = ("phone", "address", "office_hours", "website")


@dataclass(frozen=True)
class Contact:
    """A department as a reader contacts it."""

    name: Link  # to its page on this site
    facts: tuple[Fact, ...]  # its CONTACT_FIELDS, with the model's labels and empty words
    given: bool  # a phone, address or website is given (office hours alone reach no one)

    @classmethod
    def of(cls, dept: Record) -> "Contact":
        return cls(dept_link(dept), tuple(fact(DEPARTMENT.fields[name], getattr(dept, name)) for name in CONTACT_FIELDS),
                   bool(dept.phone or dept.address or dept.website))


@dataclass(frozen=True)
class Step:
    kind: str  # apply / confirm / successor / ask / helpline (the step's CSS class and tests' handle)
    title: str
    text: str = ""
    links: tuple[Link, ...] = ()  # to pages of this site
    url: str = ""  # an external address to open (the entry's 办事链接)
    contacts: tuple[Contact, ...] = ()
    note: str = ""  # the entry's own 联系方式 text, as staff wrote it
    helpline: Helpline | None = None  # whom to call: the site's helpline


@dataclass(frozen=True)
class NextStep:
    steps: tuple[Step, ...]


# The box's title and the words of its steps: said once, here.
TITLE = "怎么办"
APPLY = "网上办理"
APPLY_TEXT = "打开办事链接，在线申请或查看办事指南："
CONFIRM = "先确认是否仍在执行"
CONFIRM_TEXT = "本条目依据的文件未标注有效性，申请前请先向主管部门确认。"
ASK = "问主管部门"
ASK_CURRENT = "申请条件、支持金额和申报时间，可以向主管部门咨询。"
ASK_ENDED = "本条目的申报期已结束；下一次申报的安排，可以向主管部门咨询。"
ASK_LAPSED = "本条目已失效，不能再按它申请；现在有什么替代政策，可以向主管部门咨询。"
SUCCESSOR = "看现行政策"
SUCCESSOR_ENTRY_TEXT = "接替本条目的现行政策："
SUCCESSOR_DOCS_TEXT = "本条目依据的文件已被替代，替代它的文件："
HELPLINE = "拨打咨询热线"  # then the helpline sentence (views.HELPLINE_CURRENT, HELPLINE_LAPSED)


def entry_next_step(policy: Record, status: PolicyStatus, successor_docs, site) -> NextStep:
    """The 怎么办 box of a catalogue entry. ``successor_docs``: documents
    replacing its basis documents; ``site``: pages.site.SiteInfo (its helpline)."""
    contacts = tuple(Contact.of(d) for d in policy.departments)
    steps: list[Step] = []
    if status.current:
        if status.state == "unknown":
            steps.append(Step("confirm", CONFIRM, CONFIRM_TEXT))
        if policy.service_url:
            steps.append(Step("apply", APPLY, APPLY_TEXT, url=policy.service_url))
        steps.append(Step("ask", ASK, ASK_CURRENT, contacts=contacts, note=policy.contact or ""))
        lead = HELPLINE_CURRENT
    else:
        if policy.successor is not None:
            steps.append(Step("successor", SUCCESSOR, SUCCESSOR_ENTRY_TEXT,
                              links=(Link(policy.successor.name, urls.policy(policy.successor)),)))
        elif successor_docs:
            steps.append(Step("successor", SUCCESSOR, SUCCESSOR_DOCS_TEXT,
                              links=document_links(successor_docs)))
        ended = status.state == "lapsed" and status.value == "已截止"
        steps.append(Step("ask", ASK, ASK_ENDED if ended else ASK_LAPSED, contacts=contacts,
                          note=policy.contact or ""))
        lead = HELPLINE_LAPSED
    if call := helpline(site, lead):
        steps.append(Step("helpline", HELPLINE, helpline=call))
    return NextStep(tuple(steps))
