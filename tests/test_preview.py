"""The preview (`make serve`): shows edits, shows errors as a page, never hangs.

A real `policy-site serve` runs on a copy of the project; the tests edit its
files as staff would and read what the server answers.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_project
from preview_server import preview as serving, until as _until

UPDATE_S = 180  # a rebuild (a full one after a change to the theme); a wait returns as soon as it is done


def _get(url: str, timeout: float = 10) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("preview") / "project")
    with serving(project) as (url, _):
        yield project, url


def _state(url: str) -> dict:
    return json.loads(_get(url + "__preview__/version?since=-1")[1])


def _version(url: str) -> int:
    return _state(url)["version"]


def _idle(url: str) -> None:
    """Wait until the preview has finished all work of earlier saves."""
    _until(lambda: not _state(url)["busy"], UPDATE_S, "the preview idle")


def _entry(project: Path) -> Path:
    return sorted((project / "content" / "policies").glob("*.yaml"))[0]


def test_pages_carry_the_reload_script_the_site_does_not(preview):
    project, url = preview
    status, html = _get(url)
    assert status == 200 and "__preview__/version" in html
    built = project / "build" / "source" / "docs" / "index.md"
    assert built.is_file() and "__preview__" not in built.read_text(encoding="utf-8")


def test_an_edit_to_an_entry_appears(preview):
    project, url = preview
    _idle(url)
    entry = _entry(project)
    page = url + f"policies/{entry.stem}/"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("summary: ", "summary: 预览测试新增的一句。", 1), encoding="utf-8")
    try:
        _until(lambda: "预览测试新增的一句。" in _get(page)[1], UPDATE_S, "the edited summary on the entry page")
        # The catalogue lists the entry's summary too: it is rebuilt as well.
        _until(lambda: "预览测试新增的一句。" in _get(url + "policies/")[1], UPDATE_S, "the edit in the catalogue")
    finally:
        entry.write_text(text, encoding="utf-8")
    _until(lambda: "预览测试新增的一句。" not in _get(page)[1], UPDATE_S, "the entry restored")


def test_a_broken_file_shows_its_error_and_nothing_hangs(preview):
    project, url = preview
    _idle(url)
    entry = _entry(project)
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("summary: ", "summary：", 1), encoding="utf-8")  # a full-width colon
    try:
        _until(lambda: _get(url)[0] == 500, UPDATE_S, "the preview shows the broken file")
        for path in ["", "policies/", f"policies/{entry.stem}/"]:
            started = time.monotonic()
            status, html = _get(url + path, timeout=5)
            assert time.monotonic() - started < 5
            assert status == 500, (path, status)
            assert "内容有错误" in html and "The content has errors" in html
            assert f"content/policies/{entry.name}" in html, "the error names the file"
            assert "__preview__/version" in html, "the error page reloads itself when fixed"
    finally:
        entry.write_text(text, encoding="utf-8")
    _until(lambda: _get(url)[0] == 200, UPDATE_S, "the site back once the file is fixed")


def test_a_new_entry_appears_and_a_deleted_one_goes(preview):
    project, url = preview
    _idle(url)
    entry = _entry(project)
    copy = entry.with_name("preview-test-copy.yaml")
    text = entry.read_text(encoding="utf-8")
    copy.write_text(text.replace(f"id: {entry.stem}", "id: preview-test-copy", 1), encoding="utf-8")
    page = url + "policies/preview-test-copy/"
    try:
        _until(lambda: _get(page)[0] == 200, UPDATE_S, "the new entry's page")
        _until(lambda: "preview-test-copy/" in _get(url + "policies/")[1], UPDATE_S, "the new entry in the catalogue")
    finally:
        copy.unlink()
    _until(lambda: _get(page)[0] == 404, UPDATE_S, "the deleted entry's page gone")
    assert "preview-test-copy/" not in _get(url + "policies/")[1]


def test_the_server_answers_while_it_rebuilds(preview):
    """A request made right after a save is answered from the last good site
    (or the new one), at once, not after the rebuild."""
    project, url = preview
    _idle(url)
    style = project / "docs" / "assets" / "site.css"
    text = style.read_text(encoding="utf-8")
    before = _version(url)
    style.write_text(text + "\n/* preview test */\n", encoding="utf-8")  # a change every page shows: a full rebuild
    try:
        answered = []
        deadline = time.monotonic() + UPDATE_S
        while _version(url) == before and time.monotonic() < deadline:
            started = time.monotonic()
            status, _ = _get(url + "policies/", timeout=5)
            answered.append((status, time.monotonic() - started))
            time.sleep(0.05)
        assert answered, "the rebuild finished before a request could be made"
        assert all(status == 200 and seconds < 5 for status, seconds in answered), answered
        _until(lambda: "preview test" in _get(url + "assets/site.css")[1], UPDATE_S, "the new stylesheet served")
    finally:
        style.write_text(text, encoding="utf-8")


def test_warnings_show_above_pages_without_blocking(preview):
    """Valid but suspicious content (here a copy of an entry that differs only
    in id and name) is named above every page; the pages are still served."""
    project, url = preview
    _idle(url)
    entry = _entry(project)
    copy = entry.with_name("preview-warning-copy.yaml")
    text = entry.read_text(encoding="utf-8")
    copy.write_text(text.replace(f"id: {entry.stem}", "id: preview-warning-copy", 1)
                    .replace("name: ", "name: 副本", 1), encoding="utf-8")
    page = url + "policies/preview-warning-copy/"
    try:
        _until(lambda: _get(page)[0] == 200, UPDATE_S, "the copied entry's page")
        # The preview shows the entries an edit changed first, then the
        # content's warnings (until then, the box holds the earlier ones).
        _until(lambda: "除编号和名称外与条目" in _get(page)[1], UPDATE_S, "the warning about the copy")
        status, html = _get(page)
        assert status == 200 and 'class="preview-warnings"' in html
        assert "预览提醒" in html and "除编号和名称外与条目" in html
        assert "content/policies/preview-warning-copy.yaml" in html
        assert _get(url)[0] == 200 and 'class="preview-warnings"' in _get(url)[1], "every page carries the box"
        built = project / "build" / "source" / "docs" / "index.md"
        assert "preview-warnings" not in built.read_text(encoding="utf-8"), "never written into the site"
    finally:
        copy.unlink()
    _until(lambda: _get(page)[0] == 404, UPDATE_S, "the copy gone")
    assert "除编号和名称外与条目" not in _get(url)[1]


def test_a_draft_shows_as_draft_with_its_items_until_the_last_is_deleted(preview):
    """The preview shows drafts (a published build leaves them out): an entry
    given a review item carries the 草稿 banner listing it, its place marked;
    deleting the item takes the banner away."""
    project, url = preview
    _idle(url)
    entry = _entry(project)
    page = url + f"policies/{entry.stem}/"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.rstrip("\n") + "\nreview:\n- field: summary\n  reason: 预览测试:摘要请对照原文核对。\n",
                     encoding="utf-8")
    try:
        _until(lambda: "预览测试:摘要请对照原文核对。" in _get(page)[1], UPDATE_S, "the draft banner on the entry")
        status, html = _get(page)
        assert status == 200 and "草稿：尚未发布，还有 1 项待核对" in html
        assert '<a href="#review-1">' in html and '<mark class="review-place" id="review-1">' in html
    finally:
        entry.write_text(text, encoding="utf-8")
    _until(lambda: "草稿：尚未发布" not in _get(page)[1], UPDATE_S, "the banner gone with the last item")
    assert _get(page)[0] == 200


def test_a_browser_sees_the_error_and_then_the_site_again(preview, browser, tmp_path):
    """Issue 16: in Chromium, a saved YAML error turns the open page into the
    error page (with the same message as `make check`) by itself, and fixing
    the file brings the site back by itself; every request meanwhile is
    answered within a second."""
    from browser import SCREENSHOT_TIMEOUT_MS, new_context, wait_for_page_text

    project, url = preview
    _idle(url)
    entry = _entry(project)
    page_url = url + f"policies/{entry.stem}/"
    context = new_context(browser, 360)
    page = context.new_page()
    text = entry.read_text(encoding="utf-8")
    try:
        page.goto(page_url)
        assert page.title() and "内容有错误" not in page.content()
        entry.write_text(text.replace("summary: ", "summary：", 1), encoding="utf-8")  # a full-width colon
        # The page reloads itself (once for each version the preview publishes
        # while the file is being saved) until it shows the saved file's error.
        wait_for_page_text(page, "内容有错误", entry.name, "全角冒号", timeout=UPDATE_S * 1000)
        body = page.inner_text("body")
        assert f"content/policies/{entry.name}" in body
        assert "全角冒号" in body and "full-width colon" in body, body
        page.screenshot(path=str(tmp_path / "preview-error-360.png"), full_page=True, timeout=SCREENSHOT_TIMEOUT_MS)
        for path in ["", "policies/", f"policies/{entry.stem}/", "no-such-page/"]:
            started = time.monotonic()
            status, _ = _get(url + path, timeout=5)
            assert status == 500 and time.monotonic() - started < 1, (path, status)
        entry.write_text(text, encoding="utf-8")
        wait_for_page_text(page, absent=("内容有错误",), timeout=UPDATE_S * 1000)
        assert "内容有错误" not in page.inner_text("body")
        started = time.monotonic()
        status, _ = _get(page_url, timeout=5)
        assert status == 200 and time.monotonic() - started < 1
    finally:
        entry.write_text(text, encoding="utf-8")
        context.close()
