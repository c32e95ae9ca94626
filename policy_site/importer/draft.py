"""Write a draft as YAML in the content model's own field order, remembering lines.

The draft is emitted by walking the model (``schema/model.py``): only fields
the model declares can be written, in the order it declares them, so the
draft reads like every other content file and can never carry a field the
validator refuses. Every written key's line is remembered under its YAML path
(``body.clauses[2].indicators[0].lead``, the paths validation errors use), so
the review list can say where each item is. A field left empty for review is
written as an empty key with a comment, which the validator reads as not given.
"""

from __future__ import annotations

import yaml

from ..present import format_number
from ..schema.model import DEPARTMENT
from ..schema.types import List, Object, resolve


class Emitter:
    def __init__(self, comments: dict[str, str]):
        self.lines: list[str] = []
        self.where: dict[str, int] = {}
        self.comments = comments

    def add(self, text: str, path: str) -> None:
        comment = self.comments.get(path)
        if comment:
            text = f"{text}  # {comment}"
        self.lines.append(text)
        self.where.setdefault(path, len(self.lines))

    def mapping(self, model: Object, data: dict, indent: int, path: str, first_prefix: str | None = None) -> None:
        unknown = set(data) - set(model.fields)
        assert not unknown, f"{model.name} has no field(s) {sorted(unknown)}"
        first = True
        for name, field in model.fields.items():
            if name not in data:
                continue
            value = data[name]
            prefix = first_prefix if first and first_prefix is not None else " " * indent
            first = False
            child = f"{path}.{name}" if path else name
            kind = resolve(field.type)
            if value is None or value == []:
                self.add(f"{prefix}{name}:", child)
            elif isinstance(kind, Object):
                self.add(f"{prefix}{name}:", child)
                self.mapping(kind, value, indent + 2, child)
            elif isinstance(kind, List):
                self.add(f"{prefix}{name}:", child)
                item_type = resolve(kind.item)
                for i, item in enumerate(value):
                    item_path = f"{child}[{i}]"
                    if isinstance(item_type, Object):
                        self.where.setdefault(item_path, len(self.lines) + 1)
                        self.mapping(item_type, item, indent + 2, item_path, " " * indent + "- ")
                    else:
                        self.scalar(" " * indent + "- ", item, indent + 2, item_path)
            else:
                self.scalar(f"{prefix}{name}: ", value, indent + 2, child)

    def scalar(self, prefix: str, value, indent: int, path: str) -> None:
        if isinstance(value, str) and "\n" in value:
            self.add(f"{prefix}|-", path)
            for line in value.split("\n"):
                self.lines.append(" " * indent + line if line else "")
            return
        self.add(prefix + scalar_text(value), path)


def scalar_text(value) -> str:
    """One YAML scalar on one line, quoted only where YAML needs it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_number(value)
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=False)
    return text.removesuffix("\n...\n").rstrip("\n")  # without the end-of-document marker


def emit(model: Object, data: dict, header: str, comments: dict[str, str]) -> tuple[str, dict[str, int]]:
    """(YAML text, YAML path -> line) of ``data`` written as a ``model`` file."""
    emitter = Emitter(comments)
    emitter.lines.append(header)
    emitter.mapping(model, data, 0, "")
    return "\n".join(emitter.lines) + "\n", emitter.where


def emit_items(departments: list[dict], indent: int, head: str | None = None) -> list[str]:
    """The lines of ``departments`` as items of a government's departments list, ``indent`` spaces in."""
    emitter = Emitter({})
    if head:
        emitter.lines.append(head)
    for item in departments:
        emitter.mapping(DEPARTMENT, item, indent + 2, "", " " * indent + "- ")
    return emitter.lines


def written_path(where: dict[str, int], path: str) -> str:
    """``path``, or the nearest enclosing path that was written (the field a review item names)."""
    while path and path not in where:
        if path.endswith("]"):
            path = path[: path.rfind("[")]
        elif "." in path:
            path = path[: path.rfind(".")]
        else:
            return ""
    return path


def emit_reviewed(model: Object, data: dict, header: str, comments: dict[str, str],
                  review: list[tuple[str, str]]) -> tuple[str, list[tuple[int, str, str]]]:
    """(YAML text, [(line, field, reason)]) of ``data`` with its ``review`` list of
    (YAML path, reason): each item names the written field it is about (the
    path, or the nearest written one above it) and that field's own line.
    ``review`` is the model's last field, so writing it moves no other line."""
    _, where = emit(model, data, header, comments)
    items = [(written_path(where, path), zh) for path, zh in review]
    if items:
        data = {**data, "review": [{"field": f, "reason": zh} for f, zh in items]}
    text, _ = emit(model, data, header, comments)
    return text, sorted(((where.get(f, 1), f, zh) for f, zh in items), key=lambda r: (r[0], r[1]))
