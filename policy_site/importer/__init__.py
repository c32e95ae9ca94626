"""``policy-site import``: an official text becomes a draft content file.

read (txt, docx, html; encodings) -> structure (metadata, notice, titles,
clause tree, attachments) -> assemble (units, citations, proposed
indicators, review items) -> draft (YAML in the model's order, with lines)
-> checked with the site's own loader together with the existing content ->
written, never over an existing file. The review list says what a person
must look at, each item with its YAML path and line.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..content import load_content
from ..errors import ContentError
from ..proposed_id import from_doc_no
from ..schema.model import DOCUMENT, GOVERNMENT
from ..schema.types import Id, Invalid
from .assemble import Known, assemble
from .draft import emit, emit_items, emit_reviewed
from .errors import ImportFailure
from .read import read_source
from .structure import parse

__all__ = ["ImportFailure", "ImportResult", "import_document"]


@dataclass
class ImportResult:
    path: Path  # the draft, under content/
    stub_paths: list[Path]
    review: list[tuple[int, str, str]]  # (line, YAML path, what to review)
    clauses: int
    indicators: int
    text: str
    government_path: Path | None = None  # the government's file new departments were written to
    government_registered: bool = False  # government_path is a government the draft registered
    new_departments: int = 0  # departments written to government_path


def import_document(root: Path, src: Path, doc_id: str | None = None) -> ImportResult:
    """Import ``src`` into ``root``/content; ``ImportFailure`` (nothing written) when it cannot."""
    content_dir = root / "content"
    source = read_source(src)
    try:
        existing = load_content(content_dir)
    except ContentError as error:
        raise ImportFailure(
            "content/ 中现有的文件没有通过检查,请先运行 make check 并按提示改正,再导入:\n" + error.format(),
            "the existing files in content/ do not pass the check; run make check and fix them first:\n"
            + error.format()) from None
    parsed = parse(source.paragraphs)
    name = src.name
    if not parsed.title:
        raise ImportFailure(
            f"在“{name}”中找不到文件标题,也找不到印发通知或正文标题。请确认复制的是政策文件全文,"
            "并把网页上的文件标题作为第一行一起复制进去,再导入。",
            f'no title was found in "{name}" (no notice title, disclosure title or body title). Make sure the file holds '
            "the whole policy document and that its first line is the document's title as the web page shows it.")
    if not parsed.notice and not parsed.framed and not any(c.number for c in _walk(parsed.clauses)):
        raise ImportFailure(
            f"“{name}”中没有可识别的文件结构:没有印发通知,也没有“一、”“（一）”“1.”“第一条”等条款编号。"
            "请确认这是一份政策文件的全文(从标题到附件)。",
            f'"{name}" has no recognisable structure: no notice and no clause numbers such as 一、 (一) 1. 第一条. '
            "Make sure it holds the whole text of a policy document, from its title to its attachments.")
    government = _government_named(parsed, existing)
    # Departments are scoped to their government: only the departments of the
    # government the text names are reused by name (another government's
    # 区科技局 is another body). Namesakes within it: the first is proposed,
    # and the review list names the others. New ones go to its file.
    gov_id = government.id if government else _free_government_id(existing, content_dir)
    in_scope = [d for d in existing.departments.values() if d.scope == gov_id]
    known = Known(
        departments={name: ids[0] for name, ids in _ids_by_name(in_scope).items()},
        namesakes={name: ids for name, ids in _ids_by_name(in_scope).items() if len(ids) > 1},
        documents_by_no={d.metadata.doc_no: d.id for d in existing.documents.values() if d.metadata.doc_no},
        document_ids=set(existing.documents),
        government_file=f"content/governments/{gov_id}.yaml",
    )
    draft = assemble(parsed, known, source.one_line)
    doc_no = draft.document["metadata"].get("doc_no")
    _refuse_a_second_copy(draft.document, existing)
    final_id = _document_id(doc_id, doc_no, src, known, content_dir)
    draft.document["id"] = final_id
    if government is not None:
        draft.document["government"] = government.id
        draft.note("government", f"所属政府按文中出现的“{government.name}”填为 {government.id};"
                                 "它的部门只沿用这个政府已有的部门。如果不对,请改正或删掉这一行。")
    gov_file = []
    issuer = draft.document["metadata"].get("issuer") or _issuer(parsed)
    if government is None and (draft.departments or issuer):
        # The government the text names is registered with the draft, for staff to confirm.
        gov_path = content_dir / "governments" / f"{gov_id}.yaml"
        gov_name = _issuing_government(issuer, name)
        gov = {"id": gov_id, "name": gov_name} | ({"departments": draft.departments} if draft.departments else {})
        gov_text, _ = emit_reviewed(
            GOVERNMENT, gov, "# yaml-language-server: $schema=../../schema/government.schema.json", {},
            [("name", f"导入时按发文机关“{issuer}”新登记的政府,名称定为“{gov_name}”。请核对名称;"
                      "把编号改成易读的英文(文件名、id 和使用它的文件一起改),或改用本站已登记的政府。")])
        draft.document["government"] = gov_id
        draft.note("government", f"原文没有提到本站已登记的政府:按发文机关新登记了政府 {gov_id}({gov_path.name}),"
                                 f"{'新部门写在那里。' if draft.departments else ''}请改成易读的编号(文件名、文件中的 id "
                                 "和这里一起改),或改成本站已登记的政府并把新部门移过去。")
        gov_file = [(gov_path, gov_text)]
    elif draft.departments:  # new departments go to their government's file
        gov_path = content_dir / "governments" / f"{gov_id}.yaml"
        gov_file = [(gov_path, _with_departments(gov_path, draft.departments))]
    path = content_dir / f"{final_id}.yaml"
    text, review = emit_reviewed(DOCUMENT, draft.document, "# yaml-language-server: $schema=../schema/content.schema.json",
                                 draft.comments, [(item.path, item.zh) for item in draft.review])
    stubs = []
    for stub in draft.stubs:
        stub_text, _ = emit(DOCUMENT, stub, "# yaml-language-server: $schema=../../schema/content.schema.json", {})
        stub_path = content_dir / "documents" / f"{stub['id']}.yaml"
        if stub_path.exists():
            raise ImportFailure(f"要新建的引用文件条目 {stub_path} 已经存在,没有覆盖。",
                                f"the cited-document entry {stub_path} already exists; it was not overwritten.")
        stubs.append((stub_path, stub_text))
    _check_together(content_dir, [(path, text)] + stubs + gov_file)
    _write_new([(path, text)] + stubs)
    for gov_path, gov_text in gov_file:  # a new government's file, or its own with departments added
        gov_path.parent.mkdir(exist_ok=True)
        gov_path.write_text(gov_text, encoding="utf-8")
    clauses = list(_walk(parsed.clauses))
    drafted = _walk(draft.document["body"]["clauses"], lambda c: c.get("children", []))
    indicators = sum(len(c.get("indicators", [])) for c in drafted)
    return ImportResult(path, [p for p, _ in stubs], review, len(clauses), indicators, text,
                        gov_file[0][0] if gov_file else None, government is None and bool(gov_file),
                        len(draft.departments))


def _walk(clauses, children=lambda c: c.children):
    """Every clause, each followed by the clauses below it (``children`` finds them)."""
    for c in clauses:
        yield c
        yield from _walk(children(c), children)


def _refuse_a_second_copy(doc: dict, existing) -> None:
    """``ImportFailure`` naming the file of the site's document with the same 文号,
    or with the same title and date (written date or notice date)."""
    doc_no = doc["metadata"].get("doc_no")
    day = doc["metadata"].get("written_date") or (doc.get("notice") or {}).get("date")
    for other in existing.documents.values():
        file = other.where()[0]
        if doc_no and other.metadata.doc_no == doc_no:
            raise ImportFailure(
                f"文号为“{doc_no}”的文件本站已经有了:{file}(编号 {other.id})。如需修改,请直接编辑该文件,不要重复导入。",
                f'a document numbered "{doc_no}" is already on the site: {file} (id {other.id}). '
                "Edit that file instead of importing the text again.")
        days = {str(d) for d in (other.metadata.written_date, other.notice.date if other.notice else None) if d}
        if day and other.title == doc["title"] and day in days:
            raise ImportFailure(
                f"标题为“{doc['title']}”、日期为 {day} 的文件本站已经有了:{file}(编号 {other.id})。"
                "如需修改,请直接编辑该文件,不要重复导入。",
                f'a document titled "{doc["title"]}" of {day} is already on the site: {file} (id {other.id}). '
                "Edit that file instead of importing the text again.")


def _document_id(given: str | None, doc_no: str | None, src: Path, known: Known, content_dir: Path) -> str:
    if given:
        try:
            Id().convert(given)
        except Invalid as exc:
            raise ImportFailure(f"ID {exc.zh}", f"ID {exc.en}") from None
        candidate = given
    else:
        stem = src.stem.lower()
        candidate = from_doc_no(doc_no) or _as_id(stem)
        if candidate is None:
            raise ImportFailure(
                "原文没有文号,文件名也不能用作编号。请用 ID= 指定一个编号(小写英文字母、数字和连字符,"
                "例如 make import SRC=文件.txt ID=village-affairs-2006)。",
                "the text has no document number and the file name cannot serve as an id. Give one with ID= "
                "(lower-case letters, digits and hyphens, e.g. make import SRC=file.txt ID=village-affairs-2006).")
    target = content_dir / f"{candidate}.yaml"
    if candidate in known.document_ids or target.exists():
        raise ImportFailure(
            f"编号“{candidate}”已被使用({target.relative_to(content_dir.parent)} 或另一份文件),导入不会覆盖已有文件。"
            "请用 ID= 指定另一个编号。",
            f'the id "{candidate}" is already taken ({target.relative_to(content_dir.parent)} or another document); '
            "the importer never overwrites a file. Give another id with ID=.")
    return candidate


def _as_id(text: str) -> str | None:
    """``text`` when it is an id of the model's pattern (types.Id), else None."""
    try:
        return Id().convert(text)
    except Invalid:
        return None


