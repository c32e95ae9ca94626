"""The preview keeps a catalogue entry's page until a file it reads changes
(pages/memo.py ``entry_sources``): not only the entry's own file and its
basis documents', but the entry that succeeds it, the documents that replace
its basis and its departments' contacts (in their government's file), each of
which the status banner or the 怎么办 box shows.

Each case builds the entry pages twice with one memo over the fixture
content, changes one file as staff would, loads again and builds again.
(A department's record is read from its government's file, so its contacts
are that file's: the case guards it against a department kept elsewhere.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CONTENT
from policy_site.content import load_content
from policy_site.pages import PageMemo, SiteInfo, policies
from policy_site.render import environment

ENTRY = "contract-credit-aaa"  # based on hs-2018-138 (废止: the entry has lapsed), of market-regulation
SUCCESSOR = "business-leader-training"

REPLACING = """\
id: hs-2021-1
title: 海曙区小微企业成长新计划
metadata:
  doc_no: 海政办发〔2021〕1号
relations:
  - type: 替代
    document: hs-2018-138
"""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path.name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _name_successor(content_dir: Path) -> None:
    _edit(content_dir / "policies" / f"{ENTRY}.yaml", "last_verified:", f"successor: {SUCCESSOR}\nlast_verified:")


def _rename_successor(content_dir: Path) -> None:
    _edit(content_dir / "policies" / f"{SUCCESSOR}.yaml", "\nname: ", "\nname: 新名称的接替条目")


def _replace_basis(content_dir: Path) -> None:
    (content_dir / "documents" / "hs-2021-1.yaml").write_text(REPLACING, encoding="utf-8")


def _retitle_replacing(content_dir: Path) -> None:
    _edit(content_dir / "documents" / "hs-2021-1.yaml", "title: 海曙区小微企业成长新计划", "title: 海曙区小微企业成长计划（修订）")


def _new_phone(content_dir: Path) -> None:
    _edit(content_dir / "governments" / "haishu.yaml", "phone: 0574-0000 0001", "phone: 0574-1234 5678")


# case -> (edit before the first build, the change, what the entry page then shows)
CASES = {
    "successor-entry": (_name_successor, _rename_successor, "新名称的接替条目"),
    "document-replacing-the-basis": (None, _replace_basis, "《海曙区小微企业成长新计划》海政办发〔2021〕1号"),
    "replacing-document-edited": (_replace_basis, _retitle_replacing, "《海曙区小微企业成长计划（修订）》"),
    "department-contact": (None, _new_phone, "0574-1234 5678"),
}


def _build(content_dir: Path, memo: PageMemo, env) -> dict[str, str]:
    content = load_content(content_dir)
    site = SiteInfo.of(content.site)
    return {page.url: page.body for page in policies.entry_pages(content, env, memo, site)}


@pytest.mark.parametrize("case", list(CASES))
def test_the_entry_page_follows_what_it_shows(case, tmp_path):
    before, change, shown = CASES[case]
    content_dir = tmp_path / "content"
    shutil.copytree(CONTENT, content_dir)
    if before:
        before(content_dir)
    memo, env = PageMemo(), environment()
    first = _build(content_dir, memo, env)
    url = f"policies/{ENTRY}/"
    assert shown not in first[url]
    memo.clear_made()
    _build(content_dir, memo, env)
    assert memo.made == [], "nothing changed: every entry page is kept"

    change(content_dir)
    after = _build(content_dir, memo, env)
    assert shown in after[url], f"{case}: the entry page was not made again"
    assert url in [p.url for p in memo.made]
    # The page the memo gives is the page a fresh build makes.
    assert after[url] == _build(content_dir, PageMemo(), env)[url]
