"""Targets of every shape (issue 14 part 1): a number, a range, a comparison
with another quantity, words without a number, several labelled values in
one quote.

The content is real text: ``gwr-2026-targets.yaml`` (the 2026 government work
report's main targets: a range, 左右 / 以上 and two targets without a number)
and ``gd-2023-rural-revitalisation.yaml`` (a Guangdong 实施意见 sentence: two
relative targets and a qualitative one) in the fixture content, and the seed
plan's 外贸 sentence "新增进出口经营权备案登记小微企业150家、有外贸进出口实绩
的小微企业70家", which a test copy also enters as one target with two labelled
values (the fixture keeps it as two indicators, as the plan's pages show it).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from browser import PHONE, new_context
from conftest import ROOT, build_site, copy_project, serve
from policy_site import present, target_shape, urls
from policy_site.content import load_content
from policy_site.infographic import infographic_data, infographic_svg
from policy_site.opendata.records import SCHEMA_VERSION
from policy_site.search.records import document_records
from axe_audit import describe, run_axe
from html_tree import cells, parse, table_rows
from problems import Want, assert_problems, problems_of

GWR = "content/gwr-2026-targets.yaml"
GD = "content/gd-2023-rural-revitalisation.yaml"
PLAN = "content/plan.yaml"

# The seed plan's 外贸 sentence as one target with two labelled values, added
# after the two indicators the plan's clause (五) already has.
VALUES_ANCHOR = "        quote: 有外贸进出口实绩的小微企业70家\n        value: 70\n        unit: 家\n        comparator: 确数\n" \
                "        lead: commerce\n"
VALUES = """\
      - id: foreign-trade-targets
        metric: 外贸小微企业
        quote: 新增进出口经营权备案登记小微企业150家、有外贸进出口实绩的小微企业70家
        comparator: 确数
        values:
        - id: registration
          label: 进出口经营权备案登记小微企业
          value: 150
          unit: 家
        - id: performance
          label: 有外贸进出口实绩的小微企业
          value: 70
          unit: 家
"""


def add_values_target(project: Path) -> str:
    """Add the 分项 target to the plan of ``project``; return the plan's new text."""
    plan = project / PLAN
    text = plan.read_text(encoding="utf-8")
    assert text.count(VALUES_ANCHOR) == 1, "the fixture plan changed: find the 外贸 indicators again"
    text = text.replace(VALUES_ANCHOR, VALUES_ANCHOR + VALUES)
    plan.write_text(text, encoding="utf-8")
    return text


def edit(project: Path, path: str, old: str, new: str) -> str:
    """Replace the one occurrence of ``old`` in ``path``; return the new text."""
    target = project / path
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}, found {text.count(old)}"
    text = text.replace(old, new)
    target.write_text(text, encoding="utf-8")
    return text


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "p")


# -- validation: each shape states its parts in the quote, and nothing else -----

GWR_IND = "body.clauses[0].indicators"
GD_IND = "body.clauses[0].indicators"

