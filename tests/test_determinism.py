"""The build is reproducible: same content, same bytes.

Two builds of the real project (with a ``site_url``, so MkDocs writes a
sitemap with ``<lastmod>``) must be byte-identical, including ``sitemap.xml``
and ``sitemap.xml.gz``; the sitemap's date must come from the content (its
newest date) or from ``SOURCE_DATE_EPOCH`` when set, never from the clock;
the machine's time zone must not change a byte; and no page may carry
today's date unless the content itself states that date.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_site
from scripts.content import load_content
from scripts.linkcheck import LINK_SCAN_ENV, _scan, load_scanned
from scripts.markup import MarkdownSettings

SITE_URL = "https://example.gov.cn/xwqy/"
LASTMOD = re.compile(r"<lastmod>([^<]*)</lastmod>")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
ZH_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
TEXT_SUFFIXES = {".html", ".xml", ".json", ".txt", ".md", ".svg", ".csv"}


def _env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "SITE_URL", "TZ")}
    env["SITE_URL"] = SITE_URL
    env.update(extra)
    return env


def _build(out: Path, **extra: str) -> Path:
    result = build_site(ROOT, out, env=_env(**extra))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _tree(site: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file in a built site."""
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _assert_identical(a: Path, b: Path) -> None:
    ta, tb = _tree(a), _tree(b)
    assert sorted(ta) == sorted(tb), (
        f"file lists differ: only in first {sorted(set(ta) - set(tb))[:10]}, "
        f"only in second {sorted(set(tb) - set(ta))[:10]}"
    )
    differing = [name for name in ta if ta[name] != tb[name]]
    assert not differing, f"{len(differing)} file(s) differ between the builds: {differing[:20]}"


def _lastmods(site: Path) -> set[str]:
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>" + SITE_URL in xml, "sitemap.xml must list absolute URLs under SITE_URL"
    dates = LASTMOD.findall(xml)
    assert dates, "sitemap.xml has no <lastmod> although site_url is set"
    return set(dates)


@pytest.fixture(scope="module")
def content_latest() -> dt.date:
    latest = load_content(ROOT / "content").latest_date()
    assert latest is not None
    return latest.date()


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("determinism")
    return _build(base / "a"), _build(base / "b")


def test_two_builds_are_byte_identical(two_builds):
    a, b = two_builds
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        assert (a / name).is_file(), f"{name} missing"
        assert (a / name).read_bytes() == (b / name).read_bytes(), f"{name} differs between two builds"
    _assert_identical(a, b)


def test_template_parts_reused_across_pages_are_what_material_renders(two_builds, tmp_path):
    """overrides/main.html renders the sidebar once per folder for pages outside
    the navigation (catalogue entries, departments), and the scripts' settings
    once per base_url, and reuses them; a build that renders them for every
    page (POLICY_SITE_TEMPLATE_CACHE=0) is byte-identical."""
    a, _ = two_builds
    _assert_identical(a, _build(tmp_path / "uncached", POLICY_SITE_TEMPLATE_CACHE="0"))


def test_pages_rendered_by_a_forked_copy_are_what_mkdocs_renders(two_builds, tmp_path):
    """With many pages outside the navigation a forked copy of the build renders
    every other one (scripts/mkdocs_parallel.py). Forced on the real site
    (POLICY_SITE_SPLIT_FROM=1: its departments, cited documents and catalogue
    entries), MkDocs says it split, the site has the same bytes, and the link
    scan holds every page, as scanned from the page itself."""
    a, _ = two_builds
    out, scan = tmp_path / "site", tmp_path / "links.pickle"
    env = _env(POLICY_SITE_SPLIT_FROM="1", TZ="UTC", NO_MKDOCS_2_WARNING="1", **{LINK_SCAN_ENV: str(scan)})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"Rendering \d+ of \d+ pages outside the navigation on a second process", result.stderr), result.stderr
    _assert_identical(a, out)
    scanned = load_scanned(scan)
    pages = {p.relative_to(a).as_posix() for p in a.rglob("index.html")}
    assert set(scanned) == pages
    different = [path for path in sorted(pages) if scanned[path] != _scan((a / path).read_text(encoding="utf-8"))]
    assert not different, f"link scan differs from the page for {different[:5]}"


