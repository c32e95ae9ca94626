"""Edits to a copy of the fixture content, by exact line: the catalogue's
tests change a validity, an application period or a staff override this
way, and check what the loader or the built pages then say."""

from __future__ import annotations

from pathlib import Path

from catalogue_rules import basis_documents

PLAN_FILE = "content/plan.yaml"


def policy_file(policy) -> str:
    """content/policies/<file>.yaml of an entry (the loader knows where it read it)."""
    return policy.where("id")[0]


def replace_line(project: Path, rel: str, old: str, new: str) -> str:
    """Replace the one line of ``rel`` that is exactly ``old`` by ``new`` (may be several lines)."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    hits = [i for i, line in enumerate(lines) if line == old]
    assert len(hits) == 1, f"{rel}: line {old!r} occurs {len(hits)} times"
    lines[hits[0]] = new
    changed = "\n".join(lines)
    path.write_text(changed, encoding="utf-8")
    return changed


def the_line(project: Path, rel: str, prefix: str) -> str:
    """The one line of ``rel`` that starts with ``prefix``."""
    lines = [l for l in (project / rel).read_text(encoding="utf-8").split("\n") if l.startswith(prefix)]
    assert len(lines) == 1, f"{rel}: {len(lines)} lines start with {prefix!r}"
    return lines[0]


def set_plan_validity(project: Path, content, value: str) -> None:
    """Set the validity of the (one) document the entries are based on."""
    docs = {d.id for p in content.policies.values() for d in basis_documents(p)}
    assert len(docs) == 1, f"entries are based on several documents {docs}; extend this helper"
    old = the_line(project, PLAN_FILE, "  validity: ")
    replace_line(project, PLAN_FILE, old, f"  validity: {value}")


def add_before_last_verified(project: Path, policy, lines: list[str]) -> None:
    rel = policy_file(policy)
    old = the_line(project, rel, "last_verified:")
    replace_line(project, rel, old, "\n".join(lines + [old]))
