"""Precision and recall of the targets the importer proposes, against hand labels.

tests/import_targets.yaml labels, for every text under tests/import_sources/,
the phrases that state a target (quote and value) and those that only look
like one. A proposed indicator is one proposal per value it holds (an
indicator with labelled ``values`` proposes each of them). A proposal matches
a label when one quote holds the other and the values are equal (both empty
for a target stated in words); each label is matched at most once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from import_compare import walk

LABELS = Path(__file__).resolve().parent / "import_targets.yaml"


def load_labels() -> dict[str, dict]:
    return yaml.safe_load(LABELS.read_text(encoding="utf-8"))


def proposals(draft: dict) -> list[tuple[str, object]]:
    """(quote, value) of each value the draft's indicators propose."""
    found = []
    for clause in walk(draft["body"]["clauses"]):
        for ind in clause.get("indicators") or []:
            if ind.get("values"):
                found += [(ind["quote"], v["value"]) for v in ind["values"]]
            else:
                found.append((ind["quote"], ind.get("value")))
    return found


def _same(a, b) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and float(a) == float(b))


@dataclass
class Score:
    proposed: int
    labelled: int
    matched: int
    wrong: list[tuple[str, object]]  # proposals that match no label
    missed: list[tuple[str, object]]  # labels no proposal matches


def score(draft: dict | None, labels: dict) -> Score:
    targets = [(t["quote"], t.get("value")) for t in labels.get("targets") or []]
    got = proposals(draft) if draft else []
    free = list(range(len(targets)))
    wrong = []
    for quote, value in got:
        hit = next((i for i in free if (targets[i][0] in quote or quote in targets[i][0])
                    and _same(targets[i][1], value)), None)
        if hit is None:
            wrong.append((quote, value))
        else:
            free.remove(hit)
    return Score(len(got), len(targets), len(got) - len(wrong), wrong, [targets[i] for i in free])
