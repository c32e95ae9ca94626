"""Helpers for the web editor's tests: a preview with its editor, and the
steps staff take in Decap's form (open an entry, open a list item, pick a
value of a relation or select widget by its Chinese name, publish)."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import yaml

from preview_server import get, preview, until

UPDATE_S = 180  # a rebuild after a save


def post(url: str, body: dict) -> tuple[int, object]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def idle(url: str) -> None:
    """Wait until the preview has finished all work of earlier saves."""
    until(lambda: not json.loads(get(url + "__preview__/version?since=-1")[1])["busy"], UPDATE_S, "the preview idle")


def data(path: Path):
    """A content file's data with every scalar as its text (as the loader reads it)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


# -- Steps in the form ------------------------------------------------------------

def open_entry(page, url: str, collection: str, slug: str) -> None:
    """Open an entry's form; return once it shows that entry (not the one before)."""
    page.goto(f"{url}admin/#/collections/{collection}/entries/{slug}")
    page.locator(f"input[value='{slug.rsplit('/', 1)[-1]}']").first.wait_for()
    page.get_by_text("修改已保存").wait_for()


def list_item(page, summary: str):
    """The item of a list widget whose summary is ``summary``, opened."""
    item = page.locator("[class*='listControlItem']", has=page.get_by_text(summary, exact=True)).last
    item.locator("button").first.click()  # the arrow left of the summary
    return item


def field(scope, label: str):
    """The form field labelled ``label`` (an optional one reads “label (可选)”)."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(可选\))?$"))


def choose(page, label: str, typed: str, option: str, scope=None) -> None:
    """In the select or relation widget labelled ``label``, type ``typed``
    and pick the option that reads ``option``."""
    box = field(scope or page, label).last
    box.click()
    box.fill(typed)
    page.get_by_role("option", name=option, exact=True).first.click()


def publish(page) -> None:
    """发布 → 立即发布, and wait until the editor says the file is saved
    (else fail with what the form shows instead: an error, a menu still open)."""
    page.get_by_role("button", name="发布", exact=True).click()
    page.get_by_text("立即发布").click()
    try:
        page.get_by_text("修改已保存").wait_for(timeout=UPDATE_S * 1000)
    except Exception as error:
        shots = Path(__file__).parent / "screenshots"
        shots.mkdir(exist_ok=True)
        page.screenshot(path=str(shots / "editor-publish-failed.png"), full_page=True)
        raise AssertionError("the editor did not save; it shows (screenshots/editor-publish-failed.png):\n"
                             + page.inner_text("body")[:3000]) from error
