"""Helpers for the web editor's tests: a preview with its editor, and the
steps staff take in Decap's form (open an entry, open a list item, pick a
value of a relation or select widget by its Chinese name, publish)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import yaml

STARTUP_S = 300  # the first full build; generous for a loaded CI machine
UPDATE_S = 180  # a rebuild after a save


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def until(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s: {what}")


def get(url: str, timeout: float = 10) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return 0, ""


def post(url: str, body: dict) -> tuple[int, object]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@contextmanager
def preview(project: Path, host: str = "127.0.0.1"):
    """``policy-site serve`` on ``project``: (its address, its terminal output so far)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "policy_site", "--root", str(project), "serve", "--addr", f"{host}:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        until(lambda: get(url, timeout=2)[0] == 200 or server.poll() is not None, STARTUP_S,
              "the preview serves the home page")
        yield url, server
    finally:
        server.terminate()
        server.wait(10)


def idle(url: str) -> None:
    """Wait until the preview has finished all work of earlier saves."""
    until(lambda: not json.loads(get(url + "__preview__/version?since=-1")[1])["busy"], UPDATE_S, "the preview idle")


def data(path: Path):
    """A content file's data with every scalar as its text (as the loader reads it)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


# -- Steps in the form ------------------------------------------------------------

def open_entry(page, url: str, collection: str, slug: str) -> None:
    page.goto(f"{url}admin/#/collections/{collection}/entries/{slug}")
    page.get_by_text("修改已保存").wait_for()


def list_item(page, summary: str):
    """The item of a list widget whose summary is ``summary``, opened."""
    item = page.locator("[class*='listControlItem']", has=page.get_by_text(summary, exact=True)).last
    item.locator("button").first.click()  # the arrow left of the summary
    return item


def choose(page, label: str, typed: str, option: str) -> None:
    """In the select or relation widget labelled ``label``, type ``typed``
    and pick the option that reads ``option``."""
    box = page.get_by_label(label, exact=True).last
    box.click()
    box.fill(typed)
    page.get_by_role("option", name=option, exact=True).first.click()


def publish(page) -> None:
    """发布 → 立即发布, and wait until the editor says the file is saved."""
    page.get_by_role("button", name="发布", exact=True).click()
    page.get_by_text("立即发布").click()
    page.get_by_text("修改已保存").wait_for()
