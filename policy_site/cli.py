"""Command line: ``policy-site check | generate | build | serve | schema | import``.

``check`` validates content only; ``generate`` writes the site's source tree
(``build/``); ``build`` validates, generates, renders the tree with an engine
into a temporary directory, checks every internal link of the result
(``policy_site.linkcheck``) and replaces ``site/`` only when everything
succeeded, so a failed build leaves the last good site exactly as it was;
``serve`` previews the site and rebuilds what an edit changed; ``import``
turns an official text (.txt, .docx, .html) into a draft under ``content/``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from . import editor
from .content import Content, load_content, published
from .content.drafts import draft_files, format_left_out
from .engines import DEFAULT, ENGINES, engine_environment
from .content_warnings import content_warnings
from .errors import ContentError, format_warnings
from .generate import TreeWriter, as_of_from_environment, generate
from .linkcheck import check_site
from .pdf import FontMissing
from .schema.cms import CONFIG_FILE, cms_config_text
from .schema.jsonschema import schema_texts

ROOT = Path.cwd()
# Where the generated source tree goes, under the project folder (the
# preview keeps its own beside it, in build/preview/).
TREE = "build/source"
# Written next to the site folder after each successful build: the external
# links of the published site (url<TAB>page), for staff to review by hand.
EXTERNAL_LINKS = "external-links.txt"


def check(root: Path, strict: bool = False) -> int:
    content = _checked(root)
    if content is None:
        return 1
    drafts = draft_files(content)
    if drafts:
        print(f"\n草稿:{len(drafts)} 个文件还有待核对事项(见上面的“草稿:待核对”提醒),make build 不会发布它们。\n"
              f"Drafts: {len(drafts)} file(s) have open review items (the \"draft: to review\" warnings above); "
              "make build does not publish them.", file=sys.stderr)
    if strict and content_warnings(content):
        print("check --strict:提醒也视为错误,请处理上面的提醒。\n"
              "check --strict: warnings count as errors; deal with the warnings above.", file=sys.stderr)
        return 1
    return 0


def _checked(root: Path) -> Content | None:
    """Validate and report (errors, else the counts and any warnings); the
    content when it is good, None otherwise."""
    try:
        content = load_content(root / "content", as_of=as_of_from_environment())
    except ContentError as error:
        print(error.format(), file=sys.stderr)
        return None
    clauses = sum(len(list(content.clauses(d))) for d in content.documents.values())
    indicators = sum(len(r.clause.indicators) for d in content.documents.values() for r in content.clauses(d))
    print(
        f"内容检查通过:{len(content.documents)} 份文件,{clauses} 个条款,{indicators} 项指标,"
        f"{len(content.departments)} 个部门,{len(content.policies)} 项政策目录条目。\n"
        f"Content OK: {len(content.documents)} documents, {clauses} clauses, "
        f"{indicators} indicators, {len(content.departments)} departments, "
        f"{len(content.policies)} catalogue entries."
    )
    warnings = content_warnings(content)
    if warnings:
        print("\n" + format_warnings(warnings), file=sys.stderr)
    return content


def build(root: Path, site_dir: Path, engine: str = DEFAULT, tree: Path | None = None,
          own_search: bool = True, timings: bool = False, shards: int | None = None, drafts: bool = False) -> int:
    """Check, generate the source tree, render it with ``engine`` into a
    temporary folder, check its links, and only then replace ``site_dir``.
    Drafts are left out (and named) unless ``drafts``."""
    clock = _Stages(timings)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    content = _checked(root)
    if content is None:
        print(_UNCHANGED, file=sys.stderr)
        return 1
    content = _without_drafts(content, drafts)
    clock.stage("load")
    tree = (tree or root / TREE).resolve()
    try:
        generate(root, TreeWriter(tree), content, own_search=own_search)
    except FontMissing as error:
        print(f"{error}\n{_UNCHANGED}", file=sys.stderr)
        return 1
    clock.stage("generate")
    env = engine_environment(content.source_date_epoch())
    with tempfile.TemporaryDirectory(prefix=".site-build-", dir=site_dir.parent) as tmp:
        staging = Path(tmp) / "site"
        with open(Path(tmp) / "build.log", "w+", encoding="utf-8") as log:
            returncode = ENGINES[engine](tree).render(staging, env, log, shards)
            clock.stage(engine)
            log.seek(0)
            output = log.read()
        if returncode != 0 or not staging.is_dir():
            print(output, file=sys.stderr)
            print(_FAILED, file=sys.stderr)
            return returncode or 1
        # Every internal link and anchor must resolve, and every page be reachable
        # from the home page, before the new site replaces the old one.
        report = check_site(staging, env.get("SITE_URL", ""))
        clock.stage("link check")
        if not report.ok:
            print(report.format(), file=sys.stderr)
            print(_FAILED, file=sys.stderr)
            return 1
        # The web editor, against the office's forge, only where site.yaml names one.
        if content.site.editor is not None:
            admin = editor.published_admin(root, content.site.editor)
            if admin is None:
                print(f"{editor.NOT_INSTALLED}\n{_UNCHANGED}", file=sys.stderr)
                return 1
            TreeWriter(staging / "admin").write(admin)
        # Swap in the new site: the old one is removed only after the new one is in place.
        old = Path(tmp) / "previous"
        if site_dir.exists():
            site_dir.rename(old)
        staging.rename(site_dir)
    external = site_dir.parent / EXTERNAL_LINKS
    external.write_text(report.external_text(), encoding="utf-8")
    print(f"{report.external_summary()} -> {external}")
    print(f"网站已生成:{site_dir}\nSite built: {site_dir}")
    clock.report()
    return 0


class _Stages:
    """Seconds per build stage, printed with --timings (for benchmarks)."""

    def __init__(self, enabled: bool):
        self.enabled, self.last, self.times = enabled, time.perf_counter(), []

    def stage(self, name: str) -> None:
        now = time.perf_counter()
        self.times.append((name, now - self.last))
        self.last = now

    def report(self) -> None:
        if self.enabled:
            print("timings: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.times))


def _without_drafts(content: Content, drafts: bool) -> Content:
    """What a published build contains (content/drafts.py); with ``drafts``, everything."""
    if drafts:
        return content
    content, left_out = published(content, as_of_from_environment())
    if left_out:
        print(format_left_out(left_out))
    return content


def generate_tree(root: Path, tree: Path, drafts: bool = False) -> int:
    """Write the site's source tree only (for an engine run by hand)."""
    content = _checked(root)
    if content is None:
        return 1
    content = _without_drafts(content, drafts)
    result = generate(root, TreeWriter(tree.resolve()), content)
    print(f"源文件已生成:{tree}({len(result.written)} 个文件更新,{len(result.removed)} 个删除)\n"
          f"Source tree written: {tree} ({len(result.written)} files changed, {len(result.removed)} removed)")
    return 0


