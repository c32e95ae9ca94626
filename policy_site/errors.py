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

    def format(self, label_zh: str = "错误", label_en: str = "Error") -> str:
        return (
            f"{self.file}:{self.line}:{self.column}  字段 field: {self.field or '(文件 / file)'}\n"
            f"  {label_zh}:{self.zh}\n"
            f"  {label_en}: {self.en}"
        )


def format_warnings(warnings: list[Problem]) -> str:
    """Warnings as ``check`` prints them: valid content that is probably wrong."""
    n = len(warnings)
    head = (f"提醒:有 {n} 处内容可以发布,但可能有误,请核对(不影响发布;check --strict 时视为错误)。\n"
            f"Warnings: {n} place(s) are valid but probably wrong; please check them "
            "(they do not stop publishing; check --strict fails on them).")
    return head + "\n\n" + "\n\n".join(w.format("提醒", "Warning") for w in warnings)


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
