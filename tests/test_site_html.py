"""The built site, read as HTML: is the plan published completely and correctly?

Pages are parsed into a small element tree (tests/html_tree.py); checks look
at parsed text, ids, table cells and resolved links, never at substrings of
raw HTML. Expectations come from ``tests/source_plan.txt``
(the plan as the government website published it) or from the content model
loaded with ``policy_site.content.load_content`` -- never from the generated pages.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT, build_site, copy_project, identity_links, run_cli
from html_tree import Node, Page, cells, norm, parse, resolve, rows_by_id, site_rel, table_by_caption, table_rows

from policy_site.content import content_files, load_content
from policy_site.schema.model import CONTENT_FILES

PLAN_ID = "hs-2018-138"
SOURCE = Path(__file__).with_name("source_plan.txt")
SVG_NS = "http://www.w3.org/2000/svg"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"

# Parts of tests/source_plan.txt that are the source website's page furniture,
# not the document, and so are not expected on our site:
# - "政策原文:" and "政策解读: 文字解读> 图片解读>" are bullets linking to other
#   pages of that website (the interpretation pages are not part of the plan);
# - "浏览次数:" ends the publish line and is that website's page-view counter.
SOURCE_CHROME_LINES = ("政策原文:", "政策解读: 文字解读> 图片解读>")
SOURCE_CHROME_SUFFIX = "浏览次数:"
PUBLISH_LINE_PREFIX = "发布日期:"


# -- Links ----------------------------------------------------------------------

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")


def link_problems(site: Path) -> list[str]:
    """Internal href/src values that do not open an existing file and (for #fragments) exactly one id."""
    problems = []
    for html in sorted(site.rglob("*.html")):
        page = parse(html)
        for node in page.root.walk():
            for attr in ("href", "src"):
                value = (node.attrs.get(attr) or "").strip()
                if attr not in node.attrs or _SCHEME.match(value):
                    continue  # http:, https:, mailto: ... are not internal
                target, fragment = resolve(site, html, value)
                where = f"{site_rel(site, html)}: {attr}={value!r}"
                if not target.is_file() or site_rel(site, target).startswith("<"):
                    problems.append(f"{where} -> missing file {site_rel(site, target)}")
                elif fragment and (target.suffix != ".html" or parse(target).id_counts[fragment] != 1):
                    count = parse(target).id_counts[fragment] if target.suffix == ".html" else 0
                    problems.append(f"{where} -> id {fragment!r} occurs {count} times in {site_rel(site, target)}")
    return problems


# -- The content model, walked independently of the page code --------------------

def walk_clauses(clauses, parents=()):
    for clause in clauses:
        yield clause, parents
        yield from walk_clauses(clause.children, parents + (clause,))


def doc_clauses(doc) -> list:
    return [c for c, _ in walk_clauses(doc.body.clauses)] if doc.body else []


def published(content) -> list:
    return [d for d in content.documents.values() if d.body]


def same_number(shown: str, value) -> bool:
    try:
        return float(shown) == float(value)
    except ValueError:
        return False


def indicator_row_problems(site: Path, content) -> list[str]:
    """Check every indicator's row on its document's targets page (and no unknown rows)."""
    problems = []
    for doc in published(content):
        goals = [c for c in doc_clauses(doc) if c.indicators]
        if not goals:
            continue
        page_path = site / "documents" / doc.id / "targets" / "index.html"
        page = parse(page_path)
        doc_page = site / "documents" / doc.id / "index.html"
        rows = rows_by_id(page)
        expected_ids = set()
        for clause in goals:
            for ind in clause.indicators:
                expected_ids.add(ind.id)
                where = f"{doc.id} targets, indicator {ind.id}"
                found = rows.get(ind.id, [])
                if len(found) != 1:
                    problems.append(f"{where}: {len(found)} table rows with this id, expected 1")
                    continue
                headers, tr = found[0]
                row = dict(zip(headers, cells(tr)))
                missing_cols = {"指标", "目标值", "单位", "牵头单位", "年度进展"} - set(row)
                if missing_cols:
                    problems.append(f"{where}: no column(s) {sorted(missing_cols)} in {headers}")
                    continue
                if row["指标"].text() != ind.metric:
                    problems.append(f"{where}: 指标 {row['指标'].text()!r} != {ind.metric!r}")
                # 目标值: the number, a range's bounds, each labelled value's number,
                # or 无数值 where the text states the target without one
                holders = ind.values or ([ind] if ind.value is not None else [])
                shown = row["目标值"].text()
                numbers = [n for h in holders for n in (h.value, h.upper) if n is not None]
                pieces = re.split(r"至|、", shown) if holders else []
                if not holders and shown != "无数值":
                    problems.append(f"{where}: no number in content, 目标值 shows {shown!r}")
                elif len(pieces) != len(numbers) or not all(map(same_number, pieces, numbers)):
                    problems.append(f"{where}: 目标值 {shown!r} != {numbers!r}")
                units = list(dict.fromkeys(h.unit for h in holders))
                if row["单位"].text() != ("、".join(units) if units else "无"):
                    problems.append(f"{where}: 单位 {row['单位'].text()!r} != {units!r}")
                lead_cell = row["牵头单位"]
                lead_targets = {site_rel(site, resolve(site, page_path, h)[0]) for h in lead_cell.hrefs()}
                if ind.lead:
                    if lead_cell.text() != ind.lead.name:
                        problems.append(f"{where}: 牵头单位 {lead_cell.text()!r} != {ind.lead.name!r}")
                    if lead_targets != {f"departments/{ind.lead.ref_id}/index.html"}:
                        problems.append(f"{where}: 牵头单位 links to {sorted(lead_targets)}")
                elif lead_cell.text() != "未提供" or lead_targets:
                    problems.append(f"{where}: no lead in content, cell shows {lead_cell.text()!r}")
                progress = row["年度进展"].text()
                if not ind.progress and progress != "未提供":
                    problems.append(f"{where}: no progress in content, cell shows {progress!r}")
                for p in ind.progress:
                    if f"{p.year}年" not in progress:
                        problems.append(f"{where}: progress for {p.year} not shown in {progress!r}")
                clause_links = {resolve(site, page_path, h) for h in tr.hrefs()}
                if (doc_page, clause.id) not in clause_links:
                    problems.append(f"{where}: row does not link to {doc.id}/#{clause.id}")
        for extra in sorted(set(rows) - expected_ids):
            problems.append(f"{doc.id} targets: row {extra!r} is not an indicator of the document")
    return problems


def department_problems(site: Path, content) -> list[str]:
    """Each department page links to exactly the indicators it leads and the tasks it owns."""
    problems = []
    for dept in content.departments.values():
        exp_inds, exp_tasks, exp_clauses = set(), set(), set()
        for doc in published(content):
            for clause in doc_clauses(doc):
                for ind in clause.indicators:
                    if ind.lead is dept:
                        exp_inds.add((doc.id, ind.id))
                        exp_clauses.add((doc.id, clause.id))
                if clause.role == "task" and dept in clause.responsible:
                    exp_tasks.add((doc.id, clause.id))
                    exp_clauses.add((doc.id, clause.id))
        page_path = site / "departments" / dept.ref_id / "index.html"
        page = parse(page_path)
        found = {"targets/": set(), "tasks/": set(), "": set()}
        for href in page.article.hrefs():
            target, fragment = resolve(site, page_path, href)
            m = re.fullmatch(r"documents/([^/]+)/(targets/|tasks/)?index\.html", site_rel(site, target))
            if m and fragment:
                found[m.group(2) or ""].add((m.group(1), fragment))
        for kind, got, want in (("indicators", found["targets/"], exp_inds),
                                ("tasks", found["tasks/"], exp_tasks),
                                ("clauses of the text", found[""], exp_clauses)):
            if got != want:
                problems.append(f"departments/{dept.ref_id}: {kind} linked {sorted(got)}, "
                                f"expected {sorted(want)} (missing {sorted(want - got)}, extra {sorted(got - want)})")
        headings = page.article.find_all("h1")
        if not headings or not headings[0].text().startswith(dept.name):
            problems.append(f"departments/{dept.ref_id}: heading does not name {dept.name!r}")
    return problems


def clause_id_problems(site: Path, content) -> list[str]:
    """Every clause id is an element id on its document's page exactly once."""
    problems = []
    for doc in content.documents.values():
        page = parse(site / "documents" / doc.id / "index.html")
        for clause in doc_clauses(doc):
            count = page.id_counts[clause.id]
            if count != 1:
                problems.append(f"documents/{doc.id}: id {clause.id!r} occurs {count} times")
    return problems


def banners(page: Page) -> list[Node]:
    """Notes/admonitions in the main content (the status banner is one)."""
    return [n for n in page.article.walk()
            if n.attrs.get("role") == "note" or n.classes & {"admonition", "status-banner"}]


# -- The source text ------------------------------------------------------------

def display_date(value: str) -> str:
    """2018-12-12 -> 2018年12月12日, 2018-12-24 08:54 -> 2018年12月24日 08:54; else unchanged."""
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}:\d{2}))?", value)
    if not m:
        return value
    year, month, day, time = m.groups()
    return f"{int(year)}年{int(month)}月{int(day)}日" + (f" {time}" if time else "")