_UNCHANGED = "网站未更新,原有网站保持不变。\nThe site was not rebuilt; the previous site is unchanged."
_FAILED = "构建失败,原有网站保持不变。\nBuild failed; the previous site is unchanged."


def schema(root: Path, check_only: bool) -> int:
    """Write (or with ``check_only`` compare) the editor schemas under
    schema/, and the web editor's configuration."""
    stale = []
    for name, text in {**schema_texts(), CONFIG_FILE: cms_config_text()}.items():
        path = root / "schema" / name
        if check_only:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
            continue
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote schema/{name}")
    if stale:
        print(f"schema/{', schema/'.join(stale)} out of date: run `make schema`.", file=sys.stderr)
        return 1
    return 0


def ids(root: Path, out: Path | None) -> int:
    """Write the editors' reference (ids, clause ids, allowed values) from the content."""
    from .editor_reference import FILE_NAME, reference_markdown

    content = _checked(root)
    if content is None:
        return 1
    target = out or root / "build" / FILE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(reference_markdown(content), encoding="utf-8")
    shown = target.relative_to(root).as_posix() if target.is_relative_to(root) else str(target)
    print(f"编号和取值表已生成 · Reference for editors written: {shown}")
    return 0


def import_file(root: Path, src: Path, doc_id: str | None) -> int:
    """Write a draft from ``src``, print what to review and, last, the draft's path."""
    from .importer import ImportFailure, import_document

    try:
        result = import_document(root, src, doc_id)
    except ImportFailure as failure:
        print(failure.format(), file=sys.stderr)
        return 1
    shown = result.path.relative_to(root).as_posix() if result.path.is_relative_to(root) else str(result.path)
    print(f"已导入:{result.clauses} 个条款,{result.indicators} 项拟议指标。"
          f"Imported: {result.clauses} clauses, {result.indicators} proposed indicators.")
    for stub in result.stub_paths:
        print(f"新建引用文件条目:{stub.relative_to(root).as_posix() if stub.is_relative_to(root) else stub}")
    if result.government_path:
        gov = result.government_path
        shown_gov = gov.relative_to(root).as_posix() if gov.is_relative_to(root) else gov
        if result.government_registered:
            print(f"新登记的政府(待核对):{shown_gov}")
        if result.new_departments:
            print(f"新部门写入所属政府的文件:{shown_gov}")
    print(f"\n请人工核对以下 {len(result.review)} 项(行号是 {shown} 中的行):")
    for n, (line, path, zh) in enumerate(result.review, 1):
        print(f"{n:>3}. 第 {line} 行  {path}\n     {zh}")
    print("\n核对完成后运行 make serve 预览,确认无误再提交。草稿文件:")
    print(shown)
    return 0


