"""Real published documents of other shapes, imported, checked and built (issue 13).

Each file under tests/import_sources/ is a real Chinese government text with
its address on its first line (a note the importer skips). All of them are
imported into one copy of the fixture project, which must then pass the
check and build; every sentence of each source must be on its document's
page, and the review list must name every field the source lacks. The
README's table of these files states the same figures; a test keeps them equal.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import CONTENT, ROOT, build_site, project_before_imports, run_cli
from docx_builder import build_docx
from import_compare import line_of_field, load, walk
from import_precision import load_labels, score
from policy_site import urls
from policy_site.render import plain_text
from policy_site.schema.model import DISCLOSURE_FIELDS

SOURCES = Path(__file__).resolve().parent / "import_sources"
ALL_METADATA = set(DISCLOSURE_FIELDS)  # the fields a 公开信息 block lists

# file -> (shape, the metadata fields its source does not state, the notice
# fields it does not state; None: the source has no separate notice)
EXPECTED = {
    "ningxia-village-affairs-measures.txt": (
        "办法: 第X章 / 第X条 / (一), a government order instead of a notice",
        ALL_METADATA - {"doc_no", "issuer"}, {"addressees"}),
    "wucheng-growth-measures.txt": (
        "若干措施: lead unit in parentheses after each measure",
        ALL_METADATA - {"issuer"}, set()),
    "dongyang-disability-employment-oneline.txt": (
        "plan on one line: its line breaks were lost",
        ALL_METADATA - {"published", "source", "issuer"}, set()),
    "dongtou-innovation-dashes.txt": (
        "plan with dash-bullet (——) targets",
        ALL_METADATA - {"issuer"}, set()),
    "quanzhou-agri-fund-notice.txt": (
        "notice with an attachment, the issued text after it; a date the page lost digits of",
        ALL_METADATA - {"source", "issuer"}, {"date"}),
    "liupanshui-new-infrastructure-gbk.txt": (
        "GBK-encoded; disclosure table with | cells; notice without signatory and date",
        ALL_METADATA - {"index_no", "doc_no", "issuer"}, {"signatory", "date"}),
    "govcn-2018-43-decision.html": (
        "saved .html page of www.gov.cn: a decision that is its own notice",
        {"unified_no", "disclosure", "validity", "source"}, None),
    "govcn-2018-42-farm-machinery-opinion.txt": (
        "意见 of the State Council: goals by 2020 and 2025, most of them in words",
        ALL_METADATA - {"doc_no", "issuer"}, None),
    "govcn-2019-4-vocational-education-plan.txt": (
        "通知 with an attached 实施方案: goals after 总体要求与目标 and 具体指标",
        ALL_METADATA - {"doc_no", "issuer"}, set()),
    "hengyang-enterprise-awards-opinion.txt": (
        "实施意见 from its addressees on: goals whose subjects hold thresholds (纳税过1亿元的企业)",
        ALL_METADATA - {"issuer"}, set()),
    "kunming-guandu-24-measures-chrome.txt": (
        "意见 copied with the page's chrome (无障碍浏览, site name, address); award amounts and thresholds",
        ALL_METADATA - {"issuer", "published", "source"}, None),
    "shanghai-jiading-sponge-city-plan.txt": (
        "通知 forwarding a 实施方案; disclosure table in cells",
        {"unified_no", "validity", "published", "source"}, set()),
    "xiamen-holiday-consumption-measures-oneline.txt": (
        "若干措施 on one line, its notice title run into the addressees; award conditions and caps",
        ALL_METADATA - {"issuer"}, set()),
    "yangling-consumption-measures.txt": (
        "若干措施 without notice: award conditions (新增量达到300万元且增速达到20%以上的)",
        ALL_METADATA, None),
}
# Texts that are refused as they are: no title (tests/test_import_bad_inputs.py).
REFUSED = {"guandu-stable-growth-measures-untitled.txt", "yunnan-stable-growth-22-opinion.txt"}
# Labels of the disclosure block as the sources print them (the test's own
# list, so that the importer is not checked against itself).
_LABELS = re.compile(r"(索\s*引\s*号|文\s*号|文件编号|发文字号|主题分类|信息分类|发布机构|发文机关|成文日期|生成日期|"
                     r"发布日期|是否有效|名\s*称|标\s*题|主\s*题\s*词|来源|信息来源|访问次数|阅读人数|公开属性|公开期限)[\s\u3000]*[:：]")
# Navigation of the saved gov.cn page, chrome copied with a page: must not be on the site.
_FURNITURE = ["扫一扫在手机打开当前页", "无障碍浏览", "长者模式"]
# A date is data: the site writes it its own way (present.date_zh: 2006年12月29日 for 二OO六年十二月二十九日),
# so dates are compared as dates (test_dates_are_the_source_dates), not as words.
_DATE = re.compile(r"^([〇○OＯ0一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)$")


def source_text(path: Path) -> str:
    raw = path.read_bytes()
    text = raw.decode("gb18030") if "gbk" in path.name else raw.decode("utf-8")
    if path.suffix == ".html":
        text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
        text = re.sub(r"<br\s*/?>|</p>|</td>|</tr>|</div>", "\n", text, flags=re.I)
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return text


def source_sentences(path: Path) -> list[str]:
    """The source's sentences and phrases (split at punctuation and spaces),
    without its notes, disclosure labels and the page's furniture."""
    lines = [line for line in source_text(path).split("\n") if line.strip() and not line.startswith("#")]
    if len(lines) > 1:
        lines = [line for line in lines if not _LABELS.search(line)]
    else:
        lines = [_LABELS.sub(" ", re.sub(r"(发布日期|访问次数|信息来源)[:：]\S*", " ", line)) for line in lines]
        # A notice title run into its addressees (the break between them lost) is two phrases, as on the page.
        lines = [re.sub(r"(的通知)(各)", r"\1 \2", line) for line in lines]
    fragments = []
    for line in lines:
        for part in re.split(r"[。；;:：\s]+", line):
            if re.search(r"[\u4e00-\u9fff]", part) and part not in _FURNITURE and not _DATE.match(part):
                fragments.append(part)
    return fragments


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Every source imported into one project, which is then built: name -> (draft, output, path)."""
    project = project_before_imports(tmp_path_factory.mktemp("sources") / "project")
    results = {}
    for name in sorted(EXPECTED):
        result = run_cli(project, "import", str(SOURCES / name))
        assert result.returncode == 0, f"{name}:\n{result.stdout}{result.stderr}"
        assert "Traceback" not in result.stdout + result.stderr
        path = project / result.stdout.strip().splitlines()[-1]
        results[name] = (load(path), result.stdout, path)
    site = tmp_path_factory.mktemp("sources-site") / "site"
    build = build_site(project, site, extra=["--drafts"])  # every import is a draft: shown as the preview shows it
    assert build.returncode == 0, build.stdout + build.stderr
    return project, site, results


def test_a_plain_build_publishes_no_imported_draft(imported, tmp_path):
    """Nothing imported goes live before a person has closed its review items."""
    project, drafts_site, results = imported
    site = tmp_path / "site"
    build = build_site(project, site)
    assert build.returncode == 0, build.stdout + build.stderr
    for name, (draft, _, path) in results.items():
        page = urls.document(_Doc(draft["id"]))
        shown = (drafts_site / page / "index.html").read_text(encoding="utf-8")
        assert 'class="admonition danger draft-banner"' in shown, f"{name}: the drafts build shows no 草稿 banner"
        assert not (site / page).exists(), f"{name}: published although it has open review items"
        assert path.relative_to(project).as_posix() in build.stdout + build.stderr, f"{name}: not named as left out"


def test_every_source_is_a_real_page_with_its_address():
    files = sorted(p.name for p in SOURCES.iterdir())
    assert set(files) == set(EXPECTED) | REFUSED
    for name in files:
        raw = (SOURCES / name).read_bytes()
        first = (raw.decode("gb18030") if "gbk" in name else raw.decode("utf-8")).split("\n")[0]
        assert re.search(r"来源: https?://\S+", first), f"{name}: first line {first!r} gives no address"


def test_all_drafts_pass_the_check(imported):
    project, _, results = imported
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    not_documents = {"site.yaml", "search.yaml"}  # the site's facts, the search vocabulary
    top = [p for p in (project / "content").glob("*.yaml") if p.name not in not_documents]
    documents = len(top) + len(list((project / "content" / "documents").glob("*.yaml")))
    fixture = CONTENT.glob("*.yaml"), (CONTENT / "documents").glob("*.yaml")
    before = [p for ps in fixture for p in ps
              if p.name not in not_documents and p.stem not in {s.stem for s in SOURCES.iterdir()}]
    stubs = sum(output.count("新建引用文件条目:content/documents/") for _, output, _ in results.values())
    assert stubs >= 3
    assert documents == len(before) + len(results) + stubs  # the fixture's, the drafts, the cited-document entries
    assert f"内容检查通过:{documents} 份文件" in result.stdout


def test_drafts_added_to_the_published_content_keep_it_valid(tmp_path):
    """What staff do: import into content/ itself. The check passes and every new
    file points at its editor schema (what the suite checks of content/)."""
    project = project_before_imports(tmp_path / "project")
    shutil.rmtree(project / "content")
    shutil.copytree(ROOT / "content", project / "content")
    before = {p for p in (project / "content").rglob("*.yaml")}
    for name in sorted(EXPECTED):
        result = run_cli(project, "import", str(SOURCES / name))
        assert result.returncode == 0, f"{name}: {result.stderr}"
    check = run_cli(project, "check")
    assert check.returncode == 0, check.stderr
    added = {p for p in (project / "content").rglob("*.yaml")} - before
    assert len(added) >= len(EXPECTED)
    for path in added:
        first = path.read_text(encoding="utf-8").split("\n")[0]
        depth = len(path.relative_to(project / "content").parts) - 1
        schema = "government" if path.parent.name == "governments" else "content"  # a new government's file
        assert first == "# yaml-language-server: $schema=" + "../" * (depth + 1) + f"schema/{schema}.schema.json"


# What a drafts build adds around the document's own text: the 草稿 banner, and
# the marks of each review item's place (templates/_macros.j2).
_REVIEW_FURNITURE = re.compile(r'<div class="[^"]*draft-banner[^"]*".*?</ol>\s*</div>'
                               r'|<p class="review-note">.*?</p>|<mark class="review-place"[^>]*>.*?</mark>', re.S)


def document_text(site: Path, draft: dict) -> str:
    """The plain text of the draft's page, without its review furniture."""
    html_text = (site / urls.document(_Doc(draft["id"])) / "index.html").read_text(encoding="utf-8")
    return plain_text(_REVIEW_FURNITURE.sub("", html_text))