@dataclass
class SourcePlan:
    metadata: list[tuple[str, str]]  # (label, value as the site should show it), source order
    sentences: list[str]


def read_source() -> SourcePlan:
    text = SOURCE.read_text(encoding="utf-8")
    metadata, sentences, chrome_seen = [], [], set()
    for raw in text.splitlines():
        line = norm(raw)
        bullet = line.startswith("•")
        line = line.lstrip("•").strip()
        if not line:
            continue
        if line in SOURCE_CHROME_LINES:
            chrome_seen.add(line)
            continue
        if bullet:  # disclosure metadata: "label:value"; "索 引 号" is spaced out in the source
            label, sep, value = line.partition(":")
            assert sep, f"metadata bullet without a colon: {raw!r}"
            metadata.append((re.sub(r"\s+", "", label), display_date(value.strip())))
            continue
        if line.startswith(PUBLISH_LINE_PREFIX):  # "发布日期:... 来源:... 浏览次数:"
            if line.endswith(SOURCE_CHROME_SUFFIX):
                chrome_seen.add(SOURCE_CHROME_SUFFIX)
                line = line[: -len(SOURCE_CHROME_SUFFIX)].strip()
            parts = re.split(r"\s*([\u4e00-\u9fff]+):", line)  # CJK labels; "08:54" is not one
            assert parts[0] == "", parts
            metadata += [(label, display_date(value.strip())) for label, value in zip(parts[1::2], parts[2::2])]
            continue
        sentences += [s.strip() for s in line.split("。") if s.strip()]
    expected_chrome = set(SOURCE_CHROME_LINES) | {SOURCE_CHROME_SUFFIX}
    assert chrome_seen == expected_chrome, f"stale exclusion list: not found {expected_chrome - chrome_seen}"
    assert len(sentences) >= text.count("。"), "sentence split lost sentences"
    return SourcePlan(metadata, sentences)


