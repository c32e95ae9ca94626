"""Numbers and dates as Chinese texts write them: counted numerals (十一, 一百零五,
两千), numerals digit by digit (二〇一八), dates (2018年12月12日, 二〇〇六年十二月
二十九日) and full-width digits (１２．５), read and written here only."""

from __future__ import annotations

import datetime as dt
import re

DIGITS = "〇一二三四五六七八九"
UNITS = "十百千万"
_ZEROS = "〇零○OoＯ０0"  # 〇, 零 and the look-alikes of 〇 in typed years
# Every character that stands for a digit (两 before a unit only; see chinese_value).
_DIGIT = dict.fromkeys(_ZEROS, 0) | {c: i for i, c in enumerate(DIGITS) if i} | {"两": 2}
_UNIT = {unit: 10 ** (i + 1) for i, unit in enumerate(UNITS)}
# The characters of a number written in words (一万一千七百, 一点五, 三亿).
NUMERAL_CHARACTERS = set(DIGITS + "零两" + UNITS + "亿")


def chinese_number(n: int, digits: str = DIGITS, units: str = UNITS) -> str:
    """The counted form of ``n``: 0 -> 〇, 10 -> 十, 105 -> 一百零五, 110 -> 一百一十,
    101000 -> 十万一千; other ``digits`` and ``units`` for capitals (壹拾); 一亿 on in Arabic digits."""
    if not 0 <= n < 100_000_000:
        return str(n)
    if n < 10:
        return digits[n]
    text, gap = "", False  # gap: a place left empty since the last digit, said as one 零
    for power in range(7, -1, -1):
        digit = n // 10 ** power % 10
        if digit:
            text += ("零" if gap and text else "") + digits[digit] + ("", *units[:3])[power % 4]
        gap = not digit
        if power == 4 and n >= 10_000:
            text, gap = text + units[3], False
    return text[1:] if text.startswith(digits[1] + units[0]) else text  # 十二, not 一十二


def chinese_value(text: str) -> int | None:
    """The number ``text`` writes: 十一 -> 11, 一百零五 -> 105, 两千 -> 2000,
    一百十 -> 110; digit by digit, 二〇一八 -> 2018; None when it is not a
    number written so (一百五 and 十十 are not)."""
    if text and all(c in _DIGIT and c != "两" for c in text):
        return int("".join(str(_DIGIT[c]) for c in text))
    total, section, digit = 0, 0, None
    for c in text:
        if c == "万":
            total, section, digit = (section + (digit or 0)) * 10_000, 0, None
        elif c in _UNIT:
            section, digit = section + (1 if digit is None else digit) * _UNIT[c], None
        elif c in _DIGIT:
            digit = _DIGIT[c]
        else:
            return None
    value = total + section + (digit or 0)
    # Read leniently, so accepted only when written as the number is written.
    return value if _spelling(chinese_number(value)) == _spelling(text) else None


def _spelling(text: str) -> str:
    """What the ways of writing a number share: 零 for 〇, 二 for 两 before a unit, 十 for 一十."""
    return re.sub("两(?=[百千万])", "二", re.sub(f"[{_ZEROS}]", "零", text)).replace("一十", "十")


_YEAR, _SMALL = "".join(c for c in _DIGIT if c != "两"), DIGITS[1:] + "十"
# A date in Arabic or in Chinese digits: 2018年12月12日, 2018 年 12 月 12 日, 二OO六年十二月二十九日.
DATE = rf"(?:\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|[{_YEAR}]{{4}}年[{_SMALL}]{{1,3}}月[{_SMALL}]{{1,3}}日)"
# Also read: 2018-12-24, 2018/12/24, 2018.12.24, with a time (08:54).
_NUMERIC = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                      r"(?:\s*(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*\d{2})?)?")


def parse_date(text: str) -> tuple[dt.date | None, str | None]:
    """(day, "HH:MM" or None) when ``text`` states a whole, existing date
    (a DATE or a numeric one); (None, None) otherwise."""
    text = text.strip()
    if m := _NUMERIC.fullmatch(text):
        parts, (hour, minute) = m.group(1, 2, 3), m.group(4, 5)
    elif re.fullmatch(DATE, text):
        parts, hour, minute = re.split(r"\s*[年月日]\s*", text)[:3], None, None
    else:
        return None, None
    try:
        day = dt.date(*(int(part) if part.isdigit() else chinese_value(part) for part in parts))
        return day, None if hour is None else f"{dt.time(int(hour), int(minute)):%H:%M}"
    except (TypeError, ValueError):
        return None, None


_FULL_WIDTH, _HALF_WIDTH = "０１２３４５６７８９．", "0123456789."
_TO_HALF, _TO_FULL = str.maketrans(_FULL_WIDTH, _HALF_WIDTH), str.maketrans(_HALF_WIDTH, _FULL_WIDTH)


def half_width(text: str) -> str:
    """Full-width digits and point as ASCII: １２．５ -> 12.5."""
    return text.translate(_TO_HALF)


def full_width(text: str) -> str:
    """Digits and point in full width: 12 -> １２."""
    return text.translate(_TO_FULL)
