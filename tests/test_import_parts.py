"""The importer's parts, each on the forms it must recognise (real phrases from published texts)."""

from __future__ import annotations

import re

import pytest

from conftest import project_before_imports, run_cli
from policy_site.chinese import chinese_number, parse_date
from policy_site.content import load_content
from policy_site.errors import ContentError
from policy_site.importer.metadata import read_metadata
from policy_site.importer.oneline import split_lost_breaks
from policy_site.importer.assemble import document_type
from policy_site.importer.structure import is_chrome, marker_of, parse, split_heading
from policy_site.importer.targets import find_targets
from policy_site.importer.units import Departments, parse_units, unit_groups


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (36, "三十六"),
                                     (100, "一百"), (105, "一百零五"), (110, "一百一十"), (119, "一百一十九")])
def test_word_list_numbers_in_chinese(n, text):
    assert chinese_number(n) == text


def test_units_lead_and_cooperating():
    # 官渡区稳增长促发展政策措施 (kmgd.gov.cn), measure 4
    group = parse_units("区发改局牵头,区财政局、区交运局、区经贸投促局、区住建局、区水务局等部门,区国投公司、各街道办事处配合")
    assert group.lead == ["区发改局"]
    assert group.others == ["区财政局", "区交运局", "区经贸投促局", "区住建局", "区水务局", "区国投公司", "各街道办事处"]


def test_units_labelled_and_nested_parentheses():
    group = parse_units("牵头单位:省发展改革委;责任单位:省编办、各县（市、区）人民政府")
    assert group.lead == ["省发展改革委"] and group.others == ["省编办", "各县（市、区）人民政府"]


def test_units_only_in_unit_parentheses():
    text = "辖区范围内6亩以下(不含6亩)的土地使用转让手续,区政府审查后办理土地登记。(区国土分局牵头,区规划分局、区级相关部门配合)"
    groups = unit_groups(text)
    assert len(groups) == 1 and groups[0].lead == ["区国土分局"]
    assert text[groups[0].start:groups[0].end].startswith("(区国土分局")


def test_departments_reuse_names_and_propose_readable_ids():
    departments = Departments({"区市场监管局": "market-regulation", "区“小微企业三年成长计划”领导小组": "leading-group"})
    assert departments.resolve("区市场监管局") == "market-regulation"
    assert departments.resolve("区“小微企业三年成长计划”领导小组各成员单位") == "leading-group"
    assert departments.resolve("区科技局") == "science-tech"
    assert departments.resolve("市科技局") == "city-science-tech"
    assert departments.resolve("各县（区）人民政府") == "governments"
    assert departments.resolve("望春工业园区管委会").startswith("unit-")
    ids = [d.id for d in departments.new]
    assert len(ids) == len(set(ids))


def test_targets_from_a_sentence():
    text = "2022年,全市新建5G基站2600个以上,新建市级及以上创新平台15个以上。到2024年,全市累计建成5G基站1万个。"
    targets, unclear = find_targets(text)
    assert [(t.quote, t.value, t.unit, t.comparator, t.deadline, t.kind) for t in targets] == [
        ("全市新建5G基站2600个以上", 2600, "个", "以上", 2022, None),
        ("新建市级及以上创新平台15个以上", 15, "个", "以上", 2022, None),
        ("全市累计建成5G基站1万个", 1, "万个", "确数", 2024, "累计"),
    ]
    assert not unclear


def test_several_values_in_one_phrase_are_one_indicator_with_labelled_values():
    """分别: one indicator, one quote, a labelled value per name in the text's
    order; the noun the last name carries becomes the metric."""
    targets, unclear = find_targets("力争国家级、省级、市级专精特新企业分别达到5家、20家、60家。")
    assert not unclear
    [target] = targets
    assert target.fields() == {
        "metric": "专精特新企业", "quote": "力争国家级、省级、市级专精特新企业分别达到5家、20家、60家",
        "comparator": "达到", "values": [
            {"id": "part-1", "label": "国家级", "value": 5, "unit": "家"},
            {"id": "part-2", "label": "省级", "value": 20, "unit": "家"},
            {"id": "part-3", "label": "市级", "value": 60, "unit": "家"}]}


def test_names_and_numbers_that_do_not_pair_are_listed_not_split():
    targets, unclear = find_targets("省级、市级分别达到10家。", goals=True)
    assert not targets
    assert "名称和数值的个数对不上" in unclear[0].reason_zh


