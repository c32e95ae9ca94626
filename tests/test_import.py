"""policy-site import (issue 13): an official text becomes a draft that passes the check.

The seed's own text (tests/source_plan.txt) must come back as the published
plan (tests/fixture/content/plan.yaml) in every form staff bring it: as
copied, without its line breaks, as a Word file with automatic numbering, in
GBK or with a BOM. Real published documents of other shapes, saved under
tests/import_sources/ with their addresses, must each become a draft that
passes the check, builds into a site showing every sentence of the source,
and whose review list names every field the source lacks.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import project_before_imports, run_cli
from docx_builder import build_docx
from import_compare import clause_shape, department_names, load, matched_indicators, walk

TESTS = Path(__file__).resolve().parent
SEED = TESTS / "source_plan.txt"
PLAN = TESTS / "fixture" / "content" / "plan.yaml"
HAISHU = TESTS / "fixture" / "content" / "governments" / "haishu.yaml"  # the plan's government
SOURCES = TESTS / "import_sources"


def project_without_plan(tmp_path: Path) -> Path:
    """The fixture project without the seed plan (and what refers to it), to import the seed into."""
    project = project_before_imports(tmp_path / "project")
    (project / "content" / "plan.yaml").unlink()
    shutil.rmtree(project / "content" / "policies")
    shutil.rmtree(project / "content" / "interpretations")
    return project


def imported(project: Path, src: Path, *args: str) -> tuple[dict, str, Path]:
    """Run the command; (draft as data, its output, its path). The command must succeed."""
    result = run_cli(project, "import", str(src), *args)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    path = project / result.stdout.strip().splitlines()[-1]
    assert path.is_file() and path.parent == project / "content", result.stdout
    return load(path), result.stdout, path


def review_items(output: str) -> list[tuple[int, str]]:
    """(line, YAML path) of each item of the printed review list."""
    return [(int(m.group(1)), m.group(2)) for m in re.finditer(r"^\s*\d+\. 第 (\d+) 行  (\S+)$", output, re.M)]


# -- The seed: round trip ------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_import(tmp_path_factory):
    project = project_without_plan(tmp_path_factory.mktemp("seed"))
    draft, output, path = imported(project, SEED)
    return project, draft, output, path


def test_seed_round_trip_equals_the_published_plan(seed_import):
    project, draft, output, path = seed_import
    plan = load(PLAN)
    check = run_cli(project, "check")
    assert check.returncode == 0, check.stderr
    # The text names 宁波市海曙区: its departments are reused by name, none is new,
    # and the government's file is left as it was.
    assert draft["government"] == "haishu" and "departments" not in draft
    assert (project / "content" / "governments" / "haishu.yaml").read_bytes() == HAISHU.read_bytes()
    names = department_names(load(HAISHU))
    want = [clause_shape(c, names) for c in plan["body"]["clauses"]]
    got = [clause_shape(c, names) for c in draft["body"]["clauses"]]
    assert got == want
    assert len(list(walk(draft["body"]["clauses"]))) == len(list(walk(plan["body"]["clauses"]))) == 29
    assert draft["metadata"] == plan["metadata"]
    assert draft["notice"] == plan["notice"]
    for key in ("title", "short_title"):
        assert draft[key] == plan[key]
    assert draft["body"]["title"] == plan["body"]["title"]
    assert draft["body"]["subtitle"] == plan["body"]["subtitle"]
    strip = [{k: v for k, v in a.items() if k != "id"} for a in plan["attachments"]]
    assert [{k: v for k, v in a.items() if k != "id"} for a in draft["attachments"]] == strip


def test_seed_round_trip_finds_at_least_21_of_the_23_indicators(seed_import):
    _, draft, _, _ = seed_import
    matched, total = matched_indicators(load(PLAN), draft)
    assert total == 23
    assert matched >= 21, f"only {matched} of {total} indicators with the same quote, value, unit and comparator"
    # Lead units come from the text's (X牵头) after each target, as the plan has them.
    names = department_names(load(HAISHU))
    plan_leads = {ind["quote"]: names[ind["lead"]]
                  for c in walk(load(PLAN)["body"]["clauses"]) for ind in c.get("indicators") or []}
    got_leads = {ind["quote"]: names[ind["lead"]] for c in walk(draft["body"]["clauses"])
                 for ind in c.get("indicators") or [] if ind.get("lead")}
    same = [q for q in plan_leads if got_leads.get(q) == plan_leads[q]]
    assert len(same) >= matched


def test_seed_review_list_points_at_lines_of_the_draft(seed_import):
    _, draft, output, path = seed_import
    lines = path.read_text(encoding="utf-8").split("\n")
    items = review_items(output)
    assert len(items) == int(re.search(r"请人工核对以下 (\d+) 项", output).group(1)) > 0
    for line, yaml_path in items:
        key = re.sub(r"\[\d+\]$", "", yaml_path).split(".")[-1]
        text = lines[line - 1]
        assert key in text or text.lstrip().startswith("- "), f"line {line} ({text!r}) is not {yaml_path}"
    indicators = [ind for c in walk(draft["body"]["clauses"]) for ind in c.get("indicators") or []]
    assert sum(1 for _, p in items if re.search(r"\.indicators\[\d+\]$", p)) == len(indicators)
    assert output.strip().splitlines()[-1] == path.relative_to(path.parents[1]).as_posix()


def test_seed_as_one_line_gives_the_same_draft(tmp_path, seed_import):
    _, draft, _, _ = seed_import
    text = SEED.read_text(encoding="utf-8")
    one_line = tmp_path / "one-line.txt"
    one_line.write_text(" ".join(line for line in text.split("\n") if line.strip()), encoding="utf-8")
    assert one_line.read_text(encoding="utf-8").count("\n") == 0
    project = project_without_plan(tmp_path)
    again, output, _ = imported(project, one_line)
    review = again.pop("review")
    assert again == {k: v for k, v in draft.items() if k != "review"}
    extra = [item for item in review if item not in draft["review"]]
    assert [item["field"] for item in extra] == ["body"] and "原文没有换行" in extra[0]["reason"]
    assert "原文没有换行" in output


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-16"])
def test_seed_in_other_encodings_gives_the_same_draft(tmp_path, seed_import, encoding):
    _, draft, _, _ = seed_import
    src = tmp_path / "seed.txt"
    src.write_bytes(SEED.read_text(encoding="utf-8").encode(encoding))
    assert src.read_bytes() != SEED.read_bytes()
    project = project_without_plan(tmp_path)
    again, _, _ = imported(project, src)
    assert again == draft


def test_seed_as_word_file_with_automatic_numbering_gives_the_same_draft(tmp_path, seed_import):
    _, draft, _, _ = seed_import
    source = build_docx(SEED, tmp_path / "seed.docx")
    body = zipfile.ZipFile(source).read("word/document.xml").decode("utf-8")
    assert "指导思想" in body and "一、" not in body and "(一)" not in body  # numbers only in numbering.xml
    project = project_without_plan(tmp_path)
    again, _, _ = imported(project, source)
    assert again == draft


def test_import_is_deterministic(tmp_path, seed_import):
    _, _, _, path = seed_import
    project = project_without_plan(tmp_path)
    _, _, again = imported(project, SEED)
    assert again.read_bytes() == path.read_bytes()


def test_importing_a_published_document_again_is_refused(tmp_path):
    project = project_before_imports(tmp_path / "project")
    before = sorted(p.relative_to(project) for p in (project / "content").rglob("*"))
    result = run_cli(project, "import", str(SEED))
    assert result.returncode == 1
    assert "海政办发〔2018〕138号" in result.stderr and "already on the site" in result.stderr
    assert "content/plan.yaml" in result.stderr and "Edit that file" in result.stderr  # names the file, the cure
    assert sorted(p.relative_to(project) for p in (project / "content").rglob("*")) == before


def test_a_text_with_the_title_and_date_of_a_published_document_is_refused(tmp_path):
    """Under another id, without its 文号: the same title and date are the same document."""
    project = project_before_imports(tmp_path / "project")
    text = re.sub(r"^.*文件编号.*\n", "", SEED.read_text(encoding="utf-8"), flags=re.M)
    assert "138号" not in text
    src = tmp_path / "again.txt"
    src.write_text(text, encoding="utf-8")
    before = sorted(p.relative_to(project) for p in (project / "content").rglob("*"))
    result = run_cli(project, "import", str(src), "--id", "another-id")
    assert result.returncode == 1, result.stdout
    assert "本站已经有了:content/plan.yaml" in result.stderr and "is already on the site: content/plan.yaml" in result.stderr
    assert sorted(p.relative_to(project) for p in (project / "content").rglob("*")) == before


def test_an_existing_file_is_never_overwritten(tmp_path):
    project = project_without_plan(tmp_path)
    own = "id: staff-file\ntitle: 工作人员自己的文件\nmetadata:\n  doc_no: 测试〔2099〕1号\n"
    (project / "content" / "taken.yaml").write_text(own, encoding="utf-8")
    result = run_cli(project, "import", str(SEED), "--id", "taken")
    assert result.returncode == 1 and "never overwrites" in result.stderr and "Traceback" not in result.stderr
    assert (project / "content" / "taken.yaml").read_text(encoding="utf-8") == own
    assert not (project / "content" / "doc-2018-138.yaml").exists()