BAD_CASES = [
    pytest.param(GWR, "      upper: 5\n", "      upper: 6\n", "6\n", f"{GWR_IND}[0].upper",
                 "区间 4.5-6% 没有按原文写法出现在原文表述“经济增长4.5%—5%”中",
                 'the range 4.5-6% does not appear in the quote "经济增长4.5%—5%" as written', id="range-not-in-quote"),
    pytest.param(GWR, "      upper: 5\n", "", "4.5\n      unit", f"{GWR_IND}[0].value",
                 "比较方式为“区间”时必须填写区间上限(upper)", "a range (comparator 区间) needs its upper bound: add upper",
                 id="range-without-upper"),
    pytest.param(GWR, "      upper: 5\n", "      upper: 4\n", "4\n      unit: '%'\n      comparator: 区间", f"{GWR_IND}[0].upper",
                 "区间上限 4 必须大于下限 4.5", "the upper bound 4 must be greater than the lower bound 4.5",
                 id="range-upside-down"),
    pytest.param(GWR, "      value: 5.5\n", "      value: 5.5\n      upper: 6\n", "6\n      unit", f"{GWR_IND}[1].upper",
                 "只有比较方式为“区间”时才能填写区间上限(upper)", "upper is only for a range: delete upper, or set the comparator to 区间",
                 id="upper-on-a-single-target"),
    pytest.param(GWR, "      value: 5.5\n", "", "id: surveyed-unemployment", f"{GWR_IND}[1].value",
                 "缺少必填字段“value”(目标值):原文没有数字时，请写比较基准(reference)或定性目标(direction),不要编造数字",
                 'missing required field "value" (目标值): where the text gives no number, write a reference or a direction; never invent a number',
                 id="number-target-without-value"),
    pytest.param(GWR, "      direction: 基本平衡\n", "      direction: 基本平衡\n      value: 1\n", "1\n    - id: grain",
                 f"{GWR_IND}[5].value", "定性目标不能填写“value”:定性目标只填 direction(照原文),不能有数字、单位或比较方式",
                 'a qualitative target must not have "value"', id="qualitative-with-a-value"),
    pytest.param(GWR, "      direction: 基本平衡\n", "      direction: 基本平衡\n      comparator: 达到\n", "达到\n    - id: grain",
                 f"{GWR_IND}[5].comparator", "定性目标不能填写“comparator”", 'a qualitative target must not have "comparator"',
                 id="qualitative-with-a-comparator"),
    pytest.param(GWR, "      direction: 基本平衡\n", "      direction: 保持平衡\n", "保持平衡", f"{GWR_IND}[5].direction",
                 "定性目标“保持平衡”没有出现在原文表述“国际收支基本平衡”中:请照原文逐字填写",
                 'the qualitative target "保持平衡" does not appear in the quote "国际收支基本平衡": copy it exactly',
                 id="direction-not-in-quote"),
    pytest.param(GD, "      reference: 全省平均水平\n", "      reference: 全国平均水平\n", "全国平均水平", f"{GD_IND}[1].reference",
                 "相对目标“高于全国平均水平”(比较方式+比较基准)没有按原文写法出现在原文表述“粤东粤西粤北地区农民收入增速高于全省平均水平”中",
                 'the relative target "高于全国平均水平" (comparator + reference) does not appear in the quote',
                 id="reference-not-in-quote"),
    pytest.param(GD, "      comparator: 高于\n      reference: 城镇居民\n", "      comparator: 不低于\n      reference: 城镇居民\n",
                 "城镇居民\n    - id: regional", f"{GD_IND}[0].reference", "相对目标“不低于城镇居民”", 'the relative target "不低于城镇居民"',
                 id="comparator-not-the-text's-word"),
    pytest.param(GD, "      comparator: 高于\n      reference: 城镇居民\n", "      comparator: 区间\n      reference: 城镇居民\n",
                 "区间", f"{GD_IND}[0].comparator", "相对目标的比较方式不能是“区间”",
                 'a relative target cannot have the comparator "区间"', id="relative-range"),
    pytest.param(GD, "      comparator: 高于\n      reference: 城镇居民\n", "      reference: 城镇居民\n",
                 "id: farmer-income-vs-urban", f"{GD_IND}[0].comparator", "缺少必填字段“comparator”(比较方式):相对目标必须写明比较方式",
                 'missing required field "comparator" (比较方式): a relative target needs one', id="relative-without-comparator"),
    pytest.param(GD, "      comparator: 高于\n      reference: 城镇居民\n",
                 "      comparator: 高于\n      reference: 城镇居民\n      value: 3\n", "id: farmer-income-vs-urban",
                 f"{GD_IND}[0].unit", "缺少必填字段“unit”(单位):有目标值的指标必须写单位", 'missing required field "unit" (单位): a target with a value needs a unit',
                 id="relative-value-without-unit"),
    pytest.param(GD, "      reference: 全省平均水平\n", "      reference: 全省平均水平\n      upper: 9\n", "9\n    - id: income-gap",
                 f"{GD_IND}[1].upper", "相对目标不能填写“upper”", 'a relative target must not have "upper"',
                 id="relative-with-an-upper-bound"),
]


