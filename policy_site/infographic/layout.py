"""The line layout of the 一图读懂 poster: SVG does not wrap text, so lines are
broken here with a conservative width estimate (CJK and full-width
characters 1 em, Latin letters and digits about 0.55-0.6 em, punctuation by
its width) and the Chinese line-breaking rules (禁则).
"""

from __future__ import annotations

import re

# Widths in em of the characters that are not 1 em wide. Everything else
# (Han, kana, full-width forms, CJK punctuation, curly quotes, dashes) counts
# as 1 em: an overestimate only breaks a line a little early.
_NARROW = {
    **dict.fromkeys("0123456789", 0.6),
    **dict.fromkeys("abcdeghknopqsuvxyz", 0.56),
    **dict.fromkeys("fjrt", 0.38),
    **dict.fromkeys("il", 0.28),
    **dict.fromkeys("mw", 0.86),
    **dict.fromkeys("ABCDEFGHJKLNOPQRSTUVXYZ", 0.7),
    **dict.fromkeys("I", 0.3),
    **dict.fromkeys("MW", 0.9),
    " ": 0.3, ".": 0.3, ",": 0.3, ":": 0.3, ";": 0.3, "!": 0.3, "'": 0.25, '"': 0.42,
    "(": 0.36, ")": 0.36, "[": 0.36, "]": 0.36, "{": 0.4, "}": 0.4,
    "-": 0.4, "_": 0.5, "/": 0.42, "\\": 0.42, "|": 0.3, "+": 0.6, "=": 0.6,
    "<": 0.6, ">": 0.6, "*": 0.5, "#": 0.62, "&": 0.72, "@": 0.95, "%": 0.9,
    "?": 0.52, "~": 0.6, "^": 0.6, "$": 0.6, "`": 0.4,
}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated advance width of ``text`` at ``size`` (bold Latin is a little wider)."""
    em = 0.0
    for ch in text:
        narrow = _NARROW.get(ch)
        em += 1.0 if narrow is None else narrow * (1.06 if bold else 1.0)
    return em * size


# Line-breaking rules (禁则): no line starts with closing punctuation, none ends
# with opening punctuation; Latin words, numbers, quoted names and short
# parentheses are kept whole where they fit on a line.
_NO_START = set("，。、；：？！）》〕」』】”’…—·,.;:?!)]}%")
_NO_END = set("（《〔「『【“‘([{")
_ATOM = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-/+%]*|“[^“”]*”|\([^()]*\)|（[^（）]*）|.", re.S)


def _units(atoms) -> list[str]:
    """The pieces a line may break between, made of ``atoms`` (a text's
    ``_ATOM``s, or the characters of a piece too long for a line): no piece
    starts with closing punctuation or ends with opening punctuation."""
    units: list[str] = []
    for atom in atoms:
        if units and (atom[0] in _NO_START or units[-1][-1] in _NO_END):
            units[-1] += atom
        else:
            units.append(atom)
    return units


def _greedy(units: list[str], size: float, width: float, bold: bool) -> list[str]:
    lines: list[str] = []
    line = ""
    for unit in units:
        if line and text_width(line + unit, size, bold) > width:
            lines.append(line)
            line = ""
        # A piece longer than a line (a long quotation) starts a line and breaks inside.
        for piece in _units(unit) if text_width(unit, size, bold) > width else [unit]:
            if line and text_width(line + piece, size, bold) > width:
                lines.append(line)
                line = ""
            line += piece
    if line:
        lines.append(line)
    return lines


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width``, as evenly as possible.

    Uses the fewest lines greedy filling needs, then the narrowest measure that
    keeps that many lines, so a heading never ends in a lone character.
    """
    units = _units(_ATOM.findall(re.sub(r"\s+", " ", text).strip()))
    lines = _greedy(units, size, width, bold)
    if len(lines) < 2:
        return lines
    # Never narrower than the widest word or name: balancing must not break one.
    lo = min(width, max(text_width(u, size, bold) for u in units))
    hi = width
    for _ in range(24):
        mid = (lo + hi) / 2
        if len(_greedy(units, size, mid, bold)) > len(lines):
            lo = mid
        else:
            hi = mid
    return _greedy(units, size, hi, bold)


def fits_whole(text: str, size: float, width: float, bold: bool) -> bool:
    """Whether no word or quoted name of ``text`` has to be broken at this size."""
    return all(text_width(u, size, bold) <= width for u in _units(_ATOM.findall(text)))