def metadata_rows(page: Page) -> list[tuple[str, str]]:
    _, trs = table_rows(table_by_caption(page, "公开信息"))
    rows = []
    for tr in trs:
        head, value = tr.children_tagged("th"), tr.children_tagged("td")
        assert len(head) == 1 and len(value) == 1, f"metadata row is not th + td: {tr.text()!r}"
        rows.append((head[0].text(), value[0].text()))
    return rows


# -- Fixtures -------------------------------------------------------------------

@pytest.fixture(scope="module")
def content():
    return load_content(CONTENT)


@pytest.fixture(scope="module")
def source_plan() -> SourcePlan:
    return read_source()


@pytest.fixture(scope="module")
def plan_page(site_dir) -> Page:
    return parse(site_dir / "documents" / PLAN_ID / "index.html")


# -- Tests ----------------------------------------------------------------------

def test_every_source_sentence_is_on_the_document_page(plan_page, source_plan):
    """Every sentence of the source text, and every metadata value, is on the 政策原文 page."""
    text = plan_page.article.text()
    missing = [s for s in source_plan.sentences if s not in text]
    assert not missing, f"{len(missing)} source sentences not on the page:\n" + "\n".join(missing)
    shown = dict(metadata_rows(plan_page))
    wrong = [(label, value, shown.get(label)) for label, value in source_plan.metadata
             if shown.get(label) != value]
    assert not wrong, f"metadata (label, source value, shown value) that differ: {wrong}"