def test_pages_converted_up_front_are_what_mkdocs_converts(two_builds, tmp_path):
    """Generated pages are converted to HTML by scripts/markup.py (catalogue
    entries on the forked workers) and MkDocs takes that HTML as it is; a
    build where MkDocs converts every page itself (POLICY_SITE_PRECONVERT=0)
    is byte-identical."""
    a, _ = two_builds
    _assert_identical(a, _build(tmp_path / "mkdocs-converted", POLICY_SITE_PRECONVERT="0"))


def test_sitemap_gz_matches_sitemap(two_builds):
    a, _ = two_builds
    assert gzip.decompress((a / "sitemap.xml.gz").read_bytes()) == (a / "sitemap.xml").read_bytes()


def test_sitemap_lastmod_is_newest_content_date(two_builds, content_latest):
    a, _ = two_builds
    assert _lastmods(a) == {content_latest.isoformat()}


def test_sitemap_lastmod_follows_source_date_epoch(tmp_path):
    # 1700000000 = 2023-11-14 22:13:20 UTC (2023-11-15 in Shanghai: UTC decides).
    site = _build(tmp_path / "site", SOURCE_DATE_EPOCH="1700000000")
    assert _lastmods(site) == {"2023-11-14"}
    # The gzip copy carries the same dates and no clock-dependent header.
    again = _build(tmp_path / "again", SOURCE_DATE_EPOCH="1700000000")
    assert (site / "sitemap.xml.gz").read_bytes() == (again / "sitemap.xml.gz").read_bytes()


def test_time_zone_does_not_change_the_build(tmp_path, two_builds):
    shanghai = _build(tmp_path / "shanghai", TZ="Asia/Shanghai")
    utc = _build(tmp_path / "utc", TZ="UTC")
    _assert_identical(shanghai, utc)
    # And both equal a build with no TZ set at all.
    _assert_identical(shanghai, two_builds[0])


def test_time_zone_does_not_change_source_date_epoch_build(tmp_path):
    # Near a day boundary: 2023-11-14 22:13 UTC is already the 15th in Shanghai.
    shanghai = _build(tmp_path / "shanghai", TZ="Asia/Shanghai", SOURCE_DATE_EPOCH="1700000000")
    utc = _build(tmp_path / "utc", TZ="UTC", SOURCE_DATE_EPOCH="1700000000")
    _assert_identical(shanghai, utc)


def _content_dates() -> set[dt.date]:
    """Every date the content files state, as ISO or Chinese dates."""
    dates = set()
    for path in (ROOT / "content").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for pattern in (ISO_DATE, ZH_DATE):
            for y, m, d in pattern.findall(text):
                try:
                    dates.add(dt.date(int(y), int(m), int(d)))
                except ValueError:
                    pass
    latest = load_content(ROOT / "content").latest_date()
    if latest:
        dates.add(latest.date())
    return dates


def _site_dates(site: Path) -> dict[dt.date, list[str]]:
    """Dates written in the site's text files -> the files that contain them."""
    found: dict[dt.date, list[str]] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for pattern in (ISO_DATE, ZH_DATE):
            for y, m, d in pattern.findall(text):
                try:
                    day = dt.date(int(y), int(m), int(d))
                except ValueError:
                    continue
                found.setdefault(day, []).append(path.relative_to(site).as_posix())
    return found


def test_no_clock_date_in_site(two_builds):
    a, _ = two_builds
    content_dates = _content_dates()
    site_dates = _site_dates(a)
    today = dt.date.today()
    if today not in content_dates:
        assert today not in site_dates, (
            f"today's date {today} (not a content date) appears in {sorted(set(site_dates[today]))[:10]}"
        )
    # Stronger, and meaningful even when today happens to be a content date:
    # every full date on the site is one the content states.
    foreign = {day: sorted(set(files))[:5] for day, files in site_dates.items() if day not in content_dates}
    assert not foreign, f"dates not stated by the content appear on the site: {foreign}"


def test_pages_rendered_by_forked_workers_are_the_same(monkeypatch):
    """Thousands of catalogue entries are rendered by two forked workers
    (scripts/pages/page.py render_all); the pages must not depend on it."""
    from scripts.pages import SiteInfo, build_pages
    from scripts.pages import page as page_module

    content = load_content(ROOT / "content")
    site = SiteInfo("站名", "说明")
    settings = MarkdownSettings(("toc", "attr_list", "md_in_html"), {"toc": {"permalink": "¶"}})
    serial = build_pages(content, site, settings).pages
    monkeypatch.setattr(page_module, "PARALLEL_FROM", 1)
    parallel = build_pages(content, site, settings).pages
    assert all(p.converted is not None and p.converted.html for p in parallel)
    assert parallel == serial
