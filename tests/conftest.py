"""Shared fixtures: the real site built into a temp dir, a copy of the project
to break or extend, and a local HTTP server for browser tests."""

from __future__ import annotations

import functools
import re
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from browser import WIDTHS

# Property tests check what is true, not how fast: Hypothesis's default 200 ms
# deadline per example fails them on a loaded CI machine.
settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")

ROOT = Path(__file__).resolve().parent.parent
# The content engine tests run on: a copy of the published content, kept
# here so that staff adding or changing a document in content/ never change
# what these tests expect. Checks that must hold for any valid content/ run
# on the real folder (tests/test_site_html.py, the schema and link checks).
CONTENT = ROOT / "tests" / "fixture" / "content"
# Everything else a build needs; tests copy these, never the developer's site/ or .venv/.
PROJECT_FILES = ["mkdocs.yml", "docs", "overrides", "schema"]


def identity_links() -> set[str]:
    """The addresses on another host the fixture's site.yaml sends readers
    to from every page's footer (pages/identity.py): the MIIT registry its
    ICP record links to and its 党政机关网站标识's link. Pages link to them;
    no page loads anything from them."""
    from policy_site.content import load_content
    from policy_site.pages.identity import ICP_REGISTRY

    site = load_content(CONTENT).site
    return {ICP_REGISTRY, site.emblem.url}


def copy_project(dest: Path) -> Path:
    """A throwaway copy of the project whose content a test may change: its
    content/ is the fixture content (tests/fixture/content), never the
    repository's own content/, so a path such as content/plan.yaml in a test
    means the fixture's file in this copy."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    shutil.copytree(CONTENT, dest / "content")
    return dest


def documents_beyond(*keep: str) -> tuple[str, ...]:
    """The fixture's top-level document files other than ``keep`` (and the
    plan): for a test that needs few documents (one or up to six documents
    are shown in full; more get the short list of the 政策文件库), so adding
    a fixture document does not change what it sees."""
    return tuple(sorted(p.name for p in CONTENT.glob("*.yaml")
                        if p.name not in ("plan.yaml", "site.yaml", "search.yaml", *keep)))


def project_before_imports(dest: Path) -> Path:
    """The fixture project as it was before the documents of tests/import_sources/
    were imported into it (importer tests import them again)."""
    project = copy_project(dest)
    for source in (ROOT / "tests" / "import_sources").iterdir():
        (project / "content" / f"{source.stem}.yaml").unlink(missing_ok=True)
    # Wucheng's department came with its document: the importer writes it into the government's file again.
    wucheng = project / "content" / "governments" / "wucheng.yaml"
    wucheng.write_text(re.sub(r"(#.*\n)*departments:\n(?:[ -].*\n)*", "", wucheng.read_text(encoding="utf-8")),
                       encoding="utf-8")
    return project


def site_with(folder: Path, files: dict[str, str], drop: tuple[str, ...] = (), engine: str = "mkdocs") -> Path:
    """The site built (by ``engine``) from a copy of the project whose content
    has ``files`` (path under content/ -> text) added or replaced, and the
    files ``drop`` removed; the build must succeed."""
    project = copy_project(folder / "project")
    for rel in drop:
        (project / "content" / rel).unlink()
    for rel, text in files.items():
        (project / "content" / rel).write_text(text, encoding="utf-8")
    site = project / "site"
    result = build_site(project, site, extra=["--engine", engine])
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def run_cli(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m policy_site <args>`` against the project at ``root``."""
    return subprocess.run(
        [sys.executable, "-m", "policy_site", "--root", str(root), *args],
        cwd=root, capture_output=True, text=True, env=env,
    )


def build_site(root: Path, site_dir: Path, env: dict | None = None, extra: list[str] = ()) -> subprocess.CompletedProcess:
    """Build into ``site_dir``, with the source tree beside it (tests build
    in parallel: never in the project's own build/)."""
    tree = ["--tree", str(site_dir.parent / f"{site_dir.name}-tree")] if "--tree" not in extra else []
    return run_cli(root, "build", "--site-dir", str(site_dir), *tree, *extra, env=env)


@pytest.fixture(scope="session")
def project_dir(tmp_path_factory) -> Path:
    """The project with the fixture content (CONTENT), for tests that only read it."""
    return copy_project(tmp_path_factory.mktemp("project") / "project")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, project_dir) -> Path:
    """The site, built from the fixture content with `python -m policy_site
    build --engine mkdocs`: named, so that of_engine's "site_dir is MkDocs'"
    holds whichever engine engines.DEFAULT names."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = build_site(project_dir, out, extra=["--engine", "mkdocs"])
    assert result.returncode == 0, result.stdout + result.stderr
    return out


# -- Both engines (README: "Two engines") ------------------------------------
# The browser suites run on the site of each engine: their theme's markup,
# stylesheet and scripts differ, and ours must work with both. Checks of our
# generated HTML alone run once, on site_dir (MkDocs + Material, published).
ENGINES = ("mkdocs", "zensical")


@pytest.fixture(scope="session")
def zensical_site_dir(tmp_path_factory, project_dir) -> Path:
    """site_dir's content built with Zensical (`--engine zensical`)."""
    out = tmp_path_factory.mktemp("zensical-site") / "site"
    result = build_site(project_dir, out, extra=["--engine", "zensical"])
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session", params=ENGINES)
def engine(request) -> str:
    """Each engine in turn; a session fixture, so each engine's sites are
    built and served once per test process."""
    return request.param


