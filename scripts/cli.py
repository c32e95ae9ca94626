"""Command line: ``python -m scripts check | build | schema``.

``check`` validates content only; ``build`` validates, builds into a
temporary directory, checks every internal link of the result
(``scripts.linkcheck``) and replaces ``site/`` only when everything succeeded,
so a failed build leaves the last good site exactly as it was.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .content import Content, load_content
from .errors import ContentError
from .linkcheck import LINK_SCAN_ENV, check_site, load_scanned
from .schema.jsonschema import schema_texts

ROOT = Path(__file__).resolve().parent.parent
# Written next to the site folder after each successful build: the external
# links of the published site (url<TAB>page), for staff to review by hand.
EXTERNAL_LINKS = "external-links.txt"


def check(root: Path) -> int:
    return 0 if _checked(root) else 1


def _checked(root: Path) -> Content | None:
    """Validate and report; the content when it is good, None otherwise."""
    try:
        content = load_content(root / "content")
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
    return content


def build(root: Path, site_dir: Path) -> int:
    """Check and build side by side (two cores), publish only if both succeed."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, TZ="UTC")
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # the README covers the move to Zensical
    with tempfile.TemporaryDirectory(prefix=".site-build-", dir=site_dir.parent) as tmp:
        staging = Path(tmp) / "site"
        log = open(Path(tmp) / "build.log", "w+", encoding="utf-8")
        # The MkDocs hook scans each page for the link check as it renders it.
        env[LINK_SCAN_ENV] = str(Path(tmp) / "links.pickle")
        # The MkDocs hook validates the same content, so the build never
        # publishes anything broken; the check here gives staff one clean report.
        child = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
             "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(staging)],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        if _checked(root) is None:
            child.kill()
            child.wait()
            log.close()
            print("网站未更新,原有网站保持不变。\nThe site was not rebuilt; the previous site is unchanged.", file=sys.stderr)
            return 1
        returncode = child.wait()
        log.seek(0)
        output = log.read()
        log.close()
        if returncode != 0:
            print(output, file=sys.stderr)
            print("构建失败,原有网站保持不变。\nBuild failed; the previous site is unchanged.", file=sys.stderr)
            return returncode
        # Every internal link and anchor must resolve, and every page be reachable
        # from the home page, before the new site replaces the old one.
        report = check_site(staging, env.get("SITE_URL", ""), load_scanned(Path(env[LINK_SCAN_ENV])))
        if not report.ok:
            print(report.format(), file=sys.stderr)
            print("构建失败,原有网站保持不变。\nBuild failed; the previous site is unchanged.", file=sys.stderr)
            return 1
        # Swap in the new site: the old one is removed only after the new one is in place.
        old = Path(tmp) / "previous"
        if site_dir.exists():
            site_dir.rename(old)
        staging.rename(site_dir)
    external = site_dir.parent / EXTERNAL_LINKS
    external.write_text(report.external_text(), encoding="utf-8")
    print(f"{report.external_summary()} -> {external}")
    print(f"网站已生成:{site_dir}\nSite built: {site_dir}")
    return 0


def schema(root: Path, check_only: bool) -> int:
    """Write (or with ``check_only`` compare) the editor schemas under schema/."""
    stale = []
    for name, text in schema_texts().items():
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (with mkdocs.yml and content/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate content/")
    b = sub.add_parser("build", help="validated, atomic build into site/")
    b.add_argument("--site-dir", type=Path, default=None)
    s = sub.add_parser("schema", help="write schema/content.schema.json from the content model")
    s.add_argument("--check", action="store_true", help="fail if the committed schema is stale")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        return check(root)
    if args.command == "build":
        return build(root, args.site_dir or root / "site")
    return schema(root, args.check)