@pytest.mark.parametrize("path, old, new, at, field, zh, en", BAD_CASES)
def test_a_target_of_each_shape_is_checked_against_its_quote(project, path, old, new, at, field, zh, en):
    text = edit(project, path, old, new)
    assert_problems(problems_of(project), {path: text}, Want(at, field, zh, en, file=path))


VALUES_PATH = "body.clauses[2].children[4].indicators[2]"

VALUES_CASES = [
    pytest.param("          label: 有外贸进出口实绩的小微企业\n", "          label: 有外贸实绩的小微企业\n", "有外贸实绩的小微企业",
                 f"{VALUES_PATH}.values[1].label", "分项“有外贸实绩的小微企业”没有出现在原文表述",
                 'the label "有外贸实绩的小微企业" does not appear in the quote', id="label-not-in-quote"),
    pytest.param("          value: 70\n", "          value: 80\n", "80\n          unit", f"{VALUES_PATH}.values[1].value",
                 "目标值 80 没有出现在原文表述", "the value 80 does not appear in the quote", id="value-not-in-quote"),
    pytest.param("        - id: performance\n", "        - id: registration\n", "registration\n          label: 有外贸",
                 f"{VALUES_PATH}.values[1].id", "分项编号“registration”在指标 foreign-trade-targets 中重复",
                 'duplicate value id "registration" in indicator foreign-trade-targets', id="duplicate-value-id"),
    pytest.param("        metric: 外贸小微企业\n", "        metric: 外贸小微企业\n        value: 150\n", "150\n        quote",
                 f"{VALUES_PATH}.value", "分项目标不能填写“value”:分项目标的数值和单位写在 values 的各项里",
                 'a values target must not have "value"', id="values-and-a-value"),
]


@pytest.mark.parametrize("old, new, at, field, zh, en", VALUES_CASES)
def test_labelled_values_are_checked_against_their_quote(project, old, new, at, field, zh, en):
    add_values_target(project)
    text = edit(project, PLAN, old, new)
    assert_problems(problems_of(project), {PLAN: text}, Want(at, field, zh, en, file=PLAN))


def test_labelled_values_follow_the_order_of_the_text(project):
    """150 and 70 swapped between the labels: the pairing the text gives is broken."""
    add_values_target(project)
    edit(project, PLAN, "          value: 150\n", "          value: 1500\n")
    edit(project, PLAN, "          value: 70\n          unit: 家\n", "          value: 150\n          unit: 家\n")
    text = edit(project, PLAN, "          value: 1500\n", "          value: 70\n")
    assert_problems(problems_of(project), {PLAN: text},
                    Want("150\n          unit: 家\n", f"{VALUES_PATH}.values[1].value",
                         "分项“有外贸进出口实绩的小微企业”的数值 150 在原文表述中排在前一项之前:请按原文的先后顺序排列 values",
                         'the value 150 of "有外贸进出口实绩的小微企业" comes before the previous value in the quote', file=PLAN))


def test_a_labelled_value_anchor_may_not_name_anything_else(project):
    """indicator goal + value 5 would be the anchor goal-5, the id of clause (五)."""
    add_values_target(project)
    edit(project, PLAN, "      - id: foreign-trade-targets\n", "      - id: goal\n")
    text = edit(project, PLAN, "        - id: registration\n", "        - id: '5'\n")
    assert_problems(problems_of(project), {PLAN: text},
                    Want("'5'", f"{VALUES_PATH}.values[0].id", "分项的锚点“goal-5”(指标编号-分项编号)与文件 hs-2018-138 中已有的编号相同",
                         'the anchor "goal-5" (indicator id - value id) is already an id in document hs-2018-138', file=PLAN))


def test_one_labelled_value_is_not_enough(project):
    text = add_values_target(project)
    text = edit(project, PLAN, "        - id: performance\n          label: 有外贸进出口实绩的小微企业\n          value: 70\n"
                               "          unit: 家\n", "")
    assert_problems(problems_of(project), {PLAN: text},
                    Want("- id: registration", f"{VALUES_PATH}.values", "分项目标值(values)至少要有两项",
                         "values needs at least two items", file=PLAN))


