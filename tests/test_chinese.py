"""Chinese numerals, dates and full-width digits (policy_site/chinese.py): what
the importer reads, Word's list numbers and the infographic's counts write,
and validation's cures use."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policy_site.chinese import DIGITS, chinese_number, chinese_value, full_width, half_width, parse_date
from policy_site.present import date_zh

CAPITALS = ("零壹贰叁肆伍陆柒捌玖", "拾佰仟万")


@pytest.mark.parametrize("n, text", [
    (0, "〇"), (2, "二"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九"), (100, "一百"), (105, "一百零五"),
    (110, "一百一十"), (1000, "一千"), (1005, "一千零五"), (1050, "一千零五十"), (10000, "一万"),
    (10010, "一万零一十"), (20018, "二万零一十八"), (100000, "十万"), (101000, "十万一千"), (99999, "九万九千九百九十九"),
])
def test_numbers_are_written_as_counted(n, text):
    assert chinese_number(n) == text
    assert chinese_value(text) == n


def test_capital_numerals_for_word_legal_lists():
    assert [chinese_number(n, *CAPITALS) for n in (1, 10, 11, 105, 110)] == ["壹", "拾", "拾壹", "壹佰零伍", "壹佰壹拾"]


@pytest.mark.parametrize("text, n", [
    ("零", 0), ("〇", 0), ("两百", 200), ("两千两百", 2200), ("两万", 20000), ("一十二", 12), ("一百十", 110),
    ("一百〇五", 105), ("二〇一八", 2018), ("二OO六", 2006), ("一九九九", 1999),
])
def test_other_ways_of_writing_a_number_are_read(text, n):
    assert chinese_value(text) == n


@pytest.mark.parametrize("text", ["", "两", "二十两", "两十", "十十", "一百五", "百", "一千二", "十一万万", "三点五", "12", "第一"])
def test_what_is_no_number_is_not_read_as_one(text):
    assert chinese_value(text) is None


@given(st.integers(min_value=0, max_value=99_999))
def test_every_number_reads_back_as_written(n):
    assert chinese_value(chinese_number(n)) == n


@given(st.integers(min_value=0, max_value=99_999))
def test_numbers_written_digit_by_digit_read_back(n):
    assert chinese_value("".join(DIGITS[int(d)] for d in str(n))) == n


def _spelled_alike(a: str, b: str) -> bool:
    """The spellings a reader takes for the same number: 〇 or 零, 两 or 二, 一十 or 十."""
    def plain(text):
        return text.replace("〇", "零").replace("两", "二").replace("一十", "十")
    return plain(a) == plain(b)


@given(st.text(alphabet="零〇一二两三五九十百千万", min_size=1, max_size=8))
def test_a_counted_number_is_read_only_as_it_is_written(text):
    value = chinese_value(text)
    if value is not None and any(c in "十百千万" for c in text):
        assert _spelled_alike(chinese_number(value), text)


@pytest.mark.parametrize("text, day, time", [
    ("二OO六年十二月二十九日", "2006-12-29", None), ("二〇一八年一月一日", "2018-01-01", None),
    ("2018年12月12日", "2018-12-12", None), ("2018 年 12 月 12 日", "2018-12-12", None),
    ("2018-12-24 08:54", "2018-12-24", "08:54"), ("2018/1/2", "2018-01-02", None), (" 2018.01.02 8:05:33 ", "2018-01-02", "08:05"),
    ("二〇一八年二月三十日", None, None), ("二〇一八年十十月一日", None, None), ("2018-02-30", None, None),
    ("2018-01-02 24:00", None, None), ("2019610", None, None), ("二〇一八年十二月", None, None),
])
def test_dates_are_read_only_when_whole_and_existing(text, day, time):
    got_day, got_time = parse_date(text)
    assert (got_day.isoformat() if got_day else None, got_time) == (day, time)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_a_date_reads_back_in_either_kind_of_digits(day):
    chinese = (f"{''.join(DIGITS[int(d)] for d in str(day.year))}年"
               f"{chinese_number(day.month)}月{chinese_number(day.day)}日")
    assert parse_date(chinese) == (day, None)
    assert parse_date(date_zh(day)) == (day, None)


def test_full_width_digits_and_point():
    assert half_width("１２．５%") == "12.5%"
    assert full_width("2018") == "２０１８"
    assert half_width("第３条 一二") == "第3条 一二"


@given(st.from_regex(r"[0-9.]{0,12}", fullmatch=True))
def test_full_width_reads_back(text):
    wide = full_width(text)
    assert not any(c in "0123456789." for c in wide)
    assert half_width(wide) == text
