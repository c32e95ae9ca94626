"""Read an official document into paragraphs of plain text.

Staff bring what they have: text copied from a government website (in any of
the encodings Chinese Windows and websites use), a Word file, or a saved web
page. Everything is turned into the same thing, a list of paragraphs in
reading order, each stripped of the spaces around it and nothing else, so the
later steps never care where the text came from. Whatever is not a document
(an empty or binary file, an image, a PDF, a file too large to be one) is
refused here with a message that names the file and says what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ImportFailure

# An official document is a few hundred kilobytes at most; a Word file with
# pictures a few megabytes. Anything larger is not a policy text.
MAX_BYTES = 20 * 1024 * 1024

# Signatures of files that are certainly not documents we can read.
_SIGNATURES = [
    (b"%PDF", "PDF", "PDF"),
    (b"\x89PNG", "PNG 图片", "a PNG image"),
    (b"\xff\xd8\xff", "JPEG 图片", "a JPEG image"),
    (b"GIF8", "GIF 图片", "a GIF image"),
    (b"BM", "BMP 图片", "a BMP image"),
    (b"II*\x00", "TIFF 图片", "a TIFF image"),
    (b"MM\x00*", "TIFF 图片", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0", "旧版 Word(.doc)或 Excel(.xls)文件", "an old Word (.doc) or Excel (.xls) file"),
    (b"Rar!", "RAR 压缩包", "a RAR archive"),
    (b"\x1f\x8b", "gzip 压缩包", "a gzip archive"),
    (b"7z\xbc\xaf", "7z 压缩包", "a 7z archive"),
]

# Spaces around a paragraph are layout (indentation, centring), not text.
_EDGE_SPACE = " \t\r\f\v\u00a0\u3000\u2002\u2003\u2009\ufeff"


@dataclass
class Source:
    """A document as paragraphs of text, and what kind of file it came from."""

    path: Path
    kind: str  # "text", "docx" or "html"
    paragraphs: list[str]
    one_line: bool = False  # the text had lost its line breaks


def read_source(path: Path) -> Source:
    """The paragraphs of ``path``; ``ImportFailure`` when it is not a readable document."""
    name = path.name
    if not path.exists():
        raise ImportFailure(f"找不到文件“{path}”。请检查文件名和位置(SRC=文件路径)。",
                            f'file "{path}" not found. Check the file name and folder (SRC=path).')
    if path.is_dir():
        raise ImportFailure(f"“{path}”是文件夹,不是文件。请写出文件的完整名称。",
                            f'"{path}" is a folder, not a file. Give the full name of the file.')
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ImportFailure(
            f"文件“{name}”有 {size // (1024 * 1024)} MB,太大,不可能是一份政策文件(上限 {MAX_BYTES // (1024 * 1024)} MB)。"
            "请只复制文件正文,另存为 .txt 或 .docx 后再导入。",
            f'"{name}" is {size // (1024 * 1024)} MB, too large to be a policy document (limit {MAX_BYTES // (1024 * 1024)} MB). '
            "Copy only the document's text into a .txt or .docx file and import that.")
    raw = path.read_bytes()
    if not raw.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise ImportFailure(f"文件“{name}”是空的。请把政府网站上的文件全文复制进去,保存后再导入。",
                            f'"{name}" is empty. Paste the full text of the document from the government website, save, and import again.')
    for magic, zh, en in _SIGNATURES:
        if raw.startswith(magic):
            raise ImportFailure(
                f"文件“{name}”是{zh},不能导入。请从政府网站复制文字另存为 .txt,或用 Word 另存为 .docx 后再导入。",
                f'"{name}" is {en}, which cannot be imported. Copy the text from the government website into a .txt file, '
                "or save it from Word as .docx, and import that.")
    if raw.startswith(b"PK\x03\x04") or path.suffix.lower() == ".docx":
        from .word import docx_paragraphs

        return Source(path, "docx", _clean(docx_paragraphs(path, raw)))
    text = decode(raw, name)
    if path.suffix.lower() in (".html", ".htm") or _looks_like_html(text):
        from .webpage import html_paragraphs

        # A page states its own encoding; decode again if it names another one.
        declared = _declared_charset(raw)
        if declared and declared not in ("utf-8", "utf8"):
            try:
                text = raw.decode(_CODECS.get(declared, declared))
            except (LookupError, UnicodeDecodeError):
                pass
        return Source(path, "html", _clean(html_paragraphs(text)))
    lines = text.split("\n")
    # Notes written above the text (e.g. "# 来源: <address>") are not part of it.
    while lines and (lines[0].startswith("#") or not lines[0].strip(_EDGE_SPACE)):
        lines.pop(0)
    paragraphs = _clean(lines)
    # A whole document run into one line: a long paragraph in which clause
    # numbers follow spaces (… 一、指导思想 … （一）…), which paragraphs never hold.
    one_line = len(paragraphs) <= 3 and any(len(p) > 400 and len(_RUN_ON.findall(p)) >= 2 for p in paragraphs)
    if one_line:
        from .oneline import split_lost_breaks

        paragraphs = _clean(split_lost_breaks(" ".join(paragraphs)))
    return Source(path, "text", paragraphs, one_line)


_RUN_ON = re.compile(r"\s(?=[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+条|——|"
                     r"附\s*件|[0-9]{1,2}[.．](?![0-9]))")

_CODECS = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030"}


def decode(raw: bytes, name: str) -> str:
    """Text from UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK;
    refuse what is binary rather than guess."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        codecs = ["utf-8"]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        codecs = ["utf-16"]
    else:
        codecs = ["utf-8", "gb18030"]
    if b"\x00" in raw and codecs != ["utf-16"]:
        raise _binary(name)
    for codec in codecs:
        try:
            text = raw.decode(codec)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFailure(
            f"文件“{name}”的编码无法识别(不是 UTF-8,也不是 GBK/GB18030)。请用记事本打开后“另存为”UTF-8 编码再导入。",
            f'the encoding of "{name}" is not recognised (neither UTF-8 nor GBK/GB18030). Open it in a text editor, '
            "save it as UTF-8, and import again.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\t\f\v")
    if controls > max(2, len(text) // 200):
        raise _binary(name)
    return text


def _binary(name: str) -> ImportFailure:
    return ImportFailure(
        f"文件“{name}”不是文字文件(像是程序、图片或压缩包)。请从政府网站复制文件全文另存为 .txt,或用 Word 另存为 .docx 后再导入。",
        f'"{name}" is not a text file (it looks like a program, an image or an archive). Copy the full text from the '
        "government website into a .txt file, or save it from Word as .docx, and import that.")


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or (
        head.startswith("<") and re.search(r"<(p|div|td|body|span|table)\b", head) is not None)


def _declared_charset(raw: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([a-zA-Z0-9_-]+)", raw[:4096], re.I)
    return m.group(1).decode("ascii").lower() if m else None


def _clean(lines: list[str]) -> list[str]:
    """Paragraphs without their surrounding spaces; empty ones dropped."""
    result = []
    for line in lines:
        line = line.strip(_EDGE_SPACE + "\n")
        if line and line.strip("•●·▪■◆*" + _EDGE_SPACE):
            result.append(line)
    return result