def test_a_level_phrase_names_the_values_of_a_separately_sentence():
    """省市县三级…分别: one target whose values are labelled by the levels; never
    an indicator named by a bare number or ending in 分别."""
    [target], unclear = find_targets("到2025年，省市县三级分别建成10个、20个、30个示范基地。")
    assert not unclear
    assert target.metric == "示范基地" and [(v["label"], v["value"], v["unit"]) for v in target.values] == [
        ("省级", 10, "个"), ("市级", 20, "个"), ("县级", 30, "个")]
    targets, unclear = find_targets("到2025年，市县两级示范基地分别达到10个、20个、30个。")
    assert not targets and "名称和数值的个数对不上" in unclear[0].reason_zh
    for text in ["全省新建示范基地分别达到10个、20个。", "新增示范企业分别为5家、8家和10家。"]:
        targets, _ = find_targets(text, goals=True)
        assert all(not t.metric.endswith("分别") and not re.fullmatch(r"[\d.]+\D{0,3}", t.metric) for t in targets)


def test_thresholds_awards_and_caps_are_candidates_not_targets():
    """杨凌 and 厦门 measures, 衡阳 goals: the numbers of a sentence that grants an
    award, and a number that only says which things count, are never targets."""
    targets, unclear = find_targets("批发企业新增量达到300万元且增速达到20%以上的,给予1万元促销奖励;"
                                    "新增量达到800万元且增速达到20%以上的,给予2万元的促销奖励。")
    assert not targets
    assert [(u.sentence, u.support) for u in unclear][:2] == [
        ("批发企业新增量达到300万元且增速达到20%以上的", True), ("给予1万元促销奖励", True)]
    assert "申报条件" in unclear[0].reason_zh and "支持标准" in unclear[1].reason_zh
    _, unclear = find_targets("每1千万元零售额增量给予5万元奖励,最高不超过100万元。")
    assert [u.sentence for u in unclear] == ["每1千万元零售额增量给予5万元奖励", "最高不超过100万元"]
    targets, unclear = find_targets("到2025年,纳税过1亿元的企业达30家,产值过1000亿元的企业实现“破零”。")
    assert [(t.quote, t.value, t.direction) for t in targets] == [
        ("纳税过1亿元的企业达30家", 30, None), ("产值过1000亿元的企业实现“破零”", None, "实现“破零”")]
    assert [u.sentence for u in unclear if u.support] == ["纳税过1亿元的", "产值过1000亿元的"]


def test_states_to_reach_in_a_passage_that_opens_with_its_year():
    """国发〔2018〕42号: what a goal passage says will be reached is a target in
    words; an effort (加快推动…, 推动形成…) is not, nor anything outside such a passage."""
    targets, _ = find_targets("到2020年，农机装备产业科技创新能力持续提升，加快推动数字基础设施建设。农机作业条件加快改善。")
    assert [(t.metric, t.direction) for t in targets] == [("农机装备产业科技创新能力", "持续提升"),
                                                          ("农机作业条件", "加快改善")]
    assert find_targets("农机作业条件加快改善，农机使用效率进一步提升。") == ([], [])


def test_one_value_that_each_name_reaches_is_a_target_each():
    targets, _ = find_targets("其中马铃薯种植、收获机械化率均达到45%。")
    assert [(t.metric, t.value, t.unit) for t in targets] == [("马铃薯种植", 45, "%"), ("收获机械化率", 45, "%")]


def test_a_range_is_one_target_with_both_bounds():
    """The 2026 government work report (tests/fixture/content/gwr-2026-targets.yaml)."""
    targets, _ = find_targets("今年发展主要预期目标是：经济增长4.5%—5%，在实际工作中努力争取更好结果；城镇调查失业率5.5%左右")
    assert [t.fields() for t in targets] == [
        {"metric": "经济增长", "quote": "经济增长4.5%—5%", "value": 4.5, "upper": 5, "unit": "%", "comparator": "区间"},
        {"metric": "城镇调查失业率", "quote": "城镇调查失业率5.5%左右", "value": 5.5, "unit": "%", "comparator": "左右"},
    ]


def test_relative_and_qualitative_targets_in_a_goal_clause():
    """tests/fixture/content/gd-2023-rural-revitalisation.yaml: a comparison
    with a quantity named in words, and a target without a number."""
    text = "力争农民收入增速高于城镇居民、粤东粤西粤北地区农民收入增速高于全省平均水平，持续缩小城乡居民收入差距。"
    targets, unclear = find_targets(text, goals=True)
    assert not unclear
    assert [t.fields() for t in targets] == [
        {"metric": "农民收入增速", "quote": "力争农民收入增速高于城镇居民", "comparator": "高于", "reference": "城镇居民"},
        {"metric": "粤东粤西粤北地区农民收入增速", "quote": "粤东粤西粤北地区农民收入增速高于全省平均水平",
         "comparator": "高于", "reference": "全省平均水平"},
        {"metric": "城乡居民收入差距", "quote": "持续缩小城乡居民收入差距", "direction": "持续缩小"},
    ]
    assert find_targets(text, goals=False) == ([], [])  # outside goals, words alone are not proposed


