"""Warnings (issue 16): valid content that is probably wrong is named by
``check`` (file, line, field, what to look at) without failing it;
``check --strict`` fails on it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CONTENT, copy_project, run_cli
from policy_site.content import load_content

ENTRY = (CONTENT / "policies" / "tax-incentives.yaml").read_text(encoding="utf-8")
PLAN_LINE = "      text: 全区新增小微企业11700家以上,年均增长10%左右。(区市场监管局牵头)“规下”工业小微企业增加值年均增长6%以上。(区经信局牵头)"
QUOTE_LINE = "        quote: 全区新增小微企业11700家以上"


def warning_blocks(stderr: str) -> list[str]:
    return [b for b in stderr.split("\n\n") if "\n  提醒:" in b and "\n  Warning: " in b]


def _replace_line(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old + "\n") == 1, old
    path.write_text(text.replace(old + "\n", new + "\n"), encoding="utf-8")


@pytest.fixture(scope="module")
def traps(tmp_path_factory):
    """The fixture project with each trap of issue 16 added; ``check``'s result."""
    project = copy_project(tmp_path_factory.mktemp("warnings") / "project")
    policies = project / "content" / "policies"
    # A new entry with a current application period, based on the repealed plan (废止).
    (policies / "new-2026-subsidy.yaml").write_text(
        ENTRY.replace("id: tax-incentives", "id: new-2026-subsidy").replace("name: 税收优惠政策落实", "name: 2026年新补贴")
        .replace("summary: |-", "application_period:\n  start: 2026-01-01\n  end: 2026-12-31\nsummary: |-"),
        encoding="utf-8")
    # A copy of an entry that differs in id and name only.
    (policies / "tax-incentives-copy.yaml").write_text(
        ENTRY.replace("id: tax-incentives", "id: tax-incentives-copy").replace("name: 税收优惠政策落实", "name: 税收优惠(副本)"),
        encoding="utf-8")
    # A target value stated twice in its quote.
    plan = project / "content" / "plan.yaml"
    _replace_line(plan, PLAN_LINE, PLAN_LINE.replace("11700家以上,", "11700家以上(即11700家),"))
    _replace_line(plan, QUOTE_LINE, QUOTE_LINE + "(即11700家)")
    # A department nothing refers to.
    haishu = project / "content" / "governments" / "haishu.yaml"
    text = haishu.read_text(encoding="utf-8")
    haishu.write_text(text.replace("- id: leading-group\n", "- id: audit-office\n  name: 区审计局\n- id: leading-group\n"),
                    encoding="utf-8")
    return run_cli(project, "check"), run_cli(project, "check", "--strict")


def _one(blocks: list[str], head: str, *words: str) -> str:
    found = [b for b in blocks if b.startswith(head)]
    assert len(found) == 1, f"no single warning at {head!r}:\n" + "\n\n".join(blocks)
    for word in words:
        assert word in found[0], (word, found[0])
    return found[0]


def test_check_passes_and_names_every_trap(traps):
    result, _ = traps
    assert result.returncode == 0, result.stderr
    assert "Content OK" in result.stdout
    assert "提醒:有" in result.stderr and "Warnings: " in result.stderr
    blocks = warning_blocks(result.stderr)
    _one(blocks, "content/policies/new-2026-subsidy.yaml:5:3  字段 field: application_period\n",
         "申报期还没有结束,但它依据的文件(hs-2018-138)都已不再有效", "every basis document (hs-2018-138) is no longer in force")
    _one(blocks, "content/policies/tax-incentives-copy.yaml:2:5  字段 field: id\n",
         "除编号和名称外与条目 tax-incentives 完全相同", "the same as entry tax-incentives apart from id and name")
    _one(blocks, "content/plan.yaml:51:16  字段 field: body.clauses[2].children[0].indicators[0].value\n",
         "目标值 11700 在原文表述“全区新增小微企业11700家以上(即11700家)”中出现了 2 次", "appears 2 times")
    haishu_lines = (CONTENT / "governments" / "haishu.yaml").read_text(encoding="utf-8").splitlines()
    audit_line = haishu_lines.index("- id: leading-group") + 1  # inserted before it
    _one(blocks, f"content/governments/haishu.yaml:{audit_line}:7  字段 field: departments[9].id\n",
         "部门 audit-office(区审计局)没有牵头任何指标", "leads no indicator")
    _one(blocks, "content/documents/nb-2018-105.yaml:5:3  字段 field: metadata.validity\n",
         "文件 nb-2018-105 没有填写有效性", "states no validity")


