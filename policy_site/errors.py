"""Content errors: where (file, line, column, field) and what, in Chinese and English."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    field: str  # YAML path, e.g. body.clauses[2].indicators[0].lead
    zh: str
    en: str

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = self.field or "(文件 / file)"
        return (
            f"{where}  字段 field: {field}\n"
            f"  错误:{self.zh}\n"
            f"  Error: {self.en}"
        )


class ContentError(Exception):
    """Raised when content cannot be published; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.field))
        super().__init__(self.format())

    def format(self) -> str:
        n = len(self.problems)
        head = f"内容检查未通过:发现 {n} 个问题,网站未更新。\nContent check failed: {n} problem(s) found; the site was not updated."
        return head + "\n\n" + "\n\n".join(p.format() for p in self.problems)


class Problems:
    """Collects problems while loading so staff see all of them at once."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file: str, pos: tuple[int, int], field: str, zh: str, en: str) -> None:
        self.items.append(Problem(file, pos[0], pos[1], field, zh, en))

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(self.items)
