"""Downloads (条例 第24条: 检索、查阅、下载): every document page offers its
file. The original that staff put under content/ (``original_file``), checked
and published as it is; otherwise a PDF the site makes from the published
text, labelled 本站根据原文生成 and never presented as the original; a
document whose text the site does not have says why there is nothing."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from catalogue_edits import replace_line
from conftest import CONTENT, build_site, copy_project, run_cli
from html_tree import norm, parse, resolve, site_rel
from problems import assert_one_problem, place, problems_of
from policy_site.content import load_content
from policy_site.present import file_size

PLAN = "content/plan.yaml"
PLAN_ID = "hs-2018-138"
GENERATED = "本站根据原文生成"
SPACE = re.compile(r"\s+")


@pytest.fixture(scope="module")
def content():
    return load_content(CONTENT)


def download_block(site: Path, doc_id: str):
    page = parse(site / "documents" / doc_id / "index.html")
    blocks = page.article.find_all(cls="doc-download")
    assert len(blocks) == 1, f"documents/{doc_id}: {len(blocks)} p.doc-download"
    return page, blocks[0]


def downloaded(site: Path, doc_id: str) -> tuple[str, Path, str]:
    """(the block's text, the file its one link opens, that path under the site)."""
    page, block = download_block(site, doc_id)
    anchors = block.find_all("a")
    assert len(anchors) == 1, block.text()
    assert "download" in anchors[0].attrs, "the link downloads the file"
    target, _ = resolve(site, page.path, anchors[0].attrs["href"])
    assert target.is_file(), f"documents/{doc_id}: the download link opens nothing ({target})"
    return block.text(), target, site_rel(site, target)


# What every page of a generated PDF carries above and below the text.
RUNNING = re.compile(GENERATED + r"·不是原件|第\d+页，共\d+页")


def pdf_text(path: Path) -> tuple[PdfReader, str]:
    """The PDF and its text without the running header and footer, white
    space removed (lines break anywhere in CJK text); asserts that every
    page carries the header."""
    reader = PdfReader(path)
    pages = [SPACE.sub("", p.extract_text()) for p in reader.pages]
    for number, page in enumerate(pages, 1):
        assert len(RUNNING.findall(page)) == 2, f"{path.name}: page {number} lacks its header or footer"
    return reader, "".join(RUNNING.sub("", page) for page in pages)


def clause_texts(content, doc) -> list[str]:
    return [part for ref in content.clauses(doc) for part in (
        (ref.clause.number or "") + (ref.clause.heading or ""), *(ref.clause.text or "").split("\n\n")) if part.strip()]


# -- Generated PDFs -----------------------------------------------------------------

def test_every_document_with_text_offers_a_generated_pdf(site_dir, content):
    for doc in content.full_documents:
        text, target, rel = downloaded(site_dir, doc.id)
        assert rel == f"documents/{doc.id}/{doc.id}-text.pdf"
        assert target.read_bytes().startswith(b"%PDF-")
        assert norm(f"（PDF，{file_size(target.stat().st_size)}）") in text, text
        assert GENERATED in text and "不是发布机关的原件" in text and "原件）" not in text, text


def test_generated_pdf_holds_every_clause_and_says_what_it_is(site_dir, content):
    for doc in content.full_documents:
        reader, text = pdf_text(site_dir / "documents" / doc.id / f"{doc.id}-text.pdf")
        missing = [t for t in clause_texts(content, doc) if SPACE.sub("", t) not in text]
        assert not missing, f"{doc.id}: clauses not in the PDF: {missing[:3]}"
        assert SPACE.sub("", doc.title) in text and "不是发布机关的原件" in text
        assert reader.metadata.get("/CreationDate") is None and reader.metadata.get("/ModDate") is None


def test_generated_pdf_embeds_cjk_fonts_only(site_dir, content):
    for doc in content.full_documents:
        reader = PdfReader(site_dir / "documents" / doc.id / f"{doc.id}-text.pdf")
        fonts = set()
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descendant = font["/DescendantFonts"][0].get_object()
                descriptor = descendant["/FontDescriptor"].get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
                fonts.add(str(font["/BaseFont"]).split("+")[-1])
        assert fonts and all("CJK-SC" in f for f in fonts), fonts


def test_generated_pdf_does_not_depend_on_the_clock(site_dir, content, tmp_path):
    """Another build, at another SOURCE_DATE_EPOCH and in another time zone,
    in another process: the same bytes."""
    project = copy_project(tmp_path / "p")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "TZ": "America/New_York"}
    other = tmp_path / "site"
    result = build_site(project, other, env=env)
    assert result.returncode == 0, result.stderr
    for doc in content.full_documents:
        rel = Path("documents") / doc.id / f"{doc.id}-text.pdf"
        assert (other / rel).read_bytes() == (site_dir / rel).read_bytes(), rel


