"""政策解读 (interpretations), read as built HTML and SVG, and their validation.

Every expectation comes from the YAML as ``policy_site.content.load_content``
loads it: the indicators' values, units, comparators and lead units (their
target as the plan words it is ``policy_site.present.target_text``), the clauses an
interpretation cites, its date (``policy_site.present.date_zh``) and the document's
validity. Pages are parsed with tests/html_tree.py (stdlib ``html.parser``); the
downloadable infographic with ``xml.etree``. Cases that need different content
copy the project, change lines of one file and load or build the copy.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from catalogue_edits import replace_line, the_line
from conftest import CONTENT, build_site, copy_project
from html_tree import Node, Page, cells, norm, parse, resolve, rows_by_id, site_rel, table_rows
from problems import assert_one_problem, place, problems_of

from policy_site.content import load_content
from policy_site.present import date_zh, format_number, target_text, validity_word
from policy_site.schema.model import INTERPRETATION_TYPE, VALIDITY

SVG = "{http://www.w3.org/2000/svg}"
PLAN_FILE = "content/plan.yaml"
INTERPRETATION_DIR = "content/interpretations"
TEXT_TYPES = ("文字解读", "问答")
PICTURE_TYPE = "图片解读"
# Names may carry digits (“3315计划”, 《…(2018-2020年)》); nothing else in a point may.
NAMES = re.compile(r"“[^”]*”|《[^》]*》")
DIGIT = re.compile(r"[0-9０-９]")
# Written by hand here (not imported): {indicator-id} and {indicator-id.lead}.
PLACEHOLDER = re.compile(r"\{([a-z0-9-]+)(\.lead)?\}")


# --------------------------------------------------------------------------
# The content model, walked here
# --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def content():
    return load_content(CONTENT)


def walk(clauses, parents=()):
    for clause in clauses:
        yield clause, parents
        yield from walk(clause.children, parents + (clause,))


def clause_ids(doc) -> list[str]:
    return [c.id for c, _ in walk(doc.body.clauses)] if doc.body else []


def indicators(doc) -> dict:
    """{indicator id: (goal clause, indicator)} in document order."""
    found = {}
    for clause, _ in walk(doc.body.clauses if doc.body else []):
        for ind in clause.indicators:
            found[ind.id] = (clause, ind)
    return found


def of_type(content, *types) -> list:
    found = [i for i in content.interpretations.values() if i.type in types]
    assert found, f"content/interpretations holds no interpretation of type {types}"
    return found


def text_item(content):
    """The 文字解读 that has a 问答 section (questions) and placeholders."""
    items = [i for i in of_type(content, *TEXT_TYPES)
             if any(p.question for s in i.sections for p in s.points)]
    assert items, "no 文字解读 with questions"
    return items[0]


def picture_item(content):
    return of_type(content, PICTURE_TYPE)[0]


def interpretation_file(item) -> str:
    return item.where("id")[0]


def paragraphs_of(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


def expand(doc, text: str) -> str:
    """A point's text as the reader should see it: placeholders replaced by the data."""
    inds = indicators(doc)

    def sub(m):
        _, ind = inds[m.group(1)]
        return ind.lead.name if m.group(2) else target_text(ind)

    return PLACEHOLDER.sub(sub, text)


def placeholders(doc, text: str) -> list[tuple[str, str]]:
    """(shown text, site path the link opens) of each placeholder, in order."""
    inds = indicators(doc)
    out = []
    for m in PLACEHOLDER.finditer(text):
        _, ind = inds[m.group(1)]
        if m.group(2):
            out.append((ind.lead.name, f"departments/{ind.lead.ref_id}/index.html", ""))
        else:
            out.append((target_text(ind), f"documents/{doc.id}/targets/index.html", ind.id))
    return out


# --------------------------------------------------------------------------
# Reading the pages
# --------------------------------------------------------------------------

def page_path(site: Path, item) -> Path:
    return site / "interpretations" / item.id / "index.html"


def page_of(site: Path, item) -> Page:
    return parse(page_path(site, item))


def rendered_sections(page: Page) -> list[tuple[Node, list[Node]]]:
    """(h2, [div.interpretation-point]) in page order."""
    sections: list = []
    for child in page.article.children:
        if not isinstance(child, Node):
            continue
        if child.tag == "h2":
            sections.append((child, []))
        elif "interpretation-point" in child.classes:
            assert sections, f"{page.path}: a point before any section heading"
            sections[-1][1].append(child)
    return sections


