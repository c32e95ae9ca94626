"""Departments are scoped to their government (issue: a policy library).

Two governments may each have a 区科技局 under the same id: the fixture's
governments/haishu.yaml and governments/wucheng.yaml both declare
``science-tech``, each government's file its own directory. References
resolve among the departments of the referring document's government (a
catalogue entry: its basis documents'), or name one as ``government/id``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import copy_project, site_with
from policy_site.content import load_content
from policy_site.errors import ContentError
from html_tree import parse

ENTRY = """\
# yaml-language-server: $schema=../../schema/policy.schema.json
id: {id}
name: 科技创新支持
summary: |-
  测试条目。
support_types: [科技创新]
audiences: [小微企业]
departments: [{depts}]
basis:
{basis}
last_verified: 2026-11-25
"""
WUCHENG = "  - document: wucheng-growth-measures\n    clause: cl-1\n"
HAISHU = "  - document: hs-2018-138\n    clause: task-2-2\n"


def entry(entry_id: str, depts: str, basis: str) -> str:
    return ENTRY.format(id=entry_id, depts=depts, basis=basis)


def problems(project: Path) -> list:
    with pytest.raises(ContentError) as info:
        load_content(project / "content")
    return info.value.problems


def write(project: Path, rel: str, text: str) -> None:
    (project / "content" / rel).write_text(text, encoding="utf-8")


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / "content" / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_same_id_in_two_governments_is_two_departments(project_dir):
    content = load_content(project_dir / "content")
    haishu, wucheng = content.departments["haishu/science-tech"], content.departments["wucheng/science-tech"]
    assert haishu is not wucheng and haishu.name == wucheng.name == "区科技局"
    assert (haishu.scope, wucheng.scope) == ("haishu", "wucheng")
    doc = content.documents["wucheng-growth-measures"]
    assert doc.government.name == "金华市婺城区"
    # The Wucheng measure's unqualified science-tech is Wucheng's, not Haishu's.
    measure = next(r.clause for r in content.clauses(doc) if r.clause.id == "cl-1")
    assert measure.responsible == [wucheng]
    assert content.tasks_of(haishu) and measure not in [r.clause for r in content.tasks_of(haishu)]
    # Where the two share a list, each carries its government's name.
    assert content.department_label(wucheng) == "区科技局（金华市婺城区）"
    assert content.department_label(content.departments["haishu/finance-office"]) == "区金融办"


def test_departments_index_groups_by_government(site_dir):
    page = parse(site_dir / "departments" / "index.html")
    groups = [h.text() for h in page.article.find_all("h3")]
    assert groups == ["宁波市海曙区（10 个）", "金华市婺城区（1 个）"], groups
    text = page.article.text()
    assert text.index("宁波市海曙区") < text.index("区市场监管局") < text.index("金华市婺城区")
    # Each row links to its own government's page, and the row ids differ.
    html = (site_dir / "departments" / "index.html").read_text(encoding="utf-8")
    assert 'id="dept-haishu--science-tech"' in html and 'id="dept-wucheng--science-tech"' in html
    for gov in ("haishu", "wucheng"):
        assert f'href="{gov}/science-tech/"' in html


def test_department_page_names_its_government(site_dir):
    page = parse(site_dir / "departments" / "wucheng" / "science-tech" / "index.html")
    assert page.article.find_all("h1")[0].text().startswith("区科技局（金华市婺城区）")
    facts = page.article.find_all("table")[0].text()
    assert "所属政府" in facts and "金华市婺城区" in facts
    assert "强化科技创新" in page.article.text()
    haishu = parse(site_dir / "departments" / "haishu" / "science-tech" / "index.html").article.text()
    assert "强化科技创新" not in haishu and "宁波市海曙区" in haishu


def test_open_data_carries_the_government(site_dir):
    doc = json.loads((site_dir / "documents" / "wucheng-growth-measures" / "index.json").read_text(encoding="utf-8"))
    assert [(d["id"], d["government"]) for d in doc["departments"]] == [("science-tech", "wucheng")]
    with (site_dir / "data" / "departments.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    got = {(r[header.index("部门ID")], r[header.index("所属政府ID")]) for r in rows[1:]}
    assert {("science-tech", "haishu"), ("science-tech", "wucheng")} <= got


def test_entry_resolves_in_its_basis_government(tmp_path):
    site = site_with(tmp_path, {"policies/wucheng-tech.yaml": entry("wucheng-tech", "science-tech", WUCHENG)})
    html = (site / "policies" / "wucheng-tech" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../departments/wucheng/science-tech/"' in html
    assert "departments/haishu/science-tech/" not in html


def test_entry_with_basis_in_two_governments_must_say_which(tmp_path):
    project = copy_project(tmp_path / "p")
    write(project, "policies/both.yaml", entry("both", "science-tech", WUCHENG + HAISHU))
    [p] = problems(project)
    assert (p.file, p.field) == ("content/policies/both.yaml", "departments[0]")
    assert "haishu/science-tech、wucheng/science-tech" in p.zh or "wucheng/science-tech、haishu/science-tech" in p.zh
    assert "请写明是哪一个" in p.zh and "Write which one" in p.en
    # Qualified, it is accepted.
    write(project, "policies/both.yaml", entry("both", "wucheng/science-tech, haishu/finance-office",
                                               WUCHENG + HAISHU))
    content = load_content(project / "content")
    assert [d.ref_id for d in content.policies["both"].departments] == ["wucheng/science-tech",
                                                                         "haishu/finance-office"]


def test_id_of_another_government_is_refused_with_the_qualified_cure(tmp_path):
    project = copy_project(tmp_path / "p")
    # finance-office is Haishu's: the Wucheng measures cannot name it unqualified.
    edit(project, "wucheng-growth-measures.yaml", "    responsible:\n    - science-tech\n",
         "    responsible:\n    - finance-office\n")
    [p] = problems(project)
    assert p.file == "content/wucheng-growth-measures.yaml" and p.field.endswith("responsible[0]")
    assert "未知的部门编号“finance-office”" in p.zh and "这里查的是政府 wucheng 的部门" in p.zh
    assert "science-tech(区科技局)" in p.zh and "haishu/finance-office" in p.zh
    assert "if you mean it, write haishu/finance-office" in p.en


def test_unknown_government_and_duplicate_within_a_government(tmp_path):
    project = copy_project(tmp_path / "p")
    edit(project, "wucheng-growth-measures.yaml", "government: wucheng\n", "government: jinhua\n")
    found = problems(project)
    assert any(p.field == "government" and "未知的政府编号“jinhua”" in p.zh
               and "haishu(宁波市海曙区)、wucheng(金华市婺城区)" in p.zh and "政府登记在 content/governments/ 中" in p.zh
               and 'unknown government id "jinhua"' in p.en and "content/governments/" in p.en for p in found), \
        [p.zh for p in found]

    project = copy_project(tmp_path / "q")
    with (project / "content" / "governments" / "haishu.yaml").open("a", encoding="utf-8") as f:
        f.write("- id: taxation\n  name: 区税务局\n")
    [p] = problems(project)
    assert (p.file, p.line, p.field) == ("content/governments/haishu.yaml", 30, "departments[10].id")
    assert "部门编号“taxation”在政府 haishu 的部门中重复(已在 content/governments/haishu.yaml 第 20 行使用)" in p.zh
    assert "每个部门只登记一次" in p.zh and "among the departments of government haishu" in p.en


def test_a_government_is_its_file(tmp_path):
    """The government's id is its file's name; governments are listed in file name order."""
    project = copy_project(tmp_path / "p")
    (project / "content" / "governments" / "a-county.yaml").write_text("id: a-county\nname: 甲县\n", encoding="utf-8")
    assert list(load_content(project / "content").governments) == ["a-county", "haishu", "wucheng"]
    edit(project, "governments/a-county.yaml", "id: a-county\n", "id: b-county\n")
    [p] = problems(project)
    assert (p.file, p.field) == ("content/governments/a-county.yaml", "id") and "必须与文件名“a-county”相同" in p.zh


def test_departments_declared_in_a_document_or_governments_in_site_yaml_are_told_where_they_go(tmp_path):
    """Departments and governments moved to content/governments/: the old
    places get an error that says where, not just "unknown field"."""
    project = copy_project(tmp_path / "p")
    edit(project, "wucheng-growth-measures.yaml", "government: wucheng\n",
         "government: wucheng\ndepartments:\n  - id: science-tech\n    name: 区科技局\n")
    edit(project, "site.yaml", "region: 宁波市海曙区\n", "region: 宁波市海曙区\ngovernments:\n  - id: haishu\n    name: 宁波市海曙区\n")
    gov, dept = sorted(problems(project), key=lambda p: p.file)
    assert (dept.file, dept.field) == ("content/wucheng-growth-measures.yaml", "departments")
    assert "请把整段 departments 移到 content/governments/wucheng.yaml" in dept.zh
    assert "move the whole departments block to content/governments/wucheng.yaml" in dept.en
    assert (gov.file, gov.line, gov.field) == ("content/site.yaml", 6, "governments")
    assert "content/governments/<编号>.yaml" in gov.zh and "content/governments/<id>.yaml" in gov.en


def test_a_document_of_no_government_finds_unique_ids_anywhere(tmp_path):
    """Scoping is opt-in: a document that names no government sees one
    site-wide namespace, and must qualify an id only where it is ambiguous."""
    project = copy_project(tmp_path / "p")
    edit(project, "wucheng-growth-measures.yaml", "government: wucheng\n", "")
    edit(project, "governments/wucheng.yaml", "  - id: science-tech\n    name: 区科技局\n",
         "  - id: wucheng-science-tech\n    name: 区科技局\n")
    edit(project, "wucheng-growth-measures.yaml", "    responsible:\n    - science-tech\n",
         "    responsible:\n    - finance-office\n")
    content = load_content(project / "content")
    doc = content.documents["wucheng-growth-measures"]
    measure = next(r.clause for r in content.clauses(doc) if r.clause.id == "cl-1")
    assert measure.responsible == [content.departments["haishu/finance-office"]]
    # An id two governments share must be qualified: an entry based on a
    # document of no government (the Ningxia 办法) cannot say science-tech.
    project = copy_project(tmp_path / "q")
    ningxia = "  - document: ningxia-village-affairs-measures\n    clause: art-1\n"
    write(project, "policies/village.yaml", entry("village", "science-tech", ningxia))
    [p] = problems(project)
    assert p.field == "departments[0]" and "在几个政府中都有" in p.zh and "haishu/science-tech" in p.zh
