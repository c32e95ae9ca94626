"""The forked copy that renders a share of the pages (scripts/mkdocs_parallel.py)
never hides a failure and never loses what it scanned.

The whole-site comparison (same bytes, same link scan) is in
test_determinism.py. Here MkDocs' page builder is replaced in the forked copy
to make it fail or warn, as a broken template or a bad link would.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import Abort
from mkdocs.utils import CountHandler

from scripts import mkdocs_parallel
from scripts.linkcheck import ScanNow, _scan

PAGE_HTML = '<h2 id="basis">依据</h2><a href="../other/#x">链接</a>'


def _pages(n: int) -> list:
    return [SimpleNamespace(file=SimpleNamespace(src_uri=f"policies/p{i}/index.md",
                                                 dest_uri=f"policies/p{i}/index.html"),
                            meta={}) for i in range(n)]


def _files(pages) -> SimpleNamespace:
    files = [SimpleNamespace(page=p, inclusion=SimpleNamespace(is_not_in_nav=lambda: True)) for p in pages]
    return SimpleNamespace(documentation_pages=lambda inclusion=None: files)


@pytest.fixture
def config(tmp_path):
    (tmp_path / "site").mkdir()
    return SimpleNamespace(site_dir=str(tmp_path / "site"))


@pytest.fixture
def strict():
    """A strict build counts warnings on the 'mkdocs' logger, as MkDocs does."""
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    yield counter
    logger.removeHandler(counter)


def _split(monkeypatch, config, pages, build_page):
    scanners = []

    def scanner():
        scanners.append(ScanNow())
        return scanners[-1]

    def fake_build_page(page, *args):
        build_page(page, scanners[-1])

    monkeypatch.setattr(mkdocs_parallel, "_build_page", fake_build_page)
    return mkdocs_parallel.Split(pages, config, _files(pages), None, None, scanner)


def test_forked_copy_returns_what_it_scanned_and_mkdocs_skips_its_pages(monkeypatch, config):
    pages = _pages(3)
    split = _split(monkeypatch, config, pages, lambda page, scan: scan.add(page.file.dest_uri, PAGE_HTML))
    # In this process MkDocs renders an empty template for them instead.
    assert all(p.meta["template"] == mkdocs_parallel.ELSEWHERE for p in pages)
    scanned = split.join()
    assert scanned == {p.file.dest_uri: _scan(PAGE_HTML) for p in pages}
    assert not split.result.exists()


def test_elsewhere_template_renders_nothing():
    from jinja2 import Environment, FileSystemLoader

    root = Path(__file__).resolve().parent.parent / "overrides"
    output = Environment(loader=FileSystemLoader(root)).get_template(mkdocs_parallel.ELSEWHERE).render()
    assert output.strip() == ""


def test_failure_in_forked_copy_aborts_the_build(monkeypatch, config, capfd):
    def broken(page, scan):
        raise RuntimeError("template exploded")

    split = _split(monkeypatch, config, _pages(2), broken)
    with pytest.raises(Abort, match="second core failed"):
        split.join()
    assert "template exploded" in capfd.readouterr().err  # the reason is shown


def test_warning_in_forked_copy_fails_a_strict_build(monkeypatch, config, strict):
    def warns(page, scan):
        logging.getLogger("mkdocs.structure.pages").warning("a link to a missing page")

    split = _split(monkeypatch, config, _pages(2), warns)
    assert not strict.get_counts()
    split.join()
    assert strict.get_counts(), "the forked copy's warning must count in this process"


def test_skipped_pages_are_not_logged(monkeypatch, config, caplog):
    pages = _pages(2)
    split = _split(monkeypatch, config, pages, lambda page, scan: None)
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build_log = logging.getLogger("mkdocs.commands.build")
        build_log.info(f"Page skipped: '{pages[0].file.src_uri}'. Generated empty output.")
        build_log.info("Page skipped: 'elsewhere/index.md'. Generated empty output.")
    split.join()
    messages = [r.getMessage() for r in caplog.records]
    assert messages == ["Page skipped: 'elsewhere/index.md'. Generated empty output."]


def test_no_fork_when_few_pages_or_serving(monkeypatch, config):
    pages = _pages(4)
    monkeypatch.setenv("POLICY_SITE_SPLIT_FROM", "5")
    assert mkdocs_parallel.start(config, _files(pages), None, None, ScanNow, True) is None
    monkeypatch.setenv("POLICY_SITE_SPLIT_FROM", "4")
    assert mkdocs_parallel.start(config, _files(pages), None, None, ScanNow, False) is None  # mkdocs serve
    monkeypatch.setattr(mkdocs_parallel, "_build_page", lambda *a: None)
    split = mkdocs_parallel.start(config, _files(pages), None, None, lambda: None, True)
    assert split is not None and split.pages == pages[::2]
    assert split.join() == {}


def test_no_fork_beside_a_live_reload_server(monkeypatch):
    """`mkdocs serve --clean` tells plugins "build"; once its server runs
    (on_serve), rebuilds happen beside the server's threads and must not fork."""
    from scripts import mkdocs_hook

    monkeypatch.setattr(mkdocs_hook, "_serving", False)
    monkeypatch.setattr(mkdocs_hook, "_command", None)
    mkdocs_hook.on_startup(command="build", dirty=False)
    assert mkdocs_hook._may_fork()
    mkdocs_hook.on_startup(command="serve", dirty=False)
    assert not mkdocs_hook._may_fork()
    mkdocs_hook.on_startup(command="build", dirty=False)  # serve --clean
    server = SimpleNamespace(watched=[], watch=lambda path: server.watched.append(path))
    mkdocs_hook.on_serve(server, SimpleNamespace(config_file_path=str(Path(__file__).parent.parent / "mkdocs.yml")), None)
    assert not mkdocs_hook._may_fork()
    assert server.watched  # content/ and the templates are still watched
