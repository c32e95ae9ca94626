"""开放数据: every open-data file with its format, size and fields, the
feeds to subscribe to, and the licence (content/site.yaml ``licence``;
未提供 when not given).

Unlike the other page modules, this page is made after all the others
(``pages.build_pages``): it lists the sitemap, which lists every page. Its
field lists come from the same declarations as the files
(``opendata.records``, ``opendata.tables``): the Chinese labels of the
content model.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..opendata import Published
from ..opendata.records import SCHEMA_VERSION, TermMap, View
from ..opendata.tables import TABLES
from ..present import file_size
from ..schema.model import SITE
from ..schema.types import (Boolean, Date, DateTime, Enum, Id, Link as LinkType, List, Number, Object, Phone, RefTo,
                            Text, Url, resolve)
from .page import Page, make_page
from .views import Fact, Link, fact

TITLE = "开放数据"


@dataclass
class FieldRow:
    name: str
    label: str
    type: str  # in words
    anchor: str | None  # the field table of the object it holds
    nullable: bool
    description: str


@dataclass
class FieldTable:
    anchor: str
    title: str
    name: str
    rows: list[FieldRow]


@dataclass(frozen=True)
class FileRow:
    """A file (or a group of files of one kind) of the open data (opendata.DataFile)."""

    title: str
    link: Link  # the file (a group's first file), named by its site path
    pattern: str  # a group's path pattern (documents/<文件ID>/index.json); "" for one file
    count: int
    format: str
    size: str  # present.file_size
    description: str
    fields: Link | None  # its field table on this page, named by its title
    schema: Link | None  # its JSON Schema, named by its site path


@dataclass
class OpenDataPage:
    licence: Fact  # content/site.yaml licence
    files: list[FileRow]
    feeds: list[tuple[Link, str]]  # (feed, what it announces)
    fields: list[FieldTable]
    site_url: str  # "" when links are relative
    schema_version: str


def anchor(obj: Object) -> str:
    return "fields-" + obj.name.replace("_", "-")


def type_text(t) -> tuple[str, Object | None]:
    """A field's type in words, and the object it holds (listed in its own table)."""
    t = resolve(t)
    if isinstance(t, List):
        inner, obj = type_text(t.item)
        return f"列表，每项为{inner}", obj
    if isinstance(t, Object):
        return f"对象“{t.title}”", t
    if isinstance(t, TermMap):
        return f"对象，键为{'、'.join(t.enum.terms)}", None
    if isinstance(t, Enum):
        return "取值 " + "、".join(term for term in t.terms if term), None
    if isinstance(t, RefTo):
        return "编号", None
    words = [(Id, "编号"), (LinkType, "网址"), (Url, "网址"), (Phone, "电话号码（如 0574-87654321）"), (DateTime, "日期时间（如 2018-12-24T08:54）"),
             (Date, "日期（如 2018-12-12）"), (Boolean, "true 或 false"), (Text, "文本")]
    if isinstance(t, Number):
        return ("整数" if t.integer else "数字"), None
    return next(word for kind, word in words if isinstance(t, kind)), None


def field_tables(roots: list[Object]) -> list[FieldTable]:
    """The field table of each object reachable from ``roots``, each once, in order."""
    found: list[FieldTable] = []
    seen: set[str] = set()
    queue = list(roots)
    while queue:
        obj = queue.pop(0)
        if obj.name in seen:
            continue
        seen.add(obj.name)
        rows = []
        for name, field in obj.fields.items():
            words, inner = type_text(field.type)
            if inner is not None:
                queue.append(inner)
            nullable = not field.required and not isinstance(resolve(field.type), List)
            rows.append(FieldRow(name, field.label, words, anchor(inner) if inner else None, nullable,
                                 field.description))
        found.append(FieldTable(anchor(obj), obj.title, obj.name, rows))
    return found


def page(env, site, published: Published) -> Page:
    roots = [t.row_object for t in TABLES] + [f.fields for f in published.listing
                                               if f.fields is not None and isinstance(f.fields, View)]
    tables = field_tables(roots)
    anchors = {t.name: urls.open_data() + "#" + t.anchor for t in tables}
    files = [FileRow(f.title, Link(f.link, f.link), f.path if f.path != f.link else "", f.count, f.format,
                     file_size(f.size), f.description,
                     Link(f.fields.title, anchors[f.fields.name]) if f.fields and f.fields.name in anchors else None,
                     Link(f.schema, f.schema) if f.schema else None) for f in published.listing]
    data = OpenDataPage(
        licence=fact(SITE.fields["licence"], site.licence),
        files=files,
        feeds=[(Link(f.title, urls.feed(f.name)), f.subtitle) for f in published.feeds],
        fields=tables,
        site_url=site.url,
        schema_version=SCHEMA_VERSION,
    )
    return make_page(env, "open_data.html.j2", urls.open_data(), TITLE, data)