def test_what_the_model_cannot_hold_is_listed_not_invented():
    targets, unclear = find_targets("实现区域科技创新指数达到160以上。新增企业１２０家。", goals=True)
    assert not targets
    assert any("没有单位" in u.reason_zh for u in unclear)
    targets, unclear = find_targets("规模以上工业增加值保持稳定增长。", goals=True)
    assert [t.fields() for t in targets] == [
        {"metric": "规模以上工业增加值", "quote": "规模以上工业增加值保持稳定增长", "direction": "保持稳定增长"}]


def test_comparators_of_the_widened_model():
    for phrase, comparator in [("辖区范围内6亩以下", "以下"), ("增速不低于15%", "不低于"),
                               ("认定高新技术企业不少于40户", "不少于"), ("新建标准厂房超过45万平方米", "超过")]:
        targets, _ = find_targets(phrase)
        assert targets[0].comparator == comparator, phrase


@pytest.mark.parametrize("line", [
    "• 索 引 号:002943395/2018-85292",
    "索 引 号: | 002943395/2018-85292 | 信息分类: | |",
    "索引号：002943395/2018-85292 发布日期：2018-12-24 08:54 来源：区政府办公室 浏览次数：",
])
def test_metadata_in_its_usual_forms(line):
    md = read_metadata([line], [0])
    assert md.values["index_no"] == "002943395/2018-85292"


def test_metadata_value_on_the_next_line():
    md = read_metadata(["  • 索引号:", "6107280000/2024-001005", "  • 发文字号:", "镇政发〔2024〕7号"], [0, 1, 2, 3])
    assert md.values == {"index_no": "6107280000/2024-001005", "doc_no": "镇政发〔2024〕7号"}


@pytest.mark.parametrize("text, day, time", [("2018-12-24 08:54", "2018-12-24", "08:54"),
                                             ("2018年12月12日", "2018-12-12", None),
                                             ("二OO六年十二月二十九日", "2006-12-29", None),
                                             ("2019610", None, None), ("2018-02-30", None, None)])
def test_dates_are_read_only_when_whole(text, day, time):
    got_day, got_time = parse_date(text)
    assert (got_day.isoformat() if got_day else None, got_time) == (day, time)


@pytest.mark.parametrize("line, kind, number", [
    ("第十二条 本办法自公布之日起施行。", "article", "第十二条"), ("（一）加强组织领导。", "paren_cn", "（一）"),
    ("１．主体提质行动。", "arabic", "１．"), ("⑴增体扩量", "enclosed", "⑴"), ("②扶优汰劣", "circled", "②"),
    ("———高能级平台体系加快完善。", "dash", "———"), ("(3)人才保障", "paren_arabic", "(3)"),
])
def test_clause_numbers(line, kind, number):
    found = marker_of(line)
    assert found and found[0] == kind and found[1].group(0) == number
    assert marker_of("2.5%的企业") is None and marker_of("2022年,全市新建") is None


def test_heading_is_the_short_first_sentence():
    assert split_heading("paren_cn", "增体扩量,进一步扩大总量规模。全区新增小微企业11700家以上。") == (
        "增体扩量,进一步扩大总量规模。", "全区新增小微企业11700家以上。")
    assert split_heading("article", "为了健全和完善村务公开制度,制定本办法。") == (None, "为了健全和完善村务公开制度,制定本办法。")
    assert split_heading("paren_cn", "土地承包和土地流转情况;") == (None, "土地承包和土地流转情况;")


def test_lost_line_breaks_come_back_and_spaces_inside_sentences_stay():
    lines = split_lost_breaks("(2018—2020年) 为推动小微企业(不含“规上” 企业、“限上”企业)高质量发展,制定本计划。 一、指导思想 深入贯彻党的十九大精神。")
    assert lines == ["(2018—2020年)", "为推动小微企业(不含“规上” 企业、“限上”企业)高质量发展,制定本计划。",
                     "一、指导思想", "深入贯彻党的十九大精神。"]


# -- The widened content model ---------------------------------------------------------