def test_strict_check_fails_on_warnings(traps):
    _, strict = traps
    assert strict.returncode == 1
    assert "check --strict:提醒也视为错误" in strict.stderr
    assert "Traceback" not in strict.stderr


def test_no_warning_where_nothing_is_wrong(tmp_path):
    """The fixture as it is: only its documents of unknown validity are named
    (the repealed plan states its validity, and its entries' periods are over
    or absent), and the two identity fields it leaves empty (publisher,
    contact: a government site must fill them in before it goes live)."""
    result = run_cli(copy_project(tmp_path / "project"), "check")
    assert result.returncode == 0, result.stderr
    blocks = warning_blocks(result.stderr)
    launch = [b for b in blocks if b.startswith("content/site.yaml")]
    assert [re.search(r"还没有填写\S+?\((\w+)\)", b).group(1) for b in launch] == ["publisher", "contact"], launch
    assert all("上线前需要填写" in b for b in launch)
    blocks = [b for b in blocks if b not in launch]
    assert blocks and all("字段 field: metadata.validity" in b for b in blocks), blocks
    unknown = {d.where()[0] for d in load_content(CONTENT).documents.values() if d.metadata.validity is None}
    assert sorted(b.split(":")[0] for b in blocks) == sorted(unknown)
    assert "content/documents/nb-2018-105.yaml" in unknown and "content/plan.yaml" not in unknown


# -- 发布日期 within 20 working days of 成文日期 (条例 第26条) ------------------------
# 2024's National Day: 1-7 October off, Sunday 29 September and Saturday
# 12 October worked (调休). From a 成文日期 of Monday 30 September, the 20th
# working day is Friday 1 November: Monday to Friday alone would make it the
# 24th, and without the 调休 Saturday 4 November would be the 20th.
WRITTEN = "  written_date: '2018-12-12'"
PUBLISHED = "  published: 2018-12-24 08:54"


def _plan_dated(tmp_path, written: str, published: str) -> Path:
    project = copy_project(tmp_path / "project")
    plan = project / "content" / "plan.yaml"
    _replace_line(plan, WRITTEN, f"  written_date: '{written}'")
    _replace_line(plan, PUBLISHED, f"  published: {published}")
    return project


def _late_warnings(project: Path) -> list[str]:
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    return [b for b in warning_blocks(result.stderr) if "工作日" in b]


@pytest.mark.parametrize("published, days", [("2024-11-01 09:00", None), ("2024-11-04", 21)])
def test_publication_counted_in_working_days_with_holidays(tmp_path, published, days):
    found = _late_warnings(_plan_dated(tmp_path, "2024-09-30", published))
    if days is None:
        assert found == [], found
    else:
        assert len(found) == 1, found
        assert found[0].startswith("content/plan.yaml:") and "字段 field: metadata.published" in found[0], found[0]
        assert f"{days} 个工作日" in found[0] and f"{days} working days" in found[0], found[0]
        assert "第二十六条" in found[0] and "article 26" in found[0]


def test_year_without_holiday_schedule_is_named(tmp_path):
    found = _late_warnings(_plan_dated(tmp_path, "2099-01-05", "2099-01-06"))
    assert len(found) == 1 and "2099" in found[0] and "chinese-calendar" in found[0], found
