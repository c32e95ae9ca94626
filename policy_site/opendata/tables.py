"""Tables people open in a spreadsheet: documents, indicators, catalogue
entries and departments, each as CSV and as JSON with the same rows.

A column is a field of the model (its Chinese label is the CSV header, its
type writes the value) or a derived field declared the same way, so the
tables' JSON Schemas and the 开放数据 page's field lists come from the same
declarations as the cells. A list (支持方式, 关键词 …) is one cell, its items
joined with 、. CSV files are UTF-8 with a byte-order mark, so that Excel on
a Chinese Windows reads them as UTF-8 rather than as GBK.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, replace
from typing import Callable, Iterable, NamedTuple

from .. import target_shape, urls
from ..content import ClauseRef, Content
from ..present import citation, clause_label, format_number, part_text, target_text, validity
from ..schema.model import (CLAUSE, DEPARTMENT, DOCUMENT, INDICATOR, METADATA, PERIOD, POLICY, POLICY_STATUS, PROGRESS,
                            STATE, STATE_NAMES, TARGET_VALUE)
from ..schema.types import Enum, Field, Id, Link, List, Number, Object, RefTo, Term, Text, resolve
from ..validate import Record
from .records import TARGET_SHAPE, VERSION, Context, Derived, View, data, derived

SEPARATOR = "、"  # between the items of a list in one cell
BOM = "\ufeff"


def column(name: str, type_, label: str, value: Callable, description: str = "") -> Derived:
    """A column: its field's name is the JSON key, its label the CSV header,
    its type how the cell is written; any cell may be empty (null)."""
    return derived(name, type_, label, value, description, required=False)


def model_column(obj: Object, field_name: str, value: Callable, name: str = "", label: str = "",
                 description: str = "") -> Derived:
    """A column that is a field of the model's ``obj``: its label, type and
    description; a list becomes one text cell, a reference the id."""
    field = obj.fields[field_name]
    t = resolve(field.type)
    if isinstance(t, List):
        t = Text()
    elif isinstance(t, RefTo) and not t.scoped:
        t = Id()
    return Derived(replace(field, name=name or field_name, type=t, label=label or field.label, required=False,
                           description=description or field.description), value)


def id_column(obj: Object, name: str, value: Callable) -> Derived:
    """A record's id, labelled by what it is (文件ID, 指标ID): "编号" alone
    would be ambiguous in a table with several, and 文件编号 is the 文号."""
    return column(name, Id(), f"{obj.title}ID", value, f"{obj.title}在本站的编号（稳定，决定网址）。")


def url_column(target: Callable, description: str) -> Derived:
    return column("url", Link(), "网址", lambda row, ctx: target(row), description)


def cell(t, value, ctx: Context):
    """One cell as JSON writes it: a scalar or null."""
    if value is None or value == []:
        return None
    if isinstance(value, list):
        return SEPARATOR.join(str(v.ref_id if isinstance(v, Record) else v) for v in value)
    if isinstance(value, Record):
        return value.ref_id  # a reference: the id others use (haishu/finance-office)
    return data(t, value, ctx)  # dates and links as the JSON records write them


def csv_text(value) -> str:
    """A JSON cell as the CSV writes it: null empty, numbers as the site writes them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_number(value)
    return str(value)


FIELD_INFO = Object("field_info", "字段", [
    Field("name", Text(max_length=40, multiline=False), "字段名", required=True, description="JSON 中的键。"),
    Field("label", Text(max_length=40, multiline=False), "名称", required=True, description="CSV 文件第一行的列名。"),
    Field("description", Text(), "说明", description="字段的含义；没有说明时为 null。"),
])


