"""The corpus of broken content (tests/bad_inputs/, one case a folder; its
layout is described in tests/test_bad_inputs.py), and how a case is put into
a copy of the project."""

from __future__ import annotations

from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
# Files of a case that say how to make or check it; the others are copied.
CONTROL = {"expected.yaml", "edit.yaml", "generate.yaml"}


def apply_case(case: Path, project: Path) -> None:
    for src in sorted(case.rglob("*")):
        rel = src.relative_to(case)
        if src.is_file() and rel.as_posix() not in CONTROL:
            dest = project / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(src.read_bytes())
    if (case / "edit.yaml").exists():
        for edit in yaml.safe_load((case / "edit.yaml").read_text(encoding="utf-8")):
            target = project / edit["file"]
            lines = target.read_text(encoding="utf-8").split("\n")
            hits = [i for i, line in enumerate(lines) if line == edit["old"]]
            if "occurrence" in edit:
                index = hits[edit["occurrence"] - 1]
            else:
                assert len(hits) == 1, f"{edit['old']!r} must be exactly one line of {edit['file']}, found {len(hits)}"
                index = hits[0]
            lines[index] = edit["new"]
            target.write_text("\n".join(lines), encoding="utf-8")
    if (case / "generate.yaml").exists():
        spec = yaml.safe_load((case / "generate.yaml").read_text(encoding="utf-8"))
        target = project / spec["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(spec["text"].replace("{FILL}", spec["fill"] * spec["count"]), encoding="utf-8")
