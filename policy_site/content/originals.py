"""The original files of documents (``original_file``): where they are, what
kind of file each is by its first bytes, how large.

A document's original is the file its issuing body published (PDF, OFD,
Word or WPS). Staff put it under content/ and name it in the document; the
site publishes it for download as it is, after checking that it is there,
is the kind its name says, and is of a size a reader can download.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import Problems
from .. import present  # a module, not its names: present imports content (status) in turn
from ..validate import Record

# Kind (the name's extension) -> (how the site names it, the signature its
# first bytes carry). DOC and WPS are both OLE compound files; DOCX and OFD
# are zip archives, told apart by the part every such archive holds.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
KINDS = {
    "pdf": ("PDF", b"%PDF-", None),
    "ofd": ("OFD", _ZIP, "OFD.xml"),
    "docx": ("Word 文档(DOCX)", _ZIP, "word/document.xml"),
    "doc": ("Word 97-2003 文档(DOC)", _OLE, None),
    "wps": ("WPS 文字文档", _OLE, None),
}
# A reader on a mobile connection downloads it; a static host serves it.
MAX_BYTES = 50_000_000


@dataclass(frozen=True)
class Original:
    path: Path  # the file on disk
    extension: str  # a key of KINDS
    size: int  # bytes

    @property
    def kind(self) -> str:
        return KINDS[self.extension][0]

    @property
    def size_text(self) -> str:
        return present.file_size(self.size)


def check_originals(documents, root: Path, problems: Problems) -> dict[str, Original]:
    """The original file of every document that names one, by document id;
    a problem for each that is missing or is not what its name says."""
    found = {}
    for doc in documents:
        if doc.original_file:
            original = _original(doc, root, problems)
            if original:
                found[doc.id] = original
    return found


def _original(doc: Record, root: Path, problems: Problems) -> Original | None:
    name = doc.original_file
    where = doc.where("original_file")
    rel = PurePosixPath(name.replace("\\", "/"))
    extension = rel.suffix.lower().lstrip(".")
    kinds = "、".join(KINDS)
    if rel.is_absolute() or ".." in rel.parts:
        problems.add(*where, f"原件文件“{name}”要写成 content/ 中的路径,例如 files/{doc.id}.pdf(不以 / 开头,不含 ..)。",
                     f'the original file "{name}" must be a path inside content/, e.g. files/{doc.id}.pdf '
                     "(not starting with /, without ..).")
        return None
    if extension not in KINDS:
        problems.add(*where, f"原件文件“{name}”的类型不能发布:原件只能是 {kinds} 文件。",
                     f'the original file "{name}" is not a kind the site publishes: an original is a '
                     f"{', '.join(KINDS)} file.")
        return None
    path = root.joinpath(*rel.parts)
    if not path.is_file():
        problems.add(*where, f"找不到原件文件 content/{rel}:请把文件放到这个位置,或改正路径(区分大小写)。",
                     f"the original file content/{rel} does not exist: put the file there or correct the path "
                     "(case matters).")
        return None
    size = path.stat().st_size
    if size == 0 or size > MAX_BYTES:
        problems.add(*where, f"原件文件 content/{rel} 的大小是 {present.file_size(size)}:"
                     f"{'文件是空的,请重新保存原件' if not size else f'超过 {present.file_size(MAX_BYTES)},读者难以下载,请提供压缩后的文件'}。",
                     f"the original file content/{rel} is {size} bytes: "
                     f"{'it is empty; save the original again' if not size else f'over {MAX_BYTES} bytes, too large to download; provide a smaller file'}.")
        return None
    label, signature, part = KINDS[extension]
    if not _is_kind(path, signature, part):
        problems.add(*where, f"原件文件 content/{rel} 的内容不是 {label}:文件名是 .{extension},内容却不是。"
                     "请放入发布机关公布的原件,或把扩展名改成它真正的类型。",
                     f"the original file content/{rel} is named .{extension} but its content is not {label}. "
                     "Put the file the issuing body published there, or give it the extension of its real kind.")
        return None
    return Original(path, extension, size)


def _is_kind(path: Path, signature: bytes, part: str | None) -> bool:
    with path.open("rb") as f:
        if f.read(len(signature)) != signature:
            return False
    if part is None:
        return True
    try:
        with zipfile.ZipFile(path) as archive:
            return part in archive.namelist()
    except zipfile.BadZipFile:
        return False
