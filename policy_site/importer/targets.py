"""Numeric targets in a clause's text, proposed as indicators.

A target is a phrase that states a number with a unit, often with a
comparator: 全区新增小微企业11700家以上, 增速不低于15%, 新建标准厂房超过45万平方米.
The phrase (the part of the sentence between commas, semicolons or the
parenthesised lead unit) becomes the indicator's quote, copied exactly; the
number its value; the unit as written, with 万 or 亿 kept in it; the
comparator the word the text uses. A year the sentence states (到2025年)
becomes the deadline, and 累计 / 新增 / 年均 / 占比 in the phrase its kind.
Nothing else is filled in: what the text does not state is left for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_PHRASE_END = re.compile(r"[。；;！？!?，,\n]")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_YEAR = re.compile(r"(\d{4})年")
_SCOPE = re.compile(r"^(其中|全区|全市|全县|全省|全镇|力争|争取|确保|到\d{4}年底?|\d{4}年)+")
# A number with a comparator but no unit (指数达到160以上): the model cannot hold it.
_UNITLESS = re.compile(r"(?:" + "|".join(_BEFORE) + r")?(?<![\d.第])(\d+(?:\.\d+)?)(?:" + "|".join(_AFTER) + ")")
_QUALITATIVE = re.compile(r"(保持|稳步|持续|稳定|明显|显著|大幅|不断)(增长|提升|提高|下降|降低|改善|扩大|增加)")


@dataclass
class Target:
    quote: str
    value: int | float
    unit: str
    comparator: str
    metric: str
    number_text: str
    deadline: int | None = None
    kind: str | None = None
    shared: bool = False  # one of several values stated in one phrase (分别…)


@dataclass
class Unclear:
    """A sentence that states a target the model cannot hold as an indicator."""

    sentence: str
    reason_zh: str


def _phrases(text: str) -> list[tuple[int, int]]:
    """(start, end) of the phrases of ``text``: split at sentence ends, commas
    and parenthesised unit statements, never inside parentheses or quotes."""
    cuts = set()
    protected = [(s, e) for s, e in parenthesised(text)]
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
    clause states goals)."""
    targets: list[Target] = []
    unclear: list[Unclear] = []
    for start, end in _phrases(text):
        phrase = text[start:end]
        matches = [m for m in _NUMBER.finditer(phrase) if not _is_name(phrase, m.start())]
        if not matches:
            continue
        sentence = _sentence_around(text, start)
        deadline = _deadline(text, start)
        if len(matches) > 1 and "分别" in phrase:
            targets += _shared(phrase, matches, deadline)
            continue
        pieces = [(phrase, matches)]
        if len(matches) > 1:
            pieces = []
            offset = 0
            for part in re.split(r"(、)", phrase):
                if part == "、":
                    offset += 1
                    continue
                ms = [m for m in _NUMBER.finditer(part) if not _is_name(part, m.start())]
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
        if not _is_name(text, m.start()) and not _NUMBER.match(text, m.start(1)):
            unclear.append(Unclear(_sentence_around(text, m.start()),
                                   f"“{m.group(0)}”没有单位,指标必须有单位,未作为指标录入"))
    for sentence in _sentences(text) if goals else []:
        if _QUALITATIVE.search(sentence) and not re.search(r"\d", sentence):
            unclear.append(Unclear(sentence, "没有数值的目标:指标必须有目标值,未作为指标录入"))
    return targets, unclear


def _is_name(phrase: str, at: int) -> bool:
    """A number inside a name or title (“3315计划”, 《…2025》) is not a target."""
    for open_, close in (("“", "”"), ("《", "》"), ("〔", "〕")):
        if phrase.rfind(open_, 0, at) > phrase.rfind(close, 0, at):
            return True
    return False


def _target(phrase: str, m: re.Match, deadline: int | None, shared: bool = False) -> Target | None:
    number_text, unit = m.group(1), m.group(2)
    value: int | float = float(number_text) if "." in number_text else int(number_text)
    if number_text != _plain(value):
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
        deadline=deadline, kind=_kind(phrase), shared=shared,
    )


def _plain(value: int | float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _shared(phrase: str, matches: list[re.Match], deadline: int | None) -> list[Target]:
    """X、Y、Z分别达到a家、b家、c家: one indicator per value, all quoting the phrase."""
    names = phrase.split("分别")[0]
    names = _SCOPE.sub("", names)
    parts = [p for p in re.split(r"[、和及]", names) if p]
    result = []
    for i, m in enumerate(matches):
        target = _target(phrase, m, deadline, shared=True)
        if target is None:
            continue
        if len(parts) == len(matches):
            target.metric = parts[i]
        result.append(target)
    return result


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
    return metric if len(metric) >= 2 else phrase


def _kind(phrase: str) -> str | None:
    if "占比" in phrase or re.search(r"占.{0,30}(比重|比例)", phrase):
        return "占比"
    for word in ("年均", "累计", "新增"):
        if word in phrase:
            return word
    return None


def _deadline(text: str, at: int) -> int | None:
    """The year the sentence holding position ``at`` sets (到2025年, 2022年,)."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, at):
        start = m.end()
    years = [int(y.group(1)) for y in _YEAR.finditer(text, start, at) if not _is_name(text[start:at], y.start() - start)]
    return years[-1] if years else None


def _sentence_around(text: str, at: int) -> str:
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, at):
        start = m.end()
    end_m = _SENTENCE_END.search(text, at)
    return text[start:end_m.end() if end_m else len(text)].strip()


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[。；;！？!?\n])", text) if s.strip()]
