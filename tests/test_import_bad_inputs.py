"""Bad input to the importer: a clear message in Chinese and English, exit 1, nothing written.

One test per kind of bad input the issue names (and a few more a person
will meet): each runs the real command on a fresh project and checks the
exit code, both messages, the absence of a traceback, and that content/ is
exactly as it was.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from conftest import project_before_imports, run_cli

SOURCES = Path(__file__).resolve().parent / "import_sources"


def snapshot(project: Path) -> dict:
    return {p.relative_to(project).as_posix(): p.read_bytes()
            for p in sorted((project / "content").rglob("*")) if p.is_file()}


def refused(tmp_path: Path, src: Path, zh: str, en: str, *args: str, names_file: bool = True) -> str:
    project = project_before_imports(tmp_path / "project")
    before = snapshot(project)
    result = run_cli(project, "import", str(src), *args)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "导入失败,没有写入任何文件。" in result.stderr and "Import failed; no file was written." in result.stderr
    assert zh in result.stderr, result.stderr
    assert en in result.stderr, result.stderr
    if names_file:
        assert src.name in result.stderr
    assert snapshot(project) == before
    return result.stderr


def test_empty_file(tmp_path):
    src = tmp_path / "empty.txt"
    src.write_bytes(b"\xef\xbb\xbf \r\n\r\n")
    refused(tmp_path, src, "是空的", "is empty")


def test_binary_file(tmp_path):
    src = tmp_path / "program.txt"
    src.write_bytes(bytes(range(256)) * 64)
    refused(tmp_path, src, "不是文字文件", "is not a text file")


def test_image(tmp_path):
    src = tmp_path / "scan.txt"  # a picture, whatever its name says
    src.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00")
    refused(tmp_path, src, "PNG 图片", "a PNG image")


def test_pdf(tmp_path):
    src = tmp_path / "notice.pdf"
    src.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    refused(tmp_path, src, "是PDF", "is PDF")


def test_file_of_50_mb(tmp_path):
    src = tmp_path / "huge.txt"
    with open(src, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    refused(tmp_path, src, "太大", "too large to be a policy document")


def test_docx_that_is_a_zip_of_something_else(tmp_path):
    src = tmp_path / "plan.docx"
    with zipfile.ZipFile(src, "w") as archive:
        archive.writestr("photos/readme.txt", "not a Word document")
    refused(tmp_path, src, "不是有效的 Word 文件", "is not a valid Word file")


def test_text_with_no_recognisable_structure(tmp_path):
    # A title and one paragraph of a real plan, without notice or numbered clauses.
    src = tmp_path / "fragment.txt"
    src.write_text("东阳市促进残疾人就业行动实施方案(2023—2025年)\n"
                   "为贯彻落实《浙江省人民政府办公厅关于印发〈浙江省促进残疾人就业行动方案(2022—2025年)〉的通知》"
                   "(浙政办发〔2022〕59号)精神,制定本实施方案。\n", encoding="utf-8")
    refused(tmp_path, src, "没有可识别的文件结构", "has no recognisable structure")


@pytest.mark.parametrize("name", ["guandu-stable-growth-measures-untitled.txt", "yunnan-stable-growth-22-opinion.txt"])
def test_real_page_without_a_title(tmp_path, name):
    # The stored pages of a 官渡区 measure and a 云南省 opinion start below the title: none to publish it under.
    refused(tmp_path, SOURCES / name, "找不到文件标题", "no title was found")


def test_old_word_format(tmp_path):
    src = tmp_path / "plan.doc"
    src.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    refused(tmp_path, src, "旧版 Word", "old Word (.doc)")


def test_missing_file(tmp_path):
    refused(tmp_path, tmp_path / "nowhere.txt", "找不到文件", "not found")


@pytest.mark.parametrize("bad_id", ["Plan 2025", "计划", "-x"])
def test_invalid_id(tmp_path, bad_id):
    refused(tmp_path, SOURCES / "wucheng-growth-measures.txt", "不是有效的编号", "is not a valid id", f"--id={bad_id}",
            names_file=False)


def test_new_departments_of_no_government(tmp_path):
    """New departments go to their government's file: a text that names no
    registered government and no issuer has none to put them in."""
    src = tmp_path / "measures.txt"
    src.write_text("关于推进测试工作的若干措施\n一、加强测试工作。(区测试局牵头)\n二、完善测试制度。(区测试局负责)\n",
                   encoding="utf-8")
    refused(tmp_path, src, "中的部门没有可归属的政府:原文没有提到本站已登记的政府,也没有写明发文机关。请先在 content/governments/ 中登记",
            "the text names no registered government and no issuer. Register the government in content/governments/",
            "--id", "test-measures")