def test_labelled_values_have_no_progress(project):
    """Progress is a number per year, so it needs one target value: a 分项
    target has several."""
    text = add_values_target(project)
    text = edit(project, PLAN, "        metric: 外贸小微企业\n",
                "        metric: 外贸小微企业\n        progress:\n        - year: 2019\n          value: 100\n")
    assert_problems(problems_of(project), {PLAN: text},
                    Want("- year: 2019\n          value: 100", f"{VALUES_PATH}.progress", "只有一个目标值和单位的指标才能填写年度进展",
                         "only a target with one value and unit can have progress", file=PLAN))


def test_progress_needs_one_number(project):
    text = edit(project, GWR, "      direction: 基本平衡\n",
                "      direction: 基本平衡\n      progress:\n      - year: 2026\n        value: 1\n")
    assert_problems(problems_of(project), {GWR: text},
                    Want("- year: 2026", f"{GWR_IND}[5].progress", "定性目标没有目标值，不能填写年度进展",
                         "a qualitative target has no number, so it cannot have progress", file=GWR))


def test_the_check_command_reports_a_bad_target_bilingually(project):
    """End to end: exit 1, file:line:col, the field, both languages, the cure, no traceback."""
    edit(project, GWR, "      direction: 基本平衡\n", "      direction: 基本平衡\n      value: 1\n")
    from conftest import run_cli
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    out = result.stdout + result.stderr
    assert f"{GWR}:" in out and f"{GWR_IND}[5].value" in out
    assert "请删除这一行" in out and "Delete this line" in out


# -- the editors' JSON Schema offers one shape at a time --------------------------------


