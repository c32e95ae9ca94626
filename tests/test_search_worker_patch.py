"""scripts/search_worker_patch.py: the off-by-one fix in Material's search worker."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from scripts.search_worker_patch import (
    BUGGY_LOOP,
    FIXED_LOOP,
    WORKER_GLOB,
    SearchWorkerPatchError,
    patch_search_worker,
)

# The segmentation function as minified in Material 9.8.2's worker.
BUGGY = (
    b"function fe(t,e){let r=new Set,n=new Uint16Array(t.length);"
    b"for(let s=0;s<t.length;s++)for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s);"
    b"let i=[0];return r}"
)
FIXED = BUGGY.replace(b"o<t.length;o++", b"o<=t.length;o++")


def fake_site(tmp_path: Path, worker: bytes, name: str = "search.0123abcd.min.js") -> Path:
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / name).write_bytes(worker)
    (workers / (name + ".map")).write_text('{"version":3}')
    return tmp_path


def test_patches_the_buggy_loop(tmp_path):
    site = fake_site(tmp_path, BUGGY)
    worker = patch_search_worker(site)
    assert worker.read_bytes() == FIXED
    assert (worker.parent / (worker.name + ".map")).read_text() == '{"version":3}'  # map left alone


def test_matches_whatever_the_minifier_named_the_variables(tmp_path):
    renamed = b"x;for(let $a=b_+1;$a<q.length;$a++)q.slice(b_,$a)in idx&&(w[b_]=$a-b_);y"
    site = fake_site(tmp_path, renamed)
    patch_search_worker(site)
    assert next(site.glob(WORKER_GLOB)).read_bytes() == renamed.replace(b"$a<q", b"$a<=q")


@pytest.mark.parametrize("worker", [
    b"function fe(t,e){return new Set([t])}",  # loop gone
    BUGGY + b";" + BUGGY,                        # loop twice: which one?
    FIXED,                                       # fixed upstream (or patched already)
])
def test_unexpected_worker_raises(tmp_path, worker):
    site = fake_site(tmp_path, worker)
    with pytest.raises(SearchWorkerPatchError) as raised:
        patch_search_worker(site)
    message = str(raised.value)
    assert "The Material search worker changed; the search segmentation patch must be reviewed." in message
    assert "搜索分词补丁需要重新审查" in message
    assert next(site.glob(WORKER_GLOB)).read_bytes() == worker  # file untouched


def test_already_patched_is_accepted_only_when_allowed(tmp_path):
    site = fake_site(tmp_path, FIXED)
    patch_search_worker(site, allow_already_patched=True)
    assert next(site.glob(WORKER_GLOB)).read_bytes() == FIXED


@pytest.mark.parametrize("names", [[], ["search.aaaa.min.js", "search.bbbb.min.js"]])
def test_not_exactly_one_worker_raises(tmp_path, names):
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    for name in names:
        (workers / name).write_bytes(BUGGY)
    with pytest.raises(SearchWorkerPatchError, match="Expected exactly one"):
        patch_search_worker(tmp_path)


def test_built_site_has_the_fixed_worker(site_dir):
    [worker] = site_dir.glob(WORKER_GLOB)
    data = worker.read_bytes()
    assert len(FIXED_LOOP.findall(data)) == 1
    assert not BUGGY_LOOP.search(data)
    # Exactly one character added to Material's own worker, nothing else changed.
    original = Path(material.__file__).parent / "templates" / worker.relative_to(site_dir)
    source = original.read_bytes()
    less_than = BUGGY_LOOP.search(source).start("q") - 1
    assert data == source[:less_than] + b"<=" + source[less_than + 1:]
    # The sourcemap is copied unchanged.
    assert (worker.parent / (worker.name + ".map")).read_bytes() == (original.parent / (original.name + ".map")).read_bytes()
