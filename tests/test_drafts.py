"""Drafts (草稿): a file with open review items is never published; with
--drafts (make build DRAFTS=1, the preview) every page of a draft says so
and points at each item's place; deleting the last item publishes it.

Over a copy of the fixture project with drafts added (tests/drafts_content.py).
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import build_site, copy_project, run_cli
from drafts_content import (DEPENDENT_ENTRY, DOC_ITEMS, DOC_PLACES, DRAFT_DOC, DRAFT_ENTRY, ENTRY_ITEMS, RELATED,
                            add_drafts, with_review, without_review)
from html_tree import parse

from policy_site.content import load_content, published

DRAFT_TITLE = "关于推动经济高质量发展若干政策举措(2025年版)"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("drafts") / "project")
    add_drafts(project)
    return project


@pytest.fixture(scope="module")
def published_build(project):
    site = project.parent / "published"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, result.stdout


@pytest.fixture(scope="module")
def drafts_build(drafts_site):
    """The same content built with --drafts (conftest.drafts_site)."""
    return drafts_site


def site_files(site):
    return [p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".xml", ".csv", ".txt")]


# -- check ----------------------------------------------------------------------

def test_check_warns_of_each_open_item_at_its_field_line_and_passes(project):
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    lines = (project / "content" / f"{DRAFT_DOC}.yaml").read_text(encoding="utf-8").split("\n")
    for field, reason in DOC_ITEMS:
        found = re.search(rf"content/{DRAFT_DOC}\.yaml:(\d+):\d+  字段 field: {re.escape(field)}\n"
                          rf"  提醒:草稿:待核对\(.+\):{re.escape(reason)}.*\n  Warning: draft: to review", result.stderr)
        assert found, (field, result.stderr[-3000:])
        name = field.split(".")[-1].split("[")[0]
        line = lines[int(found.group(1)) - 1]
        # the line of the field itself: its key, or the item of the list it names
        assert line.lstrip().startswith((f"{name}:", "- id:")), (field, line)
    # a field the file does not write: the review item's own line
    entry = (project / "content" / "policies" / f"{DRAFT_ENTRY}.yaml").read_text(encoding="utf-8").split("\n")
    found = re.search(rf"content/policies/{DRAFT_ENTRY}\.yaml:(\d+):\d+  字段 field: review\[0\]", result.stderr)
    assert found and entry[int(found.group(1)) - 1] == f"- field: {ENTRY_ITEMS[0][0]}"
    assert "草稿:2 个文件还有待核对事项" in result.stderr and "Drafts: 2 file(s)" in result.stderr
    assert run_cli(project, "check", "--strict").returncode == 1


# -- a published build ----------------------------------------------------------

def test_build_names_what_it_leaves_out(published_build):
    _, output = published_build
    assert "草稿未发布:本次构建略去 3 项" in output and "Drafts not published" in output
    for file in (f"content/{DRAFT_DOC}.yaml", f"content/policies/{DRAFT_ENTRY}.yaml",
                 f"content/policies/{DEPENDENT_ENTRY}.yaml"):
        assert file in output, file
    assert "依据的文件都没有发布" in output and "every basis document is left out" in output


def test_a_draft_is_never_published_nor_linked(published_build):
    site, _ = published_build
    assert not (site / "documents" / DRAFT_DOC).exists()
    assert not (site / "policies" / DRAFT_ENTRY).exists()
    assert not (site / "policies" / DEPENDENT_ENTRY).exists()
    assert (site / "documents" / RELATED / "index.html").exists()  # its relation to the draft is dropped
    for path in site_files(site):
        text = path.read_text(encoding="utf-8", errors="replace")
        for word in (DRAFT_DOC, DRAFT_ENTRY, DEPENDENT_ENTRY, DRAFT_TITLE, "税收优惠政策落实"):
            assert word not in text, (path.relative_to(site), word)


def test_open_data_and_search_index_omit_drafts(published_build):
    site, _ = published_build
    catalogue = json.loads((site / "policies" / "catalogue.json").read_text(encoding="utf-8"))
    ids = json.dumps(catalogue, ensure_ascii=False)
    assert DRAFT_ENTRY not in ids and DEPENDENT_ENTRY not in ids and "growth-star-recognition" in ids
    index = "".join(p.read_text(encoding="utf-8") for p in (site / "search-index").rglob("*.json"))
    assert "个体工商户" in index and DRAFT_TITLE not in index and "研发投入强度" not in index


def test_without_drafts_the_published_site_is_as_before(tmp_path, published_build):
    """What the drafts leave behind is the site of the content without them
    (and without the relation to the draft): the same pages."""
    plain = copy_project(tmp_path / "plain")
    site = tmp_path / "plain-site"
    assert build_site(plain, site).returncode == 0
    drafted, _ = published_build
    pages = lambda s: sorted(p.relative_to(s).as_posix() for p in s.rglob("*.html"))
    missing = set(pages(site)) - set(pages(drafted))
    assert missing == {f"documents/{DRAFT_DOC}/index.html", f"documents/{DRAFT_DOC}/targets/index.html",
                       f"documents/{DRAFT_DOC}/tasks/index.html", f"policies/{DRAFT_ENTRY}/index.html"}


# -- DRAFTS=1 -------------------------------------------------------------------

def banner(page):
    found = [n for n in page.article.find_all("div", "draft-banner")]
    assert len(found) == 1
    return found[0]


def test_every_page_of_a_draft_carries_the_banner_with_its_items(drafts_build):
    site = drafts_build
    for rel in ("", "targets/", "tasks/"):
        page = parse(site / "documents" / DRAFT_DOC / rel / "index.html")
        box = banner(page)
        assert box.attrs.get("role") == "region"
        assert "草稿：尚未发布，还有 3 项待核对" in box.text()
        for _, reason in DOC_ITEMS:
            assert reason in box.text()
    entry = banner(parse(site / "policies" / DRAFT_ENTRY / "index.html"))
    assert "还有 2 项待核对" in entry.text()
    # a field the page does not show: the banner says which field
    assert "名称（本页没有显示这个字段）：名称请核对。" in entry.text()
    # a page that is no draft has none
    assert not parse(site / "documents" / RELATED / "index.html").article.find_all("div", "draft-banner")


def test_each_item_links_to_its_marked_place(drafts_build):
    page = parse(drafts_build / "documents" / DRAFT_DOC / "index.html")
    links = [a for a in banner(page).find_all("a")]
    assert len(links) == len(DOC_ITEMS)
    for link, tag in zip(links, DOC_PLACES):
        anchor = link.attrs["href"].removeprefix("#")
        marks = [m for m in page.article.find_all("mark") if m.attrs.get("id") == anchor]
        assert len(marks) == 1, anchor
        holder = tag.split("#")[0].split(".")[0]
        place = [n for n in page.article.find_all(holder) if any(m is marks[0] for m in n.walk())]
        assert place, (anchor, tag)
        if "#" in tag:
            assert place[-1].attrs.get("id") == tag.split("#")[1]
        if "." in tag:
            assert tag.split(".")[1] in place[-1].classes
    validity_row = [tr for tr in page.article.find_all("tr") if "有效性" in tr.text() and "待核对 1" in tr.text()]
    assert validity_row


# -- closing the last item ------------------------------------------------------

def test_deleting_the_last_item_publishes(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "content" / f"{DRAFT_DOC}.yaml"
    with_review(path, DOC_ITEMS[:1])
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0 and f"content/{DRAFT_DOC}.yaml" in result.stdout
    assert not (site / "documents" / DRAFT_DOC).exists()
    without_review(path)
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    assert "草稿未发布" not in result.stdout
    page = parse(site / "documents" / DRAFT_DOC / "index.html")
    assert not page.article.find_all("div", "draft-banner") and not page.article.find_all("mark")


def test_a_draft_government_keeps_back_what_it_registered(tmp_path):
    """A government file with open items (a government an import registered):
    its departments and the documents of that government are left out; with
    drafts, its departments' pages carry its banner."""
    project = copy_project(tmp_path / "project")
    with_review(project / "content" / "governments" / "wucheng.yaml",
                [("name", "新登记的政府:请核对名称。"), ("departments[0]", "新部门:请核对。")])
    content, out = published(load_content(project / "content"))
    gone = {o.record.where()[0] for o in out}
    assert gone == {"content/governments/wucheng.yaml", f"content/{DRAFT_DOC}.yaml"}
    assert "wucheng" not in content.governments and DRAFT_DOC not in content.documents
    assert not [d for d in content.departments.values() if d.scope == "wucheng"]
    assert any("所属政府是草稿(wucheng)" in o.zh for o in out)
    site = tmp_path / "site"
    assert build_site(project, site, extra=["--drafts"]).returncode == 0
    page = parse(site / "departments" / "wucheng" / "science-tech" / "index.html")
    assert "还有 2 项待核对" in banner(page).text()
    rows = {tr.find_all("th")[0].text(): tr.text() for tr in page.article.find_all("tr") if tr.find_all("th")}
    assert "待核对 1" in rows["所属政府"] and "待核对 2" in rows["名称"]


# -- in Chromium ----------------------------------------------------------------

@pytest.mark.browser
def test_banner_links_reach_the_highlighted_places(browser, expect, drafts_site_url):
    from browser import new_context

    url = drafts_site_url
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(url + f"documents/{DRAFT_DOC}/")
        heading = page.get_by_role("heading", name=re.compile("草稿：尚未发布"))
        expect(heading).to_be_visible()
        links = page.get_by_role("region", name=re.compile("草稿")).get_by_role("link")
        expect(links).to_have_count(len(DOC_ITEMS))
        for i in range(len(DOC_ITEMS)):
            link = links.nth(i)
            anchor = link.get_attribute("href").removeprefix("#")
            link.click()
            mark = page.locator(f"mark#{anchor}")
            expect(page).to_have_url(re.compile(f"#{anchor}$"))
            expect(mark).to_be_in_viewport()
            expect(mark).to_have_text(re.compile(rf"待核对 {i + 1}"))
            # highlighted: a background of its own, not the page's
            assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != page.evaluate(
                "getComputedStyle(document.body).backgroundColor")
            page.evaluate("window.scrollTo(0, 0)")
    finally:
        context.close()
