"""Compare an imported draft with a hand-made content file, ids aside.

Shared by the importer's tests: the round trip on the seed compares the draft
of tests/source_plan.txt with tests/fixture/content/plan.yaml.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def department_names(government: dict) -> dict[str, str]:
    """Department id -> name in a government's file (content/governments/<id>.yaml)."""
    names = {}
    for dept in government.get("departments") or []:
        names[dept["id"]] = dept["name"]
    return names


def clause_shape(clause: dict, names: dict[str, str]) -> dict:
    """A clause without ids: what it says, whom it names, and its sub-clauses."""
    return {
        "number": clause.get("number"),
        "heading": clause.get("heading"),
        "text": clause.get("text"),
        "role": clause.get("role"),
        "cites": clause.get("cites") or [],
        "responsible": [names.get(d, d) for d in clause.get("responsible") or []],
        "children": [clause_shape(c, names) for c in clause.get("children") or []],
    }


def walk(clauses: list[dict]):
    for clause in clauses:
        yield clause
        yield from walk(clause.get("children") or [])


def indicator_key(indicator: dict) -> tuple:
    return indicator["quote"], indicator["value"], indicator["unit"], indicator["comparator"]


def matched_indicators(expected: dict, draft: dict) -> tuple[int, int]:
    """(indicators of ``expected`` found in the draft with the same quote, value,
    unit and comparator in the clause at the same place, indicators of ``expected``)."""
    want = [(i, indicator_key(ind)) for i, c in enumerate(walk(expected["body"]["clauses"]))
            for ind in c.get("indicators") or []]
    got = {(i, indicator_key(ind)) for i, c in enumerate(walk(draft["body"]["clauses"]))
           for ind in c.get("indicators") or []}
    return sum(1 for w in want if w in got), len(want)


def line_of_field(text: str, path: str) -> int:
    """The line (from 1) of the field at YAML ``path`` (body.clauses[2].indicators[0].lead)
    in ``text``: its key's line, or an item's first line."""
    node, line = yaml.compose(text), 1
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        if index:
            node = node.value[int(index)]
            line = node.start_mark.line + 1
        else:
            key, node = next((k, v) for k, v in node.value if k.value == name)
            line = key.start_mark.line + 1
    return line
