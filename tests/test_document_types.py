"""A document's type names its pages and says how its clauses are cited:
a plan has 主要目标 and 重点任务 cited 三(一)1.; numbered measures are 政策措施
cited 第8条; an 办法's articles are cited as they are numbered, 第八条."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import documents_beyond, site_with
from html_tree import parse

MEASURES = """\
id: measures-doc
title: 关于印发测试用若干措施的通知
short_title: 测试用若干措施
type: 若干措施
metadata:
  doc_no: 测试发〔2022〕8号
  validity: 有效
body:
  title: 测试用若干措施
  clauses:
  - id: part-2
    number: 二、
    heading: 支持措施
    children:
    - id: measure-7
      number: '7.'
      role: task
      text: 支持小微企业参加展会。
      responsible: [market-regulation]
    - id: measure-8
      number: '８．'
      role: goal
      text: 全年新增企业100家以上。
      indicators:
      - id: new-firms
        metric: 新增企业
        quote: 全年新增企业100家以上
        value: 100
        unit: 家
        comparator: 以上
"""

RULES = """\
id: rules-doc
title: 测试用管理办法
type: 办法
metadata:
  validity: 有效
body:
  title: 测试用管理办法
  clauses:
  - id: chapter-1
    number: 第一章
    heading: 总则
    children:
    - id: art-1
      number: 第一条
      role: task
      text: 为了测试，制定本办法。
    - id: art-2
      number: 第二条
      role: task
      text: 本办法自发布之日起施行。
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    # The plan, the Wucheng measures and the two documents below: few enough
    # for the home page and navigation to show each document in full.
    return site_with(tmp_path_factory.mktemp("types"), {
        "documents/measures-doc.yaml": MEASURES,
        "documents/rules-doc.yaml": RULES,
    }, drop=documents_beyond("wucheng-growth-measures.yaml"))


def _h1(site: Path, path: str) -> str:
    return parse(site / path / "index.html").article.find_all("h1")[0].text().rstrip("¶").strip()


def _nav_labels(site: Path) -> list[str]:
    nav = [n for n in parse(site / "index.html").root.find_all("nav") if "md-nav--primary" in n.classes][0]
    return [a.text() for a in nav.find_all("a")]


def test_measures_are_named_and_cited_as_measures(site):
    assert _h1(site, "documents/measures-doc/tasks") == "政策措施"
    tasks = parse(site / "documents" / "measures-doc" / "tasks" / "index.html").article.text()
    assert "第7条" in tasks and "二7." not in tasks
    targets = parse(site / "documents" / "measures-doc" / "targets" / "index.html").article.text()
    assert "第8条" in targets and "二８．" not in targets
    assert "政策措施" in _nav_labels(site)


def test_a_target_s_year_is_shown_with_it(site):
    """The Wucheng measures (fixture) state their target's year: 2025."""
    page = parse(site / "documents" / "wucheng-growth-measures" / "targets" / "index.html")
    cells = [td.text() for td in page.article.find_all("td", cls="target")]
    assert cells == ["达到2.95% 目标年份 2025年"], cells


def test_articles_are_cited_as_numbered(site):
    assert _h1(site, "documents/rules-doc/tasks") == "主要条款"
    text = parse(site / "documents" / "rules-doc" / "tasks" / "index.html").article.text()
    assert "第二条" in text and "第一章第二条" not in text


def test_a_plan_keeps_its_outline_citations(site):
    assert _h1(site, "documents/hs-2018-138/tasks") == "重点任务"
    assert "三(一)1." in parse(site / "documents" / "hs-2018-138" / "tasks" / "index.html").article.text()


def _home_section(site: Path, title: str) -> str:
    """The home page's text about one document: from its heading to the next."""
    text = parse(site / "index.html").article.text()
    start = text.index(title + " ")
    others = [text.find(t, start + len(title)) for t in ("测试用若干措施", "测试用管理办法", "海曙区“小微企业")]
    ends = [i for i in others if i > start]
    return text[start:min(ends)] if ends else text[start:]


def test_the_home_page_names_what_each_document_has(site):
    measures = _home_section(site, "测试用若干措施")
    assert "1 项政策措施及责任单位" in measures
    assert "1 项量化指标" in measures and "1 项量化指标及牵头单位" not in measures  # no lead unit given
    rules = _home_section(site, "测试用管理办法")
    assert "2 项主要条款" in rules and "2 项主要条款及责任单位" not in rules  # no responsible units given


def test_documents_in_force_come_first(site):
    """Home page and navigation: in force before repealed (newest first, then by id)."""
    headings = [h.text().rstrip("¶").strip() for h in parse(site / "index.html").article.find_all("h2")]
    order = [h for h in headings if h in ("测试用若干措施", "测试用管理办法", "海曙区“小微企业三年成长计划”(2018-2020年)")]
    assert order == ["测试用若干措施", "测试用管理办法", "海曙区“小微企业三年成长计划”(2018-2020年)"], headings
