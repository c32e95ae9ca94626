"""The checks that data restating a clause's text agree with it word for
word: an indicator's quote, number, range, comparator and reference, by
the target's shape (``target_shape``); deadlines and cited numbers."""

from __future__ import annotations

import re

# A module, not its names: present imports content.status in turn.
from .. import present, target_shape
from ..errors import Problems
from ..quote_match import mismatch_message
from ..schema.model import COMPARATOR, INDICATOR
from ..validate import Record


def _number(value: int | float) -> re.Pattern:
    """``value`` as a whole number in a text (1170 is not in 11700)."""
    return re.compile(present.whole_number(value))


def number_occurrences(text: str, value: int | float) -> int:
    """How often ``text`` states ``value`` as a whole number."""
    return len(_number(value).findall(text))


def _states_kind(quote: str, kind: str) -> bool:
    """Whether the quote says what the target counts (占比 also as 占…比重/比例)."""
    if kind == "占比":
        return "占比" in quote or re.search(r"占.{0,30}(比重|比例)", quote) is not None
    return kind in quote


def check_clause_text(clause: Record, problems: Problems) -> None:
    """Data that restates the text must agree with the text, word for word."""
    text = clause.text or ""
    if not (clause.number or clause.heading or text):
        problems.add(*clause.where(),
                     "条款至少要有序号(number)、标题(heading)或正文(text)之一,否则页面上没有它的位置。",
                     "a clause needs a number, a heading or text; otherwise it has no place on the page.")
    for ind in clause.indicators:
        if ind.quote and ind.quote not in text:
            problems.add(*ind.where("quote"),
                         "原文表述必须与条款正文逐字一致,但在正文中找不到这句话。" + mismatch_message(ind.quote, text)[0],
                         "the quote must match the clause text exactly, but it is not found in the text."
                         + mismatch_message(ind.quote, text)[1])
        elif ind.quote:
            _check_target_shape(ind, problems)
        if ind.deadline is not None and f"{ind.deadline}年" not in text:
            problems.add(*ind.where("deadline"),
                         f"目标年份 {ind.deadline} 没有出现在条款正文中(应写作“{ind.deadline}年”)。",
                         f'the deadline {ind.deadline} does not appear in the clause text (as "{ind.deadline}年").')
        if ind.kind and ind.quote and not _states_kind(ind.quote, ind.kind):
            problems.add(*ind.where("kind"),
                         f"指标类型“{ind.kind}”没有出现在原文表述“{ind.quote}”中。",
                         f'the kind "{ind.kind}" is not stated in the quote "{ind.quote}".')
    for cited in clause.cites:
        number = cited.metadata.doc_no if cited.metadata else None
        if number and number not in text:
            problems.add(*clause.where("cites"),
                         f"引用的文件 {cited.id} 的文号“{number}”没有出现在条款正文中。",
                         f'the cited document {cited.id} has number "{number}", which the clause text does not contain.')


# How to put right a target that has a field its shape must not have.
_CURE = {
    target_shape.SINGLE: ("数值目标只填目标值、单位和比较方式", "a numeric target has only value, unit and comparator"),
    target_shape.RANGE: ("区间目标填下限 value、上限 upper 和单位", "a range has value (lower), upper and unit"),
    target_shape.RELATIVE: ("相对目标填比较方式和比较基准，原文有数时再填目标值和单位",
                            "a relative target has comparator and reference, and value and unit only where the text gives a number"),
    target_shape.QUALITATIVE: ("定性目标只填 direction(照原文),不能有数字、单位或比较方式",
                               "a qualitative target has only direction (as written), no number, unit or comparator"),
    target_shape.VALUES: ("分项目标的数值和单位写在 values 的各项里，指标本身只填比较方式",
                          "a target with several values keeps each value and unit in values; the indicator has only the comparator"),
}


