"""No punctuation is left behind by a field that is not given.

A document with every optional field left out, one with some given, (no 文号, no issuer, no dates,
no validity, no notice, no numbers or headings on its clauses) and a
catalogue entry with only its required fields are added to the fixture
content; the site is built, and the visible text of every block of every
page is scanned for what an empty field leaves when a template joins it to
its neighbours: empty brackets, separators at the start or the end, doubled
separators.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import site_with
from html_tree import BLOCK_TAGS, parse

BARE_DOCUMENT = """\
id: bare-doc
title: 关于测试空字段的通知
metadata: {}
body:
  title: 测试文件
  clauses:
  - id: opening
    text: 为测试空字段，制定本文件。
  - id: target
    role: goal
    text: 全年新增企业100家以上。
    indicators:
    - id: new-firms
      metric: 新增企业
      quote: 全年新增企业100家以上
      value: 100
      unit: 家
      comparator: 以上
  - id: task
    role: task
    text: 开展一项测试任务。
"""

# Some fields given, the first of a row of facts not: nothing may lead the row.
HALF_DOCUMENT = """\
id: half-doc
title: 关于测试部分字段的通知
metadata:
  issuer: 测试局
  published: 2020-01-02 08:30
body:
  title: 部分字段文件
  subtitle: （试行）
  clauses:
  - id: part-1
    number: 一、
    children:
    - id: part-1-text
      text: 第一部分的正文。
"""

BARE_ENTRY = """\
id: bare-entry
name: 空字段测试条目
summary: 只有必填字段的条目。
support_types: [资金补助]
audiences: [小微企业]
departments: [market-regulation]
basis:
  - document: bare-doc
    clause: task
last_verified: 2026-11-25
"""

# What an empty field leaves behind in a row of joined facts.
ARTEFACTS = [
    (re.compile(r"（\s*）|\(\s*\)|【\s*】|《\s*》"), "empty brackets"),
    (re.compile(r"^[·、，,；;：:]"), "a separator at the start"),
    # (；，at the end is the source's own punctuation: a list item ends with ；)
    (re.compile(r"[·、]$"), "a separator at the end"),
    (re.compile(r"·\s*·|、\s*、|，\s*，|；\s*；"), "a doubled separator"),
    (re.compile(r"[（(]\s*[·、，,]|[·、，,]\s*[）)]"), "a separator next to a bracket"),
]

NUMBER_ONLY = re.compile(r"^[一二三四五六七八九十百]+、$")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return site_with(tmp_path_factory.mktemp("empty-fields"), {
        "documents/bare-doc.yaml": BARE_DOCUMENT,
        "documents/half-doc.yaml": HALF_DOCUMENT,
        "policies/bare-entry.yaml": BARE_ENTRY,
    })


def _blocks(node):
    """Every block element's own text (its block children cut out)."""
    for child in node.walk():
        if child.tag in BLOCK_TAGS and child.tag != "br":
            yield child


def test_the_bare_document_is_published(site):
    assert (site / "documents" / "bare-doc" / "index.html").is_file()
    assert (site / "documents" / "half-doc" / "index.html").is_file()
    assert (site / "policies" / "bare-entry" / "index.html").is_file()


def test_no_page_shows_what_an_empty_field_leaves(site):
    found = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        page = parse(path)
        for block in _blocks(page.article):
            if any(isinstance(c, type(block)) and c.tag in BLOCK_TAGS for c in block.children):
                continue  # a block of blocks: its children are checked
            text = block.text()
            if NUMBER_ONLY.match(text):
                continue  # a clause with a number and no heading: its number as the source writes it
            for pattern, what in ARTEFACTS:
                if pattern.search(text):
                    found.append(f"{path.relative_to(site)}: {what}: {text[:80]!r}")
    assert not found, "\n".join(found[:30])
