"""Both engines build the same generated tree into a whole site.

MkDocs + Material is the published engine; Zensical, its successor, builds
the same source tree (`make build ENGINE=zensical`). The checks here depend
on no engine's markup, so they hold for both: every generated and
hand-written page is there, every sentence of every published clause is on
its document's page, every internal link and anchor resolves and every page
is reachable (policy_site.linkcheck), and a browser opening the site makes
no request to another host.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import new_context, record_requests
from conftest import CONTENT, build_site, serve
from policy_site import urls
from policy_site.content import load_content
from policy_site.linkcheck import check_site
from policy_site.render import plain_text

ENGINES = ["mkdocs", "zensical"]


@pytest.fixture(scope="module", params=ENGINES)
def engine_site(request, tmp_path_factory, site_dir, project_dir) -> tuple[str, Path]:
    """(engine, built site): MkDocs' is the session's site; Zensical's is built here."""
    if request.param == "mkdocs":
        return request.param, site_dir
    out = tmp_path_factory.mktemp("zensical") / "site"
    result = build_site(project_dir, out, extra=["--engine", "zensical"])
    assert result.returncode == 0, result.stdout + result.stderr
    return request.param, out


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