def _check_target_shape(ind: Record, problems: Problems) -> None:
    """A target of each shape (target_shape) has the fields that shape needs,
    no others, and states them in its quote as written."""
    kind = target_shape.shape(ind)
    cure_zh, cure_en = _CURE[kind]
    label = target_shape.LABELS[kind]
    # upper on a single target, and progress, are reported with their own cure below
    own_cure = {"progress"} | ({"upper"} if kind == target_shape.SINGLE else set())
    for name in (f for f in INDICATOR.variants[kind].forbids if f not in own_cure):
        if getattr(ind, name) not in (None, []):
            problems.add(*ind.where(name),
                         f"{label}不能填写“{name}”:{cure_zh}。请删除这一行。",
                         f'a {kind} target must not have "{name}": {cure_en}. Delete this line.')
    if kind == target_shape.QUALITATIVE:
        if ind.direction not in ind.quote:
            problems.add(*ind.where("direction"),
                         f"定性目标“{ind.direction}”没有出现在原文表述“{ind.quote}”中:请照原文逐字填写。",
                         f'the qualitative target "{ind.direction}" does not appear in the quote "{ind.quote}": copy it exactly.')
        if ind.progress:
            problems.add(*ind.where("progress"),
                         "定性目标没有目标值，不能填写年度进展。请删除 progress。",
                         "a qualitative target has no number, so it cannot have progress. Delete progress.")
        return
    if _missing(ind, "comparator", problems, f"{label}必须写明比较方式，例如 以上、不低于、达到、确数。",
                f"a {kind} target needs one, e.g. 以上, 不低于, 达到, 确数."):
        return
    if kind == target_shape.VALUES:
        _check_values(ind, problems)
        _check_progress(ind, problems)
        return
    if kind == target_shape.RELATIVE:
        _check_relative(ind, problems)
    elif _missing(ind, "value", problems, "原文没有数字时，请写比较基准(reference)或定性目标(direction),不要编造数字。",
                  "where the text gives no number, write a reference or a direction; never invent a number."):
        return
    if ind.value is not None:
        if _missing(ind, "unit", problems, "有目标值的指标必须写单位，例如 家、%。",
                    "a target with a value needs a unit, e.g. 家 or %."):
            return
        _check_number(ind, ind, ind.quote, problems)
    _check_progress(ind, problems)


def _missing(ind: Record, name: str, problems: Problems, cure_zh: str, cure_en: str) -> bool:
    """Whether the target lacks ``name``, which its shape needs: reported
    with the cure, unless the file gives it in a form its type check has
    reported (not a number, not an allowed comparator)."""
    if getattr(ind, name) is not None:
        return False
    if name not in ind._field_pos:  # not given at all
        label = INDICATOR.fields[name].label
        problems.add(*ind.where(name), f"缺少必填字段“{name}”({label}):{cure_zh}",
                     f'missing required field "{name}" ({label}): {cure_en}')
    return True


def _check_progress(ind: Record, problems: Problems) -> None:
    if ind.progress and not target_shape.has_one_number(ind):
        problems.add(*ind.where("progress"),
                     "只有一个目标值和单位的指标才能填写年度进展。请删除 progress。",
                     "only a target with one value and unit can have progress. Delete progress.")


