"""Bad input, clear errors (issue 6): a corpus of broken content, one case a folder.

Each folder under ``tests/bad_inputs/`` holds:

- the broken file(s), at their path in the project (``content/policies/x.yaml``),
  copied into a fresh copy of the project, adding to or replacing what is there
  (the copy's content/ is the fixture content of tests/fixture/, never the
  repository's content/: ``content/...`` below names a file of that copy);
- optionally ``edit.yaml``: a list of ``{file, old, new}`` exact-line
  replacements for files too large to store (the plan). ``old`` must match
  exactly one whole line, unless ``occurrence`` (1-based) says which one;
- optionally ``generate.yaml``: ``{file, text, fill, count}`` writes ``text``
  with ``{FILL}`` replaced by ``fill * count`` (a 10 MB value is not stored);
- ``expected.yaml``: the problems ``python -m policy_site check`` must report, each
  with file, line, column, field ("" for the whole file) and a substring of the
  Chinese and of the English message.

The command must fail (non-zero exit), never with a traceback, and print every
expected problem as ``<file>:<line>:<col>  字段 field: <field>`` followed by its
two messages.
"""

from __future__ import annotations

import time

import pytest
import yaml

from bad_input_cases import CORPUS, apply_case
from conftest import copy_project, run_cli

CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def test_corpus_is_large_enough():
    assert len(CASES) >= 30


def blocks(report: str) -> list[str]:
    """The report split into one block per problem (location line + messages)."""
    return [b for b in report.split("\n\n") if "  字段 field: " in b]


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_reported_clearly(name, tmp_path):
    case = CORPUS / name
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))["problems"]
    assert expected, f"{name}: expected.yaml lists no problem"
    project = copy_project(tmp_path / "project")
    apply_case(case, project)

    started = time.monotonic()
    result = run_cli(project, "check")
    elapsed = time.monotonic() - started

    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{name}: check passed\n{output[:2000]}"
    assert "Traceback" not in output, output[-4000:]
    assert "内容检查未通过" in result.stderr and "Content check failed" in result.stderr
    # A huge value is never echoed back, and it never makes the check hang (a bound
    # that catches a hang, not a speed: a loaded CI machine took 31 s; benchmarks time speed).
    assert len(output) < 20_000, f"{name}: report is {len(output)} characters long"
    assert elapsed < 300, f"{name}: check took {elapsed:.1f} s"

    found = blocks(result.stderr)
    for want in expected:
        field = want["field"] or "(文件 / file)"
        head = f"{want['file']}:{want['line']}:{want['column']}  字段 field: {field}\n"
        matches = [b for b in found if b.startswith(head) or ("\n" + head) in "\n" + b]
        assert matches, f"{name}: no problem reported as {head.strip()!r}; report:\n{result.stderr[:4000]}"
        assert any(want["zh"] in b and want["en"] in b for b in matches), (
            f"{name}: {head.strip()} lacks {want['zh']!r} / {want['en']!r}:\n" + "\n\n".join(matches))
