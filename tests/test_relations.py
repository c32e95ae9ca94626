"""Relations between documents are data: stated once on the newer document,
shown both ways, and a repealed document (and every catalogue entry based on
it) points to what replaced it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_site, copy_project, run_cli
from html_tree import cells, parse, resolve, site_rel, table_by_caption, table_rows

PLAN = "hs-2018-138"
PLAN_FILE = "content/plan.yaml"

SUCCESSOR = """\
id: successor-plan
title: 关于印发测试用接替计划的通知
short_title: 测试用接替计划
metadata:
  doc_no: 测试发〔2021〕1号
  validity: 有效
relations:
  - type: 替代
    document: hs-2018-138
  - type: 依据
    document: zj-2018-34
body:
  title: 测试用接替计划
  clauses:
  - id: support
    role: task
    text: 继续支持小微企业发展。
"""

NEW_ENTRY = """\
id: successor-entry
name: 测试用接替条目
summary: 接替原条目的测试条目。
support_types: [资金补助]
audiences: [小微企业]
departments: [market-regulation]
basis:
  - document: successor-plan
    clause: support
last_verified: 2026-11-25
"""


def _entry_ids(project: Path) -> list[str]:
    return sorted(p.stem for p in (project / "content" / "policies").glob("*.yaml") if p.stem != "successor-entry")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("relations") / "project")
    (project / "content" / "documents" / "successor-plan.yaml").write_text(SUCCESSOR, encoding="utf-8")
    (project / "content" / "policies" / "successor-entry.yaml").write_text(NEW_ENTRY, encoding="utf-8")
    plan = project / PLAN_FILE
    text = plan.read_text(encoding="utf-8")
    assert "  validity: 废止\n" in text
    plan.write_text(text.replace("  validity: 废止\n", "  validity: 废止\n  repeal_date: 2021-01-01\n"), encoding="utf-8")
    named = _entry_ids(project)[0]
    entry = project / "content" / "policies" / f"{named}.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("last_verified:", "successor: successor-entry\nlast_verified:"),
                     encoding="utf-8")
    site = project / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, project, named


def _banner(page):
    banners = page.article.find_all(cls="status-banner")
    assert len(banners) == 1, [b.text() for b in banners]
    return banners[0]


def _links(site, page, node) -> list[tuple[str, str]]:
    return [(a.text(), site_rel(site, resolve(site, page.path, a.attrs["href"])[0]))
            for a in node.find_all("a")]


@pytest.mark.parametrize("part", ["", "targets/", "tasks/"])
def test_a_repealed_document_names_and_links_its_successor(built, part):
    site, _, _ = built
    page = parse(site / "documents" / PLAN / part / "index.html")
    banner = _banner(page)
    assert "本文件已于2021年1月1日废止" in banner.text()
    successors = banner.find_all(cls="status-successors")
    assert len(successors) == 1
    assert _links(site, page, successors[0]) == [("《测试用接替计划》测试发〔2021〕1号", "documents/successor-plan/index.html")]
    # The document's own page also names the site's helpline (issue 15 part 3).
    helpline = [a.attrs["href"] for a in banner.find_all("a") if a.attrs["href"].startswith("tel:")]
    assert helpline == (["tel:057400000000"] if part == "" else []), helpline


def test_relations_are_shown_both_ways(built):
    site, _, _ = built
    def rows(doc):
        _, trs = table_rows(table_by_caption(parse(site / "documents" / doc / "index.html"), "本文件与其他文件的关系"))
        return [tuple(c.text() for c in cells(tr)) for tr in trs]
    newer = rows("successor-plan")
    assert newer[0][0] == "本文件替代" and PLAN not in newer[0][1] and newer[0][2] == "已废止"
    assert newer[1][0] == "本文件依据"
    older = rows(PLAN)
    assert ("替代本文件", "《测试用接替计划》测试发〔2021〕1号", "有效") in older
    assert any(r[0] == "依据本文件制定" for r in rows("zj-2018-34"))


def test_a_lapsed_entry_points_to_what_applies_instead(built):
    site, project, named = built
    page = parse(site / "policies" / named / "index.html")
    assert _links(site, page, _banner(page)) == [("测试用接替条目", "policies/successor-entry/index.html")]
    _, trs = table_rows(table_by_caption(page, "条目信息"))
    assert "接替条目" not in [cells(tr)[0].text() for tr in trs], "the successor is in the banner, not a facts row"
    other = _entry_ids(project)[1]
    page = parse(site / "policies" / other / "index.html")
    banner = _banner(page)
    assert "依据文件已被替代" in banner.text()
    successors = banner.find_all(cls="status-successors")
    assert len(successors) == 1
    assert _links(site, page, successors[0]) == [("《测试用接替计划》测试发〔2021〕1号", "documents/successor-plan/index.html")]


def test_the_repeal_date_is_in_the_metadata_table(built):
    site, _, _ = built
    _, trs = table_rows(table_by_caption(parse(site / "documents" / PLAN / "index.html"), "公开信息"))
    meta = {cells(tr)[0].text(): cells(tr)[1].text() for tr in trs}
    assert meta["废止日期"] == "2021年1月1日"


def test_a_document_cannot_relate_to_itself(tmp_path):
    project = copy_project(tmp_path / "project")
    bad = SUCCESSOR.replace("document: hs-2018-138", "document: successor-plan")
    (project / "content" / "documents" / "successor-plan.yaml").write_text(bad, encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert "content/documents/successor-plan.yaml:9" in result.stderr, result.stderr
    assert "文件不能与自己有关系" in result.stderr and "cannot relate to itself" in result.stderr


def test_an_unknown_successor_entry_lists_the_known_ones(tmp_path):
    project = copy_project(tmp_path / "project")
    named = _entry_ids(project)[0]
    entry = project / "content" / "policies" / f"{named}.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("last_verified:", "successor: no-such-entry\nlast_verified:"),
                     encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert "未知的政策目录条目编号“no-such-entry”" in result.stderr and "unknown catalogue entry id" in result.stderr
