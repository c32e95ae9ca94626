"""Responsible and lead units, and the departments they name.

Plans say who does what in parentheses after a measure or a target:
``(责任单位:区发改局、区市场监管局)``, ``(区市场监管局牵头)``,
``(区政务服务局牵头,区发改局、区审改办配合)``,
``(牵头单位:省发展改革委;责任单位:省编办、各县(区)人民政府)``. Each name is
taken as written. A name already used by a department of the site reuses that
department; any other name, including bodies that are not departments
(各县（区）人民政府, 各街道办事处, a leading group's member units), becomes a
new department with a proposed readable id for staff to confirm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_OPEN, _CLOSE = "(（", ")）"
_ROLE_LABEL = re.compile(r"(牵头单位|牵头部门|责任单位|责任部门|配合单位|协办单位|参与单位|实施单位)\s*[:：]")
# Words after a name that say what the unit does, not who it is.
_LEAD_SUFFIX = re.compile(r"(牵头(负责)?|负责牵头)$")
_OTHER_SUFFIX = re.compile(r"(配合|参与|按职责分工负责|负责|落实|共同负责)$")
_TRAILING_ETC = re.compile(r"等(有关|相关)?(部门|单位)?$")


@dataclass
class UnitGroup:
    """One parenthesised statement of units in a text: where it is and whom it names."""

    start: int
    end: int
    lead: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)

    @property
    def everyone(self) -> list[str]:
        return list(dict.fromkeys(self.lead + self.others))


def parenthesised(text: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost parenthesised group, (…) or （…）, nesting respected."""
    groups, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in _OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif c in _CLOSE and depth:
            depth -= 1
            if depth == 0:
                groups.append((start, i + 1))
    return groups


def unit_groups(text: str) -> list[UnitGroup]:
    """Every parenthesised statement of responsible or lead units in ``text``."""
    found = []
    for start, end in parenthesised(text):
        group = parse_units(text[start + 1:end - 1])
        if group is not None:
            group.start, group.end = start, end
            found.append(group)
    return found


def parse_units(inner: str) -> UnitGroup | None:
    """The units named by the text inside one pair of parentheses, or None if it names none."""
    inner = inner.strip()
    group = UnitGroup(0, 0)
    if _ROLE_LABEL.match(inner):
        parts = _ROLE_LABEL.split(inner)
        # parts: ["", label, names, label, names, ...]
        for label, names in zip(parts[1::2], parts[2::2]):
            target = group.lead if label.startswith("牵头") else group.others
            target += split_names(names)
        return group if group.everyone else None
    if "牵头" not in inner:
        return None
    for part in _split_top(inner, "，,;；"):
        part = part.strip()
        if not part:
            continue
        if _LEAD_SUFFIX.search(part):
            group.lead += split_names(_LEAD_SUFFIX.sub("", part))
        else:
            group.others += split_names(_OTHER_SUFFIX.sub("", part))
    return group if group.lead else None


def split_names(text: str) -> list[str]:
    """区发改局、区市场监管局 -> [区发改局, 区市场监管局]; 区水务局等部门 -> 区水务局."""
    names = []
    for name in _split_top(text, "、,，;；"):
        name = _TRAILING_ETC.sub("", name.strip().rstrip("。"))
        if name and name not in names:
            names.append(name)
    return names


def _split_top(text: str, separators: str) -> list[str]:
    """Split at separators outside parentheses (各县（市、区）人民政府 stays whole)."""
    parts, depth, current = [], 0, []
    for c in text:
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE and depth:
            depth -= 1
        if c in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(c)
    parts.append("".join(current))
    return parts


def line_units(line: str) -> UnitGroup | None:
    """A paragraph that states units without parentheses: 责任单位:区财政局、区经信局."""
    if not _ROLE_LABEL.match(line.strip()):
        return None
    return parse_units(line.strip())


# -- Departments -------------------------------------------------------------