def test_metadata_table_matches_source_in_order(plan_page, source_plan):
    """The 公开信息 table lists exactly the source's disclosure fields, values and order."""
    assert [label for label, _ in source_plan.metadata][:2] == ["索引号", "文件编号"]  # parsing sanity
    assert metadata_rows(plan_page) == source_plan.metadata


def test_targets_page_has_a_correct_row_per_indicator(site_dir, content):
    """Each indicator has one row (id = indicator id) with value, unit, linked lead, progress, clause link."""
    assert any(c.indicators for d in published(content) for c in doc_clauses(d))
    problems = indicator_row_problems(site_dir, content)
    assert not problems, "\n".join(problems)


def test_department_pages_list_exactly_their_indicators_and_tasks(site_dir, content):
    """Each department page links to exactly the indicators it leads and the tasks it is responsible for."""
    assert content.departments
    problems = department_problems(site_dir, content)
    assert not problems, "\n".join(problems)


def test_every_clause_id_is_an_anchor_exactly_once(site_dir, content):
    """Every clause id of every document is an element id on that document's page exactly once."""
    problems = clause_id_problems(site_dir, content)
    assert not problems, "\n".join(problems)


def test_internal_links_resolve(site_dir):
    """Every internal href/src of every page opens an existing file, and every #fragment exactly one id."""
    assert len(list(site_dir.rglob("*.html"))) > 5
    problems = link_problems(site_dir)
    assert not problems, "\n".join(problems)


def test_no_reference_to_another_host(site_dir):
    """No attribute of any page (nor any CSS url()) points at another host;
    only the SVG namespace is allowed, and the footer's links to where the
    content's identity sends a reader (identity_links: a link, never loaded)."""
    offending = []
    allowed_links = identity_links()
    for html in sorted(site_dir.rglob("*.html")):
        for node in parse(html).root.walk():
            for attr, value in node.attrs.items():
                if node.tag == "a" and attr == "href" and value in allowed_links:
                    continue
                if value and re.match(r"\s*(https?:)?//", value, re.I) and not (attr == "xmlns" and value == SVG_NS):
                    offending.append(f"{site_rel(site_dir, html)}: <{node.tag} {attr}={value!r}>")
    for css in sorted(site_dir.rglob("*.css")):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", css.read_text(encoding="utf-8")):
            if re.match(r"\s*(https?:)?//", url, re.I):
                offending.append(f"{site_rel(site_dir, css)}: url({url})")
        for imported in re.findall(r"@import\s+['\"]([^'\"]+)", css.read_text(encoding="utf-8")):
            if re.match(r"\s*(https?:)?//", imported, re.I):
                offending.append(f"{site_rel(site_dir, css)}: @import {imported}")
    assert not offending, "\n".join(offending)


