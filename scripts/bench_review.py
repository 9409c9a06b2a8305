"""How fast the review page opens a 20-page PDF (a script, not a test).

    .venv/bin/python scripts/bench_review.py [--runs 5]

Starts `uvicorn api.app:app` on a free loopback port with a fresh data folder, uploads
../shared/samples/long_20pages.pdf, then opens /documents/{id} in headless Chromium
(Debian's, via Playwright) and reports the median time from navigation until the side
panel is filled and the first page image is decoded, cold (no page image cached yet)
and warm (images rendered before and cached on disk).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT.parent / "shared" / "samples" / "long_20pages.pdf"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
READY = ("document.querySelectorAll('button.value').length > 0 && "
         "(document.querySelector('#page-1 img') || {}).complete === true")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "EXTRACTOR_DATA_DIR": tmp}
        server = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.app:app", "--port",
                                   str(port), "--log-level", "warning"], cwd=ROOT, env=env)
        try:
            for _ in range(600):
                try:
                    if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            doc = httpx.post(url + "/v1/documents", params={"wait": "true"}, timeout=300,
                             files={"file": (PDF.name, PDF.read_bytes(), "application/pdf")}
                             ).json()
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                times = {"cold": [], "warm": []}
                for run in range(args.runs + 1):
                    kind = "cold" if run == 0 else "warm"
                    page = browser.new_page(viewport={"width": 1440, "height": 900})
                    t0 = time.perf_counter()
                    page.goto(f"{url}/documents/{doc['id']}")
                    page.wait_for_function(READY, timeout=60_000)
                    times[kind].append(time.perf_counter() - t0)
                    boxes = page.locator(".box").count()
                    page.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(30)
    print(f"{PDF.name}: {doc['pages']} pages, {boxes} value boxes drawn")
    print(f"cold (page 1 rendered on demand): {times['cold'][0] * 1000:.0f} ms")
    print(f"warm (cached page images), median of {args.runs}: "
          f"{statistics.median(times['warm']) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
