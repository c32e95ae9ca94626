"""The small type language the content model is written in.

Each type knows three things: how to turn a YAML node into a Python value
(raising ``Invalid`` with a bilingual message when it cannot), how it reads in
a JSON Schema (draft-07), and what it refers to (for cross-reference checks).
The content model in ``model.py`` is the only place that uses these types to
declare fields, so validation, page data and the editor schema share one
definition.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from ..chinese import NUMERAL_CHARACTERS, half_width

# Markup we never accept in a text field: content is plain text, the
# templates decide all markup (issue: safe text).
_UNSAFE_TEXT = re.compile(r"<\s*[a-zA-Z/!?]|javascript\s*:|data\s*:\s*text/html", re.I)
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# An id qualified by its scope: government/department (finance-office or
# haishu/finance-office). Ids never hold "/", so the split is unambiguous.
_QUALIFIED_ID = re.compile(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*/)?[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$")


def shown(raw: str, limit: int = 60) -> str:
    """A value as quoted in a message: long values are cut, so a 10 MB value
    never turns into a 10 MB error report."""
    return raw if len(raw) <= limit else f"{raw[:limit]}…({len(raw)} 字 / characters)"


class Invalid(Exception):
    """A value does not fit its declared type: message in Chinese and English."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh = zh
        self.en = en


@dataclass(frozen=True)
class Ref:
    """A reference to an entity of ``kind``, resolved after all files loaded.

    It remembers where it was written, so an unknown id in a list is reported
    at its own line and index, not at the list.
    """

    kind: str
    value: str
    file: str = field(default="", compare=False)
    pos: tuple[int, int] = field(default=(1, 1), compare=False)
    path: str = field(default="", compare=False)


class Type:
    """Base class: a scalar type converts a YAML scalar string."""

    label_zh = "值"
    label_en = "value"

    def json_schema(self) -> dict:
        raise NotImplementedError


class Text(Type):
    """Plain text, one line or several paragraphs; never markup."""

    label_zh, label_en = "文本", "text"

    def __init__(self, max_length: int = 20000, multiline: bool = True):
        self.max_length = max_length
        self.multiline = multiline

    def convert(self, raw: str) -> str:
        text = raw.strip()
        if not text:
            raise Invalid("不能为空。", "must not be empty.")
        if len(text) > self.max_length:
            raise Invalid(
                f"文本过长({len(text)} 字),上限 {self.max_length} 字。",
                f"text is too long ({len(text)} characters, limit {self.max_length}).",
            )
        if _UNSAFE_TEXT.search(text):
            raise Invalid(
                "文本中不能包含 HTML 标签或脚本链接,请只写纯文字。",
                "text must not contain HTML tags or script URLs; write plain text only.",
            )
        if not self.multiline and "\n" in text:
            raise Invalid("只能写一行。", "must be a single line.")
        return text

    def json_schema(self) -> dict:
        return {
            "type": "string",
            "minLength": 1,
            "maxLength": self.max_length,
            "not": {"pattern": _UNSAFE_TEXT.pattern},
        }


class Code(Text):
    """One line in a fixed form (a registration number): ``pattern``, which
    ``form`` names for the editor (zh, en), e.g. 浙ICP备12345678号-1, and
    ``source`` says where it is copied from (zh, en)."""

    def __init__(self, pattern: str, form: tuple[str, str], max_length: int = 60,
                 source: tuple[str, str] = ("证书或备案系统", "the certificate or the registry")):
        super().__init__(max_length, multiline=False)
        self.pattern = re.compile(pattern)
        self.form = form
        self.source = source

    def convert(self, raw: str) -> str:
        text = super().convert(raw)
        if not self.pattern.match(text):
            raise Invalid(f"“{shown(text)}”的写法不对:应为{self.form[0]}。请照{self.source[0]}中的写法填写。",
                          f'"{shown(text)}" is not in the expected form: {self.form[1]}. Copy it as '
                          f"{self.source[1]} writes it.")
        return text

    def json_schema(self) -> dict:
        return {**super().json_schema(), "pattern": self.pattern.pattern}


