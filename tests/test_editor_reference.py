"""The editors' reference (issue 16): `policy-site ids` writes every
department (id, short and full name), every document with its clause ids,
numbers and headings, and every allowed value of every fixed-list field of
the content model, from the content and the model."""

from __future__ import annotations

import pytest

from conftest import copy_project, run_cli
from policy_site.schema import model
from policy_site.schema.types import Enum


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("ids") / "project")
    haishu = project / "content" / "governments" / "haishu.yaml"
    # A department with a full name, to see both names in the table.
    text = haishu.read_text(encoding="utf-8")
    haishu.write_text(text.replace("  name: 区金融办\n", "  name: 区金融办\n  full_name: 宁波市海曙区人民政府金融工作办公室\n", 1),
                    encoding="utf-8")
    result = run_cli(project, "ids")
    assert result.returncode == 0, result.stderr
    path = project / "build" / "编号和取值.md"
    assert "build/编号和取值.md" in result.stdout
    first = path.read_bytes()
    again = run_cli(project, "ids")
    assert again.returncode == 0 and path.read_bytes() == first, "the same content gives the same file"
    return first.decode("utf-8")


def test_departments_with_both_names(reference):
    assert ("| `finance-office` | `haishu/finance-office` | 宁波市海曙区 | 区金融办 | 宁波市海曙区人民政府金融工作办公室 "
            "| content/governments/haishu.yaml |") in reference
    assert ("| `finance-bureau` | `haishu/finance-bureau` | 宁波市海曙区 | 区财政局 | (未填写) "
            "| content/governments/haishu.yaml |") in reference
    # Two governments' 区科技局 share an id; the full id tells them apart.
    assert ("| `science-tech` | `wucheng/science-tech` | 金华市婺城区 | 区科技局 | (未填写) "
            "| content/governments/wucheng.yaml |") in reference
    assert "| `science-tech` | `haishu/science-tech` | 宁波市海曙区 | 区科技局 |" in reference


def test_documents_with_their_clauses(reference):
    assert "### `hs-2018-138` 宁波市海曙区人民政府办公室关于印发海曙区“小微企业三年成长计划”(2018-2020年)的通知" in reference
    assert "- 文号:海政办发〔2018〕138号" in reference and "- 有效性:废止" in reference
    assert "| 　`goal-1` | (一) | 增体扩量,进一步扩大总量规模。 |" in reference
    assert "| 　　`task-2-2` | 2. | 融资创新机制。 |" in reference
    assert "| `new-micro-firms` | 新增小微企业 | goal-1 |" in reference
    assert "| `tax-incentives` | 税收优惠政策落实 |" in reference


def _enums(obj, seen):
    from policy_site.schema.types import List, Object, resolve
    for field in obj.fields.values():
        kind = resolve(field.type)
        item = resolve(kind.item) if isinstance(kind, List) else kind
        if isinstance(item, Enum):
            yield field, item
        elif isinstance(item, Object) and id(item) not in seen:
            seen.add(id(item))
            yield from _enums(item, seen)


def test_every_allowed_value_with_its_meaning(reference):
    fields = [pair for kind in model.CONTENT_FILES for pair in _enums(kind.model, set())]
    assert len({id(e) for _, e in fields}) >= 10, "the model's vocabularies are all found"
    for field, enum in fields:
        assert f"### {field.label}\n" in reference, field.name
        for term in enum.terms.values():
            assert f"| `{term.value}` | {term.label or '(不显示)'} | {term.description} |" in reference, term.value


def test_broken_content_writes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "content" / "site.yaml").write_text("name：坏\nx: 1\n", encoding="utf-8")
    result = run_cli(project, "ids")
    assert result.returncode == 1 and "全角冒号" in result.stderr
    assert not (project / "build" / "编号和取值.md").exists()
