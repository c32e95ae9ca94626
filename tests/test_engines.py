"""Both engines build the same generated tree into a whole site.

MkDocs + Material is the published engine; Zensical, its successor, builds
the same source tree (`make build ENGINE=zensical`). The checks here depend
on no engine's markup, so they hold for both: every generated and
hand-written page is there, every sentence of every published clause is on
its document's page, every internal link and anchor resolves and every page
is reachable (policy_site.linkcheck), and a browser opening the site makes
no request to another host. And what our plugins do inside MkDocs
(policy_site/engines/mkdocs/plugins.py) changes no page: a plain
`mkdocs build` of the tree gives the same main content.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from browser import new_context, record_requests
from conftest import CONTENT, ROOT, copy_project, serve
from policy_site import engines, urls
from policy_site.content import load_content
from policy_site.engines import DEFAULT, engine_environment, generated_html
from policy_site.linkcheck import check_site
from policy_site.render import plain_text

@pytest.fixture(scope="module")
def engine_site(engine, engine_site_dir) -> tuple[str, Path]:
    """(engine, built site): the session's site of each engine (conftest.py)."""
    return engine, engine_site_dir


@pytest.fixture(scope="module")
def content():
    return load_content(CONTENT)


def _pages_of_tree(tree: Path) -> list[str]:
    """The URL of every page source in a generated tree (generated and hand-written)."""
    docs = tree / "docs"
    return [urls.page_url(path.relative_to(docs).as_posix()) for path in sorted(docs.rglob("*.md"))]


def test_every_page_of_the_tree_is_in_the_site(engine_site, project_dir, tmp_path):
    from policy_site.generate import TreeWriter, generate

    engine, site = engine_site
    generate(project_dir, TreeWriter(tmp_path / "tree"))
    pages = _pages_of_tree(tmp_path / "tree")
    assert len(pages) > 10
    missing = [p for p in pages if not (site / p / "index.html").is_file()]
    assert not missing, f"{engine}: pages missing from the site: {missing[:10]}"
    assert (site / "404.html").is_file() and (site / "sitemap.xml").is_file()


def test_every_clause_sentence_is_on_its_document_page(engine_site, content):
    engine, site = engine_site
    checked = 0
    for doc in content.full_documents:
        page = re.sub(r"\s+", "", plain_text((site / urls.document(doc) / "index.html").read_text(encoding="utf-8")))
        for ref in content.clauses(doc):
            for sentence in re.split(r"(?<=[。；])", ref.clause.text or ""):
                sentence = re.sub(r"\s+", "", sentence)
                if sentence:
                    assert sentence in page, f"{engine}: {doc.id} #{ref.clause.id}: not on the page: {sentence}"
                    checked += 1
    assert checked > 50


def test_every_internal_link_resolves_and_every_page_is_reachable(engine_site):
    engine, site = engine_site
    report = check_site(site)
    assert report.ok, f"{engine}:\n{report.format()}"
    assert report.pages > 10


def test_generated_pages_keep_the_generators_html_as_written(engine_site):
    """Both engines hand Python-Markdown only the headings of a generated
    page (policy_site/engines/generated_html.py): every run of HTML between
    its headings is in the built page byte for byte."""
    engine, site = engine_site
    tree = site.parent / f"{site.name}-tree" / "docs"
    pages = blocks = 0
    for source in sorted(tree.rglob("*.md")):
        front, _, body = source.read_text(encoding="utf-8").partition("\n---\n")
        if "\ngenerated: true\n" not in front + "\n":
            continue
        page = (site / urls.page_url(source.relative_to(tree).as_posix()) / "index.html").read_text(encoding="utf-8")
        kept = generated_html.split(body)[1]
        changed = [block[:120] for block in kept if block not in page]
        assert not changed, f"{engine}: {source.relative_to(tree)}: HTML changed by the engine: {changed[:3]}"
        pages, blocks = pages + 1, blocks + len(kept)
    assert pages > 30 and blocks > pages


@pytest.mark.browser
def test_no_request_leaves_localhost(engine_site, browser, content):
    engine, site = engine_site
    server, url = serve(site)
    context = new_context(browser)
    try:
        log = record_requests(context)
        page = context.new_page()
        doc = content.full_documents[0]
        paths = ["", urls.document(doc), urls.policies(), urls.self_check(), urls.departments()]
        paths += [urls.interpretation(i) for i in content.interpretations.values()]
        for path in paths:
            page.goto(url + path, wait_until="networkidle")
    finally:
        context.close()
        server.shutdown()
    assert len(log.urls) > len(paths), "no requests were recorded"
    leaving = log.external()
    assert not leaving, f"{engine}: requests to other hosts:\n" + "\n".join(leaving)