def point_divs(page: Page, item) -> list[tuple[object, object, Node]]:
    """(section, point, its div) for every point of ``item``; asserts the page has them all."""
    by_id = {h2.attrs.get("id"): divs for h2, divs in rendered_sections(page)}
    out = []
    for section in item.sections:
        assert section.id in by_id, f"{page.path}: no section heading with id {section.id!r}"
        divs = by_id[section.id]
        assert len(divs) == len(section.points), (
            f"{page.path} #{section.id}: {len(divs)} points shown, {len(section.points)} in the YAML")
        out += [(section, point, div) for point, div in zip(section.points, divs)]
    return out


def text_paragraphs(div: Node) -> list[Node]:
    """The paragraphs of a point's text (not its question, not its 原文 links)."""
    return [p for p in div.children_tagged("p") if not p.classes & {"point-question", "point-links"}]


def text_without(node: Node, skip_class: str) -> str:
    """Text of ``node`` leaving out descendants with ``skip_class``."""
    out: list[str] = []

    def visit(n):
        for child in n.children:
            if isinstance(child, str):
                out.append(child)
            elif skip_class not in child.classes:
                visit(child)

    visit(node)
    return norm("".join(out))


def links(site: Path, page: Page, node: Node) -> list[tuple[str, str, str]]:
    """(link text, site path, fragment) of every <a href> in ``node``."""
    found = []
    for a in node.find_all("a"):
        if a.attrs.get("href") is None:
            continue
        target, fragment = resolve(site, page.path, a.attrs["href"])
        found.append((a.text(), site_rel(site, target), fragment))
    return found


def facts(page: Page) -> dict[str, Node]:
    tables = [t for t in page.article.find_all("table") if "interpretation-facts" in t.classes]
    assert len(tables) == 1, f"{page.path}: {len(tables)} interpretation facts tables"
    _, trs = table_rows(tables[0])
    return {cells(tr)[0].text(): cells(tr)[1] for tr in trs}


def status_banners(page: Page) -> list[Node]:
    return page.article.find_all(cls="status-banner")


# -- SVG --------------------------------------------------------------------

def svg_file(site: Path, item) -> Path:
    return site / "interpretations" / item.id / "infographic.svg"


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def file_texts(root: ET.Element) -> list[str]:
    """Text content of every <text>, its <tspan>s joined."""
    return ["".join(t.itertext()) for t in root.iter(SVG + "text")]


def inline_svg(page: Page) -> Node:
    figures = page.article.find_all("figure", "infographic")
    assert len(figures) == 1, f"{page.path}: {len(figures)} figure.infographic"
    svgs = figures[0].find_all("svg")
    assert len(svgs) == 1, f"{page.path}: {len(svgs)} <svg> in the figure"
    return svgs[0]


def raw_text(node: Node) -> str:
    return "".join(c if isinstance(c, str) else raw_text(c) for c in node.children)


def inline_texts(svg: Node) -> list[str]:
    return [raw_text(t) for t in svg.find_all("text")]


def text_version(page: Page) -> Node:
    found = page.article.find_all("div", "infographic-text")
    assert len(found) == 1, f"{page.path}: {len(found)} div.infographic-text (图解文字版)"
    heads = [h for h in page.article.find_all("h2") if h.attrs.get("id") == "text-version"]
    assert heads and heads[0].text() == "图解文字版", f"{page.path}: no 图解文字版 heading"
    return found[0]


# --------------------------------------------------------------------------
# 1. Numbers: the SVG and the 文字解读 show the YAML's data
# --------------------------------------------------------------------------

def test_every_indicator_target_and_lead_is_in_the_svg(site_dir, content):
    item = picture_item(content)
    doc = item.document
    root = ET.parse(svg_file(site_dir, item)).getroot()
    page = page_of(site_dir, item)
    for where, texts in (("infographic.svg", file_texts(root)),
                         ("inline <svg>", inline_texts(inline_svg(page)))):
        missing = []
        for _, ind in indicators(doc).values():
            if target_text(ind) not in texts:
                missing.append(f"{ind.id}: target {target_text(ind)!r}")
            if ind.lead and not any(ind.lead.name in t for t in texts):
                missing.append(f"{ind.id}: lead {ind.lead.name!r}")
        assert not missing, f"{where} lacks:\n" + "\n".join(missing)


