"""The values page data are made of: small frozen types holding strings,
numbers and links, never a content record. A template reads only these
(through its page's dataclass) and writes all the HTML.

One rule for links: a URL in page data is site-relative
("documents/hs-2018-138/#c1"), and the template links to it from the page
it renders with ``href(url)`` (render.href). Only addresses outside the
site (a department's website, an entry's 办事链接) are written as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..present import date_zh, period_zh, validity, validity_word
from ..render import paragraphs
from ..schema.types import Date, DateTime, List, Object, Phone, RefTo, Url, resolve


@dataclass(frozen=True)
class Link:
    text: str
    url: str  # site-relative
    kind: str = ""  # its CSS class, for links in running text (cite, indicator, indicator-value)


def dept_link(dept) -> Link:
    return Link(dept.name, urls.department(dept))


@dataclass(frozen=True)
class Badge:
    """A status beside a document or a catalogue entry."""

    label: str  # present.validity_word of a document; an entry's PolicyStatus value (已截止 …)
    state: str  # in-force / lapsed / unknown: the badge's colour


def doc_badge(doc) -> Badge:
    return Badge(validity_word(doc), validity(doc).extra["state"])


def status_badge(status) -> Badge:
    """The badge of a content.PolicyStatus."""
    return Badge(status.value, status.state)


@dataclass(frozen=True)
class Fact:
    """A field of the model as a page shows it (``fact`` makes one)."""

    label: str  # the field's label in the model
    text: str  # the value as the site writes it (present.py); "" when not given
    empty: str  # shown when not given: the field's ``empty`` words (schema.types.EMPTY unless it has its own)
    kind: str = "text"  # how the template writes text: as text, a phone to tap (phone), an external link (url)
    links: tuple[Link, ...] = ()  # instead of text: the departments a list of references names
    field: str = ""  # the model field's name: where a draft's review item marks it (banners.DraftBanner)

    @property
    def given(self) -> bool:
        return bool(self.text or self.links)


def fact(field, value, empty: str | None = None) -> Fact:
    """``value`` of the model field ``field``, written by the field's type;
    ``empty``: other words than the field's for a value not given."""
    t, empty = resolve(field.type), field.empty if empty is None else empty
    item = resolve(t.item) if isinstance(t, List) else t
    if value in (None, "", []):
        return Fact(field.label, "", empty, field=field.name)
    if isinstance(item, RefTo) and item.kind == "department":
        return Fact(field.label, "", empty, links=tuple(dept_link(d) for d in (value if item is not t else [value])),
                    field=field.name)
    if isinstance(t, List):
        text = "、".join(str(v) for v in value)
    elif isinstance(t, (Date, DateTime)):
        text = date_zh(value)
    elif isinstance(t, Object) and t.name == "period":
        text = period_zh(value)
    else:
        text = str(value)
    return Fact(field.label, text, empty, "phone" if isinstance(t, Phone) else "url" if isinstance(t, Url) else "text",
                field=field.name)


# The helpline sentence (content/site.yaml helpline): whom to ask, said before
# its name and number, for a reader who does not know whom to ask …
HELPLINE_CURRENT = "不知道该找哪个部门，可以咨询"
# … and for one whose document or entry no longer applies.
HELPLINE_LAPSED = "想知道现在适用哪些政策，可以咨询"


@dataclass(frozen=True)
class Helpline:
    """The site's fallback contact, as one sentence: {lead}{name}：{phone}。"""

    lead: str  # HELPLINE_CURRENT or HELPLINE_LAPSED
    name: str
    phone: str


def helpline(site, lead: str) -> Helpline | None:
    """The helpline of ``site`` (pages.site.SiteInfo); None when it gives none."""
    return Helpline(lead, site.helpline_name, site.helpline_phone) if site.helpline_phone else None


@dataclass(frozen=True)
class Facet:
    """A filter of a filterable list (政策目录, 政策文件库; docs/assets/catalogue.js reads its markup)."""

    key: str  # the URL parameter and the items' data-* attribute
    label: str
    options: list[tuple[str, str]]  # (value, label)


# A paragraph of running text, some phrases linked: a str is text, a Link a
# phrase that links elsewhere (the template writes the <a>).
Paragraph = tuple["str | Link", ...]


def linked_text(text: str, links: list[Link]) -> list[Paragraph]:
    """``text`` in paragraphs, each Link's text linked where it first occurs;
    overlapping phrases are skipped, so the words on the page are exactly
    the words of the content."""
    result = []
    pending = list(links)
    for para in paragraphs(text):
        spans = []
        for link in list(pending):
            start = para.find(link.text)
            if start < 0 or any(s < start + len(link.text) and start < e for s, e, _ in spans):
                continue
            spans.append((start, start + len(link.text), link))
            pending.remove(link)
        pieces, cursor = [], 0
        for start, end, link in sorted(spans, key=lambda span: span[0]):
            pieces += [para[cursor:start], link]
            cursor = end
        result.append((*pieces, para[cursor:]))
    return result


def plain(paragraph: Paragraph) -> str:
    """A paragraph's words without its links."""
    return "".join(p if isinstance(p, str) else p.text for p in paragraph)