class ImageFile(Type):
    """A picture staff put in the content folder, named by its path under
    content/ (images/标识.png). The loader checks that the file is there and
    is the picture its extension says (content/checks.check_site_files)."""

    label_zh, label_en = "图片文件", "image file"
    _PATTERN = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.?(?:/|$))[^\\:*?\"<>|]+\.(?:png|jpg|jpeg|gif)$", re.I)

    def convert(self, raw: str) -> str:
        text = raw.strip()
        if not self._PATTERN.match(text):
            raise Invalid(f"“{shown(text)}”不是 content 文件夹中的图片路径:写成 images/标识.png 这样的相对路径,"
                          "扩展名为 png、jpg 或 gif。",
                          f'"{shown(text)}" is not the path of a picture in the content folder: write a relative '
                          "path such as images/mark.png, ending in png, jpg or gif.")
        return text

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": self._PATTERN.pattern}


class Id(Type):
    """A stable identifier: lower-case ASCII words joined by hyphens."""

    label_zh, label_en = "编号", "id"

    def __init__(self, of: str = ""):
        # ``of``: the kind of thing whose id this is, where it is not this
        # record's own (a clause of the basis document): the web editor
        # offers those ids by name (schema/cms.py).
        self.of = of

    def convert(self, raw: str) -> str:
        if not _ID.match(raw):
            raise Invalid(
                f"“{shown(raw)}”不是有效的编号:只能用小写英文字母、数字和连字符(例如 goal-1)。",
                f'"{shown(raw)}" is not a valid id: use lower-case letters, digits and hyphens (e.g. goal-1).',
            )
        return raw

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": _ID.pattern}


class Date(Type):
    """A calendar date written YYYY-MM-DD."""

    label_zh, label_en = "日期", "date"

    def convert(self, raw: str) -> dt.date:
        m = _DATE.match(raw)
        if not m:
            raise Invalid(
                f"“{shown(raw)}”不是日期,请按 YYYY-MM-DD 格式填写(例如 2018-12-12)。",
                f'"{shown(raw)}" is not a date; write it as YYYY-MM-DD (e.g. 2018-12-12).',
            )
        try:
            return dt.date(*map(int, m.groups()))
        except ValueError:
            raise Invalid(f"日期“{shown(raw)}”不存在。", f'the date "{shown(raw)}" does not exist.') from None

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": _DATE.pattern, "format": "date"}


class DateTime(Type):
    """A date and time to the minute, written YYYY-MM-DD HH:MM, or a date
    alone (YYYY-MM-DD) where the source gives no time."""

    label_zh, label_en = "日期时间", "date and time"

    def convert(self, raw: str) -> dt.datetime | dt.date:
        if _DATE.match(raw):
            return Date().convert(raw)
        m = _DATETIME.match(raw)
        if not m:
            raise Invalid(
                f"“{shown(raw)}”不是日期时间,请按 YYYY-MM-DD HH:MM 格式填写(只知道日期时写 YYYY-MM-DD)。",
                f'"{shown(raw)}" is not a date and time; write it as YYYY-MM-DD HH:MM (or YYYY-MM-DD when only the '
                "date is known).",
            )
        try:
            return dt.datetime(*map(int, m.groups()))
        except ValueError:
            raise Invalid(f"日期时间“{shown(raw)}”不存在。", f'the date and time "{shown(raw)}" does not exist.') from None

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": f"{_DATE.pattern}|{_DATETIME.pattern}"}


class Url(Type):
    """A web address for people to open: http(s) only, no scripts."""

    label_zh, label_en = "网址", "URL"
    _PATTERN = re.compile(r"^https?://[^\s<>\"']+$")

    def convert(self, raw: str) -> str:
        if not self._PATTERN.match(raw.strip()):
            raise Invalid(
                f"“{shown(raw)}”不是有效的网址:必须以 http:// 或 https:// 开头,不能有空格。",
                f'"{shown(raw)}" is not a valid URL: it must start with http:// or https:// and have no spaces.',
            )
        return raw.strip()

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": self._PATTERN.pattern, "format": "uri"}


