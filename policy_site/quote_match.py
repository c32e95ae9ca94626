"""Where a quote that is not in its clause text comes closest, and the first
character that differs: so staff see the one wrong comma, not just "not found"."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass

# Characters of the passage shown before and after the differing one.
CONTEXT = 12
# Longer texts are not searched character by character (a pasted paragraph).
MAX_TEXT = 20_000


@dataclass(frozen=True)
class Mismatch:
    offset: int  # index in the quote of the first differing character
    quote_char: str  # "" when the quote goes on past the text
    text_char: str  # "" when the text ends first
    passage: str  # the clause text around it, the differing character in 【】


def _longest_start(text: str, quote: str) -> tuple[int, int]:
    """(where, how long) the longest start of ``quote`` is in ``text``; (0, -1)
    when its first character is not."""
    best_start, best_len = 0, -1
    for start in range(len(text)):
        if text[start] == quote[0]:
            length = len(os.path.commonprefix((text[start:], quote)))
            if length > best_len:
                best_start, best_len = start, length
    return best_start, best_len


def first_difference(quote: str, text: str) -> Mismatch | None:
    """The place in ``text`` that matches the longest start of ``quote``
    (or, when the first character already differs, its longest end)."""
    if not quote or not text or len(text) > MAX_TEXT or quote in text:
        return None
    best_start, best_len = _longest_start(text, quote)
    # Aligned by the end: the quote's first characters are the wrong ones.
    end_start, end_len = _longest_start(text[::-1], quote[::-1])
    if best_len < 2 and end_len < 2:
        return None
    if end_len > best_len:
        # quote[-end_len:] matches text ending at len(text) - end_start; the
        # character before it differs.
        offset, at = len(quote) - end_len - 1, len(text) - end_start - end_len - 1
    else:
        offset, at = best_len, best_start + best_len
    quote_char = quote[offset] if 0 <= offset < len(quote) else ""
    text_char = text[at] if 0 <= at < len(text) else ""
    lo, hi = max(0, at - CONTEXT), min(len(text), at + 1 + CONTEXT)
    marked = text[lo:at] + f"【{text_char}】" + text[at + 1:hi]
    passage = ("…" if lo > 0 else "") + marked + ("…" if hi < len(text) else "")
    return Mismatch(offset, quote_char, text_char, passage)


def describe_char(ch: str) -> tuple[str, str]:
    """How a character is named in a message: itself, its width and code point."""
    if not ch:
        return "(无)", "(nothing)"
    kind = "全角" if unicodedata.east_asian_width(ch) in ("F", "W") else "半角"
    name = unicodedata.name(ch, "").lower()
    return f"“{ch}”({kind},U+{ord(ch):04X})", f'"{ch}" (U+{ord(ch):04X}{", " + name if name else ""})'


def mismatch_message(quote: str, text: str) -> tuple[str, str]:
    """The sentences added to "the quote is not in the clause text"."""
    found = first_difference(quote, text)
    if found is None:
        return "", ""
    q_zh, q_en = describe_char(found.quote_char)
    t_zh, t_en = describe_char(found.text_char)
    return (
        f"正文中最接近的一段:「{found.passage}」。原文表述的第 {found.offset + 1} 个字是{q_zh},"
        f"正文此处是{t_zh}(已用【】标出)。请照正文逐字改正原文表述。",
        f" Closest passage of the clause: 「{found.passage}」. Character {found.offset + 1} of the quote is {q_en}; "
        f"the clause has {t_en} there (marked with 【】). Copy the clause text exactly.",
    )
