"""Check a YAML node tree against an object of the content model.

The result is a tree of ``Record`` objects: plain attribute access for page
code, plus the file and position of every field for later cross-reference
errors. Problems are collected, not raised, so staff see all of them at once.
"""

from __future__ import annotations

from typing import Any, Callable

import yaml

from .errors import Problems
from .schema.types import Invalid, List, Object, Ref, Type, resolve, shown
from .yaml_source import position

_NULL_TAG = "tag:yaml.org,2002:null"


class Record:
    """A validated object: its fields as attributes, and where each came from."""

    def __init__(self, kind: str, file: str, path: str, pos: tuple[int, int]):
        self._kind = kind
        self._file = file
        self._path = path
        self._pos = pos
        self._field_pos: dict[str, tuple[int, int]] = {}
        self._empty_pos: dict[str, tuple[int, int]] = {}  # fields written without a value (validity:)
        self._item_pos: dict[str, list[tuple[int, int]]] = {}
        self._values: dict[str, Any] = {}
        self._refs: set[str] = set()  # fields whose values are references to other records

    # The scope a record's id is unique in, when not the whole site: a
    # department's government id (given by the loader).
    scope: str | None = None

    @property
    def ref_id(self) -> str:
        """How other records name this one: the id, qualified by its scope
        when it has one (haishu/finance-office)."""
        own = self._values.get("id")
        return f"{self.scope}/{own}" if self.scope and own else own

    def resolve(self, lookup: Callable[[Ref], Any]) -> None:
        """Replace every reference in this record and the records nested in
        it by what ``lookup`` returns for it: the record it names, or None
        (then left out of a list)."""
        for name, value in self._values.items():
            if isinstance(value, Ref):
                self._values[name] = lookup(value)
                self._refs.add(name)
            elif isinstance(value, list) and any(isinstance(v, Ref) for v in value):
                self._values[name] = [r for r in map(lookup, value) if r is not None]
                self._refs.add(name)
            else:  # records nested in this one (not the targets of references)
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, Record):
                        item.resolve(lookup)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def where(self, name: str | None = None) -> tuple[str, tuple[int, int], str]:
        """(file, (line, column), yaml path) of this record or one of its fields."""
        if name is None:
            return self._file, self._pos, self._path
        return self._file, self.given_at(name) or self._pos, f"{self._path}.{name}" if self._path else name

    def given_at(self, name: str) -> tuple[int, int] | None:
        """Where the file writes field ``name`` (an empty one too); None when it does not."""
        return self._field_pos.get(name) or self._empty_pos.get(name)

    def drop(self, name: str, gone: Callable[[Any], bool]) -> None:
        """Forget what ``gone`` says of field ``name``: items of a list, or
        the value itself (then None). A published build drops references to
        the drafts it leaves out (content/drafts.py)."""
        value = self._values.get(name)
        if isinstance(value, list):
            self._values[name] = [v for v in value if not gone(v)]
        elif value is not None and gone(value):
            self._values[name] = None

    def where_item(self, name: str, index: int) -> tuple[str, tuple[int, int], str]:
        """(file, position, yaml path) of item ``index`` of the list field ``name``."""
        file, pos, path = self.where(name)
        items = self._item_pos.get(name, [])
        return file, items[index] if index < len(items) else pos, f"{path}[{index}]"

    def to_data(self) -> dict:
        """Plain data (for exports and tests), in declaration order; a reference
        to another record is written as that record's id."""
        return {k: _ref_ids(v) if k in self._refs else _plain(v) for k, v in self._values.items()}

    def __repr__(self) -> str:
        return f"<{self._kind} {self._values.get('id', '')}>"


def _ref_ids(value: Any) -> Any:
    if isinstance(value, list):
        return [v.ref_id for v in value]
    return value.ref_id if isinstance(value, Record) else value


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_data()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class _Or(dict):
    """Values for a message: a field the file does not give reads as <field>."""

    def __missing__(self, key: str) -> str:
        return f"<{key}>"


def _describe(node: yaml.Node) -> tuple[str, str]:
    if isinstance(node, yaml.MappingNode):
        return "对象(键: 值)", "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "列表(- 开头)", "a list"
    return f"单个值“{shown(node.value)}”", f'a single value "{shown(node.value)}"'


def _colon_cure(node: yaml.Node) -> tuple[str, str]:
    """Why a text became a mapping: it ends in a half-width colon or holds ": "."""
    if not (isinstance(node, yaml.MappingNode) and len(node.value) == 1):
        return "", ""
    key, value = node.value[0]
    if not isinstance(key, yaml.ScalarNode) or not isinstance(value, yaml.ScalarNode) or key.style:
        return "", ""
    ends = value.tag == _NULL_TAG and value.value in ("", "~", "null")
    why_zh = "这段文字以半角冒号“:”结尾" if ends else "这段文字中含有“冒号加空格”(: )"
    why_en = 'the text ends in a half-width colon ":"' if ends else 'the text contains ": " (a colon and a space)'
    return (f"原因:{why_zh},YAML 把它当成了“字段名: 值”。请给整段文字加上双引号(文字里已有双引号时用单引号),"
            "或改用 |- 块写法;文字本身不用改。",
            f" Cause: {why_en}, which YAML reads as \"field: value\". Put the whole text in double quotes "
            "(single quotes if it contains double quotes) or write it as a |- block; the text itself stays as it is.")