def test_svg_cell_pairs_each_target_with_its_metric_and_lead(site_dir, content):
    """A target is drawn in the same group as its own metric and lead, not just somewhere."""
    item = picture_item(content)
    root = ET.parse(svg_file(site_dir, item)).getroot()
    groups = [["".join(t.itertext()) for t in g if t.tag == SVG + "text"] for g in root.iter(SVG + "g")]
    problems = []
    for _, ind in indicators(item.document).values():
        ok = [g for g in groups if target_text(ind) in g and ind.metric in g
              and (ind.lead is None or any(ind.lead.name in t for t in g))]
        if not ok:
            problems.append(f"{ind.id}: no group holds {target_text(ind)!r}, {ind.metric!r}"
                            + (f" and {ind.lead.name!r}" if ind.lead else ""))
    assert not problems, "\n".join(problems)


def test_svg_shows_no_number_the_yaml_does_not_have(site_dir, content):
    """Every number drawn is an indicator value, a task count, or part of the document's names."""
    item = picture_item(content)
    doc = item.document
    allowed = {format_number(ind.value) for _, ind in indicators(doc).values()}
    names = [doc.title, doc.short_title, doc.metadata.doc_no, doc.body.title, doc.body.subtitle]
    allowed |= {n for name in names if name for n in re.findall(r"\d+(?:\.\d+)?", name)}
    task_parents: dict = {}
    for clause, parents in walk(doc.body.clauses):
        if clause.role == "task":
            key = parents[-1].id if parents else None
            task_parents[key] = task_parents.get(key, 0) + 1
    allowed |= {str(n) for n in task_parents.values()}
    root = ET.parse(svg_file(site_dir, item)).getroot()
    stray = [(t, n) for t in file_texts(root) for n in re.findall(r"\d+(?:\.\d+)?", t) if n not in allowed]
    assert not stray, f"numbers drawn that the YAML does not give: {stray}"


def test_placeholders_render_as_linked_targets(site_dir, content):
    item = text_item(content)
    doc = item.document
    page = page_of(site_dir, item)
    targets_page = parse(site_dir / "documents" / doc.id / "targets" / "index.html")
    problems = []
    for section, point, div in point_divs(page, item):
        where = f"#{section.id} point {section.points.index(point)}"
        paras = text_paragraphs(div)
        expected = paragraphs_of(point.text)
        if len(paras) != len(expected):
            problems.append(f"{where}: {len(paras)} paragraphs shown, {len(expected)} in the YAML")
            continue
        for i, (p, raw) in enumerate(zip(paras, expected)):
            shown = p.text()
            want = norm(("答：" if point.question and i == 0 else "") + expand(doc, raw))
            if shown != want:
                problems.append(f"{where} paragraph {i}: shows {shown!r}\n   expected {want!r}")
            got = [(t, path, frag) for t, path, frag in links(site_dir, page, p)]
            if got != placeholders(doc, raw):
                problems.append(f"{where} paragraph {i}: links {got}\n   expected {placeholders(doc, raw)}")
            values = [a for a in p.find_all("a", "indicator-value")]
            n_values = sum(1 for m in PLACEHOLDER.finditer(raw) if not m.group(2))
            if len(values) != n_values:
                problems.append(f"{where} paragraph {i}: {len(values)} a.indicator-value, {n_values} placeholders")
    used = {m.group(1) for s in item.sections for p in s.points for m in PLACEHOLDER.finditer(p.text)}
    assert used, "the 文字解读 uses no placeholder: nothing to check"
    for ind_id in used:
        if targets_page.id_counts[ind_id] != 1:
            problems.append(f"targets page: id {ind_id!r} occurs {targets_page.id_counts[ind_id]} times")
    assert not problems, "\n".join(problems)


