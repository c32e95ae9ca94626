"""Numeric targets in a clause's text, proposed as indicators.

A target is a phrase that states a number with a unit, often with a
comparator: 全区新增小微企业11700家以上, 增速不低于15%, 新建标准厂房超过45万平方米.
The phrase (the part of the sentence between commas, semicolons or the
parenthesised lead unit) becomes the indicator's quote, copied exactly; the
number its value; the unit as written, with 万 or 亿 kept in it; the
comparator the word the text uses. A year the sentence states (到2025年)
becomes the deadline, and 累计 / 新增 / 年均 / 占比 in the phrase its kind.
Nothing else is filled in: what the text does not state is left for review.

Targets of other shapes are proposed where the text is unambiguous: a range
(增长5%-8%: comparator 区间, value and upper), several labelled values in one
phrase (省级、市级分别达到10家、20家: one indicator whose ``values`` carry the
labels, only when there are as many names as numbers; 省市县三级 names three),
and, in a clause that states goals, a comparison with a quantity named in
words (增速不低于上年同期: comparator and ``reference``) and a target without a
number (保持稳定增长: ``direction``; in a passage that opens with its year, any
state to reach). Anything else goes on the review list, never a guessed split.

Only what a plan states to reach is a target. The numbers of a sentence that
grants support (给予…奖励, 最高不超过…) and a number that only says which
things count (纳税过1亿元的企业) are conditions, amounts or caps: they go on the
review list, quoted, as candidates for a catalogue entry's 申报条件 or 支持标准.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..present import RANGE_SEPARATOR, amount, format_number
from ..schema.model import COMPARATOR
from .units import parenthesised

_UNITS = sorted([
    "个百分点", "个工作日", "平方公里", "平方米", "立方米", "公顷", "亩", "公里", "千米", "米", "人次", "人年", "人",
    "名", "户", "家", "个", "项", "件", "台", "套", "座", "所", "张", "条", "处", "场", "批", "辆", "艘", "架", "吨",
    "千瓦时", "千瓦", "兆瓦", "元", "美元", "倍", "%", "％", "‰", "次", "天", "小时", "岁", "床", "篇", "部", "支",
    "只", "头", "株", "棵", "位", "册", "GB", "TB", "Gbps", "Mbps",
], key=len, reverse=True)
_MULTIPLIER = "(?:万亿|千亿|百亿|亿|千万|百万|十万|万|千|百)?"
_NUMBER = re.compile(r"(?<![\d.０-９第])(\d+(?:\.\d+)?)(" + _MULTIPLIER + "(?:" +
                     "|".join(re.escape(u) for u in _UNITS) + r"))")
# Comparator words: after the unit, or just before the number.
_AFTER = [t.value for t in COMPARATOR.terms.values() if t.extra["position"] == "after"]
_BEFORE = sorted([t.value for t in COMPARATOR.terms.values() if t.extra["position"] == "before"], key=len,
                 reverse=True)
# Where a phrase ends: sentence ends and commas (a target never spans them).
_PHRASE_END = re.compile(r"[。；;！？!?，,：:\n]")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_YEAR = re.compile(r"(\d{4})年")
_SCOPE = re.compile(r"^(其中|全区|全市|全县|全省|全镇|力争|争取|确保|今年|到\d{4}年底?|\d{4}年)+")
# A number with a comparator but no unit (指数达到160以上): the model cannot hold it.
_UNITLESS = re.compile(r"(?:" + "|".join(_BEFORE) + r")?(?<![\d.第])(\d+(?:\.\d+)?)(?:" + "|".join(_AFTER) + ")")
_UNIT_ALT = "(?:" + _MULTIPLIER + "(?:" + "|".join(re.escape(u) for u in _UNITS) + "))"
# A range: 5%-8%, 5至8个百分点, 4.5%—5% (the unit after the upper bound, perhaps also after the lower).
_RANGE = re.compile(r"(?<![\d.０-９第])(\d+(?:\.\d+)?)(" + _UNIT_ALT + r")?\s*" + RANGE_SEPARATOR + r"\s*(\d+(?:\.\d+)?)("
                    + _UNIT_ALT + ")")
# A comparison with a quantity named in words: 增速不低于上年同期, 高于全省平均水平.
_RELATIVE = re.compile(r"(不低于|不高于|高于|低于|超过|不少于|不超过)([^，,。；;、\d]{2,20})$")
_QUALITATIVE = re.compile(r"(?:保持|实现)?(?:稳步|持续|稳定|明显|显著|大幅|不断|较快)(?:增长|提升|提高|下降|降低|改善|扩大|增加|缩小)"
                          r"|保持(?:增长|提升|提高|下降|降低|改善|扩大|增加|稳定)")


# A sentence that grants support: its numbers are conditions (申报条件), amounts
# and caps (支持标准), never targets.
_AWARD = "给予|奖励|奖补|补贴|补助|资助|贴息|扶持资金"
_SUPPORT = re.compile(_AWARD + "|一次性|最高不超过|上限")
# A number that only says which things count (纳税过1亿元的企业, 500万元以上投资的): a condition.
_CONDITION_AFTER = re.compile(r"(?:以上|以下|及以上)?(?:的|投资的)")
# Where a goal passage begins: a year (到2025年, 2022年,), a span (经过5—10年左右时间), or a goal label.
_GOAL_OPENING = re.compile(r"(?:[^，,。；;：:]{0,8}(?:目标|指标)[：:])?(?:力争|争取)?"
                           r"(?:到\d{4}年底?|\d{4}年[，,]|经过[^，,。]{1,12}时间)")
# A phrase that names an effort (推动形成…, 加快推动…, 为…提供…), not a state to reach.
_EFFORT = re.compile(r"^(?:不断|加快|推动形成|大力|积极|着力|坚持|围绕|以|为|按照|聚焦|深化|健全|加强|促进|统筹|"
                     r"力争$|争取$|确保$|其中$)")
# The words that state the state reached (持续提升, 基本解决, 达到国际先进水平): the direction.
_STATE = re.compile(r"(?:基本|全面|显著|明显|进一步|持续|加快|稳步|总体|大幅|初步|有较大|得到|趋于|实现|达到|进入|迈入|"
                    r"取得|形成|建成|完成|跃居|向|培育|打造|建设|占)")


@dataclass
class Target:
    quote: str
    value: int | float | None
    unit: str | None
    comparator: str | None
    metric: str
    number_text: str
    deadline: int | None = None
    kind: str | None = None
    upper: int | float | None = None  # comparator 区间: the upper bound
    reference: str | None = None  # a relative target: the quantity compared with
    direction: str | None = None  # a target without a number: the words that state it
    values: list[dict] | None = None  # several labelled values in one phrase (分别…)

    @property
    def shared(self) -> bool:
        return bool(self.values)

    def fields(self) -> dict:
        """The indicator's fields the text states (id and lead are added by the caller)."""
        out: dict = {"metric": self.metric, "quote": self.quote}
        for name in ("value", "upper", "unit", "comparator", "reference", "direction", "values"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out

    def summary(self) -> str:
        """What staff must check, in words."""
        if self.direction:
            return f"定性目标“{self.direction}”(原文没有数字)"
        if self.values:
            parts = "、".join(f"{v['label']} {amount(v['value'], v['unit'])}" for v in self.values)
            return f"一句多值 {parts}、比较方式“{self.comparator}”"
        if self.reference:
            number = f"、目标值 {amount(self.value, self.unit)}" if self.value is not None else ""
            return f"相对目标:比较方式“{self.comparator}”、比较基准“{self.reference}”{number}"
        if self.upper is not None:
            return f"区间 {format_number(self.value)}至{format_number(self.upper)}、单位“{self.unit}”"
        return f"目标值 {format_number(self.value)}、单位“{self.unit}”、比较方式“{self.comparator or '确数'}”"


@dataclass
class Unclear:
    """A sentence that states a target the model cannot hold as an indicator,
    or (``support``) a phrase whose number is a condition, an amount or a cap."""

    sentence: str
    reason_zh: str
    support: bool = False


def _phrases(text: str) -> list[tuple[int, int]]:
    """(start, end) of the phrases of ``text``: split at sentence ends, commas
    and parenthesised unit statements, never inside parentheses or quotes."""
    cuts = set()
    protected = parenthesised(text)
    for s, e in protected:
        inner = text[s + 1:e - 1]
        if "牵头" in inner or "责任单位" in inner or "配合" in inner:
            cuts.update((s, e))
    for m in _PHRASE_END.finditer(text):
        if not any(s < m.start() < e for s, e in protected):
            cuts.update((m.start(), m.end()))
    bounds = sorted(cuts | {0, len(text)})
    result = []
    for a, b in zip(bounds, bounds[1:]):
        piece = text[a:b]
        if not piece.strip() or _PHRASE_END.fullmatch(piece):
            continue
        if piece.startswith(("(", "（")) and any(a == s for s, e in protected if e == b):
            continue  # the unit statement itself
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        result.append((a + lead, b - trail))
    return result


def find_targets(text: str, goals: bool = False) -> tuple[list[Target], list[Unclear]]:
    """Indicators proposed from ``text``, and target sentences it cannot express
    (targets without a number are looked for only where ``goals`` says the
    clause states goals, or in a passage that opens with its year). Numbers of a
    sentence that grants support, and numbers that only say which things count,
    are listed as candidates for a catalogue entry, never proposed."""
    targets: list[Target] = []
    unclear: list[Unclear] = []
    for start, end in _phrases(text):
        phrase = text[start:end]
        sentence = _sentence_around(text, start)
        deadline = _deadline(text, start)
        if _SUPPORT.search(sentence):
            if any(not _is_name(phrase, m.start()) for m in (*_NUMBER.finditer(phrase), *_RANGE.finditer(phrase))):
                unclear.append(Unclear(phrase, _support_reason(phrase), support=True))
            continue
        ranges = [m for m in _RANGE.finditer(phrase) if not _is_name(phrase, m.start())]
        matches = [m for m in _NUMBER.finditer(phrase) if not _is_name(phrase, m.start())
                   and not any(r.start() <= m.start() < r.end() for r in ranges)]
        conditions = [m for m in matches if _CONDITION_AFTER.match(phrase, m.end())]
        if conditions:  # quoted up to the condition's end: 纳税过1亿元的
            condition = phrase[:max(_CONDITION_AFTER.match(phrase, m.end()).end() for m in conditions)]
            unclear.append(Unclear(condition, _support_reason(condition), support=True))
            matches = [m for m in matches if m not in conditions]
        if not matches and not ranges:
            passage = _in_goal_passage(text, start)
            if (goals or passage) and (conditions or not re.search(r"\d", phrase)):
                targets += _wordy_targets(phrase, deadline, passage)
            continue
        if len(matches) == 1 and not ranges and "均" in phrase[:matches[0].start()]:
            # 马铃薯种植、收获机械化率均达到45%: each name reaches the one value, a target each
            names = [n for n in re.split(r"[、和及]", _SCOPE.sub("", phrase.partition("均")[0])) if n]
            target = _target(phrase, matches[0], deadline) if len(names) > 1 else None
            if target is not None:
                targets += [replace(target, metric=name) for name in names]
                continue
        if "分别" in phrase:
            shared = _shared(phrase, matches, ranges, deadline)
            if shared is None:
                unclear.append(Unclear(sentence, "一句给出几个数值(分别),但名称和数值的个数对不上,未拆分,请人工录入 values"))
            else:
                targets.append(shared)
            continue
        for r in ranges:
            target = _range(phrase, r, deadline)
            if target is None:
                unclear.append(Unclear(sentence, "区间的数字写法无法与目标值逐字对应"))
            else:
                targets.append(target)
        pieces = [(phrase, matches)] if matches else []
        if len(matches) > 1:
            pieces = []
            offset = 0
            for part in re.split(r"(、)", phrase):
                if part == "、":
                    offset += 1
                    continue
                ms = [m for m in _NUMBER.finditer(part) if not _is_name(part, m.start())
                      and not _CONDITION_AFTER.match(part, m.end())
                      and not any(r.start() <= offset + m.start() < r.end() for r in ranges)]
                if ms:
                    pieces.append((part, ms))
                offset += len(part)
        for piece, ms in pieces:
            for m in ms:
                target = _target(piece, m, deadline)
                if target is None:
                    unclear.append(Unclear(sentence, "数字写法(全角数字、千位分隔符等)无法与目标值逐字对应"))
                else:
                    targets.append(target)
    for m in _UNITLESS.finditer(text):
        if (not _is_name(text, m.start()) and not _NUMBER.match(text, m.start(1))
                and not _SUPPORT.search(_sentence_around(text, m.start()))):
            unclear.append(Unclear(_sentence_around(text, m.start()),
                                   f"“{m.group(0)}”没有单位,指标必须有单位,未作为指标录入"))
    return targets, unclear


def _support_reason(phrase: str) -> str:
    """Why a phrase with a number is not a target: what it can be in a catalogue entry."""
    if re.search(_AWARD + "|最高|不超过|上限", phrase):
        return "奖补金额或上限,不是目标,没有作为指标录入;可作为政策目录条目的“支持标准”"
    return "申报门槛(条件),不是目标,没有作为指标录入;可作为政策目录条目的“申报条件”"


def _in_goal_passage(text: str, at: int) -> bool:
    """Whether position ``at`` follows, in its paragraph, a sentence that opens
    with its year or a goal label (到2025年, 具体指标：到2022年, 经过5—10年左右时间)."""
    start = text.rfind("\n", 0, at) + 1
    starts = [start] + [m.end() for m in _SENTENCE_END.finditer(text, start, at)]
    return any(_GOAL_OPENING.match(text, s) for s in starts)


def _wordy_targets(phrase: str, deadline: int | None, passage: bool) -> list[Target]:
    """A goal phrase without a number: comparisons with a quantity named in
    words (增速不低于上年同期; several joined by 、 are several targets), or
    else a state to reach (保持稳定增长; in a ``passage`` that opens with its
    year also 农机作业条件显著改善), never an effort (加快推动…, 推动形成…)."""
    found = []
    for piece in phrase.split("、"):
        rel = _RELATIVE.search(piece)
        if rel:
            metric = _SCOPE.sub("", piece[:rel.start()]).strip() or piece
            found.append(Target(quote=piece, value=None, unit=None, comparator=rel.group(1), metric=metric,
                                number_text="", deadline=deadline, kind=_kind(piece), reference=rel.group(2)))
    if found:
        return found
    qual = _QUALITATIVE.search(phrase)
    if qual:
        metric = _SCOPE.sub("", phrase[:qual.start()]).strip() or phrase[qual.end():].strip() or phrase
        return [Target(quote=phrase, value=None, unit=None, comparator=None, metric=metric, number_text="",
                       deadline=deadline, direction=qual.group(0))]
    if not passage:
        return []
    opening = _GOAL_OPENING.match(phrase)
    bare = _SCOPE.sub("", phrase[opening.end():] if opening else phrase).strip()
    state = _STATE.search(bare)
    if len(bare) < 4 or _EFFORT.match(bare) or state is None or len(bare) - state.start() > 60:
        return []
    return [Target(quote=phrase, value=None, unit=None, comparator=None, metric=bare[:state.start()] or bare,
                   number_text="", deadline=deadline, direction=bare[state.start():])]


def _range(phrase: str, m: re.Match, deadline: int | None) -> Target | None:
    """增长5%-8%, 5至8个百分点: one target with a lower and an upper bound."""
    low_text, low_unit, high_text, unit = m.group(1), m.group(2), m.group(3), m.group(4)
    if low_unit and low_unit != unit:
        return None
    low, high = _number(low_text), _number(high_text)
    if low_text != format_number(low) or high_text != format_number(high) or high <= low:
        return None
    before = _SCOPE.sub("", phrase[:m.start()]).strip()
    before = re.sub(r"(达到|提高到|提升到|增加到|达|为|在|控制在)$", "", before)
    return Target(quote=phrase, value=low, unit=unit, comparator="区间", metric=before if len(before) >= 2 else phrase,
                  number_text=m.group(0), deadline=deadline, kind=_kind(phrase), upper=high)


def _number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


def _is_name(phrase: str, at: int) -> bool:
    """A number inside a name or title (“3315计划”, 《…2025》) is not a target."""
    for open_, close in (("“", "”"), ("《", "》"), ("〔", "〕")):
        if phrase.rfind(open_, 0, at) > phrase.rfind(close, 0, at):
            return True
    return False


def _target(phrase: str, m: re.Match, deadline: int | None) -> Target | None:
    number_text, unit = m.group(1), m.group(2)
    value = _number(number_text)
    if number_text != format_number(value):
        return None  # 3.40 or 05: the site would not write the number as the text does
    comparator = "确数"
    after = phrase[m.end():]
    before = phrase[:m.start()]
    for word in _AFTER:
        if after.startswith(word):
            comparator = word
            break
    else:
        for word in _BEFORE:
            if before.endswith(word) or before.endswith(word + "在"):
                comparator = word
                break
    return Target(
        quote=phrase, value=value, unit=unit, comparator=comparator,
        metric=_metric(phrase, m, comparator), number_text=number_text,
        deadline=deadline, kind=_kind(phrase),
    )


# A level phrase that names the items of a 分别 list: 省市县三级, 市县两级.
_LEVELS = re.compile(r"([省市县区乡镇村]{2,5})[两二三四五]级")


def _shared(phrase: str, matches: list[re.Match], ranges: list[re.Match], deadline: int | None) -> Target | None:
    """X、Y、Z分别达到a家、b家、c家 (or 省市县三级…分别达到a、b、c): one
    indicator whose values carry the names as labels, in the text's order;
    None when names and numbers do not pair up one to one (the split is never guessed)."""
    head, _, _ = phrase.partition("分别")
    names = _SCOPE.sub("", head)
    levels = _LEVELS.search(names)
    if levels and "、" not in names:
        parts = [f"{c}级" for c in levels.group(1)]
        names = names[:levels.start()] + names[levels.end():]
    else:
        parts = [p for p in re.split(r"[、和及]", names) if p]
    numbers = sorted([*matches, *ranges], key=lambda m: m.start())
    if len(parts) < 2 or len(parts) != len(numbers) or any(m.start() < len(head) for m in numbers):
        return None
    metric = ""
    # 国家级、省级、市级专精特新企业: the last name carries the common noun.
    ends = {p[-1] for p in parts[:-1]}
    last = parts[-1]
    if not levels and len(ends) == 1 and ends <= set(last[:-1]):
        cut = last.index(next(iter(ends))) + 1
        parts[-1], metric = last[:cut], last[cut:]
    elif levels:  # 省市县三级示范基地分别… or 省市县三级分别建成…示范基地
        metric = names.strip() or re.sub(r"^[和及]|[。，,]$", "", phrase[numbers[-1].end():].strip())
    values = []
    comparator = None
    for i, (label, m) in enumerate(zip(parts, numbers)):
        if m in ranges:
            target = _range(phrase, m, deadline)
        else:
            target = _target(phrase, m, deadline)
        if target is None:
            return None
        if comparator is None:
            comparator = target.comparator
        elif target.comparator not in (comparator, "确数"):
            return None  # 5家、20家以上: which comparator the others share is not said
        value = {"id": f"part-{i + 1}", "label": label, "value": target.value, "unit": target.unit}
        if target.upper is not None:
            value["upper"] = target.upper
        values.append(value)
    if comparator == "确数":
        found = re.search("分别(" + "|".join(_BEFORE) + ")", phrase)
        comparator = found.group(1) if found else comparator
    return Target(quote=phrase, value=None, unit=None, comparator=comparator, metric=metric or names or phrase,
                  number_text="", deadline=deadline, kind=_kind(phrase), values=values)


def _metric(phrase: str, m: re.Match, comparator: str) -> str:
    before = phrase[:m.start()]
    if comparator != "确数" and before.endswith(comparator):
        before = before[: -len(comparator)]
    before = re.sub(r"(达到|提高到|提升到|增加到|达|为|在)$", "", _SCOPE.sub("", before.strip()))
    after = phrase[m.end():]
    if comparator != "确数" and after.startswith(comparator):
        after = after[len(comparator):]
    after = after.strip()
    metric = before if len(before) > 4 or len(after) <= len(before) else after
    metric = metric.removesuffix("分别").removesuffix("均")
    return metric if len(metric) >= 2 and not _NUMBER.fullmatch(metric) else phrase


def _kind(phrase: str) -> str | None:
    if "占比" in phrase or re.search(r"占.{0,30}(比重|比例)", phrase):
        return "占比"
    for word in ("年均", "累计", "新增"):
        if word in phrase:
            return word
    return None


def _deadline(text: str, at: int) -> int | None:
    """The year the sentence holding position ``at`` sets (到2025年, 2022年,)."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0)
    years = [int(y.group(1)) for y in _YEAR.finditer(text, start, at) if not _is_name(text[start:at], y.start() - start)]
    return years[-1] if years else None


def _sentence_around(text: str, at: int) -> str:
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0)
    end_m = _SENTENCE_END.search(text, at)
    return text[start:end_m.end() if end_m else len(text)].strip()