@dataclass(frozen=True)
class Table:
    name: str  # data/<name>.csv, data/<name>.json
    title: str
    description: str
    columns: tuple[Derived, ...]
    rows: Callable[[Content], Iterable]  # what each row is about

    def __post_init__(self):
        labels = [c.field.label for c in self.columns]
        assert len(set(labels)) == len(labels), f"table {self.name}: column labels must differ: {labels}"

    @property
    def row_object(self) -> Object:
        return Object(f"{self.name}_row", f"{self.title}（一行）", [c.field for c in self.columns])

    @property
    def file_object(self) -> View:
        """The JSON file's top level."""
        return View.of(f"{self.name}_table", self.title, [
            VERSION,
            derived("table", Enum(Term(self.name, self.title)), "表", lambda t, ctx: self.name),
            derived("title", Text(max_length=40, multiline=False), "表名", lambda t, ctx: self.title),
            derived("fields", List(FIELD_INFO), "字段", lambda t, ctx: [c.field for c in self.columns],
                    "每一列：JSON 中的键、CSV 的列名和说明，按列的顺序。"),
            derived("rows", List(self.row_object), "行", lambda t, ctx: t, "每行一个对象，键为字段名。"),
        ], self.description)

    def json_rows(self, ctx: Context) -> list[dict]:
        return [{c.field.name: cell(c.field.type, c.value(row, ctx), ctx) for c in self.columns}
                for row in self.rows(ctx.content)]

    def write(self, ctx: Context) -> tuple[str, str]:
        """(CSV text with its byte-order mark, JSON text) of the table."""
        rows = self.json_rows(ctx)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([c.field.label for c in self.columns])
        writer.writerows([csv_text(value) for value in row.values()] for row in rows)  # in the columns' order
        payload = {
            VERSION.field.name: VERSION.value(None, ctx),
            "table": self.name,
            "title": self.title,
            "fields": [{"name": c.field.name, "label": c.field.label, "description": c.field.description or None}
                       for c in self.columns],
            "rows": rows,
        }
        return BOM + buffer.getvalue(), json_lines(payload)


