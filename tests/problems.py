"""What the content loader reports for broken content, and where: helpers for
the tests that break a copy of the fixture content and check each problem's
file, line, column, field and its Chinese and English messages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from policy_site.content import load_content
from policy_site.errors import ContentError, Problem

PLAN = "content/plan.yaml"
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,}")


def problems_of(project: Path) -> list[Problem]:
    """The problems ``load_content`` raises for the project's content (it must raise)."""
    with pytest.raises(ContentError) as info:
        load_content(project / "content")
    return info.value.problems


# -- Where a problem must be reported ----------------------------------------------

def position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of the character at ``index`` in ``text``."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def locate(text: str, marker: str) -> tuple[int, int]:
    """1-based (line, column) of the only occurrence of ``marker`` in ``text``."""
    assert text.count(marker) == 1, f"{marker!r} must occur exactly once, found {text.count(marker)}"
    return position(text, text.index(marker))


def place(text: str, line_text: str, value: str) -> tuple[int, int]:
    """1-based (line, column) of ``value`` inside the one line equal to ``line_text``."""
    lines = text.split("\n")
    hits = [i for i, l in enumerate(lines) if l == line_text]
    assert len(hits) == 1, f"line {line_text!r} occurs {len(hits)} times"
    column = line_text.index(value)
    return hits[0] + 1, column + 1


# -- What must be reported -----------------------------------------------------------

@dataclass(frozen=True)
class Want:
    """One expected problem; ``at`` is a unique substring of the edited file
    whose first character is where the problem must be reported."""

    at: str
    field: str
    zh: str
    en: str
    file: str = PLAN


def assert_problems(problems: list[Problem], texts: dict[str, str], *wants: Want) -> None:
    """Exactly the wanted problems, at the wanted places, with both messages."""
    expected = sorted(
        (w.file, *locate(texts[w.file], w.at), w.field) for w in wants
    )
    got = [(p.file, p.line, p.column, p.field) for p in problems]
    assert got == expected, "\n".join(p.zh + " | " + p.en for p in problems)
    by_place = {(w.file, *locate(texts[w.file], w.at), w.field): w for w in wants}
    for p in problems:
        want = by_place[(p.file, p.line, p.column, p.field)]
        assert want.zh in p.zh, p.zh
        assert want.en in p.en, p.en
        assert CJK.search(p.zh), f"the Chinese message has no Chinese: {p.zh!r}"
        assert ENGLISH.search(p.en), f"the English message has no English: {p.en!r}"


def assert_one_problem(problems: list[Problem], file: str, pos: tuple[int, int], field: str, *words: str) -> None:
    """Exactly one problem, at ``pos`` of ``file``, on ``field``; both messages name each of ``words``."""
    got = [(p.file, p.line, p.column, p.field) for p in problems]
    assert got == [(file, *pos, field)], "\n".join(p.format() for p in problems)
    for word in words:
        assert word in problems[0].zh and word in problems[0].en, problems[0].format()