def test_editor_schema_accepts_each_shape_and_rejects_mixed_ones():
    schema = json.loads((ROOT / "schema" / "content.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator({**schema, "$ref": "#/definitions/indicator"})
    shapes = {
        "single": {"value": 5.5, "unit": "%", "comparator": "左右"},
        "range": {"value": 4.5, "upper": 5, "unit": "%", "comparator": "区间"},
        "relative": {"comparator": "高于", "reference": "全省平均水平"},
        "qualitative": {"direction": "基本平衡"},
        "values": {"comparator": "确数", "values": [{"id": "a", "label": "甲", "value": 1, "unit": "家"},
                                                    {"id": "b", "label": "乙", "value": 2, "unit": "家"}]},
    }
    base = {"id": "x", "metric": "指标", "quote": "原文"}
    for name, fields in shapes.items():
        assert not list(validator.iter_errors({**base, **fields})), name
    for bad in [{"direction": "基本平衡", "value": 1}, {"value": 4.5, "unit": "%", "comparator": "区间"},
                {"value": 1, "unit": "家", "comparator": "达到", "upper": 2}, {"metric": "指标"},
                {"comparator": "区间", "reference": "上年"},
                {**shapes["values"], "progress": [{"year": 2019, "value": 1}]}]:
        assert list(validator.iter_errors({**base, **bad})), bad


# -- the built site -------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(project, site) of the fixture content with the 分项 target added."""
    project = copy_project(tmp_path_factory.mktemp("targets") / "project")
    add_values_target(project)
    site = tmp_path_factory.mktemp("targets-site") / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, site


def _rows(site: Path, doc_id: str) -> dict[str, list]:
    page = parse(site / "documents" / doc_id / "targets" / "index.html")
    out = {}
    for table in page.article.find_all("table"):
        headers, trs = table_rows(table)
        for tr in trs:
            out[tr.attrs["id"]] = dict(zip(headers, (c.text() for c in cells(tr)))), tr
    return out


def test_targets_page_shows_each_shape_as_the_text_words_it(built):
    _, site = built
    rows = _rows(site, "gwr-2026-targets")
    growth = rows["economic-growth"][0]
    assert (growth["目标"], growth["比较方式"], growth["目标值"], growth["单位"]) == ("4.5%—5% 区间目标", "区间（～）", "4.5至5", "%")
    jobs = rows["new-urban-jobs"][0]
    assert (jobs["目标"], jobs["比较方式"], jobs["目标值"], jobs["单位"]) == ("1200万人以上", "以上（≥）", "1200", "万人")
    balance = rows["balance-of-payments"][0]
    assert (balance["目标"], balance["比较方式"], balance["目标值"], balance["单位"]) == ("基本平衡 定性目标", "无", "无数值", "无")
    income = rows["household-income"][0]
    assert income["目标"] == "和经济增长同步 定性目标" and income["目标值"] == "无数值"

    rel = _rows(site, "gd-2023-rural-revitalisation")
    urban = rel["farmer-income-vs-urban"][0]
    assert (urban["目标"], urban["比较方式"], urban["目标值"]) == ("高于城镇居民 相对目标 · 比较基准 城镇居民", "高于（>）", "无数值")
    assert rel["regional-farmer-income"][0]["目标"] == "高于全省平均水平 相对目标 · 比较基准 全省平均水平"
    assert rel["income-gap"][0]["目标"] == "持续缩小 定性目标"


def test_labelled_values_are_a_list_with_their_own_anchors(built):
    _, site = built
    row, tr = _rows(site, "hs-2018-138")["foreign-trade-targets"]
    assert row["目标"] == "进出口经营权备案登记小微企业：150家 有外贸进出口实绩的小微企业：70家 分项目标"
    assert (row["目标值"], row["单位"]) == ("150、70", "家")
    items = tr.find_all("li")
    assert [li.attrs["id"] for li in items] == ["foreign-trade-targets-registration", "foreign-trade-targets-performance"]
    page = parse(site / "documents" / "hs-2018-138" / "targets" / "index.html")
    assert all(count == 1 for count in page.id_counts.values()), "an anchor is used twice"


def test_every_target_link_of_the_site_resolves(built):
    """The search index and the open data link each target (and each labelled
    value) to an anchor that exists on its targets page."""
    project, site = built
    content = load_content(project / "content")
    links, rows = [], []  # every anchor; the anchors of the table's target rows
    for doc in content.full_documents:
        for ref in content.goals(doc):
            for ind in ref.clause.indicators:
                parts = [urls.indicator_part(doc, ind, p) for p in ind.values]
                links += [urls.indicator(doc, ind), *parts]
                rows += parts or [urls.indicator(doc, ind)]
    assert "documents/hs-2018-138/targets/#foreign-trade-targets-performance" in links
    search = {r.location for r in document_records(content)}
    table = json.loads((site / "data" / "indicators.json").read_text(encoding="utf-8"))
    assert [r["url"] for r in table["rows"] if r["kind"] == "目标值"] == rows
    for link in links:
        path, anchor = link.split("#")
        page = parse(site / path / "index.html")
        assert page.id_counts[anchor] == 1, link
        assert link in search, f"{link} is not in the search index"


def test_open_data_carries_every_shape(built):
    _, site = built
    doc = json.loads((site / "documents" / "gwr-2026-targets" / "index.json").read_text(encoding="utf-8"))
    assert doc["schema_version"] == SCHEMA_VERSION == "2.0"
    inds = {i["id"]: i for i in doc["body"]["clauses"][0]["indicators"]}
    assert {k: inds["economic-growth"][k] for k in ("shape", "value", "upper", "unit", "comparator", "target")} == {
        "shape": "range", "value": 4.5, "upper": 5, "unit": "%", "comparator": "区间", "target": "4.5%—5%"}
    assert {k: inds["balance-of-payments"][k] for k in ("shape", "value", "unit", "comparator", "direction", "target")} == {
        "shape": "qualitative", "value": None, "unit": None, "comparator": None, "direction": "基本平衡", "target": "基本平衡"}
    gd = json.loads((site / "documents" / "gd-2023-rural-revitalisation" / "index.json").read_text(encoding="utf-8"))
    rel = gd["body"]["clauses"][0]["indicators"][0]
    assert {k: rel[k] for k in ("shape", "comparator", "reference", "value", "target")} == {
        "shape": "relative", "comparator": "高于", "reference": "城镇居民", "value": None, "target": "高于城镇居民"}
    plan = json.loads((site / "documents" / "hs-2018-138" / "index.json").read_text(encoding="utf-8"))
    found = [i for c in _walk(plan["body"]["clauses"]) for i in c["indicators"] if i["id"] == "foreign-trade-targets"]
    assert found[0]["shape"] == "values"
    assert found[0]["values"] == [
        {"id": "registration", "label": "进出口经营权备案登记小微企业", "value": 150, "upper": None, "unit": "家",
         "target": "150家", "url": "documents/hs-2018-138/targets/#foreign-trade-targets-registration"},
        {"id": "performance", "label": "有外贸进出口实绩的小微企业", "value": 70, "upper": None, "unit": "家",
         "target": "70家", "url": "documents/hs-2018-138/targets/#foreign-trade-targets-performance"}]
    # the published schema of the document file accepts it
    jsonschema.validate(plan, json.loads((site / "data" / "schema" / "document.schema.json").read_text(encoding="utf-8")))


def _walk(clauses):
    for c in clauses:
        yield c
        yield from _walk(c["children"])


def test_csv_has_a_row_per_labelled_value(built):
    _, site = built
    text = (site / "data" / "indicators.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    parts = [r for r in rows if r["指标ID"] == "foreign-trade-targets"]
    assert [(r["目标形式"], r["分项ID"], r["分项"], r["数值"], r["单位"], r["目标"]) for r in parts] == [
        ("values", "registration", "进出口经营权备案登记小微企业", "150", "家", "进出口经营权备案登记小微企业150家"),
        ("values", "performance", "有外贸进出口实绩的小微企业", "70", "家", "有外贸进出口实绩的小微企业70家")]
    growth = next(r for r in rows if r["指标ID"] == "economic-growth")
    assert (growth["数值"], growth["区间上限"], growth["目标"]) == ("4.5", "5", "4.5%—5%")
    gap = next(r for r in rows if r["指标ID"] == "income-gap")
    assert (gap["目标形式"], gap["数值"], gap["单位"], gap["比较方式"], gap["定性目标"]) == ("qualitative", "", "", "", "持续缩小")


def test_infographic_shows_targets_without_a_number_as_text():
    """The infographic has no numeric chart: every target is its written form,
    so a range, a relative or a qualitative target is drawn as its words."""
    content = load_content(ROOT / "tests" / "fixture" / "content")
    data = infographic_data(content, content.documents["gd-2023-rural-revitalisation"])
    targets = [i["target"] for g in data["goals"] for i in g["indicators"]]
    assert targets == ["高于城镇居民", "高于全省平均水平", "持续缩小"]
    svg = infographic_svg(data)
    for words in ("城镇居民", "全省平均水平", "持续缩小"):
        assert words in svg
    gwr = infographic_svg(infographic_data(content, content.documents["gwr-2026-targets"]))
    assert "基本平衡" in gwr and "—5%" in gwr


def test_written_forms_are_decided_in_present():
    content = load_content(ROOT / "tests" / "fixture" / "content")
    inds = {i.id: i for ref in content.goals(content.documents["gwr-2026-targets"]) for i in ref.clause.indicators}
    assert [target_shape.shape(inds[k]) for k in ("economic-growth", "new-urban-jobs", "balance-of-payments")] == [
        "range", "single", "qualitative"]
    assert present.range_span("增长5%-8%", 5, 8, "%") == "5%-8%"
    assert present.range_span("提高5至8个百分点", 5, 8, "个百分点") == "5至8个百分点"
    assert present.range_span("增长15%-8%", 5, 8, "%") is None  # 15 is not 5
    assert present.range_span("增长5%-8", 5, 8, "%") is None  # the unit must follow the upper bound


def test_the_fixture_documents_quote_real_text_as_given():
    """Every quote of the new fixtures is in its clause text, and every clause
    text is as the header comment says (nothing typed twice differently)."""
    for name in ("gwr-2026-targets.yaml", "gd-2023-rural-revitalisation.yaml"):
        data = yaml.safe_load((ROOT / "tests" / "fixture" / "content" / name).read_text(encoding="utf-8"))
        for clause in data["body"]["clauses"]:
            for ind in clause["indicators"]:
                assert ind["quote"] in clause["text"]


# -- in a browser: every shape passes axe-core on a 360 px phone -------------------


@pytest.mark.browser
@pytest.mark.parametrize("doc_id", ["gwr-2026-targets", "gd-2023-rural-revitalisation", "hs-2018-138"])
def test_targets_of_every_shape_pass_axe_on_a_phone(built, browser, axe_source, doc_id):
    """The range, relative, qualitative and labelled-value rows (the last in
    the plan copy) read without a violation at 360 px."""
    _, site = built
    server, base = serve(site)
    context = new_context(browser, PHONE["width"])
    try:
        page = context.new_page()
        page.goto(base + f"documents/{doc_id}/targets/")
        result = run_axe(page, axe_source)
        assert not result["violations"], describe(result["violations"])
        if doc_id == "hs-2018-138":  # the labelled values are a list inside their cell, each its own anchor
            page.goto(base + "documents/hs-2018-138/targets/#foreign-trade-targets-performance")
            assert page.locator("#foreign-trade-targets-performance").is_visible()
    finally:
        context.close()
        server.shutdown()


# -- the importer ---------------------------------------------------------------------


def test_import_proposes_targets_of_every_shape_that_pass_the_check(tmp_path):
    """A text with the 2026 report's sentence (range, 左右, 以上, and targets
    without a number) and the Guangdong sentence (relative, qualitative)
    becomes a draft whose targets have their shapes and pass the check. The
    title and the clause numbers are scaffolding the importer needs; only the
    two sentences are the documents' text."""
    from conftest import project_before_imports, run_cli

    gwr = yaml.safe_load((ROOT / "tests" / "fixture" / "content" / "gwr-2026-targets.yaml").read_text(encoding="utf-8"))
    gd = yaml.safe_load((ROOT / "tests" / "fixture" / "content" / "gd-2023-rural-revitalisation.yaml")
                        .read_text(encoding="utf-8"))
    text = (f"关于导入测试的通知\n一、主要目标\n{gwr['body']['clauses'][0]['text']}\n"
            f"二、收入目标\n{gd['body']['clauses'][0]['text']}\n")
    source = tmp_path / "targets-sample.txt"
    source.write_text(text, encoding="utf-8")
    project = project_before_imports(tmp_path / "project")
    result = run_cli(project, "import", str(source))
    assert result.returncode == 0, result.stdout + result.stderr
    draft = yaml.safe_load((project / "content" / "targets-sample.yaml").read_text(encoding="utf-8"))
    found = {}
    for clause in _walk_yaml(draft["body"]["clauses"]):
        for ind in clause.get("indicators") or []:
            found[ind["quote"]] = {k: v for k, v in ind.items() if k not in ("id", "lead")}
    assert found["经济增长4.5%—5%"] == {"metric": "经济增长", "quote": "经济增长4.5%—5%", "value": 4.5, "upper": 5,
                                      "unit": "%", "comparator": "区间"}
    assert found["城镇新增就业1200万人以上"]["comparator"] == "以上"
    assert found["粤东粤西粤北地区农民收入增速高于全省平均水平"] == {
        "metric": "粤东粤西粤北地区农民收入增速", "quote": "粤东粤西粤北地区农民收入增速高于全省平均水平",
        "comparator": "高于", "reference": "全省平均水平"}
    assert found["持续缩小城乡居民收入差距"]["direction"] == "持续缩小"
    assert not any("value" in ind for ind in found.values() if "direction" in ind or "reference" in ind)
    check = run_cli(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr


def _walk_yaml(clauses):
    for c in clauses or []:
        yield c
        yield from _walk_yaml(c.get("children"))