def test_every_heading_is_finished_by_the_engine(site_dir):
    """Headings of generated pages are converted wherever they stand (also
    inside a box such as 怎么办): none keeps the generator's markdown=
    marker, and each section (h2) with an id carries its permalink."""
    problems = []
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if 'markdown="' in html:
            problems.append(f"{site_rel(site_dir, path)}: a markdown= attribute reached the page")
        for m in re.finditer(r'<h(2) id="([^"]+)"[^>]*>(.*?)</h\1>', html, re.S):
            if 'class="headerlink"' not in m.group(3):
                problems.append(f"{site_rel(site_dir, path)}#{m.group(2)}: heading without its permalink")
    assert not problems, "\n".join(problems[:20])


def test_repealed_plan_shows_status_banner(site_dir, content):
    """The repealed plan's pages show a banner naming its validity (废止)."""
    validity = content.documents[PLAN_ID].metadata.validity
    assert validity == "废止"
    for rel in ("", "targets/", "tasks/"):
        page = parse(site_dir / "documents" / PLAN_ID / rel / "index.html")
        assert [b for b in banners(page) if validity in b.text()], f"no 废止 banner on documents/{PLAN_ID}/{rel}"


def test_banner_follows_validity_data(in_force_site):
    """With validity changed to 有效 in the content, the plan's pages show no banner."""
    site, _ = in_force_site
    doc_page = parse(site / "documents" / PLAN_ID / "index.html")
    assert dict(metadata_rows(doc_page))["有效性"] == "有效"
    for rel in ("", "targets/", "tasks/"):
        page = parse(site / "documents" / PLAN_ID / rel / "index.html")
        assert not banners(page), f"documents/{PLAN_ID}/{rel}: {[b.text() for b in banners(page)]}"


