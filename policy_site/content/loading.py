"""Find the content files, read and validate each, and register what it
defines; then resolve references and cross-check (``load_content``)."""

from __future__ import annotations

import datetime as dt
import fnmatch
from pathlib import Path

from ..errors import Problems
from ..schema.model import CONTENT_FILES, DOCUMENT, GOVERNMENT, INTERPRETATION, POLICY, SEARCH, SITE
from ..schema.types import Object
from ..validate import Record, Validator
from ..yaml_source import ParseCache, read_yaml
from .checks import check_site, check_site_files, check_vocabulary, cross_check
from .originals import check_originals
from .queries import Content
from .references import resolve_references


def content_files(root: Path) -> list[tuple[Path, Object]]:
    """Every content file under ``root`` with the model object it follows."""
    found = []
    # Top-level files (the main documents) first, then sub-folders.
    for path in sorted(root.rglob("*.yaml"), key=lambda p: (len(p.relative_to(root).parts), p.as_posix())):
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        for kind in CONTENT_FILES:
            if fnmatch.fnmatch(rel, kind.pattern) and rel.count("/") == kind.pattern.count("/"):
                found.append((path, kind.model))
                break
    return found


def load_content(root: Path, as_of: dt.date | None = None, parsed: ParseCache | None = None) -> Content:
    """Load, validate and cross-check all content under ``root``.

    ``as_of`` is the day catalogue statuses are judged on; by default the
    newest date the content states (never the clock, so builds reproduce).
    ``parsed`` keeps parsed files between loads (the preview).
    """
    root = Path(root)
    base = root.parent  # files are named from the project folder: content/plan.yaml
    problems = Problems()
    content = Content()
    files = content_files(root)
    for stray in sorted(root.rglob("*.yml")):
        problems.add(_display(stray, base), (1, 1), "",
                     "内容文件的扩展名必须是 .yaml(不是 .yml),否则不会被发布。",
                     "content files must end in .yaml (not .yml), or they are not published.")
    if not files:
        problems.add(_display(root, base), (1, 1), "",
                     "content 目录中没有任何 .yaml 内容文件。",
                     "the content folder holds no .yaml content file.")
    for path, obj in files:
        display = _display(path, base)
        stat = path.stat()
        content.file_versions[display] = (stat.st_mtime_ns, stat.st_size)
        node = parsed.read(path, display, problems) if parsed else read_yaml(path, display, problems)
        record = Validator(display, problems).object(node, obj, "") if node is not None else None
        if obj in (SITE, SEARCH):  # one of each per site: content.site, content.search
            setattr(content, obj.name, record)
            if record is None:
                content.unreadable.add(obj.name)
            else:
                (check_site if obj is SITE else check_vocabulary)(record, problems)
                if obj is SITE:
                    check_site_files(record, root, problems)
            continue
        if record is None or record.id is None:
            # Entities it defines are unknown now: do not also report every
            # reference to them as a second, misleading problem.
            content.unreadable.add(obj.name)
            continue
        if obj is not DOCUMENT and record.id != path.stem:  # one per file, found by its name
            problems.add(*record.where("id"),
                         f"编号“{record.id}”必须与文件名“{path.stem}”相同。",
                         f'the id "{record.id}" must equal the file name "{path.stem}".')
        registry, zh, en = {POLICY: (content.policies, "政策目录条目", "policy"),
                            INTERPRETATION: (content.interpretations, "政策解读", "interpretation"),
                            GOVERNMENT: (content.governments, "政府", "government"),
                            DOCUMENT: (content.documents, "文件", "document")}[obj]
        _register(registry, record, problems, zh, en)
        for dept in record.departments if obj is GOVERNMENT else ():
            # A government's departments are its own: two governments may both have a finance-office.
            dept.scope = record.id
            _register(content.departments, dept, problems, "部门", "department")
    if content.site is None and SITE.name not in content.unreadable and files:
        problems.add(_display(root / "site.yaml", base), (1, 1), "",
                     "缺少网站信息文件 content/site.yaml:请新建它,至少写一行 name: 网站名称(可参照 编辑指南.md 的“网站信息”一节)。",
                     "content/site.yaml is missing: create it with at least one line, name: <the site's name> "
                     "(see \"网站信息\" in 编辑指南.md).")
    resolve_references(content, problems)
    cross_check(content, problems)
    content.originals = check_originals(content.documents.values(), root, problems)
    problems.raise_if_any()
    latest = content.latest_date()
    content.as_of = as_of or (latest.date() if latest else None)
    return content


def _display(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _register(registry: dict, record: Record, problems: Problems, zh: str, en: str) -> None:
    key = record.ref_id
    if key is None:
        return
    if key in registry:
        first_file, first_pos, _ = registry[key].where("id")
        if record.scope:
            zh_scope, en_scope = f"在政府 {record.scope} 的{zh}中", f" among the {en}s of government {record.scope}"
            cure_zh = "每个部门只登记一次:删去重复的一项,或给它另一个编号。"
            cure_en = "Declare each department once: delete the repeated one, or give it another id."
        else:
            zh_scope, en_scope, cure_zh, cure_en = "", "", "", ""
        problems.add(*record.where("id"),
                     f"{zh}编号“{record.id}”{zh_scope}重复(已在 {first_file} 第 {first_pos[0]} 行使用)。{cure_zh}",
                     f'duplicate {en} id "{record.id}"{en_scope} (already used in {first_file} line {first_pos[0]}). {cure_en}'.rstrip())
        return
    registry[key] = record
