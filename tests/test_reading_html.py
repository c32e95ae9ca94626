"""Reading structure of every built page, from the HTML (no browser): the
language, heading order, tables with captions and header cells, text
alternatives for pictures, link text that says where it goes, and status in
words. axe-core (tests/test_accessibility.py) checks many of these on the
page types in a browser; these checks cover every page the build writes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from html_tree import Node, parse
from policy_site.schema.model import POLICY_STATUS, VALIDITY, VALIDITY_UNKNOWN

# Link texts that do not say where a link goes.
VAGUE_LINK_TEXT = {"点击这里", "点击此处", "这里", "此处", "更多", "详情", "链接", "查看", "点击", "here", "click here", "more"}
# Words a status badge may show (有效性 of documents as present.validity_word
# says it: 已废止, not 废止; status of catalogue entries).
STATUS_WORDS = {"有效", *(f"已{v}" for v in VALIDITY.terms if v != "有效"), VALIDITY_UNKNOWN.label, *POLICY_STATUS.terms}


@pytest.fixture(scope="module")
def pages(site_dir) -> list:
    found = sorted(site_dir.rglob("*.html"))
    assert len(found) > 20, f"only {len(found)} pages built"
    return [parse(path) for path in found]


def where(page, site_dir: Path) -> str:
    return str(page.path.relative_to(site_dir))


def accessible_text(node: Node) -> str:
    """What a screen reader announces for a link: aria-label, else all its text
    (screen-reader-only text included), else the alt/title of an image in it."""
    if node.attrs.get("aria-label"):
        return node.attrs["aria-label"].strip()
    parts = []
    for n in node.walk():
        if n.tag == "img" and n.attrs.get("alt"):
            parts.append(n.attrs["alt"])
        for child in n.children:
            if isinstance(child, str):
                parts.append(child)
    return re.sub(r"\s+", " ", "".join(parts)).strip() or (node.attrs.get("title") or "").strip()


def test_every_page_declares_simplified_chinese(pages, site_dir):
    wrong = [f"{where(p, site_dir)}: {tag.attrs.get('lang')!r}" for p in pages
             for tag in p.root.find_all("html") if tag.attrs.get("lang") != "zh-CN"]
    assert not wrong, "pages not marked lang=\"zh-CN\":\n" + "\n".join(wrong[:10])


def test_headings_start_at_h1_and_skip_no_level(pages, site_dir):
    problems = []
    for page in pages:
        levels = [int(n.tag[1]) for n in page.article.walk() if re.fullmatch(r"h[1-6]", n.tag)]
        if not levels:
            problems.append(f"{where(page, site_dir)}: no heading")
            continue
        if levels[0] != 1 or levels.count(1) != 1:
            problems.append(f"{where(page, site_dir)}: headings start {levels[:3]}, h1 ×{levels.count(1)}")
        for before, after in zip(levels, levels[1:]):
            if after > before + 1:
                problems.append(f"{where(page, site_dir)}: h{before} followed by h{after}")
                break
    assert not problems, "\n".join(problems[:15])


def test_tables_have_captions_and_header_cells(pages, site_dir):
    problems = []
    count = 0
    for page in pages:
        for table in page.article.find_all("table"):
            count += 1
            captions = table.find_all("caption")
            if not captions or not accessible_text(captions[0]):
                problems.append(f"{where(page, site_dir)}: table {table.attrs.get('class')} has no caption")
            headers = table.find_all("th")
            if not headers:
                problems.append(f"{where(page, site_dir)}: table {table.attrs.get('class')} has no header cells")
            unscoped = [h for h in headers if h.attrs.get("scope") not in ("col", "row", "colgroup", "rowgroup")]
            if unscoped:
                problems.append(f"{where(page, site_dir)}: {len(unscoped)} <th> without scope in {table.attrs.get('class')}")
    assert count > 10, f"only {count} tables found; is the article found?"
    assert not problems, "\n".join(problems[:15])


def test_pictures_have_text_alternatives(pages, site_dir):
    problems = []
    for page in pages:
        for img in page.article.find_all("img"):
            if "alt" not in img.attrs:
                problems.append(f"{where(page, site_dir)}: <img src={img.attrs.get('src')}> without alt")
        for svg in page.article.find_all("svg"):
            if svg.attrs.get("aria-hidden") == "true":
                continue
            named = svg.attrs.get("aria-label") or svg.attrs.get("aria-labelledby") or svg.find_all("title")
            if svg.attrs.get("role") != "img" or not named:
                problems.append(f"{where(page, site_dir)}: <svg> neither hidden nor a named image")
    assert not problems, "\n".join(problems[:15])


def test_infographic_has_a_text_version(pages, site_dir):
    [page] = [p for p in pages if p.article.find_all("figure", "infographic")]
    svg = page.article.find_all("figure", "infographic")[0].find_all("svg")[0]
    assert svg.attrs.get("role") == "img" and (svg.attrs.get("aria-labelledby") or svg.find_all("title"))
    assert "text-version" in page.id_counts, "the 图解文字版 section is missing"
    text = [n for n in page.article.find_all(cls="infographic-text")]
    assert text and len(text[0].text()) > 200, "the text version is (nearly) empty"


def test_link_text_says_where_it_goes(pages, site_dir):
    problems = []
    for page in pages:
        for a in page.article.find_all("a"):
            if "href" not in a.attrs or "headerlink" in a.classes:
                continue  # permalinks carry title="本节链接"
            name = accessible_text(a)
            if not name:
                problems.append(f"{where(page, site_dir)}: link to {a.attrs['href']} has no text")
            elif name.lower() in VAGUE_LINK_TEXT:
                problems.append(f"{where(page, site_dir)}: link to {a.attrs['href']} says only {name!r}")
    assert not problems, "\n".join(problems[:15])


def test_status_is_written_not_only_coloured(pages, site_dir):
    badges = [(p, b) for p in pages for b in p.article.find_all(cls="status-badge")]
    assert badges, "no status badge found"
    wordless = [f"{where(p, site_dir)}: {b.text()!r}" for p, b in badges if b.text() not in STATUS_WORDS]
    assert not wordless, "status badges without a status word:\n" + "\n".join(wordless[:10])
    for page in pages:
        for banner in page.article.find_all(cls="status-banner"):
            assert any(word in banner.text() for word in STATUS_WORDS), f"{where(page, site_dir)}: banner without status"