def json_lines(payload: dict) -> str:
    """JSON with one top-level key, and one list item, per line (a change to
    one row changes one line), encoded by json's fast C encoder."""
    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = []
    for key, value in payload.items():
        if isinstance(value, list) and value:
            lines.append(f"{dump(key)}: [\n" + ",\n".join(dump(item) for item in value) + "\n]")
        else:
            lines.append(f"{dump(key)}: {dump(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


# -- The tables ----------------------------------------------------------------------

KIND = Enum(Term("目标值", "目标值", "文件规定的目标。"), Term("年度进展", "年度进展", "某一年度的完成值。"))


class _Row(NamedTuple):
    """A row of the indicators table: a target (a row for each labelled value
    of a 分别 target), or a year's progress."""

    ref: ClauseRef  # the goal clause
    ind: Record
    progress: Record | None  # None: the target's row
    part: Record | None  # one labelled value of a 分别 target


def _indicator_rows(content: Content):
    """Each indicator's target rows, then a row for each year's progress."""
    for doc in content.full_documents:
        for ref in content.goals(doc):
            for ind in ref.clause.indicators:
                for part in ind.values or [None]:
                    yield _Row(ref, ind, None, part)
                for progress in ind.progress:
                    yield _Row(ref, ind, progress, None)


INDICATORS = Table("indicators", "指标", "每项指标一行（目标值），每项年度进展再一行；单位、比较方式和牵头单位在每一行重复。", (
    id_column(DOCUMENT, "document", lambda r, ctx: r.ref.document.id),
    column("document_title", Text(), "文件", lambda r, ctx: citation(r.ref.document), "文件名称和文号。"),
    id_column(CLAUSE, "clause", lambda r, ctx: r.ref.clause.id),
    column("clause_label", Text(), "条款", lambda r, ctx: clause_label(r.ref), "条款的引用序号和标题。"),
    id_column(INDICATOR, "indicator", lambda r, ctx: r.ind.id),
    model_column(INDICATOR, "metric", lambda r, ctx: r.ind.metric),
    column("kind", KIND, "数值类型", lambda r, ctx: "目标值" if r.progress is None else "年度进展",
           "目标值：文件规定的目标；年度进展：某一年度的完成值。"),
    model_column(PROGRESS, "year", lambda r, ctx: r.progress.year if r.progress else None,
                 description="年度进展的年度；目标值行为空。"),
    column("shape", TARGET_SHAPE, "目标形式", lambda r, ctx: target_shape.shape(r.ind),
           "single 数值、range 区间、relative 相对目标、qualitative 定性目标（无数值）、values 一句多值（每个分项一行）。"),
    model_column(TARGET_VALUE, "id", lambda r, ctx: r.part.id if r.part else None, name="part",
                 label="分项ID", description="一句多值（values）的分项编号；其他目标为空。"),
    model_column(TARGET_VALUE, "label", lambda r, ctx: r.part.label if r.part else None, name="part_label",
                 description="一句多值的分项名称，例如 省级；其他目标为空。"),
    column("value", Number(), "数值", lambda r, ctx: r.progress.value if r.progress else (r.part or r.ind).value,
           "目标值行为目标值（区间为下限；定性目标和无数值的相对目标为空），年度进展行为该年度的完成值。"),
    model_column(INDICATOR, "upper", lambda r, ctx: (r.part or r.ind).upper if r.progress is None else None),
    model_column(INDICATOR, "unit", lambda r, ctx: (r.part or r.ind).unit),
    model_column(INDICATOR, "comparator", lambda r, ctx: r.ind.comparator),
    model_column(INDICATOR, "reference", lambda r, ctx: r.ind.reference),
    model_column(INDICATOR, "direction", lambda r, ctx: r.ind.direction),
    column("target", Text(), "目标", lambda r, ctx: f"{r.part.label}{part_text(r.ind, r.part)}" if r.part else target_text(r.ind),
           "按原文写法的目标，例如 11700家以上、5%-8%、不低于上年同期。"),
    model_column(INDICATOR, "deadline", lambda r, ctx: r.ind.deadline),
    model_column(INDICATOR, "kind", lambda r, ctx: r.ind.kind, name="indicator_kind"),
    model_column(INDICATOR, "lead", lambda r, ctx: r.ind.lead, label="牵头单位ID",
                 description="牵头部门的编号；原文未写明时为空。"),
    column("lead_name", Text(), "牵头单位", lambda r, ctx: r.ind.lead.name if r.ind.lead else None,
           "牵头部门的名称；原文未写明时为空。"),
    model_column(INDICATOR, "quote", lambda r, ctx: r.ind.quote),
    model_column(PROGRESS, "source", lambda r, ctx: r.progress.source if r.progress else None),
    model_column(PROGRESS, "note", lambda r, ctx: r.progress.note if r.progress else None),
    url_column(lambda r: urls.indicator_part(r.ref.document, r.ind, r.part) if r.part else urls.indicator(r.ref.document, r.ind),
               "该指标（或分项）在“主要目标”页上的位置。"),
), _indicator_rows)


def _documents(content: Content) -> list:
    """Published documents in the site's order, then those known only by number and title."""
    return content.full_documents + [d for d in content.documents.values() if not d.body]


def _nested(part: str, name: str) -> Callable:
    """A field of a record's optional nested object (metadata, application_period)."""
    return lambda record, ctx: getattr(getattr(record, part), name) if getattr(record, part) else None


DOCUMENTS = Table("documents", "文件", "每份文件一行：公开信息、有效性和条款、指标的数量。", (
    id_column(DOCUMENT, "id", lambda d, ctx: d.id),
    model_column(DOCUMENT, "title", lambda d, ctx: d.title),
    model_column(DOCUMENT, "short_title", lambda d, ctx: d.short_title),
    model_column(DOCUMENT, "type", lambda d, ctx: d.type),
    *(model_column(METADATA, name, _nested("metadata", name)) for name in METADATA.fields),
    column("validity_state", STATE, "有效性状态", lambda d, ctx: validity(d).extra["state"],
           STATE_NAMES + "（不当作有效）。"),
    column("clauses", Number(), "条款数", lambda d, ctx: len(list(ctx.content.clauses(d)))),
    column("indicators", Number(), "指标数", lambda d, ctx: sum(len(r.clause.indicators) for r in ctx.content.goals(d))),
    column("tasks", Number(), "任务数", lambda d, ctx: len(ctx.content.tasks(d))),
    url_column(urls.document, "政策原文页面。"),
), _documents)


POLICIES = Table("policies", "政策目录", "每个政策目录条目一行。", (
    id_column(POLICY, "id", lambda p, ctx: p.id),
    model_column(POLICY, "name", lambda p, ctx: p.name),
    model_column(POLICY, "summary", lambda p, ctx: p.summary),
    column("status", POLICY_STATUS, "状态",
           lambda p, ctx: ctx.content.policy_status(p).value, "由依据文件的有效性和申报期限判定，或由工作人员设定。"),
    column("status_reason", Text(), "状态理由", lambda p, ctx: ctx.content.policy_status(p).reason),
    model_column(POLICY, "support_types", lambda p, ctx: p.support_types),
    model_column(POLICY, "audiences", lambda p, ctx: p.audiences),
    model_column(POLICY, "industries", lambda p, ctx: p.industries, description="留空表示原文未限定行业（网站显示“不限行业”）。"),
    model_column(POLICY, "departments", lambda p, ctx: [d.name for d in p.departments], description="主管部门的名称。"),
    model_column(POLICY, "departments", lambda p, ctx: p.departments, name="department_ids", label="主管部门ID",
                 description="主管部门的编号。"),
    column("basis", Text(), "政策依据", lambda p, ctx: [f"{citation(b.document)} {clause_label(ctx.content.clause_by_id(b.document, b.clause))}"
                                                  for b in p.basis], "依据的文件和条款。"),
    column("basis_clauses", Text(), "依据条款ID", lambda p, ctx: [f"{b.document.id}#{b.clause}" for b in p.basis],
           "依据条款的编号，写作 文件ID#条款ID。"),
    model_column(POLICY, "related_indicators", lambda p, ctx: p.related_indicators, label="相关目标ID"),
    model_column(PERIOD, "start", _nested("application_period", "start"), name="application_start", label="申报开始日期"),
    model_column(PERIOD, "end", _nested("application_period", "end"), name="application_end", label="申报截止日期"),
    *(model_column(POLICY, name, (lambda name: lambda p, ctx: getattr(p, name))(name))
      for name in ("application_method", "support_standard", "contact", "service_url")),
    model_column(POLICY, "successor", lambda p, ctx: p.successor, label="接替条目ID"),
    model_column(POLICY, "last_verified", lambda p, ctx: p.last_verified),
    model_column(POLICY, "keywords", lambda p, ctx: p.keywords),
    url_column(urls.policy, "条目页面。"),
), lambda content: list(content.policies.values()))

DEPARTMENTS = Table("departments", "部门", "每个部门一行：牵头的指标、负责的任务和主管的政策目录条目的数量。", (
    id_column(DEPARTMENT, "id", lambda d, ctx: d.id),
    column("government", Id(), "所属政府ID", lambda d, ctx: d.scope,
           "部门所属政府的编号；部门编号在同一政府内唯一。引用部门时写作 政府ID/部门ID。"),
    model_column(DEPARTMENT, "name", lambda d, ctx: d.name),
    model_column(DEPARTMENT, "full_name", lambda d, ctx: d.full_name),
    column("indicators", Number(), "牵头指标数", lambda d, ctx: len(ctx.content.indicators_led_by(d))),
    column("tasks", Number(), "负责任务数", lambda d, ctx: len(ctx.content.tasks_of(d))),
    column("policies", Number(), "主管条目数", lambda d, ctx: len(ctx.content.policies_of(d))),
    url_column(urls.department, "该部门的责任分工页。"),
), lambda content: list(content.departments.values()))

TABLES = (DOCUMENTS, INDICATORS, POLICIES, DEPARTMENTS)
