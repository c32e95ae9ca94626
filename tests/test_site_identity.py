"""The site's identity is content (content/site.yaml): its name, region,
publisher, contact, licence and the catalogue's wording come from there,
and nothing on any page names the first site's publisher unless the content
does."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CONTENT, ROOT, build_site, copy_project, run_cli, site_with
from html_tree import cells, parse, resolve, table_by_caption, table_rows

from policy_site.content import load_content
from policy_site.pages.identity import ICP_REGISTRY
from policy_site.schema.model import SITE

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


# -- The identity of a government site: footer, <meta> tags, 404, portal ------

def _meta(page) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for node in page.root.find_all("meta"):
        if node.attrs.get("name"):
            found.setdefault(node.attrs["name"], []).append(node.attrs.get("content"))
    return found


def _footer(page):
    found = page.root.find_all(cls="ps-footer")
    assert len(found) == 1, page.path
    return found[0]


def test_every_page_carries_the_footer_of_what_site_yaml_gives(site_dir):
    """The fixture gives 承办单位, 网站标识码, the ICP and 公安 records and the
    mark, but no 主办单位 or 联系方式: those are left out, not filled in."""
    content = load_content(CONTENT)
    site = content.site
    pages = [p for p in sorted(site_dir.rglob("*.html")) if p.name != "404.html"]
    assert len(pages) > 50
    for path in pages:
        footer = _footer(parse(path))
        facts = [li.text() for li in footer.find_all("ul", cls="ps-footer__facts")[0].find_all("li")]
        assert facts == [f"承办单位：{site.organizer}", f"网站标识码：{site.site_code}",
                         f"ICP备案号：{site.icp_record}", f"公安机关备案号：{site.police_record}"], (path, facts)
        icp = [a for a in footer.find_all("a") if a.text() == site.icp_record]
        assert [a.attrs["href"] for a in icp] == [ICP_REGISTRY]
        links = {a.text(): resolve(site_dir, path, a.attrs["href"])[0]
                 for a in footer.find_all("ul", cls="ps-footer__links")[0].find_all("a")}
        assert list(links) == ["网站地图", "无障碍声明", "关于本站"] and all(p.is_file() for p in links.values())
        emblem = footer.find_all("a", cls="ps-footer__emblem")[0]
        assert emblem.attrs["href"] == site.emblem.url
        image = emblem.find_all("img")[0]
        assert image.attrs["alt"] == "党政机关网站标识"
        picture = resolve(site_dir, path, image.attrs["src"])[0]
        assert picture.read_bytes() == (CONTENT / site.emblem.image).read_bytes(), path


def test_every_page_carries_the_site_s_and_its_column_s_tags(site_dir):
    """SiteName, SiteIDCode, ColumnName and ColumnType once on every
    generated page; no SiteDomain without a published address (SITE_URL)."""
    content = load_content(CONTENT)
    for path in sorted(site_dir.rglob("index.html")):
        meta = _meta(parse(path))
        assert meta["SiteName"] == [FIXTURE_NAME] and meta["SiteIDCode"] == [content.site.site_code], path
        assert "SiteDomain" not in meta, path
        assert len(meta["ColumnName"]) == 1 and meta["ColumnType"][0] in ("信息发布", "解读回应", "办事服务"), path
    assert _meta(parse(site_dir / "index.html"))["ColumnName"] == ["首页"]
    assert _meta(parse(site_dir / "policies" / "index.html"))["ColumnName"] == [content.site.catalogue_title]
    assert _meta(parse(site_dir / "interpretations" / "hs-2018-138-text" / "index.html"))["ColumnType"] == ["解读回应"]


def test_article_pages_carry_the_article_tags_from_the_content(site_dir):
    """A document's 政策原文: PubDate is its 发布日期 (never the build's
    clock), ContentSource its 来源, Author its 发布单位; no Url without
    SITE_URL. Pages that are no article carry none of these tags."""
    doc = load_content(CONTENT).documents["hs-2018-138"]
    meta = _meta(parse(site_dir / "documents" / "hs-2018-138" / "index.html"))
    assert meta["ArticleTitle"] == [doc.title]
    assert meta["PubDate"] == [doc.metadata.published.strftime("%Y-%m-%d %H:%M")]
    assert meta["ContentSource"] == [doc.metadata.source] and meta["Author"] == [doc.metadata.issuer]
    assert meta["Keywords"] == [doc.metadata.topic]
    assert doc.title in meta["Description"][0] and doc.metadata.doc_no in meta["Description"][0]
    assert "Url" not in meta
    for other in ("documents/hs-2018-138/targets/index.html", "index.html", "policies/index.html"):
        assert not {"ArticleTitle", "PubDate"} & set(_meta(parse(site_dir / other))), other


def test_a_site_without_identity_shows_none_and_check_asks_for_it(other, tmp_path):
    """OTHER_SITE gives 主办单位 and 联系方式 only: the footer lists just those,
    no mark, no SiteIDCode; make check names each missing field a government
    site must have (上线前需要填写)."""
    home = parse(other / "index.html")
    facts = [li.text() for li in _footer(home).find_all("li") if "：" in li.text()]
    assert facts == ["主办单位：示例市人民政府办公室", "联系方式：示例联系方式第一行 示例联系方式第二行"]
    assert not _footer(home).find_all("img") and "SiteIDCode" not in _meta(home)
    result = run_cli(other.parent, "check")
    assert result.returncode == 0, result.stderr
    for name in ("site_code", "icp_record", "police_record", "emblem"):
        assert f"还没有填写{SITE.fields[name].label}({name})" in result.stderr, name
    assert result.stderr.count("上线前需要填写") == 4


@pytest.mark.parametrize("field, value, words", [
    ("icp_record", "ICP 12345", "ICP 备案号"),
    ("site_code", "33020300", "10 位数字或字母"),
    ("police_record", "浙公网安备", "公安机关备案号"),
])
def test_a_record_in_the_wrong_form_is_refused_at_its_line(tmp_path, field, value, words):
    project = copy_project(tmp_path / "project")
    site = project / "content" / "site.yaml"
    lines = [line for line in site.read_text(encoding="utf-8").splitlines() if not line.startswith(f"{field}:")]
    site.write_text("\n".join(lines + [f"{field}: {value}"]) + "\n", encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert f"content/site.yaml:{len(lines) + 1}:" in result.stderr and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("picture, words", [(None, "找不到图片"), (b"GIF89a not a png", "不是 PNG 图片")])
def test_the_mark_s_picture_must_be_there_and_be_what_it_says(tmp_path, picture, words):
    project = copy_project(tmp_path / "project")
    image = project / "content" / "images" / "emblem.png"
    if picture is None:
        image.unlink()
    else:
        image.write_bytes(picture)
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert "content/images/emblem.png" in result.stderr and words in result.stderr, result.stderr
    assert "emblem.image" in result.stderr and "Traceback" not in result.stderr


def test_a_column_of_a_portal_leads_back_to_it(tmp_path_factory):
    """With portal set, every page's top bar links 返回门户 (also without
    scripts) and its breadcrumbs start at the portal, then the site's home."""
    site_yaml = (CONTENT / "site.yaml").read_text(encoding="utf-8")
    site = site_with(tmp_path_factory.mktemp("portal"), {"site.yaml": site_yaml + PORTAL})
    for path in (site / "index.html", site / "documents" / "hs-2018-138" / "targets" / "index.html",
                 site / "site-map" / "index.html"):
        page = parse(path)
        back = page.root.find_all("a", cls="ps-portal")
        assert len(back) == 1 and back[0].attrs["href"] == "https://www.example.gov.cn/", path
        assert back[0].all_text() == "返回门户：示例区人民政府门户网站"
        crumbs = page.root.find_all("nav", cls="md-path")[0].find_all("a")
        assert [a.text() for a in crumbs[:2]] == ["示例区人民政府门户网站", FIXTURE_NAME], path
        assert crumbs[0].attrs["href"] == "https://www.example.gov.cn/"
        assert resolve(site, path, crumbs[1].attrs["href"])[0] == site / "index.html"
    assert "返回门户" in (site / "404.html").read_text(encoding="utf-8")
    css = (ROOT / "docs" / "assets" / "a11y.css").read_text(encoding="utf-8")
    assert ':not(:has(.ps-portal))' in css  # the bar that holds it is not hidden without scripts


def test_a_site_that_is_no_column_has_no_portal_link_or_breadcrumbs(site_dir):
    home = parse(site_dir / "index.html")
    assert not home.root.find_all(cls="ps-portal") and not home.root.find_all("nav", cls="md-path")


PORTAL = "portal:\n  name: 示例区人民政府门户网站\n  url: https://www.example.gov.cn/\n"