_FULLWIDTH_LIST_SIGNS = ("［", "【", "－", "—", "–", "·", "•")


def _fullwidth_list_cure(node: yaml.Node) -> tuple[str, str]:
    """Why a list came out as one value: full-width brackets, dashes or commas."""
    if not isinstance(node, yaml.ScalarNode) or node.style:
        return "", ""
    text = str(node.value).strip()
    if text.startswith(_FULLWIDTH_LIST_SIGNS) or "，" in text or "、" in text:
        return ("看起来用了全角符号:一行写完的列表用半角方括号和半角逗号,例如 [小微企业, 创业者];"
                "分行写时每项一行,以半角“- ”(减号加空格)开头。",
                " It looks like full-width signs were used: a list on one line takes half-width brackets and "
                "commas, e.g. [a, b]; a list over several lines starts each item with a half-width \"- \".")
    return "", ""


def _field_name_cure(name: str, obj: Object) -> tuple[str, str]:
    """A field name that is a known one with full-width spaces or colons around it."""
    stripped = name.strip(" \u3000").rstrip(":：")
    if stripped != name and (stripped in obj.fields or "\u3000" in name):
        return (f"字段名“{stripped}”前后多了全角空格或冒号:缩进只能用半角空格(中文输入法下打出的空格是全角的),"
                "字段名后是半角冒号加空格“: ”。",
                f' The field name "{stripped}" has full-width spaces or a colon around it: indent with half-width '
                'spaces only and follow the name with a half-width colon and a space.')
    return "", ""


class Validator:
    def __init__(self, file: str, problems: Problems):
        self.file = file
        self.problems = problems

    def error(self, node: yaml.Node, path: str, zh: str, en: str) -> None:
        self.problems.add(self.file, position(node), path, zh, en)

    def object(self, node: yaml.Node, obj: Object, path: str) -> Record | None:
        if not isinstance(node, yaml.MappingNode):
            got_zh, got_en = _describe(node)
            self.error(node, path, f"应为{obj.title}对象,实际是{got_zh}。",
                       f"expected a {obj.name} mapping, got {got_en}.")
            return None
        record = Record(obj.name, self.file, path, position(node))
        given: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
            child_path = f"{path}.{name}" if path else name
            if name in obj.moved:
                scalars = {k.value: v.value for k, v in node.value if isinstance(v, yaml.ScalarNode)}
                self.error(key, child_path, *(text.format_map(_Or(scalars)) for text in obj.moved[name]))
                continue
            if name not in obj.fields:
                known = ", ".join(obj.fields)
                cure_zh, cure_en = _field_name_cure(name, obj)
                self.error(key, child_path, f"未知字段“{shown(name)}”。{cure_zh}{obj.title}可用的字段:{known}。",
                           f'unknown field "{shown(name)}".{cure_en} Fields of {obj.name}: {known}.')
                continue
            if isinstance(value, yaml.ScalarNode) and value.tag == _NULL_TAG:
                record._empty_pos[name] = position(key)
                continue  # an empty value counts as not given
            given[name] = (key, value)
        for name, field in obj.fields.items():
            child_path = f"{path}.{name}" if path else name
            if name in given:
                value_node = given[name][1]
                record._field_pos[name] = position(value_node)
                if isinstance(value_node, yaml.SequenceNode):
                    record._item_pos[name] = [position(item) for item in value_node.value]
                record._values[name] = self.value(value_node, field.type, child_path)
            else:
                if field.required:
                    self.error(node, child_path,
                               f"缺少必填字段“{name}”({field.label})。",
                               f'missing required field "{name}" ({field.label}).')
                record._values[name] = [] if isinstance(resolve(field.type), List) else None
        return record

    def value(self, node: yaml.Node, type_: Any, path: str) -> Any:
        type_ = resolve(type_)
        if isinstance(type_, Object):
            return self.object(node, type_, path)
        if isinstance(type_, List):
            return self.list(node, type_, path)
        return self.scalar(node, type_, path)

    def list(self, node: yaml.Node, type_: List, path: str) -> list:
        if not isinstance(node, yaml.SequenceNode):
            got_zh, got_en = _describe(node)
            cure_zh, cure_en = _fullwidth_list_cure(node)
            self.error(node, path, f"应为列表(每项以 - 开头),实际是{got_zh}。{cure_zh}",
                       f"expected a list (items start with -), got {got_en}.{cure_en}")
            return []
        if len(node.value) < type_.min_items:
            self.error(node, path, f"至少需要 {type_.min_items} 项。",
                       f"needs at least {type_.min_items} item(s).")
        items = [self.value(item, type_.item, f"{path}[{i}]") for i, item in enumerate(node.value)]
        return [item for item in items if item is not None]

    def scalar(self, node: yaml.Node, type_: Type, path: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            got_zh, got_en = _describe(node)
            cure_zh, cure_en = _colon_cure(node)
            self.error(node, path, f"应为{type_.label_zh},实际是{got_zh}。{cure_zh}",
                       f"expected {type_.label_en}, got {got_en}.{cure_en}")
            return None
        try:
            value = type_.convert(str(node.value))
        except Invalid as exc:
            self.error(node, path, exc.zh, exc.en)
            return None
        if isinstance(value, Ref):
            value = Ref(value.kind, value.value, self.file, position(node), path)
        return value
