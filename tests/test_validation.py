"""Broken content is rejected with a precise, bilingual report and never published.

Every test copies the project, breaks ``content/plan.yaml`` (or adds a content
file) with one targeted text edit, and checks what the loader reports: the
file, the line and column of the broken value (computed from the edited text,
never hard-coded), the YAML field path, and a Chinese and an English message.
Most cases call ``load_content`` directly (fast, and the ``Problem`` fields can
be compared exactly); a handful run ``python -m policy_site check|build`` end to
end for the exit code, the printed report, the absence of a traceback, and the
guarantee that a failed build leaves the previous site byte-identical.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import build_site, copy_project, run_cli
from policy_site.content import load_content
from problems import PLAN, Want, assert_problems, locate, position, problems_of

HAISHU = "content/governments/haishu.yaml"  # the plan's government: its departments

# Paths of records in content/plan.yaml that the cases below break.
IND0 = "body.clauses[2].children[0].indicators[0]"  # goal-1, indicator new-micro-firms
TASK_1_1 = "body.clauses[3].children[0].children[0]"  # task 三(一)1.
REQ_3 = "body.clauses[4].children[2]"  # 四(三) 加强典型宣传。


# -- helpers ------------------------------------------------------------------

def break_text(project: Path, old: str, new: str, path: str = PLAN) -> str:
    """Replace the single occurrence of ``old`` in ``path`` by ``new``; return the new text."""
    target = project / path
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur exactly once in {path}, found {text.count(old)}"
    changed = text.replace(old, new)
    assert changed != text, "the edit did not change the file"
    target.write_text(changed, encoding="utf-8")
    return changed


def check_broken(project: Path, old: str, new: str, *wants: Want) -> None:
    """Break plan.yaml (its government's file, for a department) by one edit and
    assert the loader reports exactly ``wants``."""
    path = HAISHU if wants[0].field.startswith("departments") else PLAN
    text = break_text(project, old, new, path)
    assert_problems(problems_of(project), {path: text}, *(replace(w, file=path) for w in wants))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the project for one test to break."""
    return copy_project(tmp_path / "p")


def test_unbroken_copy_passes_check(project):
    """The untouched copy passes `check`, so every failure below comes from its edit."""
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert "Content OK" in result.stdout
    load_content(project / "content")


# -- YAML layer ---------------------------------------------------------------

SYNTAX = ("YAML 格式错误", "YAML syntax error")


@pytest.mark.parametrize(
    "old, new, at",
    [
        # reported where the fix is: at the over-indented field, not at its colon
        pytest.param("  doc_no: 海政办发〔2018〕138号\n", "    doc_no: 海政办发〔2018〕138号\n",
                     "doc_no: 海政办发", id="indented-too-deep"),
        pytest.param("  issuer: 区政府办公室\n", " issuer: 区政府办公室\n",
                     "issuer: 区政府办公室", id="indented-too-shallow"),
        pytest.param("      heading: 加强组织领导。\n", '      heading: "加强组织领导。\n',
                     '"加强组织领导。', id="unclosed-double-quote"),
        pytest.param("        value: 11700\n", "        value: 11700\x07\n",
                     "\x07", id="control-character"),
    ],
)
def test_yaml_syntax_error(project, old, new, at):
    """A YAML syntax error is reported at the line and column where the parser stops."""
    check_broken(project, old, new, Want(at, "", *SYNTAX))


@pytest.mark.parametrize(
    "old, new, at",
    [
        pytest.param("  index_no: 002943395/2018-85292\n", "\tindex_no: 002943395/2018-85292\n",
                     "\tindex_no", id="tab-instead-of-spaces"),
        pytest.param("  doc_no: 海政办发〔2018〕138号\n", "  \tdoc_no: 海政办发〔2018〕138号\n",
                     "\tdoc_no", id="tab-after-spaces"),
        pytest.param("        value: 11700\n", "\t\t\t\tvalue: 11700\n",
                     "\t\t\t\tvalue", id="tabs-deep-in-clauses"),
    ],
)
def test_tab_indentation(project, old, new, at):
    """Tab indentation is a syntax error reported at the tab's line and column."""
    check_broken(project, old, new, Want(at, "", *SYNTAX))


def test_tab_indentation_hint(project):
    """The message for tab indentation tells staff in Chinese to indent with spaces, not Tab."""
    break_text(project, "  index_no: 002943395/2018-85292\n", "\tindex_no: 002943395/2018-85292\n")
    [problem] = problems_of(project)
    assert "Tab" in problem.zh


@pytest.mark.parametrize(
    "old, new, at, first_at, field",
    [
        pytest.param("short_title: 海曙区“小微企业三年成长计划”(2018-2020年)\n",
                     "short_title: 海曙区“小微企业三年成长计划”(2018-2020年)\nshort_title: 小微企业三年成长计划\n",
                     "short_title: 小微企业三年成长计划", "short_title: 海曙区", "short_title",
                     id="top-level"),
        pytest.param("        value: 11700\n", "        value: 11700\n        value: 11700  # 重复\n",
                     "value: 11700  # 重复", "value: 11700\n", f"{IND0}.value", id="nested"),
    ],
)
def test_duplicate_yaml_keys(project, old, new, at, first_at, field):
    """A key given twice in one mapping is reported at the second key, naming the first line."""
    text = break_text(project, old, new)
    key = field.rsplit(".", 1)[-1]
    first = locate(text, first_at)[0]
    assert_problems(problems_of(project), {PLAN: text},
                    Want(at, field, f"键“{key}”重复出现(第一次在第 {first} 行)",
                         f'duplicate key "{key}" (first used on line {first})'))


@pytest.mark.parametrize("content", ["", "# 只有注释\n", "\n  \n"], ids=["empty", "comment-only", "blank-lines"])
def test_empty_file(project, content):
    """An empty file is reported on line 1, not silently skipped."""
    (project / PLAN).write_text(content, encoding="utf-8")
    [problem] = problems_of(project)
    assert (problem.file, problem.line, problem.column, problem.field) == (PLAN, 1, 1, "")
    assert "文件是空的" in problem.zh and "the file is empty" in problem.en


def test_non_utf8_file(project):
    """A GBK-encoded file is reported at the first byte that is not UTF-8."""
    text = (project / PLAN).read_text(encoding="utf-8")
    (project / PLAN).write_bytes(text.encode("gbk"))
    # The first non-ASCII character; everything before it on its line is ASCII,
    # so its character column equals its byte column.
    first = next(i for i, ch in enumerate(text) if not ch.isascii())
    [problem] = problems_of(project)
    assert (problem.file, problem.line, problem.column, problem.field) == (PLAN, *position(text, first), "")
    assert "不是 UTF-8 编码" in problem.zh and "not UTF-8 encoded" in problem.en


# -- content model: fields and types -------------------------------------------


@pytest.mark.parametrize(
    "old, at, field, name, label",
    [
        pytest.param("        value: 11700\n", "id: new-micro-firms", f"{IND0}.value", "value", "目标值",
                     id="indicator-value"),
        pytest.param("  name: 区经信局\n", "id: economy-it", "departments[1].name", "name", "名称",
                     id="department-name"),
    ],
)
def test_missing_required_field(project, old, at, field, name, label):
    """A deleted required field is reported at the object that lacks it."""
    check_broken(project, old, "",
                 Want(at, field, f"缺少必填字段“{name}”({label})", f'missing required field "{name}"'))


@pytest.mark.parametrize(
    "old, new, at, field, zh, en",
    [
        pytest.param("        metric: 新增小微企业\n", "        metric: [新增, 小微企业]\n", "[新增",
                     f"{IND0}.metric", "应为文本,实际是列表", "expected text, got a list", id="list-for-text"),
        pytest.param("        value: 11700\n", "        value: abc\n", "abc",
                     f"{IND0}.value", "“abc”不是非负数字", '"abc" is not a non-negative number', id="text-for-number"),
        pytest.param("        value: 11700\n", "        value: -11700\n", "-11700",
                     f"{IND0}.value", "“-11700”不是非负数字", '"-11700" is not a non-negative number', id="negative-number"),
        pytest.param("  available: false\n", "  available: 否\n", "否",
                     "attachments[0].available", "“否”应为 true 或 false", '"否" must be true or false', id="text-for-boolean"),
    ],
)
def test_wrong_type(project, old, new, at, field, zh, en):
    """A value of the wrong type is reported at the value, with what was expected."""
    check_broken(project, old, new, Want(at, field, zh, en))


@pytest.mark.parametrize(
    "old, new, wants",
    [
        pytest.param("  title: 海曙区“小微企业三年成长计划”\n", "  titel: 海曙区“小微企业三年成长计划”\n",
                     [Want("titel", "body.titel", "未知字段“titel”", 'unknown field "titel"'),
                      # the typo also leaves the required title out; the body starts at the same key
                      Want("titel", "body.title", "缺少必填字段“title”", 'missing required field "title"')],
                     id="body-titel"),
        pytest.param("  name: 区经信局\n", "  nmae: 区经信局\n",
                     [Want("nmae", "departments[1].nmae", "未知字段“nmae”", 'unknown field "nmae"'),
                      Want("id: economy-it", "departments[1].name", "缺少必填字段“name”", 'missing required field "name"')],
                     id="department-nmae"),
    ],
)
def test_unknown_field(project, old, new, wants):
    """A misspelt key is reported as an unknown field at the key itself."""
    check_broken(project, old, new, *wants)


@pytest.mark.parametrize(
    "old, new, at",
    [
        pytest.param("  written_date: '2018-12-12'\n", "  written_date: '2018-13-45'\n", "'2018-13-45'",
                     id="month-13-day-45"),
        pytest.param("  written_date: '2018-12-12'\n", "  written_date: 2018-02-30\n", "2018-02-30",
                     id="february-30"),
        pytest.param("  written_date: '2018-12-12'\n", "  written_date: 12/12/2018\n", "12/12/2018",
                     id="wrong-format"),
    ],
)
def test_bad_date(project, old, new, at):
    """An impossible or wrongly written metadata.written_date is reported at the value."""
    raw = at.strip("'")
    if "/" in raw:
        zh, en = f"“{raw}”不是日期,请按 YYYY-MM-DD 格式填写", f'"{raw}" is not a date; write it as YYYY-MM-DD'
    else:
        zh, en = f"日期“{raw}”不存在", f'the date "{raw}" does not exist'
    check_broken(project, old, new, Want(at, "metadata.written_date", zh, en))


@pytest.mark.parametrize(
    "new, at",
    [
        pytest.param("      text: <script>alert(1)</script>各有关单位要充分利用", "<script>", id="script-tag"),
        pytest.param("      text: 各有关单位要<img src=x onerror=alert(1)>充分利用", "各有关单位要<img", id="img-onerror"),
        pytest.param("      text: 各有关单位要javascript:alert(1)充分利用", "各有关单位要javascript", id="javascript-url"),
    ],
)
def test_markup_in_text_rejected(project, new, at):
    """HTML or a script URL in a clause text is rejected, reported at the text."""
    check_broken(project, "      text: 各有关单位要充分利用", new,
                 Want(at, f"{REQ_3}.text", "不能包含 HTML 标签或脚本链接",
                      "must not contain HTML tags or script URLs"))


# -- cross-references ---------------------------------------------------------


def _unknown(kind_zh: str, kind_en: str, value: str) -> tuple[str, str]:
    return f"未知的{kind_zh}编号“{value}”", f'unknown {kind_en} id "{value}"'


def test_unknown_department_in_lead(project):
    """An indicator whose lead is not a department id is reported at the lead."""
    text = break_text(project, "        lead: market-regulation\n      - id: micro-firm-growth",
                      "        lead: no-such-dept\n      - id: micro-firm-growth")
    assert_problems(problems_of(project), {PLAN: text},
                    Want("no-such-dept", f"{IND0}.lead", *_unknown("部门", "department", "no-such-dept")))


@pytest.mark.parametrize(
    "old, new, index",
    [
        pytest.param("        responsible:\n        - market-regulation\n        - economy-it\n        - finance-office\n",
                     "        responsible:\n        - no-such-dept\n        - economy-it\n        - finance-office\n",
                     0, id="first-item"),
        pytest.param("        - finance-office\n        - commerce\n", "        - finance-office\n        - no-such-dept\n",
                     3, id="fourth-item"),
    ],
)
def test_unknown_department_in_responsible(project, old, new, index):
    """An unknown department id in a task's responsible list is reported at that item."""
    text = break_text(project, old, new)
    [problem] = problems_of(project)
    base = f"{TASK_1_1}.responsible"
    line, col = locate(text, "no-such-dept")
    assert (problem.file, problem.line) == (PLAN, line)
    assert problem.column in (col - 2, col)  # the item's "- " or its value
    assert problem.field in (base, f"{base}[{index}]")
    zh, en = _unknown("部门", "department", "no-such-dept")
    assert zh in problem.zh and en in problem.en


@pytest.mark.parametrize(
    "old, new, bad, index",
    [
        pytest.param("    - zj-2018-34\n", "    - zj-2018-99\n", "zj-2018-99", 0, id="first-item"),
        pytest.param("    - nb-2018-105\n", "    - nb-2018-999\n", "nb-2018-999", 1, id="second-item"),
    ],
)
def test_unknown_cited_document(project, old, new, bad, index):
    """An unknown document id in a clause's cites is reported at that item."""
    text = break_text(project, old, new)
    [problem] = problems_of(project)
    base = "body.clauses[0].cites"
    line, col = locate(text, bad)
    assert (problem.file, problem.line) == (PLAN, line)
    assert problem.column in (col - 2, col)  # the item's "- " or its value
    assert problem.field in (base, f"{base}[{index}]")
    zh, en = _unknown("文件", "document", bad)
    assert zh in problem.zh and en in problem.en


def test_duplicate_department_id(project):
    """A second department with an existing id is reported at the second id."""
    text = break_text(project, "- id: leading-group\n  name: 区“小微企业三年成长计划”领导小组\n",
                      "- id: leading-group\n  name: 区“小微企业三年成长计划”领导小组\n"
                      "- id: market-regulation\n  name: 区市场监管局(重复)\n", HAISHU)
    first = locate(text, "id: market-regulation\n  name: 区市场监管局\n")[0]
    assert_problems(problems_of(project), {HAISHU: text},
                    Want("market-regulation\n  name: 区市场监管局(重复)", "departments[10].id",
                         f"部门编号“market-regulation”在政府 haishu 的部门中重复(已在 {HAISHU} 第 {first} 行使用)",
                         f'duplicate department id "market-regulation" among the departments of government haishu (already used in {HAISHU} line {first})',
                         HAISHU))


def test_duplicate_clause_id(project):
    """Two clauses with one id in the same document: reported at the second.
    (The renamed clause is one nothing cites, so no reference breaks with it.)"""
    text = break_text(project, "  - id: requirements\n", "  - id: guiding-ideology\n")
    first_line = locate(text, "guiding-ideology\n    number: 一、")[0]
    assert_problems(problems_of(project), {PLAN: text},
                    Want("guiding-ideology\n    number: 四、", "body.clauses[4].id",
                         f"条款编号“guiding-ideology”在文件 hs-2018-138 中重复(第 {first_line} 行已使用)",
                         f'duplicate clause id "guiding-ideology" in document hs-2018-138 (already used on line {first_line})'))


def test_duplicate_document_id_across_files(project):
    """A second file reusing a document id is reported in that file, naming the first."""
    dup = "content/documents/duplicate.yaml"
    dup_text = "# 与 plan.yaml 同一个编号\nid: hs-2018-138\ntitle: 重复的文件\nmetadata:\n  doc_no: 测试〔2018〕1号\n"
    (project / dup).write_text(dup_text, encoding="utf-8")
    plan_text = (project / PLAN).read_text(encoding="utf-8")
    first = locate(plan_text, "id: hs-2018-138")[0]
    assert_problems(problems_of(project), {PLAN: plan_text, dup: dup_text},
                    Want("hs-2018-138", "id", f"文件编号“hs-2018-138”重复(已在 {PLAN} 第 {first} 行使用)",
                         f'duplicate document id "hs-2018-138" (already used in {PLAN} line {first})', file=dup))


# -- data that restates the text must agree with it ------------------------------


@pytest.mark.parametrize(
    "old, new, at, field, zh, en",
    [
        pytest.param("        quote: 全区新增小微企业11700家以上\n", "        quote: 全区新增小微企业11800家以上\n",
                     "全区新增小微企业11800家以上", f"{IND0}.quote",
                     "原文表述必须与条款正文逐字一致", "the quote must match the clause text exactly",
                     id="quote-not-in-text"),
        pytest.param("        value: 11700\n", "        value: 11800\n", "11800", f"{IND0}.value",
                     "目标值 11800 没有出现在原文表述“全区新增小微企业11700家以上”中",
                     'the value 11800 does not appear in the quote "全区新增小微企业11700家以上"',
                     id="value-not-in-quote"),
        pytest.param("        value: 11700\n", "        value: 1170\n", "1170\n", f"{IND0}.value",
                     "目标值 1170 没有出现在原文表述", "the value 1170 does not appear in the quote",
                     id="value-only-a-substring-of-the-quoted-number"),
    ],
)
def test_quote_and_value_must_match_text(project, old, new, at, field, zh, en):
    """A quote not found in its clause text, or a value not found in its quote, is rejected."""
    check_broken(project, old, new, Want(at, field, zh, en))


# -- end to end: the command line -------------------------------------------------


CLI_CASES = [
    pytest.param("    doc_no: 海政办发〔2018〕138号\n", "doc_no: 海政办发", "", id="yaml-syntax"),
    pytest.param("\tdoc_no: 海政办发〔2018〕138号\n", "\tdoc_no", "", id="tab"),
    pytest.param("  doc_no: [海政办发〔2018〕138号]\n", "[海政办发", "metadata.doc_no", id="wrong-type"),
    pytest.param("  doc_no: 海政办发〔2018〕138号\n  titel: 多余\n", "titel", "metadata.titel", id="unknown-field"),
    pytest.param("  doc_no: <script>alert(1)</script>\n", "<script>", "metadata.doc_no", id="script"),
]


@pytest.mark.parametrize("new, at, field", CLI_CASES)
def test_check_cli_reports_problem(project, new, at, field):
    """`check` on broken content exits 1 and prints file:line:col, field and both messages, no traceback."""
    text = break_text(project, "  doc_no: 海政办发〔2018〕138号\n", new)
    line, col = locate(text, at)
    result = run_cli(project, "check")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "Content OK" not in result.stdout
    assert f"{PLAN}:{line}:{col}  字段 field: {field or '(文件 / file)'}\n" in result.stderr
    assert "错误" in result.stderr and "Error" in result.stderr
    assert "内容检查未通过" in result.stderr and "Content check failed" in result.stderr


@pytest.mark.parametrize("payload", ["gbk", "empty"])
def test_check_cli_reports_unreadable_file(project, payload):
    """`check` on a GBK-encoded or empty plan.yaml exits 1 with a located message, no traceback."""
    text = (project / PLAN).read_text(encoding="utf-8")
    if payload == "gbk":
        (project / PLAN).write_bytes(text.encode("gbk"))
        line, col = position(text, next(i for i, ch in enumerate(text) if not ch.isascii()))
        zh, en = "文件不是 UTF-8 编码", "the file is not UTF-8 encoded"
    else:
        (project / PLAN).write_bytes(b"")
        (line, col), zh, en = (1, 1), "文件是空的", "the file is empty"
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{PLAN}:{line}:{col}  字段 field: (文件 / file)\n" in result.stderr, result.stderr
    assert f"  错误:{zh}" in result.stderr and f"  Error: {en}" in result.stderr


def test_all_problems_reported_at_once(project):
    """Problems in two places (and two files) are all reported in one run."""
    text = break_text(project, "  written_date: '2018-12-12'\n", "  written_date: 2018-02-30\n")
    text = break_text(project, "        lead: finance-office\n      - id: equity-exchange-listing",
                      "        lead: no-such-dept\n      - id: equity-exchange-listing")
    other = "content/documents/nb-2018-105.yaml"
    other_text = break_text(project, "  issuer: 宁波市人民政府办公厅\n", "  isuer: 宁波市人民政府办公厅\n", path=other)
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    places = [
        (PLAN, *locate(text, "2018-02-30"), "metadata.written_date"),
        (PLAN, *locate(text, "no-such-dept"), "body.clauses[2].children[2].indicators[3].lead"),
        (other, *locate(other_text, "isuer"), "metadata.isuer"),
    ]
    for file, line, col, field in places:
        assert f"{file}:{line}:{col}  字段 field: {field}\n" in result.stderr, result.stderr
    assert "发现 3 个问题" in result.stderr and "3 problem(s) found" in result.stderr
    assert result.stderr.count("  错误:") == 3 and result.stderr.count("  Error: ") == 3


def test_problem_format_is_stable(project):
    """Each problem prints as `file:LINE:COL  字段 field: path`, then `  错误:…` and `  Error: …`."""
    text = break_text(project, "        value: 11700\n", "        value: abc\n")
    line, col = locate(text, "abc")
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert result.stderr.startswith(
        "内容检查未通过:发现 1 个问题,网站未更新。\n"
        "Content check failed: 1 problem(s) found; the site was not updated.\n\n"
    )
    assert (
        f"{PLAN}:{line}:{col}  字段 field: {IND0}.value\n"
        "  错误:“abc”不是非负数字。\n"
        '  Error: "abc" is not a non-negative number.\n'
    ) in result.stderr
    assert re.search(rf"^{re.escape(PLAN)}:{line}:{col}  ", result.stderr, re.M)


def _snapshot(directory: Path) -> dict[str, bytes | None]:
    """Every file's bytes (and every directory, as None) under ``directory``."""
    return {
        p.relative_to(directory).as_posix(): (p.read_bytes() if p.is_file() else None)
        for p in sorted(directory.rglob("*"))
    }


def test_failed_build_leaves_previous_site_untouched(project, tmp_path, site_dir):
    """`build` on broken content exits non-zero and leaves the last good site byte-identical."""
    site = tmp_path / "out" / "site"
    shutil.copytree(site_dir, site)  # the last good site: the session's build of the same content
    before = _snapshot(site)
    assert "index.html" in before and len(before) > 10

    text = break_text(project, "        lead: market-regulation\n      - id: micro-firm-growth",
                      "        lead: no-such-dept\n      - id: micro-firm-growth")
    line, col = locate(text, "no-such-dept")
    bad = build_site(project, site)
    assert bad.returncode != 0
    assert "Traceback" not in bad.stdout + bad.stderr
    assert f"{PLAN}:{line}:{col}  字段 field: {IND0}.lead\n" in bad.stderr
    assert "the previous site is unchanged" in bad.stderr and "原有网站保持不变" in bad.stderr
    assert _snapshot(site) == before
    # no half-built staging directory is left next to the site
    # No staging folder is left; beside the site only the build's source tree
    # (tests/conftest.py build_site) and the list of external links.
    assert sorted(p.name for p in site.parent.iterdir() if p.name not in ("external-links.txt", "site-tree")) == ["site"]