def coverage(site: Path, draft: dict, name: str) -> tuple[int, list[str]]:
    """(phrases of the source, those not on the draft's page)."""
    page = re.sub(r"\s+", "", document_text(site, draft))
    sentences = source_sentences(SOURCES / name)
    return len(sentences), [s for s in sentences if re.sub(r"\s+", "", s) not in page]


# The texts of the first set, every phrase of which reaches the site.
WHOLE = {"ningxia-village-affairs-measures.txt", "wucheng-growth-measures.txt",
         "dongyang-disability-employment-oneline.txt", "dongtou-innovation-dashes.txt", "quanzhou-agri-fund-notice.txt",
         "liupanshui-new-infrastructure-gbk.txt", "govcn-2018-43-decision.html"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_phrases_of_the_source_are_on_the_site(imported, name):
    """At least 98 % of the phrases of every imported text are on its page (all
    of them for the first set); the README's table states the figure."""
    _, site, results = imported
    total, missing = coverage(site, results[name][0], name)
    assert total >= 8  # excerpts of a page's first part: a paragraph or more
    share = 100 * (total - len(missing)) / total
    assert share >= 98, f"{name}: {share:.1f} % on the site; not there: {missing}"
    assert name not in WHOLE or not missing, f"{name}: not on the site: {missing}"
    page = document_text(site, results[name][0])
    for furniture in _FURNITURE:
        assert furniture not in page
    row = _readme_row(name)
    assert row[-1] == f"{share:.1f} %", name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_review_list_names_every_field_the_source_lacks(imported, name):
    _, _, results = imported
    draft, output, _ = results[name]
    _, missing_metadata, missing_notice = EXPECTED[name]
    reviewed = set(re.findall(r"^\s*\d+\. 第 \d+ 行  (\S+)$", output, re.M))
    empty = {k for k, v in draft["metadata"].items() if v is None}
    assert empty == missing_metadata
    assert {f"metadata.{k}" for k in empty} <= reviewed
    if missing_notice is None:
        assert "notice" not in draft
    else:
        empty_notice = {k for k, v in draft["notice"].items() if v is None}
        assert empty_notice == missing_notice
        assert {f"notice.{k}" for k in empty_notice} <= reviewed
    for i, clause_path in _indicator_paths(draft):
        if not i.get("lead"):
            assert clause_path in reviewed, f"{name}: {clause_path} has no lead and is not on the review list"


def _readme_row(name: str) -> list[str]:
    """The cells after the shape of ``name``'s row in the README's table of real texts."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(rf"^\| `{re.escape(name)}` \|[^|]*\|(.*)\|$", readme, re.M)
    assert m, f"README's importer table has no row for {name}"
    return [cell.strip() for cell in m.group(1).split("|")]


def test_readme_table_states_the_figures(imported):
    _, _, results = imported
    for name, (draft, output, _) in results.items():
        clauses = len(list(walk(draft["body"]["clauses"])))
        indicators = sum(len(c.get("indicators") or []) for c in walk(draft["body"]["clauses"]))
        review = int(re.search(r"请人工核对以下 (\d+) 项", output).group(1))
        assert review == len(draft["review"]), name  # the screen lists what the draft holds
        assert _readme_row(name)[:3] == [str(clauses), str(indicators), str(review)], name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_review_item_is_data_at_its_field_s_own_line(imported, name):
    """The draft holds its review list (review: field + reason); the screen lists
    the same items, each with the line of the field it names, which the draft has."""
    _, _, results = imported
    draft, output, path = results[name]
    text = path.read_text(encoding="utf-8")
    shown = re.findall(r"^\s*\d+\. 第 (\d+) 行  (\S+)\n\s+(.+)$", output, re.M)
    assert sorted((f, r) for _, f, r in shown) == sorted((i["field"], i["reason"]) for i in draft["review"])
    for line, field, _ in shown:
        assert line_of_field(text, field) == int(line), (name, field)
    assert "# 待核对" not in text  # the review list says it; comments only say why a field is empty


def test_a_government_the_text_names_is_registered_with_a_review_item(imported):
    """官渡区 is not on the site: the draft registers it from the issuer its title
    names, with a review item in the government's file, and the draft names it."""
    project, _, results = imported
    draft, output, _ = results["kunming-guandu-24-measures-chrome.txt"]
    government = load(project / "content" / "governments" / f"{draft['government']}.yaml")
    assert government["name"] == "昆明市官渡区"
    assert [i["field"] for i in government["review"]] == ["name"]
    assert "昆明市官渡区人民政府" in government["review"][0]["reason"]
    assert any(i["field"] == "government" for i in draft["review"])
    assert draft["metadata"]["issuer"] == "昆明市官渡区人民政府"
    assert "新登记的政府(待核对):content/governments/" in output


def test_chrome_thresholds_and_awards_of_the_kunming_page(imported):
    """The case of issue 24: the page's chrome is not the title; the threshold
    (500万元) and the award range are review items quoted as catalogue
    candidates, not targets; no clause is a goal; headings stay headings."""
    _, _, results = imported
    draft, _, _ = results["kunming-guandu-24-measures-chrome.txt"]
    assert draft["title"] == "昆明市官渡区人民政府关于进一步促进全区经济平稳健康发展24条措施的意见"
    assert draft["type"] == "意见"
    clauses = list(walk(draft["body"]["clauses"]))
    assert not any(c.get("indicators") for c in clauses) and not any(c.get("role") == "goal" for c in clauses)
    assert [(c.get("number"), c.get("heading")) for c in clauses[1:3]] == [
        ("一、", "突出项目拉动,持续扩大投资"), ("(一)", "着力促进投资。")]
    reasons = [i["reason"] for i in draft["review"]]
    assert any("“对规模以上产业投资项目年度完成500万元以上投资的”" in r and "申报条件" in r for r in reasons)
    assert any("“根据完成情况给予0.5万元-20万元的扶持奖励”" in r and "支持标准" in r for r in reasons)
    assert sum("无障碍浏览" in r or "www.kmgd.gov.cn" in r for r in reasons) == 2  # dropped, and listed


def test_a_title_run_into_its_addressees_is_imported(imported):
    _, _, results = imported
    draft, _, _ = results["xiamen-holiday-consumption-measures-oneline.txt"]
    assert draft["title"] == "厦门市商务局关于印发中秋国庆期间消费促进措施的通知"
    assert draft["notice"]["addressees"] == "各相关单位:" and draft["metadata"]["issuer"] == "厦门市商务局"


def test_precision_and_recall_of_proposed_targets(imported):
    """Against the hand labels (tests/import_targets.yaml): precision ≥ 95 %,
    recall ≥ 90 % over all labelled texts (the refused ones propose nothing);
    the README states each text's figures and the totals."""
    _, _, results = imported
    labels = load_labels()
    assert set(labels) == set(EXPECTED) | REFUSED
    proposed = labelled = matched = 0
    for name in sorted(labels):
        result = score(results[name][0] if name in results else None, labels[name])
        proposed, labelled, matched = proposed + result.proposed, labelled + result.labelled, matched + result.matched
        assert _readme_row(name)[3:6] == [str(result.labelled), str(result.proposed), str(result.matched)], name
        assert name in REFUSED or not result.wrong, f"{name}: proposed, not labelled as targets: {result.wrong}"
    precision, recall = 100 * matched / proposed, 100 * matched / labelled
    assert precision >= 95 and recall >= 90, (precision, recall)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"| **total** | | | | | {labelled} | {proposed} | {matched} | |" in readme
    assert f"precision {precision:.1f} %, recall {recall:.1f} %" in readme


def test_labels_quote_their_texts():
    """Every labelled quote is in its text: once for a target, ``count`` times for a non-target."""
    for name, entry in load_labels().items():
        raw = (SOURCES / name).read_bytes()
        text = raw.decode("gb18030") if "gbk" in name else raw.decode("utf-8")
        text = text if name.endswith(".html") else text.split("\n", 2)[2]  # without the notes on the address
        for target in entry.get("targets") or []:
            assert text.count(target["quote"]) == 1, (name, target["quote"])
        for other in entry.get("not_targets") or []:
            assert text.count(other["quote"]) == other.get("count", 1), (name, other["quote"])
            assert other["why"]


def test_word_file_of_the_measures_reads_like_the_text(tmp_path, imported):
    """第一章 / 第一条 numbering that Word draws itself (articles counting on through chapters)."""
    _, _, results = imported
    source = SOURCES / "ningxia-village-affairs-measures.txt"
    docx_file = build_docx(source, tmp_path / "ningxia-village-affairs-measures.docx")
    project = project_before_imports(tmp_path / "project")
    result = run_cli(project, "import", str(docx_file))
    assert result.returncode == 0, result.stderr
    draft = load(project / result.stdout.strip().splitlines()[-1])
    # The government it registers is numbered by what else was imported before it.
    assert _government_numbered(draft) == _government_numbered(results["ningxia-village-affairs-measures.txt"][0])
    numbers = [c.get("number") for c in walk(draft["body"]["clauses"])]
    assert numbers[:2] == ["第一章", "第一条"] and "第五条" in numbers and numbers.count("第二章") == 1


def test_dates_are_the_source_dates(imported):
    """Dates written in words or figures are read as the dates they are, never guessed."""
    _, _, results = imported
    notices = {name: draft.get("notice", {}).get("date") for name, (draft, _, _) in results.items()}
    assert notices["ningxia-village-affairs-measures.txt"] == "2006-12-29"  # 二OO六年十二月二十九日
    assert notices["wucheng-growth-measures.txt"] == "2025-04-01"  # 2025年4月1日
    assert notices["quanzhou-agri-fund-notice.txt"] is None  # the page shows 2019610: digits lost
    govcn = results["govcn-2018-43-decision.html"][0]["metadata"]
    assert (govcn["written_date"], govcn["published"]) == ("2018-12-21", "2018-12-29")  # no time given


def test_departments_are_reused_only_within_the_government_the_text_names(imported):
    """The Wucheng text names 金华市婺城区 (content/governments/wucheng.yaml): its
    区科技局 is a new department of that government, not Haishu's 区科技局 of the
    same name. It is written into the government's file (what was there stays
    as it was), the draft declares none, and the review list says where it went."""
    project, _, results = imported
    draft, output, _ = results["wucheng-growth-measures.txt"]
    assert draft["government"] == "wucheng" and "departments" not in draft
    assert "所属政府按文中出现的“金华市婺城区”填为 wucheng" in output
    measure = draft["body"]["clauses"][1]
    assert measure["heading"] == "强化科技创新(区科技局牵头)" and measure["responsible"] == ["science-tech"]
    assert measure["children"][0]["indicators"][0]["lead"] == "science-tech"
    government = (project / "content" / "governments" / "wucheng.yaml").read_text(encoding="utf-8")
    before = (CONTENT / "governments" / "wucheng.yaml").read_text(encoding="utf-8").split("# 婺城区的区科技局")[0]
    assert government == before + "departments:\n- id: science-tech\n  name: 区科技局\n"
    assert "新部门写入所属政府的文件:content/governments/wucheng.yaml" in output
    assert "新部门“区科技局”,拟用编号 science-tech(由名称中的词语拟定),已加到 content/governments/wucheng.yaml" in output
    assert "沿用了本站已有的部门" not in output


def test_a_new_department_is_appended_to_its_government_s_list(tmp_path):
    """A government that already has departments keeps them, in their order,
    with their comments; the new one comes after the last."""
    project = project_before_imports(tmp_path / "project")
    path = project / "content" / "governments" / "wucheng.yaml"
    own = "departments:\n  - id: audit\n    name: 区审计局\n    # 测试用注释\n    phone: 0579-0000 0000\n"
    path.write_text(path.read_text(encoding="utf-8") + own, encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    result = run_cli(project, "import", str(SOURCES / "wucheng-growth-measures.txt"))
    assert result.returncode == 0, result.stderr
    assert path.read_text(encoding="utf-8") == before + "  - id: science-tech\n    name: 区科技局\n"


def test_departments_of_a_text_naming_no_registered_government_go_to_a_new_government(tmp_path):
    """A text that names no registered government reuses no department (each
    belongs to a government the text does not name): its government is
    registered from the issuer, in a new file, with the new departments."""
    project = project_before_imports(tmp_path / "project")
    wucheng = project / "content" / "governments" / "wucheng.yaml"
    wucheng.write_text(wucheng.read_text(encoding="utf-8").replace("name: 金华市婺城区", "name: 浙江省金华市"),
                       encoding="utf-8")
    result = run_cli(project, "import", str(SOURCES / "wucheng-growth-measures.txt"))
    assert result.returncode == 0, result.stderr
    draft = load(project / result.stdout.strip().splitlines()[-1])
    assert draft["government"] == "government-1" and "departments" not in draft
    government = load(project / "content" / "governments" / "government-1.yaml")
    assert government.pop("review") == [{"field": "name", "reason": (
        "导入时按发文机关“金华市婺城区人民政府”新登记的政府,名称定为“金华市婺城区”。请核对名称;把编号改成易读的英文"
        "(文件名、id 和使用它的文件一起改),或改用本站已登记的政府。")}]
    assert government == {
        "id": "government-1", "name": "金华市婺城区", "departments": [{"id": "science-tech", "name": "区科技局"}]}
    assert "按发文机关新登记了政府 government-1" in result.stdout
    assert "沿用了本站已有的部门" not in result.stdout
    assert run_cli(project, "check").returncode == 0


def test_cited_documents_become_entries_with_number_title_and_issuer(imported):
    project, _, results = imported
    preamble = results["dongyang-disability-employment-oneline.txt"][0]["body"]["clauses"][0]
    assert preamble["cites"] == ["doc-2022-59", "doc-2022-50"]
    stub = load(project / "content" / "documents" / "doc-2022-59.yaml")
    assert stub == {"id": "doc-2022-59",
                    "title": "浙江省人民政府办公厅关于印发〈浙江省促进残疾人就业行动方案(2022—2025年)〉的通知",
                    "metadata": {"doc_no": "浙政办发〔2022〕59号", "issuer": "浙江省人民政府办公厅"}}


def _government_numbered(draft: dict) -> dict:
    return yaml.safe_load(re.sub(r"government-\d+", "government-N", yaml.safe_dump(draft, allow_unicode=True)))


class _Doc:
    def __init__(self, doc_id: str):
        self.id = doc_id


def _indicator_paths(draft: dict):
    def visit(clauses, base):
        for i, clause in enumerate(clauses):
            path = f"{base}[{i}]"
            for k, ind in enumerate(clause.get("indicators") or []):
                yield ind, f"{path}.indicators[{k}]"
            yield from visit(clause.get("children") or [], f"{path}.children")
    yield from visit(draft["body"]["clauses"], "body.clauses")