class Phone(Type):
    """A telephone number as people dial it: digits, optionally with a leading
    +, spaces, hyphens and an area code in brackets (0574-87654321, 12345).
    The pages link it with tel: (present.tel_href)."""

    label_zh, label_en = "电话号码", "phone number"
    _PATTERN = re.compile(r"^\+?[0-9][0-9 ()（）-]{1,28}[0-9]$")

    def convert(self, raw: str) -> str:
        text = raw.strip()
        if not self._PATTERN.match(text) or sum(c.isdigit() for c in text) < 3:
            raise Invalid(
                f"“{shown(raw)}”不是有效的电话号码:只写一个号码,用数字、连字符和括号,例如 0574-87654321 或 12345;"
                "其他说明(如分机、办公时间)写在别的字段。",
                f'"{shown(raw)}" is not a valid phone number: write one number with digits, hyphens and brackets, '
                "e.g. 0574-87654321 or 12345; put other notes (extension, office hours) in other fields.",
            )
        return text

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": self._PATTERN.pattern}


class Link(Type):
    """A link to a page or file of the site, in exports only (never read from
    content): absolute where the site's address (SITE_URL) is set, relative
    to the site's root otherwise."""

    label_zh, label_en = "网址", "link"

    def json_schema(self) -> dict:
        return {"type": "string", "minLength": 1, "format": "uri-reference"}


class Number(Type):
    """A non-negative number (integer or decimal)."""

    label_zh, label_en = "数字", "number"

    def __init__(self, integer: bool = False):
        self.integer = integer

    def convert(self, raw: str) -> int | float:
        pattern = r"^\d+$" if self.integer else r"^\d+(\.\d+)?$"
        if not re.match(pattern, raw):
            kind_zh = "非负整数" if self.integer else "非负数字"
            kind_en = "a non-negative integer" if self.integer else "a non-negative number"
            cure_zh, cure_en = number_cure(raw)
            raise Invalid(f"“{shown(raw)}”不是{kind_zh}。{cure_zh}", f'"{shown(raw)}" is not {kind_en}.{cure_en}')
        return int(raw) if re.match(r"^\d+$", raw) else float(raw)

    def json_schema(self) -> dict:
        return {"type": "integer" if self.integer else "number", "minimum": 0}


def number_cure(raw: str) -> tuple[str, str]:
    """How to write ``raw`` as a number: what to keep and where the rest goes."""
    if len(raw) > 40:
        return "", ""
    half = half_width(raw)
    if half != raw and re.match(r"^\d+(\.\d+)?$", half):
        return (f"请改用半角数字:{half}。", f" Use half-width digits: {half}.")
    if re.match(r"^\d{1,3}(,\d{3})+(\.\d+)?$", half):
        plain = half.replace(",", "")
        return (f"数字中不要写千位分隔符“,”:请写 {plain}。", f' Do not write thousands separators: write {plain}.')
    m = re.match(r"^(\d+(?:\.\d+)?)\s*([^\d\s].*)$", half)
    if m:
        number, rest = m.group(1), m.group(2)
        if rest.startswith(("万", "亿", "千", "百")):
            return (f"这里只写数字 {number},“{rest[0]}”写进单位字段 unit,放在原来的单位前面"
                    f"(例如单位原来是“家”,就写 value: {number} 和 unit: {rest[0]}家)。",
                    f' Write only the number {number} here and put "{rest[0]}" into the unit field, before the unit '
                    f"(a unit of 家 becomes unit: {rest[0]}家).")
        return (f"这里只写数字 {number},“{rest}”写进单位字段 unit(unit: {rest})。",
                f' Write only the number {number} here and put "{rest}" into the unit field (unit: {rest}).')
    if raw and set(raw) <= NUMERAL_CHARACTERS | {"点"}:
        return ("请用阿拉伯数字书写(例如 一万一千七百 写作 11700)。",
                " Write it in Arabic digits (一万一千七百 is 11700).")
    return "", ""