def _check_together(content_dir: Path, files: list[tuple[Path, str]]) -> None:
    """Load the existing content with the new files, exactly as make check will."""
    with tempfile.TemporaryDirectory(prefix="policy-site-import-") as tmp:
        trial = Path(tmp) / "content"
        shutil.copytree(content_dir, trial)
        for path, text in files:
            target = trial / path.relative_to(content_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        try:
            load_content(trial)
        except ContentError as error:
            raise ImportFailure(
                "导入程序生成的草稿没有通过检查(这是导入程序的问题,请把原文件和下面的信息交给技术人员):\n" + error.format(),
                "the draft the importer made does not pass the check (a fault of the importer; "
                "please pass the source file and this report to a developer):\n" + error.format()) from None


def _write_new(files: list[tuple[Path, str]]) -> None:
    written = []
    try:
        for path, text in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "x", encoding="utf-8") as handle:  # "x": never over an existing file
                handle.write(text)
            written.append(path)
    except FileExistsError as exc:
        for path in written:
            path.unlink()
        raise ImportFailure(f"文件 {exc.filename} 已经存在,导入不会覆盖已有文件。",
                            f"{exc.filename} already exists; the importer never overwrites a file.") from None


def _ids_by_name(departments) -> dict[str, list[str]]:
    """Department name -> the ids of those departments of that name, in content order."""
    found: dict[str, list[str]] = {}
    for dept in departments:
        found.setdefault(dept.name, []).append(dept.id)
    return found


