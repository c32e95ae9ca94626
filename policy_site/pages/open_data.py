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
from ..opendata import DataFile, Published
from ..opendata.records import SCHEMA_VERSION, TermMap, View
from ..opendata.tables import TABLES
from ..schema.model import SITE
from ..schema.types import (Boolean, Date, DateTime, Enum, Id, Link, List, Number, Object, Phone, RefTo, Text, Url,
                            resolve)
from .page import Page, make_page

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


@dataclass
class OpenDataPage:
    licence: str  # content/site.yaml licence, "" when not given
    licence_label: str
    licence_empty: str
    files: list[DataFile]
    feeds: list[tuple[str, str, str]]  # (title, site path, what it announces)
    fields: list[FieldTable]
    anchors: dict[str, str]  # object name -> anchor of its field table
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
    words = [(Id, "编号"), (Link, "网址"), (Url, "网址"), (Phone, "电话号码（如 0574-87654321）"), (DateTime, "日期时间（如 2018-12-24T08:54）"),
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
    data = OpenDataPage(
        licence=site.licence,
        licence_label=SITE.fields["licence"].label,
        licence_empty=SITE.fields["licence"].empty or "未提供",
        files=published.listing,
        feeds=[(f.title, urls.feed(f.name), f.subtitle) for f in published.feeds],
        fields=tables,
        anchors={t.name: t.anchor for t in tables},
        site_url=site.url,
        schema_version=SCHEMA_VERSION,
    )
    return make_page(env, "open_data.html.j2", urls.open_data(), TITLE, data)
