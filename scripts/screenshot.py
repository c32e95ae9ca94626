"""Screenshot a page of the built site in headless Chromium.

    python -m scripts.screenshot PATH [--width 360] [--selector CSS] [--out FILE]

Serves site/ (build it first with `make build`) on 127.0.0.1, opens PATH
(e.g. interpretations/hs-2018-138-infographic/) at the given width and saves
a full-page PNG, or only the element matching --selector. Uses Debian's
chromium (or $CHROMIUM) through Playwright, which `make test` installs.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="page path under the site, e.g. interpretations/hs-2018-138-infographic/")
    parser.add_argument("--width", type=int, default=360)
    parser.add_argument("--selector", default=None, help="screenshot only this element")
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(args.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{args.path.lstrip('/')}"
    name = args.path.strip("/").replace("/", "-") or "home"
    out = args.out or ROOT / "screenshots" / f"{name}-{args.width}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": args.width, "height": 900}, device_scale_factor=2)
        page.goto(url, wait_until="networkidle")
        if args.selector:
            page.locator(args.selector).first.screenshot(path=str(out))
        else:
            page.screenshot(path=str(out), full_page=True)
        browser.close()
    server.shutdown()
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