class Boolean(Type):
    label_zh, label_en = "是/否", "true/false"

    def convert(self, raw: str) -> bool:
        if raw in ("true", "false"):
            return raw == "true"
        raise Invalid(f"“{shown(raw)}”应为 true 或 false。", f'"{shown(raw)}" must be true or false.')

    def json_schema(self) -> dict:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Term:
    """One value of a fixed vocabulary, with everything pages need to show it."""

    value: str
    label: str
    description: str = ""
    extra: dict = field(default_factory=dict)


class Enum(Type):
    """A value from a fixed vocabulary defined once in the model."""

    label_zh, label_en = "取值", "vocabulary value"

    def __init__(self, *terms: Term):
        self.terms = {t.value: t for t in terms}

    def convert(self, raw: str) -> str:
        if raw not in self.terms:
            raise Invalid(
                f"“{shown(raw)}”不在可选值中。可选:{'、'.join(self.terms)}。",
                f'"{shown(raw)}" is not an allowed value. Allowed: {", ".join(self.terms)}.',
            )
        return raw

    def term(self, value: str) -> Term:
        return self.terms[value]

    def json_schema(self) -> dict:
        return {"type": "string", "enum": list(self.terms)}


class RefTo(Type):
    """The id of an entity of another kind (department, document, clause).

    ``scoped`` kinds (departments, scoped to their government) also accept an
    id qualified by its scope, ``haishu/finance-office``.
    """

    def __init__(self, kind: str, scoped: bool = False):
        self.kind = kind
        self.scoped = scoped
        self.label_zh, self.label_en = "编号引用", f"{kind} id"

    def convert(self, raw: str) -> Ref:
        # Not checked as an id here: a name written instead of an id
        # (区金融办) is reported when references are resolved, with the
        # closest id suggested (policy_site.suggest).
        if "\n" in raw:
            Id().convert(raw)
        return Ref(self.kind, raw)

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": (_QUALIFIED_ID if self.scoped else _ID).pattern}


class List(Type):
    def __init__(self, item: Type | "Object" | Callable[[], "Object"], min_items: int = 0):
        self.item = item
        self.min_items = min_items


# What a page shows for a field the content does not give, unless the field
# declares its own words (Field.empty).
EMPTY = "未提供"


@dataclass
class Field:
    """One field of an object: its type, whether it is required, its labels."""

    name: str
    type: Any
    label: str
    required: bool = False
    description: str = ""
    unique: bool = False  # values must be unique among siblings in the file
    empty: str = EMPTY  # what a page shows when the field is not given


@dataclass(frozen=True)
class Variant:
    """One shape an object may take: the fields it needs, the fields it must
    not have, and the values a field is limited to (``only``) or may not take
    (``never``). The editor's schema offers exactly one of them (oneOf)."""

    name: str
    label: str
    needs: tuple[str, ...]
    forbids: tuple[str, ...]
    only: dict = field(default_factory=dict)
    never: dict = field(default_factory=dict)


class Object:
    """A mapping with declared fields; unknown keys are errors. ``variants``:
    the shapes it may take, when its fields depend on each other. ``moved``:
    fields it no longer has -> (zh, en) where they went, formatted with the
    mapping's own scalar values (``{government}``)."""

    def __init__(self, name: str, title: str, fields: list[Field], description: str = "",
                 variants: tuple[Variant, ...] = (), moved: dict[str, tuple[str, str]] | None = None):
        self.name = name
        self.title = title
        self.description = description
        self.fields = {f.name: f for f in fields}
        self.variants = {v.name: v for v in variants}
        self.moved = moved or {}


def resolve(t: Any) -> Any:
    """Allow lazy references (a callable) so recursive objects can be declared."""
    return t() if callable(t) and not isinstance(t, (Type, Object)) else t