def _tree(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def _assert_same_tree(a: Path, b: Path) -> None:
    first, second = _tree(a), _tree(b)
    assert sorted(first) == sorted(second), set(first) ^ set(second)
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, f"files differ between builds: {differing}"


def test_build_is_reproducible(tmp_path, site_dir):
    """Two builds (the session's site and another) are byte-identical; with
    another SOURCE_DATE_EPOCH both builds still succeed."""
    result = build_site(copy_project(tmp_path / "b" / "project"), tmp_path / "b" / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    _assert_same_tree(site_dir, tmp_path / "b" / "site")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    for name in ("c", "d"):
        result = build_site(copy_project(tmp_path / name / "project"), tmp_path / name / "site", env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    _assert_same_tree(tmp_path / "c" / "site", tmp_path / "d" / "site")


def test_schema_is_current_and_content_files_point_at_it():
    """The committed schemas are current draft-07 JSON and every content file's first line points at its kind's."""
    result = run_cli(ROOT, "schema", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    for kind in CONTENT_FILES:
        schema = json.loads((ROOT / "schema" / kind.schema_file).read_text(encoding="utf-8"))
        assert schema["$schema"] == DRAFT_07
    files = content_files(ROOT / "content")
    assert files
    for path, model in files:
        [kind] = {k.schema_file for k in CONTENT_FILES if k.model is model}
        schema_file = ROOT / "schema" / kind
        first = path.read_text(encoding="utf-8").splitlines()[0]
        m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert m, f"{path.relative_to(ROOT)}: first line is {first!r}"
        target = (path.parent / m.group(1)).resolve()
        assert target.is_file(), f"{path.relative_to(ROOT)}: {m.group(1)} does not exist"
        assert target == schema_file.resolve(), f"{path.relative_to(ROOT)} points at {target}"


def test_schema_check_detects_a_stale_schema(tmp_path):
    """`schema --check` fails when the committed schema no longer matches the model."""
    project = copy_project(tmp_path / "project")
    schema_file = project / "schema" / "content.schema.json"
    data = json.loads(schema_file.read_text(encoding="utf-8"))
    data["title"] = "stale"
    schema_file.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert run_cli(project, "schema", "--check").returncode == 1


# A second, invented document of a different shape (chapters and articles, no
# lead departments), of another government with its own departments.
# Obviously synthetic test data.
OTHER_PLAN_ID = "other-2020-1"
OTHER_GOVERNMENT_YAML = """\
id: sample-city
name: 示例市
departments:
- id: sample-bureau
  name: 示例市示例局
- id: sample-office
  name: 示例市示例办
  full_name: 示例市人民政府示例办公室
"""
OTHER_PLAN_YAML = """\
# yaml-language-server: $schema=../schema/content.schema.json
id: other-2020-1
title: 示例市人民政府关于印发示例市测试发展办法的通知
short_title: 示例市测试发展办法
government: sample-city
metadata:
  doc_no: 示政发〔2020〕1号
  issuer: 示例市人民政府
  written_date: '2020-03-01'
  validity: 有效
  published: 2020-03-02 09:30
body:
  title: 示例市测试发展办法
  clauses:
  - id: chapter-1
    number: 第一章
    heading: 总则
    children:
    - id: article-1
      number: 第一条
      text: 为检验网站生成器能否发布另一份文件,制定本办法。
  - id: chapter-2
    number: 第二章
    heading: 目标
    children:
    - id: article-2
      number: 第二条
      text: 到2020年底,全市示例项目达到12个,示例覆盖率不低于90%。
      role: goal
      indicators:
      - id: sample-projects
        metric: 示例项目
        quote: 全市示例项目达到12个
        value: 12
        unit: 个
        comparator: 达到
      - id: sample-coverage
        metric: 示例覆盖率
        quote: 示例覆盖率不低于90%
        value: 90
        unit: '%'
        comparator: 不低于
  - id: chapter-3
    number: 第三章
    heading: 任务
    children:
    - id: article-3
      number: 第三条
      text: 示例局会同示例办搭建示例平台。(责任单位:示例市示例局、示例市示例办)
      role: task
      responsible:
      - sample-bureau
      - sample-office
"""


def test_another_governments_plan_publishes_without_code_change(tmp_path):
    """A second plan of another shape, added as content only, gets its own complete, linked pages."""
    project = copy_project(tmp_path / "project")
    (project / "content" / "other-plan.yaml").write_text(OTHER_PLAN_YAML, encoding="utf-8")
    (project / "content" / "governments" / "sample-city.yaml").write_text(OTHER_GOVERNMENT_YAML, encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    content = load_content(project / "content")
    other = content.documents[OTHER_PLAN_ID]

    doc_dir = site / "documents" / OTHER_PLAN_ID
    for rel in ("", "targets/", "tasks/"):
        assert (doc_dir / rel / "index.html").is_file(), f"missing documents/{OTHER_PLAN_ID}/{rel}"
    text = parse(doc_dir / "index.html").article.text()
    for clause in doc_clauses(other):
        for part in (clause.number, clause.heading, clause.text):
            assert part is None or norm(part) in text, f"{clause.id}: {part!r} not on the 政策原文 page"

    indicators = [i for c in doc_clauses(other) for i in c.indicators]
    assert len(indicators) == 2 and all(i.lead is None for i in indicators)
    rows = rows_by_id(parse(doc_dir / "targets" / "index.html"))
    for ind in indicators:
        assert len(rows.get(ind.id, [])) == 1, f"no single row for indicator {ind.id}"
        headers, tr = rows[ind.id][0]
        assert dict(zip(headers, cells(tr)))["牵头单位"].text() == "未提供"

    home = site / "index.html"
    home_targets = {resolve(site, home, h)[0] for h in parse(home).article.hrefs()}
    assert doc_dir / "index.html" in home_targets, "home page does not link to the new document"

    for rel in ("", "targets/", "tasks/"):
        assert (site / "documents" / PLAN_ID / rel / "index.html").is_file(), f"original {rel} page gone"
    problems = (indicator_row_problems(site, content) + department_problems(site, content)
                + clause_id_problems(site, content) + link_problems(site))
    assert not problems, "\n".join(problems)