def of_engine(request, engine: str, mkdocs_fixture: str) -> object:
    """The value of ``mkdocs_fixture`` (a site of MkDocs) or of its Zensical
    twin, named ``zensical_`` + the same name."""
    return request.getfixturevalue(mkdocs_fixture if engine == "mkdocs" else f"zensical_{mkdocs_fixture}")


@pytest.fixture(scope="session")
def engine_site_dir(request, engine) -> Path:
    """The fixture content's site as ``engine`` builds it."""
    return of_engine(request, engine, "site_dir")


@pytest.fixture(scope="session")
def engine_site_url(engine_site_dir):
    """engine_site_dir served: what every browser suite opens."""
    server, url = serve(engine_site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def in_force_site(tmp_path_factory):
    """(site, its content) of a copy whose plan is in force (validity 有效;
    the fixture's plan is repealed): the catalogue's entries are then current."""
    from catalogue_edits import set_plan_validity
    from policy_site.content import load_content

    project = copy_project(tmp_path_factory.mktemp("in-force") / "p")
    set_plan_validity(project, load_content(CONTENT), "有效")
    site = project / "site-out"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, load_content(project / "content")


@pytest.fixture(scope="session")
def many_site(tmp_path_factory) -> Path:
    """The fixture site with GENERATED documents added (tests/library_content.py)."""
    from library_content import GENERATED, generated

    return site_with(tmp_path_factory.mktemp("many"), generated(GENERATED))


@pytest.fixture(scope="session")
def zensical_many_site(tmp_path_factory) -> Path:
    """many_site built with Zensical."""
    from library_content import GENERATED, generated

    return site_with(tmp_path_factory.mktemp("zensical-many"), generated(GENERATED), engine="zensical")


@pytest.fixture(scope="session")
def many_content(many_site):
    """The content of many_site."""
    from policy_site.content import load_content

    return load_content(many_site.parent / "content")


def _drafts_site(tmp_path_factory, engine: str) -> Path:
    from drafts_content import add_drafts

    project = copy_project(tmp_path_factory.mktemp(f"drafts-site-{engine}") / "project")
    add_drafts(project)
    out = project.parent / "site"
    result = build_site(project, out, extra=["--drafts", "--engine", engine])
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def drafts_site(tmp_path_factory) -> Path:
    """The fixture site with drafts (tests/drafts_content.py), built with --drafts (make build DRAFTS=1)."""
    return _drafts_site(tmp_path_factory, "mkdocs")


@pytest.fixture(scope="session")
def zensical_drafts_site(tmp_path_factory) -> Path:
    """drafts_site built with Zensical."""
    return _drafts_site(tmp_path_factory, "zensical")


@pytest.fixture(scope="session")
def drafts_site_url(drafts_site):
    server, url = serve(drafts_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def engine_drafts_site_url(request, engine):
    """The site with drafts as ``engine`` builds it, served."""
    server, url = serve(of_engine(request, engine, "drafts_site"))
    yield url
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 (random port); returns (server, base_url)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(site_dir):
    server, url = serve(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def zensical_site_url(zensical_site_dir):
    """Zensical's site served (the search suites name each engine's site)."""
    server, url = serve(zensical_site_dir)
    yield url
    server.shutdown()


# -- Browser: one Playwright driver and one Chromium per test process --------
# (Playwright's sync API cannot be started twice in one process, so every
# browser test module shares these.)

@pytest.fixture(scope="session")
def playwright_driver():
    from browser import unavailable

    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        unavailable("the playwright Python package is not installed (pip install -r requirements-test.txt)", error)
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver):
    from browser import launch

    chromium = launch(playwright_driver)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def expect():
    from browser import TIMEOUT_MS
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    return expect


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script (tests/axe_audit.py runs it in a page)."""
    from axe_audit import AXE
    from browser import unavailable

    if not AXE.exists():
        unavailable(f"{AXE.relative_to(ROOT)} is missing: run `make test` (npm ci installs axe-core)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def width(request) -> int:
    """Desktop width, then a 360 px phone (tests/browser.py WIDTHS)."""
    return request.param


@pytest.fixture
def page_at_each_width(browser, width):
    """A fresh page at each of the widths."""
    from browser import new_context

    context = new_context(browser, width)
    yield context.new_page()
    context.close()