# A page's main content, as Material writes it.
_ARTICLE = re.compile(r'<article(?: class="md-content__inner md-typeset")?>(.*?)</article>', re.S)  # Material's, or the 404's own
# White space next to a block-level tag, which no browser shows: Python-Markdown
# puts raw HTML blocks on lines of their own (``</p>\n<div``) where our plugin
# puts back the generator's HTML as it was written (``</p><div``), and the two
# leave other blank lines between blocks.
_BESIDE_BLOCK = re.compile(r"\s*(</?(?:article|aside|blockquote|details|div|dl|dd|dt|figcaption|figure|footer|h[1-6]"
                           r"|header|hr|li|nav|ol|p|section|summary|table|tbody|td|th|thead|tr|ul)\b[^>]*>)\s*")
# A heading Python-Markdown left as written (markdown="span"): md_in_html
# converts nothing inside a raw HTML block that has no markdown attribute.
_UNCONVERTED = re.compile(r'<h[1-6] id="([^"]+)" markdown="span">')


def test_a_plain_mkdocs_build_of_the_tree_gives_the_same_main_content(site_dir, tmp_path):
    """`python -m mkdocs build` of the tree our build rendered (build/source/),
    as a command of its own with none of our plugins: every page is there,
    and its main content (Material's <article>) is ours, but for white space
    next to block-level tags. Every heading is converted by both: plain
    Python-Markdown converts only headings at the page's top level, which is
    where the templates put every heading."""
    tree, plain = site_dir.parent / f"{site_dir.name}-tree", tmp_path / "plain"
    env = engine_environment(load_content(CONTENT).source_date_epoch())
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                             str(tree / "mkdocs.yml"), "--site-dir", str(plain)],
                            capture_output=True, text=True, env=env, cwd=tree)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    assert pages == sorted(p.relative_to(plain).as_posix() for p in plain.rglob("*.html"))
    unconverted, differ = set(), []
    for page in pages:
        ours, theirs = (_ARTICLE.search((site / page).read_text(encoding="utf-8")).group(1) for site in (site_dir, plain))
        for anchor in _UNCONVERTED.findall(theirs):
            unconverted.add(anchor)
            permalink = f'<a class="headerlink" href="#{anchor}" title="[^"]*">¶</a>'
            ours = re.sub(f'(<h[1-6] id="{re.escape(anchor)}">[^<]*){permalink}', r"\1", ours)
        theirs = theirs.replace(' markdown="span"', "")
        if _BESIDE_BLOCK.sub(r"\1", ours) != _BESIDE_BLOCK.sub(r"\1", theirs):
            differ.append(page)
    assert len(pages) > 50 and not differ, f"main content differs from a plain mkdocs build: {differ[:10]}"
    assert not unconverted, f"headings a plain build leaves unconverted: {sorted(unconverted)}"


# The engine a page names in its <meta name="generator">: Material writes
# "mkdocs-<version>, mkdocs-material-<version>", Zensical "zensical-<version>".
_GENERATOR = re.compile(r'<meta name="generator" content="([a-z]+)-')


def test_the_default_engine_is_what_make_build_uses(tmp_path):
    """engines.DEFAULT is the one place that says which engine builds the
    site: in a copy of the project where only that line names the other
    engine, `make build` (which passes no --engine of its own) builds with it."""
    other = next(name for name in engines.ENGINES if name != DEFAULT)
    project = copy_project(tmp_path / "project")
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    shutil.copytree(ROOT / "policy_site", project / "policy_site", ignore=shutil.ignore_patterns("__pycache__"))
    switch = project / "policy_site" / "engines" / "__init__.py"
    text = switch.read_text(encoding="utf-8")
    line = re.search(r"^DEFAULT = .*$", text, re.M).group(0)
    switch.write_text(text.replace(line, f"DEFAULT = {other!r}"), encoding="utf-8")
    venv = Path(sys.executable).parent.parent
    # The copy's policy_site, with this test run's Python; the installed
    # environment and fonts are this checkout's, and are not remade.
    make = ["make", "--no-print-directory", f"VENV={venv}", f"PY={sys.executable}",
            "-o", f"{venv}/.site-installed", "-o", "fonts", "build"]
    env = dict(os.environ, PYTHONPATH=str(project))
    env.pop("ENGINE", None)
    dry = subprocess.run([*make, "-n"], cwd=project, capture_output=True, text=True, env=env)
    assert dry.returncode == 0 and "-m policy_site build" in dry.stdout, dry.stdout + dry.stderr
    assert "--engine" not in dry.stdout, f"make names an engine itself: {dry.stdout}"
    result = subprocess.run(make, cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert _GENERATOR.search(page).group(1) == other, _GENERATOR.search(page).group(0)


def test_the_preview_says_when_it_renders_with_another_engine_than_the_published_site():
    """The preview renders with MkDocs (a dirty build); when the published
    engine is another, staff are told so when it starts."""
    from policy_site.preview import engine_note

    assert engines.preview_engine.__self__.name == "mkdocs"
    assert engine_note(DEFAULT) is None
    other = next(name for name in engines.ENGINES if name != DEFAULT)
    note = engine_note(other)
    assert f"预览用 {other} 生成" in note and f"published site is built with {DEFAULT}" in note