def _edit(project, old, new):
    path = project / "content" / "plan.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_deadline_must_appear_in_the_clause(tmp_path):
    project = project_before_imports(tmp_path / "project")
    _edit(project, "        comparator: 以上\n        lead: market-regulation\n      - id: micro-firm-growth",
          "        comparator: 以上\n        deadline: 2020\n        lead: market-regulation\n      - id: micro-firm-growth")
    with pytest.raises(ContentError) as info:
        load_content(project / "content")
    assert any(p.field.endswith("indicators[0].deadline") and "2020" in p.zh for p in info.value.problems)


def test_kind_must_be_stated_in_the_quote(tmp_path):
    project = project_before_imports(tmp_path / "project")
    _edit(project, "        comparator: 以上\n        lead: market-regulation\n      - id: micro-firm-growth",
          "        comparator: 以上\n        kind: 累计\n        lead: market-regulation\n      - id: micro-firm-growth")
    with pytest.raises(ContentError) as info:
        load_content(project / "content")
    assert any(p.field.endswith("indicators[0].kind") for p in info.value.problems)
    _edit(project, "        kind: 累计\n", "        kind: 新增\n")  # 全区新增小微企业11700家以上
    load_content(project / "content")


def test_notice_without_signatory_and_date_and_a_published_day_build(tmp_path):
    project = project_before_imports(tmp_path / "project")
    _edit(project, "  signatory: 宁波市海曙区人民政府办公室\n  date: '2018-12-12'\n", "")
    _edit(project, "  published: 2018-12-24 08:54\n", "  published: '2018-12-24'\n")
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr


def test_units_stated_on_their_own_line():
    from policy_site.importer.units import line_units

    group = line_units("责任单位：区财政局、区经信局、各县（区）人民政府")
    assert group.everyone == ["区财政局", "区经信局", "各县（区）人民政府"]
    assert line_units("各单位要明确责任单位。") is None


def test_attachment_lists():
    from policy_site.importer.structure import _split_attachments

    body, titles, after = _split_attachments(
        ["（三）加强典型宣传。", "附件：1. 申报表.docx", "2. 汇总表.xls", "3. 工作领导小组成员名单"])
    assert body == ["（三）加强典型宣传。"] and after == []
    assert titles == ["申报表.docx", "汇总表.xls", "工作领导小组成员名单"]


@pytest.mark.parametrize("line", ["• 无障碍浏览 长者模式", "www.kmgd.gov.cn", "【打印】【关闭】", "字号: 大 中 小",
                                  "当前位置:首页 > 政务公开 > 政策文件"])
def test_page_chrome(line):
    assert is_chrome(line)


@pytest.mark.parametrize("line", ["昆明市官渡区人民政府", "关于关闭落后产能的通知", "(一)着力促进投资。"])
def test_not_page_chrome(line):
    assert not is_chrome(line)


def test_chrome_and_the_site_name_beside_it_are_not_the_title():
    """昆明市官渡区 (kmgd.gov.cn), copied with the page around it."""
    parsed = parse(["• 无障碍浏览 长者模式", "昆明市官渡区人民政府", "www.kmgd.gov.cn",
                    "昆明市官渡区人民政府关于进一步促进全区经济平稳健康发展24条措施的意见",
                    "为贯彻落实中央经济工作会议精神,提出如下意见。", "一、 突出项目拉动,持续扩大投资",
                    "(一)着力促进投资。发力“五网”建设。"])
    assert parsed.title == "昆明市官渡区人民政府关于进一步促进全区经济平稳健康发展24条措施的意见"
    assert parsed.dropped == ["• 无障碍浏览 长者模式", "昆明市官渡区人民政府", "www.kmgd.gov.cn"]
    [part] = [c for c in parsed.clauses if c.number == "一、"]
    assert part.heading == "突出项目拉动,持续扩大投资" and part.children[0].heading == "着力促进投资。"


def test_a_title_run_into_its_addressees_is_split_there():
    lines = split_lost_breaks("厦门市商务局关于印发中秋国庆期间消费促进措施的通知各相关单位:  为贯彻落实精神,现印发你们,请遵照执行。")
    assert lines[:2] == ["厦门市商务局关于印发中秋国庆期间消费促进措施的通知", "各相关单位:"]


@pytest.mark.parametrize("title, kind", [
    ("昆明市官渡区人民政府关于进一步促进全区经济平稳健康发展24条措施的意见", "意见"),
    ("国务院关于印发国家职业教育改革实施方案的通知", "计划"),
    ("杨凌示范区进一步激发消费活力促进一季度消费增长若干措施", "若干措施"),
])
def test_the_document_type_is_the_kind_word_nearest_the_end(title, kind):
    assert document_type(title) == kind