def _government_named(parsed, existing):
    """The registered government (content/governments/) whose name the title, issuer or
    signatory contains, when exactly one does (金华市婺城区人民政府关于… →
    the government named 金华市婺城区); otherwise None: the draft names none."""
    said = " ".join(filter(None, [parsed.title, parsed.issuer_line, parsed.metadata.values.get("issuer"),
                                  parsed.notice.signatory if parsed.notice else None]))
    found = [g for g in existing.governments.values() if g.name and g.name in said]
    return found[0] if len(found) == 1 else None


def _free_government_id(existing, content_dir: Path) -> str:
    """An id for a government the text names that is not registered (for staff to make readable)."""
    n = 1
    while f"government-{n}" in existing.governments or (content_dir / "governments" / f"government-{n}.yaml").exists():
        n += 1
    return f"government-{n}"


def _issuing_government(issuer: str | None, name: str) -> str:
    """The name of the government that issued the text: its issuer without
    人民政府 / 办公厅 (宁夏回族自治区人民政府 -> 宁夏回族自治区), or the place
    a department's name begins with (厦门市商务局 -> 厦门市)."""
    if not issuer:
        raise ImportFailure(
            f"“{name}”中的部门没有可归属的政府:原文没有提到本站已登记的政府,也没有写明发文机关。请先在 "
            "content/governments/ 中登记这个政府(id 和 name,name 与原文标题中的地名一致),再导入。",
            f'the departments in "{name}" have no government: the text names no registered government and no '
            "issuer. Register the government in content/governments/ first (id and name, the name as the title "
            "writes it), then import again.")
    m = re.match(r"(.{2,}?)(人民政府|政府)", issuer) or re.match(r"(\S{1,20}?(?:自治区|省|市|县|区))\S", issuer)
    return m.group(1) if m else issuer


def _issuer(parsed) -> str | None:
    """Who issued the text, as it says: its disclosure block, notice signatory or the line under its title."""
    return parsed.metadata.values.get("issuer") or (parsed.notice.signatory if parsed.notice else None) \
        or parsed.issuer_line


def _with_departments(path: Path, departments: list[dict]) -> str:
    """The government's file with ``departments`` added after its own (nothing
    else in it moves)."""
    text = path.read_text(encoding="utf-8")
    lines = text.rstrip("\n").split("\n")
    root = yaml.compose(text)
    node = next((v for k, v in root.value if k.value == "departments"), None)
    if node is None:
        return "\n".join(lines + emit_items(departments, 0, "departments:")) + "\n"
    if isinstance(node, yaml.SequenceNode) and node.flow_style:
        raise ImportFailure(f"{path.name} 的 departments 写在了一行里;请改成每个部门一项(以“- ”开头)后再导入。",
                            f"the departments of {path.name} are written on one line; write one item per "
                            "department (starting with \"- \") and import again.")
    last = node
    while isinstance(last, (yaml.SequenceNode, yaml.MappingNode)) and last.value:
        last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
    at = last.end_mark.line + (0 if last.end_mark.column == 0 else 1)
    indent = node.start_mark.column if isinstance(node, yaml.SequenceNode) else 0
    return "\n".join(lines[:at] + emit_items(departments, indent) + lines[at:]) + "\n"
