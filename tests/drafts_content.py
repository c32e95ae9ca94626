"""Drafts (草稿) in a copy of the fixture project: files with open review
items (``review:``, policy_site/content/drafts.py) as the importer leaves
them, and what depends on them. Used by the drafts tests and the
accessibility audit of a draft's pages."""

from __future__ import annotations

from pathlib import Path

# The fixture's 若干措施 of 婺城区, made a draft: each item's field and what to check.
DRAFT_DOC = "wucheng-growth-measures"
DOC_ITEMS = [
    ("metadata.validity", "原文没有写明有效性,请到发布机关网站核对。"),
    ("body.clauses[1].children[0]", "拟议指标“研发投入强度达到2.95%”:请对照原文核对。"),
    ("notice.signatory", "落款请对照原文核对。"),
]
# Where each item's place is on the document's page: (an element that holds its mark, its text).
DOC_PLACES = ["tr", "p#cl-1-text", "div.notice"]
# A catalogue entry based only on the draft document: left out with it.
DEPENDENT_ENTRY = "wucheng-rd-intensity"
# A catalogue entry of its own with open items.
DRAFT_ENTRY = "tax-incentives"
ENTRY_ITEMS = [("support_standard", "支持标准请对照原文核对。"), ("name", "名称请核对。")]
# A published document that states a relation to the draft document.
RELATED = "gd-2023-rural-revitalisation"

_ENTRY = """id: wucheng-rd-intensity
name: 研发投入强度(草稿测试)
summary: 婺城区力争全社会研发投入强度达到2.95%。
support_types: [科技创新]
audiences: [科技型小微企业]
departments: [science-tech]
basis:
  - document: wucheng-growth-measures
    clause: cl-1-text
last_verified: 2025-04-01
"""


def review_block(items) -> str:
    """``review:`` with ``items`` ((field, reason), …), as the end of a YAML file."""
    return "review:\n" + "".join(f"- field: {field}\n  reason: {reason}\n" for field, reason in items)


def with_review(path: Path, items) -> None:
    """Append open review items to the content file at ``path``."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + review_block(items), encoding="utf-8")


def without_review(path: Path) -> None:
    """Delete every review item of ``path``, as a reviewer does when all are checked."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("review:\n")], encoding="utf-8")


def add_drafts(project: Path) -> None:
    """Make DRAFT_DOC and DRAFT_ENTRY drafts, add DEPENDENT_ENTRY, and a relation from RELATED to DRAFT_DOC."""
    content = project / "content"
    with_review(content / f"{DRAFT_DOC}.yaml", DOC_ITEMS)
    with_review(content / "policies" / f"{DRAFT_ENTRY}.yaml", ENTRY_ITEMS)
    (content / "policies" / f"{DEPENDENT_ENTRY}.yaml").write_text(_ENTRY, encoding="utf-8")
    related = content / f"{RELATED}.yaml"
    related.write_text(related.read_text(encoding="utf-8").rstrip("\n")
                       + f"\nrelations:\n- type: 依据\n  document: {DRAFT_DOC}\n", encoding="utf-8")
