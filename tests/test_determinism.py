"""The build is reproducible: same content, same bytes.

Two builds of the real project (with a ``site_url``, so the sitemap lists
pages with ``<lastmod>``) must be byte-identical, including ``sitemap.xml``
and ``sitemap.xml.gz``; the sitemap's dates must come from the content (each
page's own), never from the clock or ``SOURCE_DATE_EPOCH``;
the machine's time zone must not change a byte; and no page may carry
today's date unless the content itself states that date.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import re
from pathlib import Path

import pytest

from conftest import CONTENT, build_site, copy_project
from policy_site.content import load_content

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


_PROJECT: list[Path] = []


def _project() -> Path:
    """The project with the fixture content, copied once per test process."""
    if not _PROJECT:
        import tempfile

        _PROJECT.append(copy_project(Path(tempfile.mkdtemp(prefix="determinism-")) / "project"))
    return _PROJECT[0]


def _build(out: Path, **extra: str) -> Path:
    result = build_site(_project(), out, env=_env(**extra))
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
    latest = load_content(CONTENT).latest_date()
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


def test_generated_source_tree_is_byte_identical(tmp_path):
    """The engine-neutral step alone: two trees generated from the same
    content hold the same files with the same bytes."""
    from policy_site.generate import TreeWriter, generate

    content = load_content(CONTENT)
    generate(_project(), TreeWriter(tmp_path / "a"), content)
    generate(_project(), TreeWriter(tmp_path / "b"), load_content(CONTENT))
    _assert_identical(tmp_path / "a", tmp_path / "b")


def _fresh_python(code: str) -> str:
    """Run ``code`` in a new interpreter and return what it printed. Work is
    forked only by a process with no other thread (policy_site/forked.py),
    and a test process may have some (the browser tests' asyncio)."""
    import subprocess
    import sys

    from conftest import ROOT

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_generating_in_two_processes_writes_the_same_tree(tmp_path):
    """A large catalogue's tree is made by two processes (the open data and
    the search index beside the pages): the tree is the same bytes as one
    process writes, into an empty folder and over a stale one alike."""
    import json

    def generate_in_fresh_python(tree: Path, beside: bool) -> dict:
        return json.loads(_fresh_python(
            "import json; from pathlib import Path; from dataclasses import asdict\n"
            "from policy_site.generate import TreeWriter, generate\n"
            f"print(json.dumps(asdict(generate(Path({str(_project())!r}), TreeWriter(Path({str(tree)!r})), "
            f"beside={beside}))))"))

    one = generate_in_fresh_python(tmp_path / "one", False)
    two = generate_in_fresh_python(tmp_path / "two", True)
    assert (one["processes"], two["processes"]) == (1, 2)
    _assert_identical(tmp_path / "one", tmp_path / "two")
    assert sorted(two["written"]) == sorted(one["written"]) and not two["removed"]
    # Over a tree with a stale file and a changed one: only those are touched.
    (tmp_path / "two" / "docs" / "stale.md").write_text("old", encoding="utf-8")
    changed = next(p for p in sorted((tmp_path / "two" / "docs" / "data").glob("*.json")))
    changed.write_text("{}", encoding="utf-8")
    again = generate_in_fresh_python(tmp_path / "two", True)
    assert again["written"] == [changed.relative_to(tmp_path / "two").as_posix()]
    assert again["removed"] == ["docs/stale.md"]
    _assert_identical(tmp_path / "one", tmp_path / "two")


_FORKED_FAILURES = """
import os
import time
from pathlib import Path
from policy_site import forked

def broken(receive):
    raise ValueError(f"made to fail after receiving {receive()}")

def ended(pid):
    # until the child is a zombie: it has exited, and nothing reads our pipe any more
    while Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1][0] != "Z":
        time.sleep(0.01)

children = []
def outcome(job, send=None, fail_here=False, send_late=False):
    try:
        with forked.Beside(job) as other:
            children.append(other.child)
            if send_late:
                ended(other.child)
            if send is not None:
                other.send(send)
            if fail_here:
                raise KeyError("here")
            return "result " + repr(other.result())
    except forked.ChildFailed as error:
        return "child failed: " + str(error).strip().splitlines()[-1]
    except KeyError:
        return "failed here"

print(outcome(broken, send=7))
print(outcome(lambda receive: receive()))
print(outcome(lambda receive: receive(), fail_here=True))
print(outcome(lambda receive: os.getpid() != PARENT, send=1))
print(outcome(lambda receive: "without reading", send=1, send_late=True))
print("left:", [pid for pid in children if pid is None or Path(f"/proc/{pid}").exists()])
"""


def test_a_failure_in_the_second_process_fails_the_build_and_leaves_no_process():
    """An exception in the forked process is raised in this one, with the
    child's traceback; a job that waits for what is never sent fails instead
    of hanging; a failure here stops and reaps the child; sending to a child
    that has already ended without reading is no error. No process is left
    behind, not even a zombie."""
    out = _fresh_python("PARENT = __import__('os').getpid()\n" + _FORKED_FAILURES).splitlines()
    assert out == [
        "child failed: ValueError: made to fail after receiving 7",
        "child failed: policy_site.forked.ChildFailed: the parent sent nothing",
        "failed here",
        "result True",  # it ran in another process
        "result 'without reading'",  # a child that never reads what is sent ended first: no broken pipe
        "left: []",
    ]


def test_work_is_not_forked_while_another_thread_runs():
    """A forked child of a process with threads could wait forever for a
    lock another thread held: then the job runs here, with what was sent."""
    import threading

    from policy_site import forked

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with forked.Beside(lambda receive: (os.getpid(), receive())) as other:
            other.send("sent")
            assert other.child is None
            assert other.result() == (os.getpid(), "sent")
    finally:
        stop.set()
        thread.join()


def test_tree_writer_touches_only_changed_files_and_removes_stale_ones(tmp_path):
    """A second sync writes only what changed and deletes what is no longer
    generated, so an engine's dirty build re-renders only what an edit changed."""
    from policy_site.generate import TreeWriter

    tree = tmp_path / "tree"
    first = TreeWriter(tree)
    assert sorted(first.sync({"a.md": "A", "sub/b.md": "B", "sub/c.md": "C"})[0]) == ["a.md", "sub/b.md", "sub/c.md"]
    stamp = (tree / "a.md").stat().st_mtime_ns
    written, removed = first.sync({"a.md": "A", "sub/b.md": "B2"})
    assert (written, removed) == (["sub/b.md"], ["sub/c.md"])
    assert (tree / "a.md").stat().st_mtime_ns == stamp and not (tree / "sub/c.md").exists()
    # A new writer (a new process) compares with the disk instead of its memory.
    assert TreeWriter(tree).sync({"a.md": "A", "sub/b.md": "B2"}) == ([], [])
    assert TreeWriter(tree).sync({"a.md": "A"}) == ([], ["sub/b.md"])
    assert not (tree / "sub").exists(), "an emptied folder is removed too"


def test_sitemap_gz_matches_sitemap(two_builds):
    a, _ = two_builds
    assert gzip.decompress((a / "sitemap.xml.gz").read_bytes()) == (a / "sitemap.xml").read_bytes()


def test_sitemap_lastmod_is_newest_content_date(two_builds, content_latest):
    """Each page's lastmod is a date the content states (opendata/sitemap.py);
    the newest is the content's newest date."""
    a, _ = two_builds
    dates = _lastmods(a)
    assert max(dates) == content_latest.isoformat()
    content_dates = {d.isoformat() for d in _content_dates()}
    assert dates <= content_dates, f"lastmod dates the content does not state: {sorted(dates - content_dates)}"


def test_sitemap_lastmod_does_not_follow_source_date_epoch(tmp_path, two_builds):
    # 1700000000 = 2023-11-14 22:13:20 UTC (2023-11-15 in Shanghai: UTC decides).
    site = _build(tmp_path / "site", SOURCE_DATE_EPOCH="1700000000")
    assert (site / "sitemap.xml").read_bytes() == (two_builds[0] / "sitemap.xml").read_bytes(), (
        "the sitemap's dates are the content's, whatever the build's time")
    # The gzip copy carries the same text and no clock-dependent header.
    again = _build(tmp_path / "again", SOURCE_DATE_EPOCH="1700000000")
    assert (site / "sitemap.xml.gz").read_bytes() == (again / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


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
    for path in CONTENT.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for pattern in (ISO_DATE, ZH_DATE):
            for y, m, d in pattern.findall(text):
                try:
                    dates.add(dt.date(int(y), int(m), int(d)))
                except ValueError:
                    pass
    latest = load_content(CONTENT).latest_date()
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


def test_pages_kept_by_the_preview_equal_pages_made_afresh(tmp_path):
    """The preview keeps catalogue entry pages between saves (pages/memo.py);
    after an edit to an entry, to a document it is based on, or to nothing,
    the kept pages must equal the pages a fresh build makes."""
    import shutil

    from policy_site.pages import PageMemo, SiteInfo, build_pages
    from policy_site.yaml_source import ParseCache

    content_dir = tmp_path / "content"
    shutil.copytree(CONTENT, content_dir)
    site, memo, parsed = SiteInfo("站名", "说明"), PageMemo(), ParseCache()

    def kept_and_fresh():
        kept = build_pages(load_content(content_dir, parsed=parsed), site, memo).pages
        fresh = build_pages(load_content(content_dir), site).pages
        return kept, fresh

    kept, fresh = kept_and_fresh()
    assert kept == fresh
    entry = sorted((content_dir / "policies").glob("*.yaml"))[0]
    entry.write_text(entry.read_text(encoding="utf-8").replace("summary: ", "summary: 新增一句。", 1), encoding="utf-8")
    kept, fresh = kept_and_fresh()
    assert kept == fresh and any("新增一句。" in p.body for p in kept)
    # The plan's validity decides its entries' statuses: change it.
    plan = content_dir / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    validity = re.search(r"^(\s*validity:)\s*(\S+)\s*$", text, re.M)
    assert validity, "plan.yaml states its validity"
    other = "有效" if validity.group(2) != "有效" else "废止"
    plan.write_text(text[:validity.start()] + f"{validity.group(1)} {other}" + text[validity.end():], encoding="utf-8")
    before = kept
    kept, fresh = kept_and_fresh()
    assert kept == fresh and kept != before


def test_an_empty_source_date_epoch_counts_as_unset(tmp_path, two_builds):
    """CI templates often pass SOURCE_DATE_EPOCH="": the build is the one made without it."""
    _assert_identical(_build(tmp_path / "empty", SOURCE_DATE_EPOCH=""), two_builds[0])


def test_a_malformed_source_date_epoch_is_refused_in_both_languages(tmp_path):
    out = tmp_path / "site"
    result = build_site(_project(), out, env=_env(SOURCE_DATE_EPOCH="2018-12-12"))
    assert result.returncode == 2 and not out.exists()
    assert "不是整数秒数" in result.stderr and "is not a whole number of seconds" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