def _check_number(ind: Record, holder: Record, quote: str, problems: Problems) -> bool:
    """Whether ``holder`` (the indicator or one of its values) states its
    number, or its range, in the quote as written; reports it when not."""
    count = len(problems.items)
    if ind.comparator == "区间":
        if holder.upper is None:
            problems.add(*holder.where("value"),
                         "比较方式为“区间”时必须填写区间上限(upper)。",
                         'a range (comparator 区间) needs its upper bound: add upper.')
        elif holder.upper <= holder.value:
            problems.add(*holder.where("upper"),
                         f"区间上限 {present.format_number(holder.upper)} 必须大于下限 "
                         f"{present.format_number(holder.value)}。",
                         f"the upper bound {present.format_number(holder.upper)} must be greater than the lower bound "
                         f"{present.format_number(holder.value)}.")
        elif present.range_span(quote, holder.value, holder.upper, holder.unit) is None:
            written = f"{present.format_number(holder.value)}-{present.format_number(holder.upper)}{holder.unit}"
            problems.add(*holder.where("upper"),
                         f"区间 {written} 没有按原文写法出现在原文表述“{quote}”中(应写作如 5%-8%、5至8个百分点,单位在上限之后)。",
                         f'the range {written} does not appear in the quote "{quote}" as written '
                         "(e.g. 5%-8% or 5至8个百分点, the unit after the upper bound).")
        return len(problems.items) == count
    if holder.upper is not None:
        problems.add(*holder.where("upper"),
                     "只有比较方式为“区间”时才能填写区间上限(upper)。请删除 upper,或把比较方式改为 区间。",
                     'upper is only for a range: delete upper, or set the comparator to 区间.')
    if not number_occurrences(quote, holder.value):
        problems.add(*holder.where("value"),
                     f"目标值 {present.format_number(holder.value)} 没有出现在原文表述“{quote}”中。请照原文填写数字。",
                     f'the value {present.format_number(holder.value)} does not appear in the quote "{quote}". '
                     "Copy the number as the text writes it.")
    return len(problems.items) == count


def _check_relative(ind: Record, problems: Problems) -> None:
    if COMPARATOR.term(ind.comparator).extra["position"] not in ("before", "after"):
        problems.add(*ind.where("comparator"),
                     f"相对目标的比较方式不能是“{ind.comparator}”:请用原文的比较词，例如 不低于、高于、超过。",
                     f'a relative target cannot have the comparator "{ind.comparator}": use the word the text uses, '
                     "e.g. 不低于, 高于, 超过.")
        return
    if ind.value is not None and not ind.unit:
        return  # reported as a missing unit
    phrase = present.relative_phrase(ind)
    if phrase not in ind.quote:
        problems.add(*ind.where("reference"),
                     f"相对目标“{phrase}”(比较方式+比较基准)没有按原文写法出现在原文表述“{ind.quote}”中。"
                     "请照原文填写比较基准。",
                     f'the relative target "{phrase}" (comparator + reference) does not appear in the quote '
                     f'"{ind.quote}" as written. Copy the reference from the text.')


def _check_values(ind: Record, problems: Problems) -> None:
    """Several labelled values in one quote: at least two, each label and
    number in the quote, the numbers in the order the text gives them, ids
    unique within the indicator."""
    if len(ind.values) < 2:
        problems.add(*ind.where("values"),
                     "分项目标值(values)至少要有两项；只有一个数值时，请直接填写 value 和 unit。",
                     "values needs at least two items; for one number, write value and unit instead.")
    seen: set[str] = set()
    at = 0  # where the number of the value before ends in the quote
    for part in ind.values:
        if part.id in seen:
            problems.add(*part.where("id"),
                         f"分项编号“{part.id}”在指标 {ind.id} 中重复。",
                         f'duplicate value id "{part.id}" in indicator {ind.id}.')
        seen.add(part.id)
        if part.label not in ind.quote:
            problems.add(*part.where("label"),
                         f"分项“{part.label}”没有出现在原文表述“{ind.quote}”中:请照原文填写。",
                         f'the label "{part.label}" does not appear in the quote "{ind.quote}": copy it from the text.')
        if not _check_number(ind, part, ind.quote, problems):
            continue
        found = _number(part.value).search(ind.quote, at)
        if found is None:
            problems.add(*part.where("value"),
                         f"分项“{part.label}”的数值 {present.format_number(part.value)} 在原文表述中排在前一项之前:"
                         "请按原文的先后顺序排列 values。",
                         f'the value {present.format_number(part.value)} of "{part.label}" comes before the previous value '
                         "in the quote: list values in the order the text gives them.")
        else:
            at = found.end()
