"""Open data: everything the site publishes as data, beside its pages.

``publish(content, site)`` returns every file (site path -> text or bytes)
and the listing the 开放数据 page shows, and ``published_sitemap`` the
sitemap, once the pages are known:

    documents/<id>/index.json     a document: metadata, validity, relations both ways, notice,
                                  the clause tree with ids and URLs, indicators, departments,
                                  interpretations, the catalogue entries based on it
    policies/<id>/index.json      a catalogue entry
    policies/catalogue.json       every entry (the self-check page reads it)
    data/<table>.csv, .json       documents, indicators, catalogue entries, departments
    data/open-data.zip            all of the above and the schemas
    data/schema/*.schema.json     the JSON Schema of each JSON file, derived from the model
    feeds/documents.xml, feeds/policies.xml    Atom feeds
    sitemap.xml                   every page with its content date (the engine writes it, and
                                  MkDocs a gzip copy, from the theme template the generator writes:
                                  sitemap.template)

Modules: ``records`` (the exported objects, derived from the content
model), ``tables``, ``archive``, ``feeds``, ``linked_data`` (the pages'
JSON-LD), ``sitemap``. All of it is written by the generate step into the
source tree; no engine is involved. Links are absolute where the site's
address (SITE_URL) is set, relative to the site's root otherwise.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .. import urls
from ..schema.jsonschema import data_schema
from ..schema.types import Object
from . import archive, feeds, records, sitemap, tables
from .records import CATALOGUE, DOCUMENT_FILE, POLICY_FILE, Context

ARCHIVE = "open-data.zip"


@dataclass(frozen=True)
class DataFile:
    """A file (or a group of files of one kind) as the 开放数据 page lists it."""

    title: str
    path: str  # site path; for a group, its pattern (documents/<文件ID>/index.json)
    link: str  # site path of the file (for a group: of its first file)
    format: str
    size: int  # bytes (for a group: all its files)
    count: int = 1
    description: str = ""
    schema: str | None = None  # site path of its JSON Schema
    fields: Object | None = None  # the object (or table row) whose fields it holds


@dataclass
class Published:
    files: dict[str, str | bytes] = field(default_factory=dict)
    listing: list[DataFile] = field(default_factory=list)
    feeds: list[feeds.Feed] = field(default_factory=list)


def _json(data: dict) -> str:
    """A record's file, on one line: json's fast C encoder (indent= falls back
    to the pure-Python one, a second at 5,000 entries)."""
    return json.dumps(data, ensure_ascii=False) + "\n"


def _size(data: str | bytes) -> int:
    return len(data.encode("utf-8") if isinstance(data, str) else data)


def schema_path(name: str) -> str:
    return urls.data_file(f"schema/{name}.schema.json")


def publish(content, site) -> Published:
    """Every open-data file and the feeds; the sitemap, which lists every
    page, is added when the pages are made (``published_sitemap``)."""
    ctx = Context(content, site)
    out = Published()
    data: dict[str, str | bytes] = {}  # what the zip holds

    def group(files: dict[str, str | bytes], pattern: str, title: str, fmt: str, description: str = "",
              schema: str | None = None, fields: Object | None = None, zipped: bool = True) -> None:
        """List ``files`` (path -> text) as one item; ``pattern``: its path, or for several its paths' pattern."""
        if not files:
            return
        out.files.update(files)
        if zipped:
            data.update(files)
        out.listing.append(DataFile(title, pattern, next(iter(files)), fmt, sum(_size(t) for t in files.values()),
                                    len(files), description, schema, fields))

    def add(path: str, text: str | bytes, *args, **kwargs) -> None:
        group({path: text}, path, *args, **kwargs)

    schemas = dict([("document", DOCUMENT_FILE), ("policy", POLICY_FILE), ("catalogue", CATALOGUE),
                    *((t.name, t.file_object) for t in tables.TABLES)])

    for table in tables.TABLES:
        csv_text, json_text = table.write(ctx)
        add(urls.data_file(f"{table.name}.csv"), csv_text, f"{table.title}表", "CSV", table.description,
            fields=table.row_object)
        add(urls.data_file(f"{table.name}.json"), json_text, f"{table.title}表", "JSON", "与 CSV 相同的行。",
            schema_path(table.name), table.row_object)
    group({urls.document_data(d): _json(records.document_data(ctx, d)) for d in content.documents.values()},
          "documents/<文件ID>/index.json", "每份文件", "JSON", "公开信息、有效性、相关文件、印发通知、条款（含编号和网址）、"
          "指标、部门、解读和依据它的政策目录条目。", schema_path("document"), DOCUMENT_FILE)
    group({urls.policy_data(p): _json(records.policy_data(ctx, p)) for p in content.policies.values()},
          "policies/<政策目录条目ID>/index.json", "每个政策目录条目", "JSON", "条目的全部字段、状态、依据条款和相关目标。",
          schema_path("policy"), POLICY_FILE)
    if content.policies:
        add(urls.catalogue_data(), tables.json_lines(records.catalogue_data(ctx)), "政策目录（全部条目）", "JSON",
            "全部条目和取值表；政策自测页面读取这个文件。", schema_path("catalogue"), CATALOGUE)
    for name, obj in schemas.items():
        schema_id = urls.absolute(schema_path(name), site.url) if site.url else None
        add(schema_path(name), json.dumps(data_schema(obj, schema_id), ensure_ascii=False, indent=1) + "\n",
            f"{obj.title}的格式", "JSON Schema", "JSON Schema（draft-07），由内容模型生成。")

    zipped = archive.archive(data, archive.archive_time(content))
    out.files[urls.data_file(ARCHIVE)] = zipped
    out.listing.insert(0, DataFile("全部开放数据", urls.data_file(ARCHIVE), urls.data_file(ARCHIVE), "ZIP",
                                   len(zipped), len(data), "本页列出的全部 JSON、CSV 和格式文件（订阅源和网站地图除外）。"))

    for feed, entries in feeds.feeds(content, site):
        add(urls.feed(feed.name), feeds.atom(feed, entries, site), feed.title, "Atom",
            f"{feed.subtitle}；最新的 {min(len(entries), feeds.FEED_ENTRIES)} 项。", zipped=False)
        out.feeds.append(feed)
    return out


def published_sitemap(content, site, published: Published, pages: list[str], handwritten: list[str]) -> str:
    """sitemap.xml, listed last among ``published``'s files. ``pages``: the
    URLs of every generated page, in the site's order; ``handwritten``:
    those of the hand-written pages (docs/)."""
    text = sitemap.sitemap(content, site.url, pages, handwritten)
    published.listing.append(DataFile("网站地图", urls.sitemap(), urls.sitemap(), "XML", _size(text), 1,
                                      "网站的全部页面及其内容日期，供搜索引擎读取。"))
    return text
