"""The open data's records, derived from the content model.

Each exported object is a ``View`` of an object of the model
(``schema/model.py``): its fields as the content gives them, with
references written as ids and dates as ISO 8601 (``2018-12-12``,
``2018-12-24T08:54``), plus derived fields (a URL, the validity's state,
the relations both ways ...) computed by the functions the pages use
(``present.py``, ``content/``). A View is an ``Object`` of the model's
type language, so the published JSON Schemas (``schema/jsonschema.py``
``data_schema``) and the 开放数据 page's field lists come from the same
declarations as the values: a field cannot be exported without a label and
a schema.

Every field is written: an optional one the content does not give is null
(a list: empty), never a guess.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, Callable

from .. import target_shape, urls
from ..content import Content
from ..present import citation, clause_label, clause_number, date_iso, part_text, target_text, validity
from ..schema.model import (AUDIENCE, BASIS, CLAUSE, DEPARTMENT, DOCUMENT, INDICATOR, INDUSTRY, INTERPRETATION,
                            POLICY, POLICY_STATUS, RELATION, STATE, STATE_NAMES, SUPPORT_TYPE, TARGET_VALUE, VALIDITY,
                            BODY)
from ..schema.types import (Boolean, Date, DateTime, Enum, Field, Id, Link, List, Number, Object, RefTo, Term, Text, Type,
                            resolve)

# The version of the open data's format: raised when a field changes its
# meaning or goes away (a new field does not change it). Every JSON file
# states it, and its JSON Schema accepts only it.
SCHEMA_VERSION = "2.0"  # 2.0: a target may have no value (relative, qualitative, 分别 targets)

Compute = Callable[[Any, "Context"], Any]


@dataclass(frozen=True)
class Context:
    """What a derived value may need besides its record: the content, the
    site (its address decides whether links are absolute) and, inside a
    document, the document."""

    content: Content
    site: Any  # pages.site.SiteInfo
    doc: Any = None

    def link(self, target: str) -> str:
        return urls.absolute(target, self.site.url)

    def at(self, doc) -> "Context":
        return replace(self, doc=doc)


@dataclass(frozen=True)
class Derived:
    """A field the content does not state as such, and how it is computed
    from the record (the value is then written by the field's type)."""

    field: Field
    value: Compute


def derived(name: str, type_, label: str, value: Compute, description: str = "", required: bool = True) -> Derived:
    return Derived(Field(name, type_, label, required=required, description=description), value)


def url_field(target: Callable[[Any], str], description: str) -> Derived:
    return derived("url", Link(), "网址", lambda record, ctx: target(record), description)


class View(Object):
    """An exported object: fields, each either read from the record by its
    name (a model field) or computed (``compute``)."""

    def __init__(self, name: str, title: str, fields: list[Field], compute: dict[str, Compute],
                 description: str = ""):
        super().__init__(name, title, fields, description)
        self.compute = compute

    @classmethod
    def of(cls, name: str, title: str, fields: list[Derived], description: str = "") -> "View":
        """An object all of whose fields are computed."""
        return cls(name, title, [d.field for d in fields], {d.field.name: d.value for d in fields}, description)


def derive(source: Object, name: str, *, only: tuple = (), omit: tuple = (), nested: dict | None = None,
           added: list[Derived] = ()) -> View:
    """A View of the model object ``source``: its fields in the model's
    order (``only`` these, or all but ``omit``), nested objects replaced by
    their views (``nested``: field name -> View, or a function returning
    one for a recursive object), a field of the same name in ``added``
    replacing the model's, the rest of ``added`` after them."""
    by_name = {d.field.name: d for d in added}
    fields: list[Field | Derived] = []
    for field_name, field in source.fields.items():
        if (only and field_name not in only) or field_name in omit:
            continue
        if nested and field_name in nested:
            t = resolve(field.type)
            view = nested[field_name]
            field = replace(field, type=List(view, t.min_items) if isinstance(t, List) else view)
        fields.append(by_name.pop(field_name, field))
    fields += by_name.values()
    return View(name, source.title, [f.field if isinstance(f, Derived) else f for f in fields],
                {f.field.name: f.value for f in fields if isinstance(f, Derived)}, source.description)


def with_version(view: View, name: str) -> View:
    """``view`` as the top level of a file: ``schema_version`` first."""
    return View(name, view.title, [VERSION.field, *view.fields.values()], {VERSION.field.name: VERSION.value, **view.compute},
                view.description)


class TermMap(Type):
    """A mapping from each term of a vocabulary to a value (in exports only)."""

    label_zh, label_en = "取值表", "vocabulary map"

    def __init__(self, enum: Enum, value_schema: dict):
        self.enum = enum
        self.value_schema = value_schema

    def json_schema(self) -> dict:
        return {"type": "object", "additionalProperties": False,
                "properties": {term: dict(self.value_schema) for term in self.enum.terms},
                "required": list(self.enum.terms)}


def data(t, value, ctx: Context):
    """``value`` (a record, or what a derived field computed) as plain JSON
    data, written by its type ``t``."""
    return _converter(t)(value, ctx)


# A converter per type, made once: at thousands of entries the open data is
# mostly this walk, so each object's fields are looked up once, not per value.
_CONVERTERS: dict[int, Callable] = {}


def _same(value, ctx):
    return value


def _converter(t) -> Callable:
    key = id(t)
    if key in _CONVERTERS:
        return _CONVERTERS[key]
    t = resolve(t)
    if id(t) in _CONVERTERS:
        return _CONVERTERS[id(t)]
    if isinstance(t, List):
        holder: list = []  # the item's converter, found on first use (objects may be recursive)

        def convert_list(value, ctx):
            if not holder:
                holder.append(_converter(t.item))
            return [holder[0](v, ctx) for v in value or ()]
        found = convert_list
    elif isinstance(t, Object):
        compute = getattr(t, "compute", {})
        plan: list = []

        def convert_object(value, ctx):
            if value is None:
                return None
            if not plan:
                plan.extend((name, compute.get(name), _converter(field.type)) for name, field in t.fields.items())
            values = getattr(value, "_values", None)  # a validated Record: its fields without __getattr__
            out = {}
            for name, computed, convert in plan:
                if computed is not None:
                    v = computed(value, ctx)
                elif values is not None:
                    v = values.get(name)
                else:
                    v = getattr(value, name, None)
                out[name] = v if convert is _same else convert(v, ctx)
            return out
        found = convert_object
    elif isinstance(t, RefTo):
        found = lambda value, ctx: None if value is None else value.ref_id  # noqa: E731
    elif isinstance(t, (DateTime, Date)):
        found = lambda value, ctx: date_iso(value)  # noqa: E731
    elif isinstance(t, Link):
        found = lambda value, ctx: None if value is None else ctx.link(value)  # noqa: E731
    else:
        found = _same
    _CONVERTERS[key] = _CONVERTERS[id(t)] = found
    return found


VERSION = derived("schema_version", Enum(Term(SCHEMA_VERSION, SCHEMA_VERSION, "本版格式")), "格式版本",
                  lambda record, ctx: SCHEMA_VERSION,
                  "本文件格式的版本；字段改变含义或被删除时升级，新增字段不升级。")

# -- A document ------------------------------------------------------------------

def _clause_ref(clause, ctx: Context):
    return ctx.content.clause_by_id(ctx.doc, clause.id)


TARGET_SHAPE = Enum(*(Term(k, v, v) for k, v in target_shape.LABELS.items()))

# One labelled value of a 分别 target, computed from (indicator, value): its
# written form and its anchor need the indicator.
TARGET_VALUE_DATA = View.of("target_value_data", TARGET_VALUE.title, [
    derived("id", Id(), "编号", lambda f, ctx: f[1].id, TARGET_VALUE.fields["id"].description),
    derived("label", Text(max_length=60, multiline=False), "分项", lambda f, ctx: f[1].label),
    derived("value", Number(), "目标值", lambda f, ctx: f[1].value, "区间为下限。"),
    derived("upper", Number(), "区间上限", lambda f, ctx: f[1].upper, "比较方式为区间时的上限。", required=False),
    derived("unit", Text(max_length=20, multiline=False), "单位", lambda f, ctx: f[1].unit),
    derived("target", Text(max_length=200, multiline=False), "目标", lambda f, ctx: part_text(f[0], f[1]),
            "该分项的目标，按原文的写法，例如 达到10家。"),
    derived("url", Link(), "网址", lambda f, ctx: urls.indicator_part(ctx.doc, f[0], f[1]),
            "该分项在“主要目标”页上的位置（锚点为 指标编号-分项编号）。"),
])

INDICATOR_DATA = derive(INDICATOR, "indicator_data", added=[
    derived("values", List(TARGET_VALUE_DATA), INDICATOR.fields["values"].label,
            lambda ind, ctx: [(ind, part) for part in ind.values], INDICATOR.fields["values"].description),
    derived("shape", TARGET_SHAPE, "目标形式", lambda ind, ctx: target_shape.shape(ind),
            "single 数值目标、range 区间目标、relative 相对目标、qualitative 定性目标（无数值）、values 一句多值。"),
    derived("target", Text(max_length=200, multiline=False), "目标", lambda ind, ctx: target_text(ind),
            "目标值、单位和比较方式，按原文的写法，例如 11700家以上、不低于2.5%、5%-8%、不低于上年同期、保持增长。"),
    derived("url", Link(), "网址", lambda ind, ctx: urls.indicator(ctx.doc, ind), "该指标在“主要目标”页上的位置。"),
])

CLAUSE_DATA: View = derive(CLAUSE, "clause_data", nested={"indicators": INDICATOR_DATA, "children": lambda: CLAUSE_DATA},
                           added=[
    derived("citation", Text(max_length=40, multiline=False), "引用序号",
            lambda clause, ctx: clause_number(_clause_ref(clause, ctx)) or None,
            "人们引用本条款的写法，例如 三(一)1. 或 第8条；没有序号的条款为 null。", required=False),
    derived("label", Text(max_length=300, multiline=False), "条款名称",
            lambda clause, ctx: clause_label(_clause_ref(clause, ctx)),
            "引用序号和标题，例如 三(一)1.主体提质行动。；网站上链接到本条款时的文字。"),
    derived("policies", List(Id()), "政策目录条目",
            lambda clause, ctx: [p.id for p in ctx.content.policies_based_on(ctx.doc, clause)],
            "依据本条款的政策目录条目的编号。"),
    derived("url", Link(), "网址", lambda clause, ctx: urls.clause(ctx.doc, clause),
            "本条款在“政策原文”页上的位置（锚点为条款编号）。"),
])

BODY_DATA = derive(BODY, "body_data", nested={"clauses": CLAUSE_DATA})

DEPARTMENT_DATA = derive(DEPARTMENT, "department_data", added=[
    derived("government", Id(), "所属政府", lambda d, ctx: d.scope,
            "部门所属政府的编号（登记部门的 content/governments/<编号>.yaml）；部门编号在同一政府内唯一，"
            "引用时写作 政府编号/部门编号。",
            required=False),
    url_field(urls.department, "该部门的责任分工页。"),
])

RELATION_DATA = derive(RELATION, "relation_data", added=[
    derived("label", Text(max_length=20, multiline=False), "关系说明", lambda r, ctx: r.label,
            "从本文件看的关系，例如 本文件替代、替代本文件。"),
    derived("inverse", Boolean(), "由另一份文件写明", lambda r, ctx: r.inverse,
            "true：这一关系写在另一份文件里（例如 替代本文件）；false：写在本文件里。"),
    derived("title", Text(max_length=300, multiline=False), "文件标题", lambda r, ctx: r.document.title),
    derived("doc_no", Text(max_length=60, multiline=False), "文号",
            lambda r, ctx: r.document.metadata.doc_no if r.document.metadata else None, required=False),
    url_field(lambda r: urls.document(r.document), "另一份文件的页面。"),
])

VALIDITY_DATA = View.of("validity_data", "有效性", [
    derived("value", VALIDITY, "有效性", lambda doc, ctx: doc.metadata.validity if doc.metadata else None,
            "公开信息写明的有效性；没有写明时为 null（不当作有效）。", required=False),
    derived("label", Text(max_length=20, multiline=False), "显示为", lambda doc, ctx: validity(doc).label,
            "网站上显示的有效性，例如 有效、废止、有效性未标注。"),
    derived("state", STATE, "状态", lambda doc, ctx: validity(doc).extra["state"],
            STATE_NAMES + "。"),
])

INTERPRETATION_LINK = derive(INTERPRETATION, "interpretation_link", only=("id", "type", "title", "date", "body", "interpreter_type"),
                             added=[url_field(urls.interpretation, "解读页面。")])

POLICY_LINK = derive(POLICY, "policy_link", only=("id", "name"), added=[
    derived("status", POLICY_STATUS, "状态", lambda p, ctx: ctx.content.policy_status(p).value),
    url_field(urls.policy, "条目页面。"),
])


DOCUMENT_DATA = derive(DOCUMENT, "document_data", omit=("review", "original_file"), nested={"body": BODY_DATA}, added=[
    derived("relations", List(RELATION_DATA), "相关文件", lambda doc, ctx: ctx.content.relations_both_ways(doc),
            "本文件替代、修改或依据的文件，以及替代、修改或依据本文件的文件（两个方向）。"),
    derived("departments", List(DEPARTMENT_DATA), "部门",
            lambda doc, ctx: [d for d in ctx.content.departments.values() if doc.government and d.scope == doc.government.id],
            "本文件所属政府的部门（登记在 content/governments/<政府编号>.yaml）。"),
    derived("validity", VALIDITY_DATA, "有效性", lambda doc, ctx: doc,
            "本文件的有效性及网站上的显示。"),
    derived("interpretations", List(INTERPRETATION_LINK), "政策解读",
            lambda doc, ctx: ctx.content.interpretations_of(doc)),
    derived("policies", List(POLICY_LINK), "政策目录条目",
            lambda doc, ctx: [p for p in ctx.content.policies.values() if any(b.document is doc for b in p.basis)],
            "依据本文件条款的政策目录条目。"),
    url_field(urls.document, "政策原文页面。"),
])
DOCUMENT_FILE = with_version(DOCUMENT_DATA, "document_file")

# -- A catalogue entry ---------------------------------------------------------------


def _basis_ref(basis, ctx: Context):
    return ctx.content.clause_by_id(basis.document, basis.clause)


BASIS_DATA = derive(BASIS, "basis_data", added=[
    derived("citation", Text(max_length=600, multiline=False), "引用",
            lambda b, ctx: f"{citation(b.document)} {clause_label(_basis_ref(b, ctx))}",
            "依据的文件和条款，按网站上的写法。"),
    derived("url", Link(), "网址", lambda b, ctx: urls.clause(b.document, _basis_ref(b, ctx).clause),
            "依据条款在“政策原文”页上的位置。"),
])

INDICATOR_REF = View.of("indicator_ref", "相关目标", [
    derived("document", Id(), "文件", lambda found, ctx: found[0].document.id, "指标所在文件的编号。"),
    derived("id", Id(), "编号", lambda found, ctx: found[1].id, "指标编号。"),
    derived("metric", Text(max_length=200, multiline=False), "指标", lambda found, ctx: found[1].metric),
    derived("target", Text(max_length=200, multiline=False), "目标", lambda found, ctx: target_text(found[1])),
    derived("url", Link(), "网址", lambda found, ctx: urls.indicator(found[0].document, found[1]),
            "该指标在“主要目标”页上的位置。"),
])

STATUS_DATA = View.of("status_data", "状态", [
    derived("value", POLICY_STATUS, "状态", lambda s, ctx: s.value),
    derived("state", STATE, "有效性状态", lambda s, ctx: s.state,
            "in-force：适用；lapsed：已截止或已失效；unknown：依据文件有效性未标注。"),
    derived("reason", Text(max_length=1000), "理由", lambda s, ctx: s.reason, "为什么是这个状态。"),
    derived("overridden", Boolean(), "人工设定", lambda s, ctx: s.overridden,
            "true：状态由工作人员设定（理由见 reason）；false：由依据文件的有效性和申报期限自动判定。"),
])


def related_indicators(content: Content, policy) -> list[tuple]:
    """(goal ClauseRef, indicator) of the entry's related indicators, as its page lists them."""
    wanted, found = set(policy.related_indicators), []
    for basis in policy.basis if wanted else ():
        for ref in content.goals(basis.document):
            found += [(ref, ind) for ind in ref.clause.indicators
                      if ind.id in wanted and all(ind is not f[1] for f in found)]
    return found


POLICY_DATA = derive(POLICY, "policy_data", omit=("status_override", "review"), nested={"basis": BASIS_DATA}, added=[
    derived("departments", List(DEPARTMENT_DATA, min_items=1), "主管部门", lambda p, ctx: p.departments),
    derived("indicators", List(INDICATOR_REF), "相关目标详情", lambda p, ctx: related_indicators(ctx.content, p),
            "related_indicators 中每个指标的文件、名称、目标和网址。"),
    derived("status", STATUS_DATA, "状态", lambda p, ctx: ctx.content.policy_status(p),
            "由依据文件的有效性和申报期限判定（判定日期见政策目录的 as_of），或由工作人员设定。"),
    url_field(urls.policy, "条目页面。"),
])
POLICY_FILE = with_version(POLICY_DATA, "policy_file")

VOCABULARIES = View.of("vocabularies", "取值表", [
    derived("support_types", List(SUPPORT_TYPE), "支持方式", lambda c, ctx: list(SUPPORT_TYPE.terms)),
    derived("audiences", TermMap(AUDIENCE, {"enum": [*AUDIENCE.terms, None]}), "适用对象",
            lambda c, ctx: {t.value: t.extra.get("broader") for t in AUDIENCE.terms.values()},
            "每个适用对象所属的更宽的对象（例如 科技型小微企业 属于 小微企业）；没有时为 null。"),
    derived("industries", List(INDUSTRY), "行业", lambda c, ctx: list(INDUSTRY.terms)),
    derived("statuses", TermMap(POLICY_STATUS, {"type": "boolean"}), "状态",
            lambda c, ctx: {t.value: t.extra["current"] for t in POLICY_STATUS.terms.values()},
            "每个状态是否属于现行政策（政策自测只列出现行的条目）。"),
])

_CATALOGUE_HEAD = [
    VERSION,
    derived("as_of", Date(), "状态判定日期", lambda c, ctx: c.as_of,
            "判定条目状态（已截止、未开始）的日期：内容中最新的日期，或构建时给定的 SOURCE_DATE_EPOCH。",
            required=False),
    derived("vocabularies", VOCABULARIES, "取值表", lambda c, ctx: c),
]
CATALOGUE = View.of("catalogue", "政策目录", [
    *_CATALOGUE_HEAD,
    derived("policies", List(POLICY_DATA), "条目", lambda c, ctx: list(c.policies.values())),
])
CATALOGUE_HEAD = View.of("catalogue_head", "政策目录", _CATALOGUE_HEAD)


def _entry(ctx: Context, policy) -> dict:
    """An entry as POLICY_DATA writes it, made once per build: its own file
    and the catalogue hold the same object."""
    return ctx.content.once("policy data", (policy.id, ctx.site.url), lambda: data(POLICY_DATA, policy, ctx))


def document_data(ctx: Context, doc) -> dict:
    """The document's JSON file."""
    return data(DOCUMENT_FILE, doc, ctx.at(doc))


def policy_data(ctx: Context, policy) -> dict:
    """The catalogue entry's JSON file."""
    return {VERSION.field.name: SCHEMA_VERSION, **_entry(ctx, policy)}


def catalogue_data(ctx: Context) -> dict:
    """policies/catalogue.json: every entry, with the vocabularies the self-check
    uses (CATALOGUE, with the entries made once for their own files too)."""
    return {**data(CATALOGUE_HEAD, ctx.content, ctx), "policies": [_entry(ctx, p) for p in ctx.content.policies.values()]}


def newest(*days) -> dt.date | None:
    """The newest of some content dates (dates and date-times), as a date; None for none."""
    return max((d.date() if isinstance(d, dt.datetime) else d for d in days if d), default=None)