def test_no_typed_digits_in_point_paragraphs(site_dir, content):
    item = text_item(content)
    page = page_of(site_dir, item)
    problems = []
    for section, point, div in point_divs(page, item):
        for node in text_paragraphs(div) + div.find_all("p", "point-question"):
            rest = NAMES.sub("", text_without(node, "indicator-value"))
            if DIGIT.search(rest):
                problems.append(f"#{section.id}: digits outside placeholders and names in {rest!r}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------
# 2. One edit of the plan reaches every page and the picture
# --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def edited(tmp_path_factory, content):
    """A copy where the first indicator's value is changed in the clause text, quote and value."""
    doc = picture_item(content).document
    clause, ind = next(iter(indicators(doc).values()))
    old = format_number(ind.value)
    new = format_number(ind.value + 645)
    project = copy_project(tmp_path_factory.mktemp("edited") / "p")
    path = project / PLAN_FILE
    lines = path.read_text(encoding="utf-8").split("\n")
    for record, field in ((clause, "text"), (ind, "quote"), (ind, "value")):
        n = record.where(field)[1][0] - 1
        assert lines[n].count(old) == 1, f"{PLAN_FILE} line {n + 1}: {old} not once in {lines[n]!r}"
        lines[n] = lines[n].replace(old, new)
    path.write_text("\n".join(lines), encoding="utf-8")
    site = project / "site-out"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    changed = load_content(project / "content")
    _, new_ind = indicators(changed.documents[doc.id])[ind.id]
    assert format_number(new_ind.value) == new
    return site, changed, doc.id, ind.id, old, new


def test_edited_value_reaches_every_view(edited):
    site, changed, doc_id, ind_id, old, new = edited
    doc = changed.documents[doc_id]
    _, ind = indicators(doc)[ind_id]
    target = target_text(ind)
    assert new in target
    old_number = re.compile(rf"(?<![\d.]){re.escape(old)}(?![\d]|\.\d)")
    problems = []

    targets = parse(site / "documents" / doc_id / "targets" / "index.html")
    rows = rows_by_id(targets).get(ind_id, [])
    if len(rows) != 1:
        problems.append(f"targets page: {len(rows)} rows for {ind_id}")
    else:
        headers, tr = rows[0]
        value = dict(zip(headers, cells(tr))).get("目标值")
        if value is None or value.text() != new:
            problems.append(f"targets page row {ind_id}: 目标值 {value.text() if value else None!r} != {new!r}")

    text = page_of(site, text_item(changed))
    shown = [a.text() for a in text.article.find_all("a", "indicator-value")
             if resolve(site, text.path, a.attrs["href"])[1] == ind_id]
    if not shown or set(shown) != {target}:
        problems.append(f"文字解读: links to {ind_id} show {shown}, expected {target!r}")

    picture = picture_item(changed)
    pic = page_of(site, picture)
    if target not in inline_texts(inline_svg(pic)):
        problems.append(f"inline SVG lacks {target!r}")
    svg_path = svg_file(site, picture)
    if target not in file_texts(ET.parse(svg_path).getroot()):
        problems.append(f"infographic.svg lacks {target!r}")
    version = text_version(pic)
    if not any(ind.metric in li.text() and [s.text() for s in li.find_all("strong")] == [target]
               for li in version.find_all("li")):
        problems.append(f"图解文字版 has no item {ind.metric}: {target}")

    for where, body in (("targets page", targets.article.text()),
                        ("文字解读 page", text.article.text()),
                        ("图片解读 page (inline SVG and 图解文字版)", pic.article.text()),
                        ("infographic.svg", svg_path.read_text(encoding="utf-8"))):
        if old_number.search(body):
            problems.append(f"{where} still shows the old value {old}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------
# 3. The SVG file: well-formed, accessible, self-contained
# --------------------------------------------------------------------------

def test_svg_file_is_well_formed_and_accessible(site_dir, content):
    item = picture_item(content)
    doc = item.document
    root = ET.parse(svg_file(site_dir, item)).getroot()  # raises on malformed XML
    assert root.tag == SVG + "svg", root.tag
    box = root.get("viewBox", "").split()
    assert len(box) == 4 and float(box[2]) > 0 and float(box[3]) > 0, f"viewBox={root.get('viewBox')!r}"
    assert root.get("role") == "img"
    ids = (root.get("aria-labelledby") or "").split()
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    assert ids and all(i in by_id for i in ids), f"aria-labelledby={ids} names missing ids"
    kinds = sorted(local(by_id[i].tag) for i in ids)
    assert kinds == ["desc", "title"], f"aria-labelledby names {kinds}, expected a <title> and a <desc>"
    title = next(by_id[i] for i in ids if local(by_id[i].tag) == "title")
    desc = next(by_id[i] for i in ids if local(by_id[i].tag) == "desc")
    assert norm(title.text or ""), "<title> is empty"
    assert norm(title.text) in {doc.short_title, doc.title}, title.text
    described = desc.text or ""
    missing = [c.heading.rstrip("。") for c, _ in walk(doc.body.clauses)
               if c.indicators and c.heading.rstrip("。") not in described]
    missing += [ind.metric for _, ind in indicators(doc).values() if ind.metric not in described]
    assert not missing, f"<desc> lacks goal headings / metrics: {missing}"


def test_svg_file_has_no_script_or_external_reference(site_dir, content):
    root = ET.parse(svg_file(site_dir, picture_item(content))).getroot()
    problems = []
    for el in root.iter():
        name = local(el.tag)
        if name in {"script", "foreignObject", "image", "iframe"}:
            problems.append(f"<{name}>")
        if name == "style" and re.search(r"url\(|@import", el.text or ""):
            problems.append(f"<style> with url()/@import: {el.text!r}")
        for attr, value in el.attrib.items():
            a = local(attr)
            if a.lower().startswith("on"):
                problems.append(f"<{name} {a}>")
            if a == "href" and not value.startswith("#"):
                problems.append(f"<{name} {a}={value!r}>")
            for ref in re.findall(r"url\(\s*['\"]?([^)'\"]*)", value):
                if not ref.startswith("#"):
                    problems.append(f"<{name} {a}={value!r}>")
    assert not problems, problems


def test_inline_svg_matches_the_file(site_dir, content):
    """The picture on the page is the downloadable one, and its ids are unique on the page."""
    item = picture_item(content)
    page = page_of(site_dir, item)
    svg = inline_svg(page)
    root = ET.parse(svg_file(site_dir, item)).getroot()
    assert inline_texts(svg) == file_texts(root)
    for i in (svg.attrs.get("aria-labelledby") or "").split():
        assert page.id_counts[i] == 1, f"id {i!r} occurs {page.id_counts[i]} times on the page"
    figure = page.article.find_all("figure", "infographic")[0]
    downloads = links(site_dir, page, figure)
    assert [(path, frag) for _, path, frag in downloads] == [
        (f"interpretations/{item.id}/infographic.svg", "")], downloads
    assert (svg_file(site_dir, item)).is_file()


def test_text_version_lists_every_indicator(site_dir, content):
    item = picture_item(content)
    doc = item.document
    page = page_of(site_dir, item)
    version = text_version(page)
    items = version.find_all("li")
    problems = []
    for clause, ind in indicators(doc).values():
        hits = [li for li in items if len(li.find_all("li")) == 1 and ind.metric in li.text()
                and [s.text() for s in li.find_all("strong")] == [target_text(ind)]]
        if len(hits) != 1:
            problems.append(f"{ind.id}: {len(hits)} items with {ind.metric!r} and target {target_text(ind)!r}")
        elif ind.lead and ind.lead.name not in hits[0].text():
            problems.append(f"{ind.id}: item {hits[0].text()!r} does not name lead {ind.lead.name!r}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------
# 6. Links between the document and its interpretations; status
# --------------------------------------------------------------------------

def test_document_page_links_its_interpretations_by_type(site_dir, content):
    """The fixture's interpretations name no 解读机关: the site's own notes,
    linked as 本站编辑说明 by their form (文字说明 …), never as 政策解读."""
    assert not any(i.body for i in content.interpretations.values()), "the fixture's interpretations are the site's own"
    for doc in {i.document.id: i.document for i in content.interpretations.values()}.values():
        page = parse(site_dir / "documents" / doc.id / "index.html")
        blocks = page.article.find_all(cls="doc-interpretations")
        assert len(blocks) == 1, f"documents/{doc.id}: {len(blocks)} p.doc-interpretations"
        assert blocks[0].text().startswith("本站编辑说明") and "解读" not in blocks[0].text(), blocks[0].text()
        shown = sorted((text, path) for text, path, _ in links(site_dir, page, blocks[0]))
        expected = sorted((INTERPRETATION_TYPE.term(i.type).extra["note"], f"interpretations/{i.id}/index.html")
                          for i in content.interpretations.values() if i.document is doc)
        assert shown == expected


@pytest.mark.parametrize("kind", ["text", "picture"])
def test_interpretation_page_names_its_document_and_date(site_dir, content, kind):
    item = text_item(content) if kind == "text" else picture_item(content)
    page = page_of(site_dir, item)
    row = facts(page)
    assert row["日期"].text() == date_zh(item.date)
    assert row["类别"].text() == "本站编辑说明"
    assert row["形式"].text() == INTERPRETATION_TYPE.term(item.type).extra["note"]
    assert "解读机关" not in row and "解读类型" not in row, "an editorial note shows no 解读机关 未提供"
    notes = page.article.find_all(cls="editorial-note")
    assert len(notes) == 1 and "不是发布机关的政策解读" in notes[0].text(), [n.text() for n in notes]
    related = row["关联文件"]
    got = [(text, path) for text, path, _ in links(site_dir, page, related)]
    assert got == [(item.document.title, f"documents/{item.document.id}/index.html")]
    h1 = page.article.find_all("h1")
    assert h1 and h1[0].text() == item.title


@pytest.mark.parametrize("kind", ["text", "picture"])
def test_repealed_document_banner(site_dir, content, kind):
    item = text_item(content) if kind == "text" else picture_item(content)
    validity = item.document.metadata.validity
    assert VALIDITY.term(validity).extra["state"] == "lapsed", "the plan is expected to be repealed in the fixture content"
    found = status_banners(page_of(site_dir, item))
    assert len(found) == 1 and validity in found[0].text(), [b.text() for b in found]


def test_the_picture_says_the_validity_in_the_sites_one_word(site_dir, content):
    """The poster's badge, its <desc> and its text version say 已废止 as every
    badge and banner does, not the 公开信息 field's 废止."""
    item = picture_item(content)
    word = validity_word(item.document)
    assert word == "已废止", "the plan is expected to be repealed (废止) in the fixture content"
    root = ET.parse(svg_file(site_dir, item)).getroot()
    page = page_of(site_dir, item)
    assert word in file_texts(root) and word in inline_texts(inline_svg(page))
    assert f"有效性:{word}," in "".join(root.find(SVG + "desc").itertext())
    assert f"有效性：{word}（" in text_version(page).text()


@pytest.mark.parametrize("kind", ["text", "picture"])
def test_in_force_document_has_no_banner(in_force_site, kind):
    site, changed = in_force_site
    item = text_item(changed) if kind == "text" else picture_item(changed)
    assert VALIDITY.term(item.document.metadata.validity).extra["state"] == "in-force"
    page = page_of(site, item)
    assert status_banners(page) == [], [b.text() for b in status_banners(page)]


def test_every_point_links_the_clauses_it_cites(site_dir, content):
    item = text_item(content)
    doc = item.document
    page = page_of(site_dir, item)
    plan = parse(site_dir / "documents" / doc.id / "index.html")
    plan_path = f"documents/{doc.id}/index.html"
    problems = []
    for section, point, div in point_divs(page, item):
        where = f"#{section.id} point {section.points.index(point)}"
        blocks = div.find_all("p", "point-links")
        if len(blocks) != 1:
            problems.append(f"{where}: {len(blocks)} p.point-links")
            continue
        if not blocks[0].text().startswith("原文"):
            problems.append(f"{where}: links are not labelled 原文: {blocks[0].text()!r}")
        cited = [frag for _, path, frag in links(site_dir, page, blocks[0]) if path == plan_path]
        if cited != list(point.cites):
            problems.append(f"{where}: 原文 links {cited}, YAML cites {list(point.cites)}")
        for frag in cited:
            if plan.id_counts[frag] != 1:
                problems.append(f"{where}: #{frag} occurs {plan.id_counts[frag]} times on the plan page")
    assert not problems, "\n".join(problems)


def test_every_cited_clause_link_has_text(site_dir, content):
    """A link with no text is invisible and unnamed for screen readers."""
    item = text_item(content)
    page = page_of(site_dir, item)
    plan_path = f"documents/{item.document.id}/index.html"
    empty = set()
    for section, point, div in point_divs(page, item):
        for block in div.find_all("p", "point-links"):
            for text, path, frag in links(site_dir, page, block):
                if path == plan_path and not text:
                    empty.add(frag)
    assert not empty, f"原文 links with no text, to clauses {sorted(empty)}"


@pytest.mark.parametrize("kind", ["text", "picture"])
def test_internal_links_on_interpretation_pages_resolve(site_dir, content, kind):
    item = text_item(content) if kind == "text" else picture_item(content)
    page = page_of(site_dir, item)
    problems = []
    for node in page.article.walk():
        href = node.attrs.get("href") if node.tag == "a" else None
        if href is None or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", href):
            continue
        target, frag = resolve(site_dir, page.path, href)
        if not target.is_file():
            problems.append(f"{href} -> missing {site_rel(site_dir, target)}")
        elif frag and parse(target).id_counts[frag] != 1:
            problems.append(f"{href} -> #{frag} occurs {parse(target).id_counts[frag]} times")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------
# 7. 问答
# --------------------------------------------------------------------------

def test_questions_are_shown(site_dir, content):
    item = text_item(content)
    page = page_of(site_dir, item)
    problems = []
    asked = 0
    for section, point, div in point_divs(page, item):
        shown = [p.text() for p in div.find_all("p", "point-question")]
        if point.question:
            asked += 1
            want = norm(expand(item.document, point.question))
            if len(shown) != 1 or want not in shown[0]:
                problems.append(f"#{section.id}: question {want!r} shown as {shown}")
        elif shown:
            problems.append(f"#{section.id}: a question {shown} where the YAML has none")
    assert asked, "no point with a question"
    faq = [s for s in item.sections if any(p.question for p in s.points)]
    headings = {h2.attrs.get("id"): h2.text() for h2, _ in rendered_sections(page)}
    assert all(headings.get(s.id) == s.heading for s in faq), headings
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def question_placeholder_site(tmp_path_factory, content):
    """A copy whose first question uses {indicator-id}: the loader accepts placeholders there."""
    item = text_item(content)
    section, point = next((s, p) for s in item.sections for p in s.points if p.question)
    _, ind = next(iter(indicators(item.document).values()))
    project = copy_project(tmp_path_factory.mktemp("question") / "p")
    rel = interpretation_file(item)
    old = the_line(project, rel, f"      - question: {point.question}")
    new_question = f"“{ind.metric}”的目标是{{{ind.id}}}，{point.question}"
    replace_line(project, rel, old, f"      - question: {new_question}")
    changed = load_content(project / "content")  # valid: no problem raised
    site = project / "site-out"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, changed, section.id, new_question


def test_placeholder_in_question_is_rendered(question_placeholder_site):
    site, changed, section_id, question = question_placeholder_site
    item = text_item(changed)
    page = page_of(site, item)
    divs = [d for s, p, d in point_divs(page, item) if s.id == section_id and p.question == question]
    assert len(divs) == 1, f"{len(divs)} points with the question {question!r}"
    shown = divs[0].find_all("p", "point-question")[0].text()
    want = expand(item.document, question)
    assert want in shown, f"question shown as {shown!r}, expected it to contain {want!r}"
    assert not PLACEHOLDER.search(shown), f"the placeholder is shown raw: {shown!r}"


# --------------------------------------------------------------------------
# 5. Validation
# --------------------------------------------------------------------------

def test_every_cited_clause_exists(content):
    for item in content.interpretations.values():
        ids = set(clause_ids(item.document))
        for s, section in enumerate(item.sections):
            for p, point in enumerate(section.points):
                unknown = [c for c in point.cites if c not in ids]
                assert not unknown, f"{item.id} sections[{s}].points[{p}] cites unknown clauses {unknown}"


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "p")


def point_with_placeholders(content):
    """(file, section index, point index, point) of the first point with a placeholder and no question."""
    item = text_item(content)
    for s, section in enumerate(item.sections):
        for p, point in enumerate(section.points):
            if not point.question and PLACEHOLDER.search(point.text):
                return interpretation_file(item), s, p, point
    raise AssertionError("no point with a placeholder")


def first_text_line(project: Path, rel: str, point) -> tuple[tuple[int, int], str]:
    """((line, column) of the `|` that starts ``point``'s text block, the text's first line)."""
    lines = (project / rel).read_text(encoding="utf-8").split("\n")
    first = point.text.split("\n")[0]
    hits = [i for i, l in enumerate(lines) if l.strip() == first]
    assert len(hits) == 1, f"{rel}: the text line {first!r} occurs {len(hits)} times"
    head = lines[hits[0] - 1]
    assert re.fullmatch(r"\s*(- )?text: \|-?", head), f"{rel}: {head!r} does not start a block text"
    return (hits[0], head.index("|") + 1), lines[hits[0]]


def test_unknown_cited_clause(project, content):
    rel, s, p, point = point_with_placeholders(content)
    line = point.where("cites")[1][0]
    old = (project / rel).read_text(encoding="utf-8").split("\n")[line - 1]
    m = re.fullmatch(r"(\s*cites: \[)(.*)\]", old)
    assert m, f"{rel}:{line}: cites is not a one-line list: {old!r}"
    new = f"{m.group(1)}{m.group(2)}, no-such-clause]"
    text = replace_line(project, rel, old, new)
    assert_one_problem(problems_of(project), rel, place(text, new, "no-such-clause"),
                       f"sections[{s}].points[{p}].cites[{len(point.cites)}]", "no-such-clause")


@pytest.mark.parametrize("digit", ["3", "３"])
def test_typed_digit_in_point_text(project, content, digit):
    rel, s, p, point = point_with_placeholders(content)
    at, first = first_text_line(project, rel, point)
    replace_line(project, rel, first, first + f"共有{digit}个方面。")
    assert_one_problem(problems_of(project), rel, at,
                       f"sections[{s}].points[{p}].text", "{")


def test_digits_inside_quotes_and_titles_are_allowed(project, content):
    rel, s, p, point = point_with_placeholders(content)
    _, first = first_text_line(project, rel, point)
    replace_line(project, rel, first, first + "参见“3315计划”和《第2号文件》。")
    load_content(project / "content")  # no ContentError


def test_typed_digit_in_question(project, content):
    item = text_item(content)
    rel = interpretation_file(item)
    s, p, point = next((s, p, pt) for s, sec in enumerate(item.sections)
                       for p, pt in enumerate(sec.points) if pt.question)
    old = the_line(project, rel, f"      - question: {point.question}")
    new = f"      - question: 第2个问题：{point.question}"
    text = replace_line(project, rel, old, new)
    assert_one_problem(problems_of(project), rel, place(text, new, "第2个"),
                       f"sections[{s}].points[{p}].question")


def test_unknown_placeholder(project, content):
    rel, s, p, point = point_with_placeholders(content)
    at, first = first_text_line(project, rel, point)
    replace_line(project, rel, first, first + "另见{no-such}。")
    assert_one_problem(problems_of(project), rel, at,
                       f"sections[{s}].points[{p}].text", "no-such")


def test_interpretation_id_must_equal_file_name(project, content):
    item = text_item(content)
    rel = interpretation_file(item)
    new = f"id: {item.id}-renamed"
    text = replace_line(project, rel, f"id: {item.id}", new)
    assert_one_problem(problems_of(project), rel, place(text, new, f"{item.id}-renamed"), "id",
                       f"{item.id}-renamed", Path(rel).stem)


# --------------------------------------------------------------------------
# Attribution: 解读机关 and 解读类型 (谁起草谁解读)
# --------------------------------------------------------------------------

ATTRIBUTION = "body: 区经信局\ninterpreter_type: 部门解读\n"


def attributed_project(project, content):
    """The copy with the 文字解读 attributed to a body: (its file, the item)."""
    item = text_item(content)
    rel = interpretation_file(item)
    replace_line(project, rel, f"document: {item.document.id}", f"document: {item.document.id}\n{ATTRIBUTION.rstrip()}")
    return rel, item


def test_attributed_interpretation_is_a_policy_interpretation(project, content, tmp_path):
    _, item = attributed_project(project, content)
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    page = page_of(site, item)
    row = facts(page)
    assert row["类别"].text() == "政策解读"
    assert row["解读机关"].text() == "区经信局" and row["解读类型"].text() == "部门解读"
    assert row["形式"].text() == item.type
    assert not page.article.find_all(cls="editorial-note")
    doc_page = parse(site / "documents" / item.document.id / "index.html")
    blocks = {b.text().split(":")[0]: b for b in doc_page.article.find_all(cls="doc-interpretations")}
    assert sorted(blocks) == ["政策解读", "本站编辑说明"], sorted(blocks)
    official = [(text, path) for text, path, _ in links(site, doc_page, blocks["政策解读"])]
    assert official == [(item.type, f"interpretations/{item.id}/index.html")]


@pytest.mark.parametrize("given, missing", [("body", "interpreter_type"), ("interpreter_type", "body")])
def test_body_and_interpreter_type_come_together(project, content, given, missing):
    item = text_item(content)
    rel = interpretation_file(item)
    line = next(l for l in ATTRIBUTION.splitlines() if l.startswith(given))
    text = replace_line(project, rel, f"document: {item.document.id}", f"document: {item.document.id}\n{line}")
    assert_one_problem(problems_of(project), rel, place(text, line, line.split(": ")[1]), given, given, missing)


def test_unknown_interpreter_type_is_refused(project, content):
    item = text_item(content)
    rel = interpretation_file(item)
    replace_line(project, rel, f"document: {item.document.id}",
                 f"document: {item.document.id}\nbody: 区经信局\ninterpreter_type: 官方解读")
    found = problems_of(project)
    assert [(p.file, p.field) for p in found] == [(rel, "interpreter_type")], [p.format() for p in found]
    assert "部门解读" in found[0].zh


def test_search_results_call_the_sites_notes_editorial(content):
    from policy_site.search import content_records

    kinds = {r.kind for r in content_records(content) if r.location.startswith("interpretations/")}
    assert kinds == {"编辑说明"}, kinds