def test_document_without_text_says_why_nothing_downloads(site_dir, content):
    docs = [d for d in content.documents.values() if not d.body]
    assert docs, "the fixture has citation-only documents"
    for doc in docs:
        _, block = download_block(site_dir, doc.id)
        assert not block.find_all("a") and "暂无可下载的文件" in block.text(), block.text()
        assert not list((site_dir / "documents" / doc.id).glob("*.pdf"))


def test_build_stops_without_the_cjk_fonts(tmp_path):
    """No fontconfig that finds Noto CJK: the build says what to install and
    leaves the previous site alone, rather than publish boxes for characters."""
    project = copy_project(tmp_path / "p")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous", encoding="utf-8")
    empty = tmp_path / "bin"
    empty.mkdir()
    result = build_site(project, site, env={**os.environ, "PATH": str(empty)})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "fonts-noto-cjk" in result.stderr and "Noto Serif CJK SC" in result.stderr
    assert "网站未更新" in result.stderr and "Traceback" not in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "previous"


# -- Original files -------------------------------------------------------------------

# The smallest files of each kind: what a signature check sees first.
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def zipped(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


def with_original(project: Path, name: str, data: bytes | None) -> str:
    """The plan names ``name`` as its original; ``data`` written there (None: no file). The new line."""
    if data is not None:
        (project / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "content" / name).write_bytes(data)
    line = f"original_file: {name}"
    replace_line(project, PLAN, "short_title: 海曙区“小微企业三年成长计划”(2018-2020年)",
                 f"short_title: 海曙区“小微企业三年成长计划”(2018-2020年)\n{line}")
    return line


@pytest.mark.parametrize("name, data, kind", [
    ("files/hs-2018-138.pdf", PDF, "PDF"),
    ("files/hs-2018-138.ofd", zipped("OFD.xml", "Doc_0/Document.xml"), "OFD"),
    ("files/海曙区计划.DOCX", zipped("[Content_Types].xml", "word/document.xml"), "Word 文档(DOCX)"),
    ("files/hs-2018-138.wps", OLE, "WPS 文字文档"),
])
def test_original_file_is_published_as_it_is(tmp_path, name, data, kind):
    project = copy_project(tmp_path / "p")
    with_original(project, name, data)
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    text, target, rel = downloaded(site, PLAN_ID)
    extension = name.rsplit(".", 1)[1].lower()
    assert rel == f"documents/{PLAN_ID}/{PLAN_ID}.{extension}"
    assert target.read_bytes() == data
    assert norm(f"（原件）（{kind}，{file_size(len(data))}）") in text and GENERATED not in text, text
    assert not (site / "documents" / PLAN_ID / f"{PLAN_ID}-text.pdf").exists(), "the original replaces the generated PDF"


@pytest.mark.parametrize("name, data, words", [
    ("files/missing.pdf", None, ("content/files/missing.pdf",)),
    ("files/plan.txt", b"text", ("plan.txt", "pdf")),
    ("../plan.pdf", None, ("../plan.pdf",)),
    ("files/empty.pdf", b"", ("content/files/empty.pdf",)),
    ("files/word.pdf", zipped("word/document.xml"), ("content/files/word.pdf", "PDF")),
    ("files/not-word.docx", zipped("content.xml"), ("content/files/not-word.docx", "DOCX")),
    ("files/not-ole.doc", PDF, ("content/files/not-ole.doc", "DOC")),
])
def test_bad_original_file_is_refused_where_it_is_named(tmp_path, name, data, words):
    project = copy_project(tmp_path / "p")
    line = with_original(project, name, data)
    text = (project / PLAN).read_text(encoding="utf-8")
    assert_one_problem(problems_of(project), PLAN, place(text, line, name), "original_file", *words)


def test_bad_original_fails_the_check(tmp_path):
    project = copy_project(tmp_path / "p")
    with_original(project, "files/missing.pdf", None)
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert "content/plan.yaml:" in result.stderr and "original_file" in result.stderr
    assert "找不到原件文件" in result.stderr and "does not exist" in result.stderr
