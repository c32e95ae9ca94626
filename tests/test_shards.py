"""A large site renders in several MkDocs processes (policy_site/engines/mkdocs/plugins.py: Shard);
the site it writes is the one a single process writes, byte for byte."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import build_site, copy_project
from policy_site.engines.mkdocs.plugins import nav_paths, split

SITE_URL = "https://example.gov.cn/xwqy/"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "SITE_URL")}
    env["SITE_URL"] = SITE_URL  # the sitemap lists pages only when the site has an address
    return env


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("shards") / "project")


@pytest.fixture(scope="module")
def whole(project, tmp_path_factory) -> dict[str, bytes]:
    site = tmp_path_factory.mktemp("one") / "site"
    result = build_site(project, site, env=_env(), extra=["--shards", "1"])
    assert result.returncode == 0, result.stdout + result.stderr
    return _files(site)


@pytest.mark.parametrize("shards", [2, 3])
def test_sharded_build_writes_the_same_bytes(project, whole, tmp_path, shards):
    site = tmp_path / "site"
    result = build_site(project, site, env=_env(), extra=["--shards", str(shards)])
    assert result.returncode == 0, result.stdout + result.stderr
    got = _files(site)
    assert sorted(got) == sorted(whole), "the sharded site has other files than the whole build"
    differ = [name for name in whole if got[name] != whole[name]]
    assert not differ, f"files that differ from a one-process build: {differ[:10]}"
    assert not list(tmp_path.glob("site-shard-*")), "a shard's folder was left behind"


def test_the_sitemap_lists_every_page_once(whole):
    """The one site-wide file that lists pages (checked on the whole build,
    which the sharded builds equal)."""
    locs = re.findall(r"<loc>(.*?)</loc>", whole["sitemap.xml"].decode("utf-8"))
    pages = [name[: -len("index.html")] for name in whole
             if name.endswith("index.html") and name != "404.html"]
    assert len(locs) == len(set(locs)) == len(pages)
    assert {SITE_URL + p for p in pages} == set(locs)


def test_a_warning_on_a_page_of_another_shard_fails_the_build(project, tmp_path):
    """Strict mode holds in every process: a broken link on a page that the
    last shard renders (its folder sorts last) fails the build and leaves
    the previous site as it was."""
    site = tmp_path / "site"
    assert build_site(project, site, env=_env(), extra=["--shards", "2"]).returncode == 0
    before = _files(site)
    broken = tmp_path / "broken"
    copy_project(broken)
    (broken / "docs" / "zzz").mkdir()
    (broken / "docs" / "zzz" / "index.md").write_text("# 测试\n\n[链接](missing.md)\n", encoding="utf-8")
    result = build_site(broken, site, env=_env(), extra=["--shards", "2"])
    assert result.returncode != 0
    assert "missing.md" in result.stdout + result.stderr
    assert _files(site) == before
    assert not list(tmp_path.glob("site-shard-*"))


def test_split_gives_contiguous_runs_of_about_equal_cost():
    owners = split([10] * 100, 2, head=0)
    assert owners == [0] * 50 + [1] * 50
    owners = split([10] * 100, 3, head=0)
    assert owners == sorted(owners) and set(owners) == {0, 1, 2}
    assert all(30 <= owners.count(k) <= 36 for k in range(3))


def test_split_counts_what_shard_0_carries_already():
    owners = split([10] * 100, 2, head=500)  # the navigation's pages: half of the pages' cost
    assert owners.count(0) == 25 and owners.count(1) == 75


def test_nav_paths_finds_every_listed_page():
    nav = [{"首页": "index.md"}, {"文件": [{"原文": "documents/a/index.md"}, {"目标": "documents/a/targets/index.md"}]}]
    assert nav_paths(nav) == {"index.md", "documents/a/index.md", "documents/a/targets/index.md"}


def test_the_preview_renders_only_the_pages_an_edit_changed(project, tmp_path):
    """The preview's render of the changed pages it names (``plugins.Only``)
    rewrites that page, as a whole render would, and leaves every other
    file, even one whose source changed too (the preview's rebuild renders
    it right after)."""
    from policy_site.engines import engine_environment, preview_engine
    from policy_site.engines.mkdocs import _environment
    from policy_site.generate import TreeWriter, generate

    tree = tmp_path / "tree"
    generate(project, TreeWriter(tree))
    engine = preview_engine(tree)
    site = tmp_path / "site"
    with _environment(engine_environment("1545000000")):
        engine.render_whole(site)
        before = _files(site)
        entries = sorted((tree / "docs" / "policies").glob("*/index.md"))[:2]
        for source in entries:
            source.write_text(source.read_text(encoding="utf-8") + "\n<p>改过的一句。</p>\n", encoding="utf-8")
        edited = entries[0].relative_to(tree / "docs").as_posix()
        engine.render_changed(site, [edited])
    after = _files(site)
    page = edited.replace(".md", ".html")
    changed = [name for name in before if after.get(name) != before[name]]
    assert page in changed and "改过的一句。" in after[page].decode("utf-8")
    other = entries[1].relative_to(tree / "docs").as_posix().replace(".md", ".html")
    assert other not in changed, "a page outside the edit was rendered"
    assert set(changed) <= {page, "sitemap.xml", "sitemap.xml.gz", "404.html"}, changed