# Words in a unit's name -> the readable id proposed for it (the site's own
# departments use these words: 区市场监管局 is market-regulation).
_ID_WORDS = [
    ("市场监管|市场监督管理", "market-regulation"), ("经信|经济和信息化|工业和信息化|工信", "economy-it"),
    ("金融办|金融工作|地方金融", "finance-office"), ("科技", "science-tech"), ("商务", "commerce"),
    ("税务", "taxation"), ("发改|发展和改革|发展改革", "development-reform"), ("财政", "finance-bureau"),
    ("人力社保|人力资源和社会保障|人社", "hr-social-security"), ("领导小组", "leading-group"),
    ("政务服务|行政服务", "government-services"), ("审改办", "approval-reform-office"),
    ("住建|住房和城乡建设|住房城乡建设", "housing-construction"), ("国土", "land-resources"),
    ("自然资源", "natural-resources"), ("规划", "planning"), ("生态环境", "ecology-environment"),
    ("环保|环境保护", "environmental-protection"), ("水务|水利", "water-resources"),
    ("交运|交通", "transport"), ("投促|投资促进", "investment-promotion"),
    ("国投公司|投资公司|国资", "state-investment"), ("街道办事处|街道", "subdistrict-offices"),
    ("乡镇|镇人民政府|乡人民政府", "townships"), ("人民政府", "governments"), ("教育", "education"),
    ("卫生|卫健", "health"), ("公安", "public-security"), ("司法", "justice"), ("民政", "civil-affairs"),
    ("农业农村|农业", "agriculture"), ("文旅|文化和旅游|文化广电|旅游", "culture-tourism"),
    ("统计", "statistics"), ("审计", "audit"), ("应急", "emergency-management"),
    ("残联|残疾人联合会", "disabled-persons-federation"), ("总工会|工会", "trade-union"), ("妇联", "womens-federation"),
    ("团委|共青团", "youth-league"), ("人民银行|人行", "peoples-bank"), ("银保监|金融监管", "financial-regulation"),
    ("大数据|数据资源", "big-data"), ("宣传", "publicity"), ("网信", "cyberspace"), ("编办|编委", "staffing-office"),
    ("海关", "customs"), ("邮政", "postal"), ("通信管理|电信|移动|联通", "telecom"), ("电力|供电", "power-supply"),
    ("相关部门|有关部门", "related-departments"), ("成员单位", "member-units"),
]
_SCOPES = {"区": "district", "市": "city", "县": "county", "省": "province"}
_MEMBERS = re.compile(r"(各|有关)?成员单位$")


@dataclass
class NewDepartment:
    id: str
    name: str
    readable: bool  # the id comes from words of the name, not a counter


class Departments:
    """Resolves unit names to department ids: existing ones first, then new ones."""

    def __init__(self, existing: dict[str, str]):
        self.by_name = dict(existing)  # name -> id (the site's departments)
        self.taken = set(existing.values())
        self.new: list[NewDepartment] = []
        self._existing = dict(existing)
        self._reused: list[tuple[str, str]] = []  # (name, id) of the site's departments used, in order
        self._announced = self._added = 0
        self._counter = 0

    def resolve(self, name: str) -> str:
        # A body's member units (领导小组各成员单位) are reached through the body itself.
        name = _MEMBERS.sub("", name) or name
        if name in self._existing and (name, self._existing[name]) not in self._reused:
            self._reused.append((name, self._existing[name]))
        if name in self.by_name:
            return self.by_name[name]
        new_id, readable = self._propose(name)
        self.by_name[name] = new_id
        self.taken.add(new_id)
        self.new.append(NewDepartment(new_id, name, readable))
        return new_id

    def newly_reused(self) -> list[tuple[str, str]]:
        """The site's departments reused by name since the last call (name, id)."""
        fresh = self._reused[self._announced:]
        self._announced = len(self._reused)
        return fresh

    def newly_added(self) -> list[NewDepartment]:
        """The departments proposed since the last call."""
        fresh = self.new[self._added:]
        self._added = len(self.new)
        return fresh

    def _propose(self, name: str) -> tuple[str, bool]:
        for words, base in _ID_WORDS:
            if re.search(words, name):
                candidates = [base]
                scope = _SCOPES.get(name[:1])
                if scope:
                    candidates.append(f"{scope}-{base}")
                for candidate in candidates:
                    if candidate not in self.taken:
                        return candidate, True
                n = 2
                while f"{candidates[-1]}-{n}" in self.taken:
                    n += 1
                return f"{candidates[-1]}-{n}", True
        while True:
            self._counter += 1
            candidate = f"unit-{self._counter}"
            if candidate not in self.taken:
                return candidate, False
