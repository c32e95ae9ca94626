"""Helpers for tests that run a preview server (`policy-site serve`): start
it on a free port, wait, GET."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

STARTUP_S = 300  # the first full build; generous for a loaded CI machine


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