def _epoch_is_usable() -> bool:
    """SOURCE_DATE_EPOCH, read by us and by the engine, is a whole number of
    seconds; an empty value counts as not set (as CI templates often pass it)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch == "":
        del os.environ["SOURCE_DATE_EPOCH"]
    elif epoch is not None and not epoch.isdigit():
        print(f"环境变量 SOURCE_DATE_EPOCH 的值“{epoch}”不是整数秒数:请改成如 1544572800 的整数,或者不设置它。\n"
              f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds: set it to one, such as "
              "1544572800, or leave it unset.", file=sys.stderr)
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="policy-site", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (with mkdocs.yml and content/)")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="validate content/ (and print warnings)")
    c.add_argument("--strict", action="store_true", help="fail on warnings too")
    v = sub.add_parser("serve", help="preview with live reload: rebuilds what an edit changed")
    v.add_argument("--addr", default="127.0.0.1:8000", help="host:port (default 127.0.0.1:8000)")
    g = sub.add_parser("generate", help="write the site's source tree (build/source/)")
    g.add_argument("--tree", type=Path, default=None)
    g.add_argument("--drafts", action="store_true", help="include drafts (files with open review items)")
    b = sub.add_parser("build", help="validated, atomic build into site/")
    b.add_argument("--site-dir", type=Path, default=None)
    b.add_argument("--engine", choices=sorted(ENGINES), default=DEFAULT, help="default: %(default)s")
    b.add_argument("--tree", type=Path, default=None, help="where the source tree is written (default: build/source/)")
    b.add_argument("--search", choices=["own", "engine"], default="own",
                   help="own: the site's search index (default); engine: the engine's own (search benchmark)")
    b.add_argument("--drafts", action="store_true", help="include drafts (files with open review items), marked 草稿")
    b.add_argument("--timings", action="store_true", help="print the seconds each stage took")
    b.add_argument("--shards", type=int, default=None,
                   help="MkDocs: render in this many processes (default: by page count and cores)")
    s = sub.add_parser("schema", help="write schema/content.schema.json from the content model")
    s.add_argument("--check", action="store_true", help="fail if the committed schema is stale")
    d = sub.add_parser("ids", help="write build/编号和取值.md: every id and allowed value, for editors")
    d.add_argument("--out", type=Path, default=None, help="where to write it (default: build/编号和取值.md)")
    i = sub.add_parser("import", help="turn an official text (.txt, .docx, .html) into a draft under content/")
    i.add_argument("src", type=Path, help="the file to import")
    i.add_argument("--id", default=None, help="the new document's id (default: from its number or the file name)")
    args = parser.parse_args(argv)
    if not _epoch_is_usable():
        return 2
    root = args.root.resolve()
    if args.command == "check":
        return check(root, args.strict)
    if args.command == "build":
        return build(root, args.site_dir or root / "site", args.engine, args.tree,
                     own_search=args.search == "own", timings=args.timings, shards=args.shards,
                     drafts=args.drafts)
    if args.command == "serve":
        from .preview import serve

        return serve(root, args.addr)
    if args.command == "generate":
        return generate_tree(root, args.tree or root / TREE, args.drafts)
    if args.command == "ids":
        return ids(root, args.out.resolve() if args.out else None)
    if args.command == "import":
        return import_file(root, Path.cwd() / args.src, args.id)  # an absolute src stays as it is
    return schema(root, args.check)
