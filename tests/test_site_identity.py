"""The site's identity is content (content/site.yaml): its name, region,
publisher, contact, licence and the catalogue's wording come from there,
and nothing on any page names the first site's publisher unless the content
does."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_site, copy_project, run_cli, site_with
from html_tree import cells, parse, table_by_caption, table_rows

OTHER_SITE = """\
name: 示例市惠企政策公开
description: 示例市惠企政策的原文和解读。
region: 示例市
publisher: 示例市人民政府办公室
contact: |-
  示例联系方式第一行

  示例联系方式第二行
catalogue_title: 示例惠企政策目录
catalogue_intro: 本目录收录示例市的惠企政策。
current_policies:
  - name: 示例市人民政府门户网站“惠企政策”栏目
    url: https://www.example.gov.cn/hqzc/
  - name: 示例市企业服务专线
    phone: 0000-1234567
"""

# The fixture's own site name (tests/fixture/content/site.yaml).
FIXTURE_NAME = "小微企业成长计划政策公开站"


@pytest.fixture(scope="module")
def other(tmp_path_factory) -> Path:
    return site_with(tmp_path_factory.mktemp("identity"), {"site.yaml": OTHER_SITE})


def test_every_page_carries_the_content_s_site_name(other):
    pages = sorted(other.rglob("*.html"))
    assert pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert FIXTURE_NAME not in html, f"{path.relative_to(other)} still names the fixture's site"
        if path.name == "index.html":
            title = parse(path).root.find_all("title")[0].text()
            assert title.endswith("示例市惠企政策公开"), (path, title)


def test_the_home_page_and_catalogue_use_the_site_s_words(other):
    home = parse(other / "index.html")
    assert home.article.find_all("h1")[0].text().startswith("示例市惠企政策公开")
    assert "示例市惠企政策的原文和解读。" in home.article.text()
    catalogue = parse(other / "policies" / "index.html")
    assert catalogue.article.find_all("h1")[0].text().startswith("示例惠企政策目录")
    leads = [p.text() for p in catalogue.article.find_all("p", cls="page-lead")]
    assert leads[0] == "本目录收录示例市的惠企政策。", leads
    assert "海曙" not in " ".join(leads) and "计划要求" not in " ".join(leads)


def test_the_home_page_says_where_current_policies_are(other, site_dir):
    """No document is in force: the home page's first box names where current
    policies are, as site.yaml gives them, before the entrances; without
    them (the fixture's site.yaml), the helpline. Nothing else is made up."""
    box = parse(other / "index.html").article.find_all("div", cls="where-current")[0]
    assert box.find_all("p", cls="admonition-title")[0].text() == "现行政策到哪里找"
    links = [(a.attrs["href"], a.text()) for a in box.find_all("a")]
    assert links == [("https://www.example.gov.cn/hqzc/", "示例市人民政府门户网站“惠企政策”栏目"),
                     ("tel:00001234567", "0000-1234567")], links
    assert "示例市企业服务专线：0000-1234567" in box.text()
    fixture_box = parse(site_dir / "index.html").article.find_all("div", cls="where-current")[0]
    fixture_links = [a.attrs["href"] for a in fixture_box.find_all("a")]
    assert fixture_links == ["tel:057400000000"], fixture_links
    assert "想知道现在适用哪些政策，可以咨询测试咨询热线：0574-00000000。" in fixture_box.text()


def test_the_about_page_lists_the_site_s_facts(other):
    _, rows = table_rows(table_by_caption(parse(other / "about" / "index.html"), "网站信息"))
    facts = {cells(tr)[0].text(): cells(tr)[1].text() for tr in rows}
    assert facts == {
        "网站名称": "示例市惠企政策公开",
        "地区": "示例市",
        "主办单位": "示例市人民政府办公室",
        "联系方式": "示例联系方式第一行 示例联系方式第二行",
        "数据使用许可": "未提供",
    }


def test_facts_not_given_are_shown_as_not_provided(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "content" / "site.yaml").write_text("name: 只有名称的网站\n", encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    _, rows = table_rows(table_by_caption(parse(site / "about" / "index.html"), "网站信息"))
    facts = {cells(tr)[0].text(): cells(tr)[1].text() for tr in rows}
    assert facts["网站名称"] == "只有名称的网站"
    assert {k: v for k, v in facts.items() if k != "网站名称"} == dict.fromkeys(["地区", "主办单位", "联系方式", "数据使用许可"], "未提供")
    catalogue = parse(site / "policies" / "index.html")
    assert catalogue.article.find_all("h1")[0].text().startswith("政策目录")
    assert len(catalogue.article.find_all("p", cls="page-lead")) == 1  # the count only: no lead was given


def test_a_missing_site_file_is_a_clear_error(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "content" / "site.yaml").unlink()
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert "content/site.yaml" in result.stderr and "name:" in result.stderr
    assert "缺少网站信息文件" in result.stderr and "is missing" in result.stderr
    assert "Traceback" not in result.stderr
